import { defineConfig } from "vitest/config";

// `npm run test:e2e`: the install tests (*.e2e.test.ts). They install packages from the npm
// registry (the local cache first, bounded retries) into temporary projects, so they run one
// file at a time, with long but finite time limits; .ci/run gives the whole run its own limit.
export default defineConfig({
  test: {
    include: ["test/**/*.e2e.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    setupFiles: ["test/setup-child-timeouts.ts"],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 1_200_000,
  },
});
