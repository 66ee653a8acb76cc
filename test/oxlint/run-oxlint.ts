/**
 * Run the oxlint CLI (the devDependency, with the Node.js running the tests) with one explicit
 * config, and read its JSON output as findings in ESLint's terms (file, rule, 1-based line and
 * column, end, message, severity), so they compare with ESLint's messages as they are.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { REPO } from "../helpers.js";

export const OXLINT_BIN = path.join(REPO, "node_modules", "oxlint", "bin", "oxlint");

export interface Finding {
  file: string;
  ruleId: string;
  severity: 1 | 2;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

interface OxlintDiagnostic {
  message: string;
  code: string;
  severity: "error" | "warning";
  filename: string;
  labels: Array<{ span: { offset: number; length: number; line: number; column: number } }>;
}

/** 1-based line and column of a UTF-8 byte offset (oxlint's spans) in a file's text. */
function position(text: string, byteOffset: number): { line: number; column: number } {
  const index = Buffer.from(text, "utf8").subarray(0, byteOffset).toString("utf8").length;
  const before = text.slice(0, index);
  const line = before.split("\n").length;
  return { line, column: index - (before.lastIndexOf("\n") + 1) + 1 };
}

export interface OxlintRun {
  status: number | null;
  stderr: string;
  files: number;
  findings: Finding[];
}

/** `oxlint -c <config> -f json <paths…>` in `cwd`; findings sorted as `sortFindings` does. */
export function runOxlint(cwd: string, config: string, paths: string[] = ["."]): OxlintRun {
  const r = spawnSync(process.execPath, [OXLINT_BIN, "-c", config, "-f", "json", ...paths], { cwd, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  let report: { diagnostics: OxlintDiagnostic[]; number_of_files: number };
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`oxlint printed no JSON report (exit ${r.status}): ${r.stderr.slice(0, 2000)}${r.stdout.slice(0, 2000)}`);
  }
  const findings = report.diagnostics.map((d): Finding => {
    const file = path.resolve(cwd, d.filename);
    const text = fs.readFileSync(file, "utf8");
    const span = d.labels[0]!.span;
    const end = position(text, span.offset + span.length);
    return {
      file,
      ruleId: d.code.replace(/^(.*)\((.*)\)$/, "$1/$2"),
      severity: d.severity === "error" ? 2 : 1,
      line: span.line,
      column: span.column,
      endLine: end.line,
      endColumn: end.column,
      message: d.message,
    };
  });
  return { status: r.status, stderr: r.stderr, files: report.number_of_files, findings: sortFindings(findings) };
}

export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId) || a.message.localeCompare(b.message));
}
