/**
 * What every output format renders: the findings of one run (check or ci) in
 * the one finding model, plus the score and gate in CI. Formats are pure
 * functions of this; every string they emit is redacted (redact.ts) and, in the
 * human formats, escaped (escape.ts).
 */
import path from "node:path";
import type { Finding } from "../findings/model.js";
import type { Gate, Score } from "../findings/score.js";
import { severityRank } from "../findings/meta-rules.js";

export type Scope = "new" | "lines" | "files" | "all";

export interface ReportFinding extends Finding {
  /** Absent at base (ci) / not in the baseline (check). */
  isNew: boolean;
  /** On an added or modified line of the diff; null when there is no diff (check). */
  inDiff: boolean | null;
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
  /** Findings suppressed by eslint-disable comments, per absolute file (json only; never reported). */
  suppressed: Map<string, Finding[]>;
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
  links?: { serverUrl: string; repository: string; sha: string; branch?: string };
  notes: string[];
}

/** Most severe first, then level, then in-diff first, then position. */
export function bySeverity(a: ReportFinding, b: ReportFinding): number {
  return (
    severityRank(b.ruleSeverity) - severityRank(a.ruleSeverity) ||
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
