/**
 * The one finding model. The engine turns each ESLint message into a Finding
 * while the file's text and AST are still at hand; from then on every surface
 * (the result cache, PR scoring, baselines, the Claude Code hook, every output
 * format) works on findings only. ESLint's message shape is rebuilt at the
 * `json`/`stylish` edge (src/report/eslint.ts).
 *
 * fingerprint = sha256(ruleId + "\0" + relative file path + "\0" + enclosing function
 *               name chain + "\0" + normalized source of the reported range + "\0" + occurrence)
 * - normalized: whitespace runs collapsed, so re-indenting does not create a "new" finding;
 * - occurrence: the n-th identical (rule, path, function, code) tuple in the file, so two
 *   identical findings in one function stay distinct and stable.
 */
import { createHash } from "node:crypto";
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, functionName, isFunction, walk } from "../analysis/ast.js";
import { INTERNAL_ERROR, STALE_EXAMPLE, type Severity } from "../util/create-rule.js";
import { ruleDocs, ruleInfo } from "./meta-rules.js";

/** An ESLint fix: replace `range` of the linted text with `text`. */
export interface Fix {
  range: [number, number];
  text: string;
}

/** An ESLint suggestion, as the rule gave it. */
export interface Suggestion {
  messageId?: string;
  desc: string;
  fix: Fix;
  data?: Record<string, unknown>;
}

export interface Finding {
  /**
   * Without the "clerk-guard/" prefix: a rule id, or one of the findings that are
   * not ESLint rules (meta-rules.ts): parse-error, internal-error, not-analyzed,
   * unexplained-disable, rules-turned-off.
   */
  ruleId: string;
  messageId?: string;
  level: "error" | "warning";
  /** The rule's weight class (docs.severity), used by the score and SARIF. */
  ruleSeverity: Severity;
  message: string;
  /** Absolute path. */
  filePath: string;
  /** Path relative to the project / repository root, forward slashes. */
  relPath: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  /** Enclosing function chain, e.g. "POST" or "Page > handleSubmit"; "" at module level. */
  enclosingFunction: string;
  fingerprint: string;
  /** Whitespace-normalized source of the reported range: what the fingerprint hashes (kept so a rename can re-fingerprint). */
  code: string;
  /** The file could not be parsed (ESLint's fatal message). */
  fatal?: true;
  fix?: Fix;
  suggestions?: Suggestion[];
  /** On findings an eslint-disable comment suppressed: the directive(s) that did. */
  suppressions?: Array<{ kind: string; justification: string }>;
}

/** A message as ESLint's Linter returns it (the fields the engine reads). */
export interface EngineMessage {
  ruleId: string | null;
  severity: number;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  messageId?: string;
  fix?: Fix;
  suggestions?: Suggestion[];
  suppressions?: Array<{ kind: string; justification: string }>;
}

/** Where a file's findings come from: its path, text and (when it parsed) AST. */
export interface FindingSource {
  filePath: string;
  relPath: string;
  text: string;
  program?: TSESTree.Program;
}

export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}

export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function offsetOf(lineStarts: number[], line: number, column: number): number {
  return (lineStarts[line - 1] ?? 0) + column - 1;
}

/** Names of the functions enclosing [start, end) in the program, outermost first. */
export function enclosingFunctionOf(program: TSESTree.Program | undefined, start: number, end: number): string {
  if (!program) return "";
  const names: string[] = [];
  walk(program, (node: Node) => {
    if (node.range[0] > start || node.range[1] < end) return false;
    if (isFunction(node)) names.push(functionName(node) ?? "<anonymous>");
    return undefined;
  });
  return names.join(" > ");
}

export function fingerprintOf(input: { ruleId: string; relPath: string; enclosingFunction: string; code: string }, occurrence: number): string {
  return createHash("sha256")
    .update([input.ruleId, input.relPath, input.enclosingFunction, normalizeCode(input.code), String(occurrence)].join("\0"))
    .digest("hex")
    .slice(0, 32);
}

/** Counts identical (rule, path, function, code) tuples of one file, for the occurrence part of fingerprints. */
export class Occurrences {
  private seen = new Map<string, number>();
  next(ruleId: string, relPath: string, enclosingFunction: string, code: string): number {
    const key = [ruleId, relPath, enclosingFunction, code].join("\0");
    const n = this.seen.get(key) ?? 0;
    this.seen.set(key, n + 1);
    return n;
  }
}

/** A finding that is not an ESLint message (meta-rules.ts), fingerprinted like the others. */
export function makeFinding(
  fields: Omit<Finding, "fingerprint" | "code" | "level" | "ruleSeverity"> & { code: string; level?: Finding["level"]; ruleSeverity?: Severity },
  occurrences: Occurrences,
): Finding {
  const info = ruleInfo(fields.ruleId);
  const code = normalizeCode(fields.code);
  const occurrence = occurrences.next(fields.ruleId, fields.relPath, fields.enclosingFunction, code);
  return {
    ...fields,
    level: fields.level ?? info.level,
    ruleSeverity: fields.ruleSeverity ?? info.severity,
    code,
    fingerprint: fingerprintOf({ ...fields, code }, occurrence),
  };
}

/** The finding id of an engine message: the rule id without prefix, or one of the meta findings. */
function findingRuleId(m: EngineMessage): string {
  if (m.ruleId === null && !m.fatal && m.messageId === STALE_EXAMPLE) return "stale-example";
  if (m.fatal || m.ruleId === null) return m.fatal ? "parse-error" : "internal-error";
  if (m.messageId === INTERNAL_ERROR) return "internal-error";
  return m.ruleId.replace(/^clerk-guard\//, "");
}

/**
 * A deprecation (an API that still works on the installed version) weighs low, whatever the rule's
 * own severity: the code runs today, and one deprecated prop must not cost what a removed API does.
 */
function isDeprecation(ruleId: string, m: EngineMessage): boolean {
  return m.severity === 1 && m.messageId !== undefined && (ruleDocs(ruleId)?.warnMessageIds?.includes(m.messageId) ?? false);
}

/**
 * Map one file's engine messages to findings. `source.program` (the AST when the
 * file parsed) gives the enclosing-function part of the fingerprint.
 */
export function findingsOf(messages: readonly EngineMessage[], source: FindingSource): Finding[] {
  const starts = lineStartsOf(source.text);
  const occurrences = new Occurrences();
  return messages.map((m) => {
    const ruleId = findingRuleId(m);
    const start = offsetOf(starts, m.line, m.column);
    const end = m.endLine && m.endColumn ? offsetOf(starts, m.endLine, m.endColumn) : start;
    const fatal = m.fatal === true;
    const code = normalizeCode(fatal || ruleId === "internal-error" ? m.message : source.text.slice(start, Math.max(end, start)));
    const enclosingFunction = fatal ? "" : enclosingFunctionOf(source.program, start, end);
    const occurrence = occurrences.next(ruleId, source.relPath, enclosingFunction, code);
    const finding: Finding = {
      ruleId,
      level: m.severity === 2 ? "error" : "warning",
      ruleSeverity: isDeprecation(ruleId, m) ? "low" : ruleInfo(ruleId).severity,
      message: m.message,
      filePath: source.filePath,
      relPath: source.relPath,
      line: m.line,
      column: m.column,
      enclosingFunction,
      fingerprint: fingerprintOf({ ruleId, relPath: source.relPath, enclosingFunction, code }, occurrence),
      code,
    };
    if (m.messageId !== undefined) finding.messageId = m.messageId;
    if (m.endLine !== undefined) finding.endLine = m.endLine;
    if (m.endColumn !== undefined) finding.endColumn = m.endColumn;
    if (fatal) finding.fatal = true;
    if (m.fix) finding.fix = m.fix;
    if (m.suggestions) finding.suggestions = m.suggestions;
    if (m.suppressions) finding.suppressions = m.suppressions;
    return finding;
  });
}

/**
 * The same findings as if their file lived at `relPath` (a rename between base
 * and head): path and fingerprint recomputed from the stored code.
 */
export function relocateFindings(findings: readonly Finding[], relPath: string, filePath: string): Finding[] {
  const occurrences = new Occurrences();
  return findings.map((f) => {
    const occurrence = occurrences.next(f.ruleId, relPath, f.enclosingFunction, f.code);
    return { ...f, relPath, filePath, fingerprint: fingerprintOf({ ruleId: f.ruleId, relPath, enclosingFunction: f.enclosingFunction, code: f.code }, occurrence) };
  });
}

/** Order by file, then position. */
export function byPosition(a: Finding, b: Finding): number {
  return a.relPath < b.relPath ? -1 : a.relPath > b.relPath ? 1 : a.line - b.line || a.column - b.column;
}
