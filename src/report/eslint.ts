/**
 * The ESLint shapes, built only here at the edge: `check --format json` prints
 * ESLint's LintResult[] (users' tooling reads it) and `stylish` is ESLint's
 * layout. Everything upstream works on findings.
 */
import type { Finding } from "../findings/model.js";
import type { ReportData } from "./model.js";
import { byLocation } from "./model.js";

export interface LintMessage {
  ruleId: string | null;
  fatal?: true;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  messageId?: string;
  endLine?: number;
  endColumn?: number;
  fix?: Finding["fix"];
  suggestions?: Finding["suggestions"];
  suppressions?: Finding["suppressions"];
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  usedDeprecatedRules: [];
}

/** ESLint's message for a finding, with its fields in ESLint's order. */
export function toLintMessage(f: Finding): LintMessage {
  const m: LintMessage = { ruleId: f.ruleId === "parse-error" ? null : `clerk-guard/${f.ruleId}` } as LintMessage;
  if (f.fatal) m.fatal = true;
  m.severity = f.level === "error" ? 2 : 1;
  m.message = f.message;
  m.line = f.line;
  m.column = f.column;
  if (f.messageId !== undefined) m.messageId = f.messageId;
  if (f.endLine !== undefined) m.endLine = f.endLine;
  if (f.endColumn !== undefined) m.endColumn = f.endColumn;
  if (f.fix) m.fix = f.fix;
  if (f.suggestions) m.suggestions = f.suggestions;
  if (f.suppressions) m.suppressions = f.suppressions;
  return m;
}

/** A LintResult for `messages`, with ESLint's counters. */
export function resultFor(filePath: string, messages: LintMessage[], suppressedMessages: LintMessage[] = []): LintResult {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) {
      errorCount++;
      if (m.fatal) fatalErrorCount++;
      if (m.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix) fixableWarningCount++;
    }
  }
  return { filePath, messages, suppressedMessages, errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount, usedDeprecatedRules: [] };
}

/** ESLint-shaped results: one per linted file (reported findings only), in the run's file order. Not redacted. */
export function toLintResults(data: ReportData): LintResult[] {
  const byFile = new Map<string, LintMessage[]>();
  for (const file of data.files) byFile.set(file, []);
  for (const f of [...data.findings].sort(byLocation)) {
    const list = byFile.get(f.filePath) ?? [];
    list.push(toLintMessage(f));
    byFile.set(f.filePath, list);
  }
  const results: LintResult[] = [];
  for (const [filePath, messages] of byFile) results.push(resultFor(filePath, messages, (data.suppressed.get(filePath) ?? []).map(toLintMessage)));
  return results;
}
