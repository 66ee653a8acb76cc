/**
 * Temporary directories for tests, removed when the test file ends (an afterAll
 * hook registered on the importing file's suite), so a run of the suite leaves
 * nothing of ours in the temp folder.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty directory under the temp folder (its real path), removed after the file's tests. */
export function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** A temporary project: `files` (relative path → content) written under a new directory. */
export function tempProject(files: Record<string, string | Buffer>, prefix = "clerk-guard-cli-"): string {
  const dir = tempDir(prefix);
  for (const [rel, content] of Object.entries(files)) {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, content);
  }
  return dir;
}
