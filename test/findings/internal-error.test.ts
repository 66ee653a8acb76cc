/**
 * A rule that throws reports an `internal-error` problem of its own (issue 11 item 7):
 * in a plain ESLint run (the host editors use), through the CLI's engine, and in
 * every output format; once per file, with the rule id and a one-line, redacted cause.
 * These run the production path: nothing rethrows under the test runner.
 */
import path from "node:path";
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import { describe, expect, it } from "vitest";
import { findingsOf } from "../../src/findings/model.js";
import { render } from "../../src/report/index.js";
import type { ReportData } from "../../src/report/model.js";
import { INTERNAL_ERROR, createRule } from "../../src/util/create-rule.js";
import { APPS } from "../helpers.js";

const SECRET = "sk_live_4fQmZ8rT2xWv9LpK3nBc7YhD";

/** A rule built like every clerk-guard rule (util/create-rule.ts), around `create`. */
function testRule(name: string, create: () => Record<string, () => void>) {
  return createRule({
    name,
    meta: {
      type: "problem",
      docs: { description: "test rule", config: "all", severity: "high", versions: "all", fix: "none" },
      messages: { found: "found" },
      schema: [],
      defaultOptions: [],
    },
    create,
  });
}

/** A bug on the second identifier it meets. */
const crashing = testRule("crashing-rule", () => {
  let seen = 0;
  return {
    Identifier() {
      if (++seen >= 2) throw new TypeError(`cannot read the key ${SECRET}\n    at somewhere (file.js:1:1)`);
    },
  };
});

/** A bug before any listener exists. */
const crashingInCreate = testRule("crashing-create", () => {
  throw new RangeError("bad setup");
});

function eslint(code: string) {
  const linter = new Linter({ configType: "flat" });
  return linter.verify(
    code,
    [
      {
        files: ["**/*.ts"],
        languageOptions: { parser: tsParser as unknown as Linter.Parser },
        plugins: { t: { rules: { "crashing-rule": crashing, "crashing-create": crashingInCreate } as never } },
        rules: { "t/crashing-rule": "error", "t/crashing-create": "warn" },
      },
    ],
    { filename: path.join(APPS, "core3-clean", "src", "lib", "x.ts") },
  );
}

describe("a rule that throws", () => {
  it("reports one internalError problem per file in a plain ESLint run, with the rule id and a redacted one-line cause", () => {
    const messages = eslint("const a = b + c + d;\n");
    expect(messages.map((m) => [m.ruleId, m.messageId, m.severity, m.line, m.column])).toEqual([
      ["t/crashing-create", INTERNAL_ERROR, 1, 1, 1],
      ["t/crashing-rule", INTERNAL_ERROR, 2, 1, 11],
    ]);
    const [create, listener] = messages;
    expect(create!.message).toBe("clerk-guard/crashing-create crashed on this file (RangeError: bad setup), so its checks did not run here. Please report it to clerk-guard.");
    expect(listener!.message).toBe("clerk-guard/crashing-rule crashed on this file (TypeError: cannot read the key sk_live_4fQm…), so its checks did not run here. Please report it to clerk-guard.");
    expect(listener!.message).not.toContain("\n");
  });

  it("becomes an internal-error finding in the CLI, critical, and reaches every format", () => {
    const text = "const a = b + c + d;\n";
    const filePath = "/project/src/lib/x.ts";
    const findings = findingsOf(
      eslint(text).map((m) => ({ ...m, ruleId: `clerk-guard/${m.ruleId!.slice(2)}` })),
      { filePath, relPath: "src/lib/x.ts", text },
    );
    expect(findings.map((f) => [f.ruleId, f.ruleSeverity, f.level])).toEqual([
      ["internal-error", "critical", "warning"],
      ["internal-error", "critical", "error"],
    ]);
    const data: ReportData = {
      mode: "check",
      tool: { name: "clerk-guard", version: "0", rulesetHash: "0" },
      root: "/project",
      cwd: "/project",
      files: [filePath],
      findings: findings.map((f) => ({ ...f, isNew: true, inDiff: null })),
      suppressed: new Map(),
      fixed: [],
      baselined: 0,
      outOfScope: 0,
      notes: [],
    };
    for (const format of ["stylish", "json", "sarif", "github", "summary-md", "report"] as const) {
      const out = render(format, data, false);
      expect(out, format).toMatch(/internal-error/);
      expect(out, format).toMatch(/crashing-rule crashed on this file/);
      expect(out, format).not.toContain(SECRET);
    }
  });
});
