/**
 * Render a run in the requested formats and write each to its destination:
 * a file (`-f sarif=out.sarif`), $GITHUB_STEP_SUMMARY (summary-md in GitHub
 * Actions) or stdout. Several formats may share stdout; they are written in
 * the order given. A file inside the project is never written through a link
 * (findings/safe-io.ts).
 */
import fs from "node:fs";
import path from "node:path";
import type { ReportData } from "./model.js";
import { toLintResults } from "./eslint.js";
import { formatStylish } from "./stylish.js";
import { formatSarif } from "./sarif.js";
import { formatGithub } from "./github.js";
import { formatSummaryMd } from "./summary-md.js";
import { formatReport } from "./report.js";
import { explainScore } from "../findings/score.js";
import { writeInside } from "../findings/safe-io.js";
import { terminalText } from "./escape.js";
import { redact, redactDeep } from "./redact.js";
import type { FormatName, FormatSpec } from "./names.js";

export type { FormatName, FormatSpec } from "./names.js";

const safe = (s: string) => terminalText(redact(s));

function textReport(data: ReportData, color: boolean): string {
  let out = formatStylish(toLintResults(data), data.cwd, color);
  if (data.mode === "ci" && data.score && data.gate) {
    const c = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
    const s = data.score;
    const lines = [
      "",
      c("1", `clerk-guard ci: score ${s.score}/100, grade ${s.grade} (model ${s.model}, scope ${data.scope})`),
      `  ${data.findings.filter((f) => f.ruleId !== "parse-error").length} scored, ${data.fixed.length} fixed, ${data.outOfScope + data.baselined} pre-existing or out of scope; ${data.changedFiles ?? 0} files changed, L = ${s.changedLines}`,
      `  ${explainScore(s)}`,
    ];
    for (const t of s.topContributors) lines.push(`  ${String(t.points).padStart(4)} pts  ${t.ruleId} (${t.severity}) × ${t.count} in ${safe(t.relPath)}`);
    if (data.fixed.length) lines.push(`  fixed: ${data.fixed.map((f) => `${f.ruleId} in ${safe(f.relPath)}`).join(", ")}`);
    for (const note of data.notes) lines.push(`  note: ${safe(note)}`);
    lines.push(data.gate.passed ? c("32;1", "  ✔ gate passed") : c("31;1", `  ✖ gate failed: ${data.gate.reasons.map(safe).join("; ")}`));
    out += lines.join("\n") + "\n";
  }
  return out;
}

export function render(name: FormatName, data: ReportData, color: boolean): string {
  switch (name) {
    case "stylish":
      return textReport(data, color);
    case "json":
      return JSON.stringify(redactDeep(toLintResults(data))) + "\n";
    case "sarif":
      return formatSarif(data);
    case "github":
      return formatGithub(data);
    case "summary-md":
      return formatSummaryMd(data);
    case "report":
      return formatReport(data);
  }
}

export interface WriteOptions {
  cwd: string;
  /** Colors for stylish on stdout. */
  color: boolean;
  env?: NodeJS.ProcessEnv;
  /** The project: files inside it are never written through a symbolic link. */
  root: string;
}

/** Render and write every spec. Returns the text meant for stdout (the caller writes it once). */
export function writeOutputs(specs: readonly FormatSpec[], data: ReportData, options: WriteOptions): string {
  const env = options.env ?? process.env;
  let stdout = "";
  for (const spec of specs) {
    if (spec.path) {
      writeInside(options.root, path.resolve(options.cwd, spec.path), render(spec.name, data, false));
    } else if (spec.name === "summary-md" && env.GITHUB_STEP_SUMMARY) {
      fs.appendFileSync(env.GITHUB_STEP_SUMMARY, render(spec.name, data, false));
    } else {
      stdout += render(spec.name, data, options.color && spec.name === "stylish");
    }
  }
  return stdout;
}
