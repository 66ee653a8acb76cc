import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../src/rules/index.js";
import { runCli } from "../cli-run.js";
import { REPO } from "../helpers.js";

describe("clerk-guard explain", () => {
  it("prints rules/<id>.md verbatim, with or without the clerk-guard/ prefix", () => {
    const doc = fs.readFileSync(path.join(REPO, "rules", "await-auth.md"), "utf8");
    for (const id of ["await-auth", "clerk-guard/await-auth"]) {
      const run = runCli(["explain", id]);
      expect(run).toEqual({ status: 0, stdout: doc.endsWith("\n") ? doc : doc + "\n", stderr: "" });
    }
  });

  it("has a doc for every rule id (explain falls back to the rule's metadata otherwise)", () => {
    for (const id of Object.keys(rules)) {
      expect(fs.readFileSync(path.join(REPO, "rules", `${id}.md`), "utf8").startsWith(`# ${id}\n`)).toBe(true);
    }
  });

  it("lists the rules", () => {
    const run = runCli(["explain", "--list"]);
    expect(run.status).toBe(0);
    const ids = run.stdout.trim().split("\n").map((l) => l.split(/\s+/)[0]);
    expect(ids).toEqual(Object.keys(rules).sort());
  });

  it("exits 2 with a suggestion on an unknown rule, and on a missing id", () => {
    const run = runCli(["explain", "await-auht"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toBe("clerk-guard: unknown rule 'await-auht' (did you mean await-auth?); clerk-guard explain --list shows every rule\n");
    const missing = runCli(["explain"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe("clerk-guard: missing rule id (clerk-guard explain --list shows them)\n");
  });
});
