/**
 * The README's pre-commit set-ups through the real tools (husky, simple-git-hooks, lefthook,
 * lint-staged, the pre-commit framework's remote form from a release tag and its `repo: local`
 * form), each in a fresh project that installs the packed package: a planted anti-pattern is
 * refused, a clean file and a README change pass. scripts/bench-pre-commit.mjs does the work
 * (it also times README-only commits for the README; timings are not asserted here).
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, expect, it } from "vitest";
import { REPO } from "../helpers.js";
import { sh, tempDir, which } from "./install-helpers.js";

interface SetupResult {
  name: string;
  skipped?: string;
  readmeOk?: boolean;
  cleanOk?: boolean;
  cleanOutput?: string;
  badBlocked?: boolean;
  badOutput?: string;
}

let results: SetupResult[];

beforeAll(() => {
  const out = path.join(tempDir("clerk-guard-pre-commit-report-"), "results.json");
  const r = sh(process.execPath, [path.join(REPO, "scripts", "bench-pre-commit.mjs"), "--runs", "1", "--json", out], { cwd: REPO, timeout: 1_200_000 });
  expect(fs.existsSync(out), `${r.stdout}\n${r.stderr}`).toBe(true);
  results = JSON.parse(fs.readFileSync(out, "utf8")) as SetupResult[];
}, 1_300_000);

const NAMES = ["husky", "husky (npx)", "simple-git-hooks", "lefthook", "lint-staged", "pre-commit (remote, release tag)", "pre-commit (repo: local)"];

it("runs every set-up of the README", () => {
  expect(results.map((r) => r.name)).toEqual(NAMES);
});

it.each(NAMES)("%s: refuses the anti-pattern, passes a clean file and a README change", (name) => {
  const r = results.find((x) => x.name === name)!;
  if (r.skipped) {
    // the pre-commit framework is a Python tool (Debian: apt-get install pre-commit); .ci/run installs it
    expect(process.env.CI, `${name} was not run in CI: ${r.skipped}`).not.toBe("true");
    expect(which("pre-commit")).toBeUndefined();
    return;
  }
  expect(r.badBlocked, r.badOutput).toBe(true);
  expect(r.cleanOk, r.cleanOutput).toBe(true);
  expect(r.readmeOk).toBe(true);
});
