/**
 * oxlint as a host: the shipped `oxlint/all.json` run by the oxlint CLI reports exactly what
 * ESLint reports with `configs.all` on every fixture app: same files, rules, positions, messages
 * and severities. Runs in `npm test` (oxlint's CLI runs on Node.js 20) and again in `.ci/run`'s
 * oxlint job on Node.js 22.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { APPS, REPO } from "../helpers.js";
import { type Finding, runOxlint, sortFindings } from "./run-oxlint.js";

const apps = fs.readdirSync(APPS).filter((name) => fs.statSync(path.join(APPS, name)).isDirectory());

let dir: string;
let config: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-oxlint-apps-"));
  config = path.join(dir, ".oxlintrc.json");
  // the shipped config, and none of oxlint's own rules
  fs.writeFileSync(config, JSON.stringify({ extends: [path.join(REPO, "oxlint", "all.json")], plugins: [], categories: { correctness: "off" } }));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function eslintFindings(app: string): Promise<{ files: string[]; findings: Finding[] }> {
  const eslint = new ESLint({
    cwd: app,
    overrideConfigFile: true,
    overrideConfig: [
      plugin.configs.all as unknown as Linter.Config,
      // oxlint does not report unused disable directives unless asked
      { linterOptions: { reportUnusedDisableDirectives: "off" } },
    ],
  });
  const results = await eslint.lintFiles(["."]);
  const findings = results.flatMap((r) =>
    // a disable comment for a rule neither run loads (eslint-config-next's) is ESLint's note, not a finding
    r.messages.filter((m) => !/^Definition for rule '[^']+' was not found\.$/.test(m.message)).map((m): Finding => ({ file: r.filePath, ruleId: m.ruleId ?? "(parse)", severity: m.severity, line: m.line, column: m.column, endLine: m.endLine ?? m.line, endColumn: m.endColumn ?? m.column, message: m.message })),
  );
  return { files: results.map((r) => r.filePath), findings: sortFindings(findings) };
}

describe.each(apps)("fixtures/apps/%s", (name) => {
  it("oxlint with clerk-guard/oxlint/all.json reports what ESLint with configs.all reports", async () => {
    const app = path.join(APPS, name);
    const expected = await eslintFindings(app);
    expect(expected.files.length).toBeGreaterThan(5);
    const run = runOxlint(app, config, expected.files.map((f) => path.relative(app, f)));
    expect(run.stderr).toBe("");
    expect(run.files).toBe(expected.files.length);
    expect(run.findings).toEqual(expected.findings);
    expect(run.status).toBe(expected.findings.some((f) => f.severity === 2) ? 1 : 0);
  });
});

it("the fixture apps hold findings of most rules (the comparison is not of empty reports)", async () => {
  const rules = new Set<string>();
  for (const name of apps) for (const f of (await eslintFindings(path.join(APPS, name))).findings) rules.add(f.ruleId);
  expect(rules.size).toBeGreaterThanOrEqual(15);
});
