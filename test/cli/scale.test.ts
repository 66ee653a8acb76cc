/**
 * A large project completes (issue 12 item 9): 10,000 generated files through
 * `check`, with the V8 heap capped at 1.5 GB, where each file's AST and text
 * used to be kept to the end of the run (5,000 files took 3 GB, 8,000 crashed).
 * Not timed: timings belong in `npm run bench`.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";
import { REPO } from "../helpers.js";
import { tempDir } from "../temp.js";

describe("a 10,000-file app", () => {
  it("completes check with a bounded heap", async () => {
    const { generateApp } = (await import(path.join(REPO, "scripts", "gen-app.mjs") as string)) as { generateApp: (dir: string, files: number) => string[] };
    const dir = tempDir("clerk-guard-scale-");
    const files = generateApp(dir, 10_000);
    expect(files).toHaveLength(10_000);
    const run = runCli(["check", ".", "-f", "summary-md"], { cwd: dir, env: { NODE_OPTIONS: "--max-old-space-size=1536" }, timeoutMs: 1_800_000 });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1); // the generated app holds every anti-pattern
    expect(run.stdout).toMatch(/^## clerk-guard: \d+ findings .*\n\n10000 files checked\./);
  }, 1_900_000);
});
