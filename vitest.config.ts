import { defineConfig } from "vitest/config";

// `npm test`: every test that runs offline. Tests that install packages from the npm
// registry (*.e2e.test.ts) run with `npm run test:e2e` (vitest.e2e.config.ts).
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    exclude: ["test/**/*.e2e.test.ts", "**/node_modules/**"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-child-timeouts.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
