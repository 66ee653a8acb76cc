import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// `.ci/run`'s oxlint job (Node.js >= 22, which oxlint's RuleTester needs): every rule's RuleTester
// suite under test/rules, run by oxlint's RuleTester in place of typescript-eslint's, and the
// comparison of oxlint's findings with ESLint's on every fixture app (test/oxlint/).
export default defineConfig({
  resolve: {
    alias: { "@typescript-eslint/rule-tester": fileURLToPath(new URL("./test/oxlint/rule-tester.ts", import.meta.url)) },
  },
  test: {
    include: ["test/rules/**/*.test.ts", "test/oxlint/**/*.test.ts"],
    exclude: ["test/**/*.e2e.test.ts", "**/node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-child-timeouts.ts"],
    env: { CLERK_GUARD_RULE_TESTER: "oxlint" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
