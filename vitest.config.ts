import { defineConfig } from "vitest/config";

// `npm test`: every test that runs offline. Tests that install packages from the npm
// registry (*.e2e.test.ts) run with `npm run test:e2e` (vitest.e2e.config.ts).
// The rule suites run twice: with @typescript-eslint/parser (what ESLint users have) and
// with the CLI engine's oxc-parser adapter (src/engine/fast-parser.ts, see test/helpers.ts).
export default defineConfig({
  test: {
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-child-timeouts.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      {
        extends: true,
        test: {
          name: "main",
          include: ["test/**/*.test.ts"],
          exclude: ["test/**/*.e2e.test.ts", "**/node_modules/**"],
        },
      },
      {
        extends: true,
        test: {
          name: "rules-cli-parser",
          include: ["test/rules/**/*.test.ts", "test/stacks/**/*.test.ts"],
          exclude: ["**/node_modules/**"],
          env: { CLERK_GUARD_RULE_PARSER: "cli" },
        },
      },
    ],
  },
});
