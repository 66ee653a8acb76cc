/**
 * Evals graded without a model: every case in evals/<id>/ ships a known-good and a known-bad
 * reference solution, and the grader must pass the first and fail the second on exactly the
 * checks the bad one declares. References are overlays on the case's scaffold (plus files to
 * delete), materialized inside the repository so the type check sees the installed SDK types.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Grade, formatEval, gradeSolution, listCases } from "../src/cli/eval.js";
import { REPO } from "./helpers.js";

const EVALS = path.join(REPO, "evals");
const WORK = path.join(REPO, ".cache", "evals");
const cases = fs.readdirSync(EVALS).filter((d) => fs.existsSync(path.join(EVALS, d, "grade.json"))).sort();

interface RefMeta {
  delete?: string[];
  fails?: string[];
}

let n = 0;
/** scaffold + references/<ref>/ − references/<ref>.json's `delete`, in a fresh directory. */
function materialize(id: string, ref: "good" | "bad"): { dir: string; meta: RefMeta } {
  const dir = path.join(WORK, `${id}-${ref}-${process.pid}-${n++}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync(path.join(EVALS, id, "scaffold"), dir, { recursive: true });
  fs.cpSync(path.join(EVALS, id, "references", ref), dir, { recursive: true });
  const meta = JSON.parse(fs.readFileSync(path.join(EVALS, id, "references", `${ref}.json`), "utf8")) as RefMeta;
  for (const f of meta.delete ?? []) fs.rmSync(path.join(dir, f));
  return { dir, meta };
}

afterAll(() => {
  fs.rmSync(WORK, { recursive: true, force: true });
});

describe("eval cases", () => {
  it("there are at least 10, each with a prompt, a pinned scaffold, a grade and two references", () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
    for (const id of cases) {
      for (const f of ["prompt.md", "grade.json", "scaffold/package.json", "references/good.json", "references/bad.json"]) {
        expect(fs.existsSync(path.join(EVALS, id, f)), `${id}/${f}`).toBe(true);
      }
      const pkg = JSON.parse(fs.readFileSync(path.join(EVALS, id, "scaffold", "package.json"), "utf8")) as Record<string, Record<string, string> | undefined>;
      const ranges = Object.entries({ ...pkg.dependencies, ...pkg.devDependencies }).filter(([, v]) => !/^\d+\.\d+\.\d+$/.test(v));
      expect(ranges, `${id}: scaffold versions must be pinned`).toEqual([]);
      const grade = JSON.parse(fs.readFileSync(path.join(EVALS, id, "grade.json"), "utf8")) as Grade;
      const ids = grade.checks.map((c) => c.id);
      expect(new Set(ids).size, `${id}: check ids are unique`).toBe(ids.length);
      expect(ids.length, `${id}: at least three checks`).toBeGreaterThanOrEqual(3);
      const bad = JSON.parse(fs.readFileSync(path.join(EVALS, id, "references", "bad.json"), "utf8")) as RefMeta;
      expect(bad.fails?.length, `${id}: the bad reference names the checks it fails`).toBeGreaterThan(0);
      for (const f of bad.fails ?? []) expect(ids, `${id}: bad.json names unknown check ${f}`).toContain(f);
    }
  });

  it("--list names every case", () => {
    expect(listCases().map((c) => c.id)).toEqual(cases);
  });
});

describe.each(cases)("eval %s", (id) => {
  it("passes the known-good reference on every check", async () => {
    const { dir } = materialize(id, "good");
    const result = await gradeSolution(dir, id);
    expect(result.checks.filter((c) => !c.passed).map((c) => c.id), formatEval(result)).toEqual([]);
    expect(result.passed).toBe(true);
  }, 120_000);

  it("fails the known-bad reference on exactly the checks it declares", async () => {
    const { dir, meta } = materialize(id, "bad");
    const result = await gradeSolution(dir, id);
    expect(result.passed).toBe(false);
    expect(result.checks.filter((c) => !c.passed).map((c) => c.id).sort(), formatEval(result)).toEqual([...(meta.fails ?? [])].sort());
    for (const c of result.checks.filter((x) => !x.passed)) expect(c.details.length, `${c.id} explains its failure`).toBeGreaterThan(0);
  }, 120_000);
});

describe("npx clerk-guard eval", () => {
  const bin = path.join(REPO, "bin", "clerk-guard.js");
  const run = (args: string[]) => spawnSync(process.execPath, [bin, "eval", ...args], { encoding: "utf8", timeout: 120_000, cwd: REPO });

  it("prints each check and exits 0 on a good solution, 1 on a bad one", () => {
    const good = materialize("webhook-user-sync", "good");
    const ok = run([good.dir, "--case", "webhook-user-sync"]);
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("✓ verify");
    expect(ok.stdout).toMatch(/(\d+)\/\1 checks passed/);

    const bad = materialize("webhook-user-sync", "bad");
    const ko = run([bad.dir, "--case", "webhook-user-sync", "--json"]);
    expect(ko.status, ko.stderr).toBe(1);
    const json = JSON.parse(ko.stdout) as { passed: boolean; checks: Array<{ id: string; passed: boolean }> };
    expect(json.passed).toBe(false);
    expect(json.checks.find((c) => c.id === "verify")?.passed).toBe(false);
  }, 240_000);

  it("answers usage errors with one line and exit code 2", () => {
    const unknown = run([REPO, "--case", "no-such-case"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim()).toBe("clerk-guard: unknown case 'no-such-case' (try --list)");
    const noCase = run([REPO]);
    expect(noCase.status).toBe(2);
    expect(noCase.stderr).toContain("--case <id> is required");
    const missing = run([path.join(REPO, "no-such-dir"), "--case", "webhook-user-sync"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain("not a directory");
  }, 60_000);

  it("--list prints one line per case", () => {
    const list = run(["--list"]);
    expect(list.status).toBe(0);
    expect(list.stdout.trim().split("\n").map((l) => l.split(/\s+/)[0])).toEqual(cases);
  }, 60_000);
});
