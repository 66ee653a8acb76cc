/**
 * What every output format renders: the findings of one run (check or ci) in
 * the one finding model, plus the score and gate in CI. Formats are pure
 * functions of this; secrets are redacted by each format through redact.ts.
 */
import path from "node:path";
import { type LintMessage, type LintResult, resultFor } from "../engine/lint.js";
import type { Finding } from "../findings/model.js";
import type { Gate, Score } from "../findings/score.js";
import { severityRank } from "../findings/meta-rules.js";
import { redactMessage } from "./redact.js";

export type Scope = "new" | "lines" | "files" | "all";

export interface ReportFinding extends Finding {
  /** Absent at base (ci) / not in the baseline (check). */
  isNew: boolean;
  /** On an added or modified line of the diff; null when there is no diff (check). */
  inDiff: boolean | null;
  /** The engine's message (absent for the anti-gaming checks, which are not ESLint rules). */
  lintMessage?: LintMessage;
}

export interface RefInfo {
  ref: string;
  sha: string;
}

export interface ReportData {
  mode: "check" | "ci";
  tool: { name: string; version: string; rulesetHash: string };
  /** Absolute root that finding paths are relative to (repository root in git). */
  root: string;
  cwd: string;
  /** Every linted file (absolute), for ESLint-shaped outputs. */
  files: string[];
  /** What this run reports (after scope, baseline and --quiet). */
  findings: ReportFinding[];
  /** Messages suppressed by eslint-disable comments, per absolute file (json only; never results). */
  suppressed: Map<string, LintMessage[]>;
  /** ci: findings present at base and gone at head (credited, not scored). */
  fixed: Finding[];
  /** Findings hidden because the baseline accepts them. */
  baselined: number;
  /** ci: head findings outside the scope (pre-existing debt), not scored. */
  outOfScope: number;
  scope?: Scope;
  score?: Score;
  gate?: Gate;
  base?: RefInfo & { mergeBase: string };
  head?: RefInfo;
  /** ci: files changed by the pull request (head paths). */
  changedFiles?: number;
  /** For links to https://github.com/<repo>/blob/<sha>/<path>#L1. */
  links?: { serverUrl: string; repository: string; sha: string };
  notes: string[];
}

/** Most severe first, then level, then in-diff first, then position. */
export function bySeverity(a: ReportFinding, b: ReportFinding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    (a.level === b.level ? 0 : a.level === "error" ? -1 : 1) ||
    Number(b.inDiff === true) - Number(a.inDiff === true) ||
    a.relPath.localeCompare(b.relPath) ||
    a.line - b.line ||
    a.column - b.column
  );
}

export function byLocation(a: ReportFinding, b: ReportFinding): number {
  return a.relPath.localeCompare(b.relPath) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId);
}

/** The ESLint message for a finding (synthesized for anti-gaming findings). */
export function messageOf(f: ReportFinding): LintMessage {
  if (f.lintMessage) return f.lintMessage;
  return {
    ruleId: `clerk-guard/${f.ruleId}`,
    severity: f.level === "error" ? 2 : 1,
    message: f.message,
    line: f.line,
    column: f.column,
    ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
    ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
  };
}

/** ESLint-shaped results (one per linted file, reported messages only), secrets redacted. */
export function toLintResults(data: ReportData): LintResult[] {
  const byFile = new Map<string, LintMessage[]>();
  for (const file of data.files) byFile.set(file, []);
  for (const f of [...data.findings].sort(byLocation)) {
    const list = byFile.get(f.filePath) ?? [];
    list.push(redactMessage(messageOf(f)));
    byFile.set(f.filePath, list);
  }
  const results: LintResult[] = [];
  for (const [filePath, messages] of byFile) {
    results.push(resultFor(filePath, messages, (data.suppressed.get(filePath) ?? []).map(redactMessage)));
  }
  return results;
}

/** Link to a finding on the forge when known (GitHub Actions), else undefined. */
export function lineLink(data: ReportData, f: Pick<ReportFinding, "relPath" | "line" | "endLine">): string | undefined {
  if (!data.links) return undefined;
  const { serverUrl, repository, sha } = data.links;
  // parentheses too (Next.js route groups), so markdown link targets never end early
  const p = f.relPath.split("/").map((seg) => encodeURIComponent(seg).replace(/\(/g, "%28").replace(/\)/g, "%29")).join("/");
  const range = f.endLine && f.endLine !== f.line ? `#L${f.line}-L${f.endLine}` : `#L${f.line}`;
  return `${serverUrl.replace(/\/$/, "")}/${repository}/blob/${sha}/${p}${range}`;
}

export function displayPath(data: ReportData, f: Pick<ReportFinding, "filePath" | "relPath">): string {
  const fromCwd = path.relative(data.cwd, f.filePath);
  return fromCwd && !fromCwd.startsWith("..") ? fromCwd.split(path.sep).join("/") : f.relPath;
}
