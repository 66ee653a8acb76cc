/**
 * Every test run gets a temp folder of its own: TMPDIR points into it for the test
 * workers and every process they start (the CLI, `ci`'s scratch trees, git, npm), and
 * it is removed when the run ends, so the suite leaves nothing in the system temp
 * folder, even when a test fails before its own cleanup or a child process is killed.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export default function setup(): () => void {
  // vitest.config.ts has two projects, each running this: the first one's folder serves both
  if (process.env.CLERK_GUARD_TEST_TMP) return () => undefined;
  const parent = os.tmpdir();
  const dir = fs.mkdtempSync(path.join(parent, "clerk-guard-tests-"));
  const previous = { TMPDIR: process.env.TMPDIR, TMP: process.env.TMP, TEMP: process.env.TEMP };
  process.env.TMPDIR = process.env.TMP = process.env.TEMP = process.env.CLERK_GUARD_TEST_TMP = dir;
  return () => {
    delete process.env.CLERK_GUARD_TEST_TMP;
    const left = fs.readdirSync(dir);
    if (left.length > 0 && process.env.CLERK_GUARD_TEST_TMP_REPORT === "1") {
      process.stdout.write(`test temp folder: ${left.length} entries left by tests (removed): ${left.join(", ")}\n`);
    }
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
    for (const [key, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}
