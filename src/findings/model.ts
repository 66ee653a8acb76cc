/**
 * The one finding model every surface maps to (CLI formats, PR scoring, baselines,
 * agent hooks), and the fingerprint that identifies a finding across line shifts.
 *
 * fingerprint = sha256(ruleId + "\0" + relative file path + "\0" + enclosing function
 *               name chain + "\0" + normalized source of the reported range + "\0" + occurrence)
 * - normalized: whitespace runs collapsed, so re-indenting does not create a "new" finding;
 * - occurrence: the n-th identical (rule, path, function, code) tuple in the file, so two
 *   identical findings in one function stay distinct and stable.
 */
import { createHash } from "node:crypto";
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, functionName, isFunction, walk } from "../analysis/ast.js";
import type { LintMessage, LintResult } from "../engine/lint.js";
import { rules } from "../rules/index.js";
import { type ClerkGuardDocs, type Severity, docsUrl } from "../util/create-rule.js";

export interface Finding {
  ruleId: string; // without the "clerk-guard/" prefix; "parse-error" for fatal messages
  level: "error" | "warning";
  severity: Severity; // weight class of the rule
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
  scope: string;
  fingerprint: string;
  docsUrl?: string;
  fix?: string;
}

export function ruleDocs(ruleId: string): ClerkGuardDocs | undefined {
  const rule = (rules as Record<string, { meta: { docs?: unknown } }>)[ruleId];
  return rule?.meta.docs as ClerkGuardDocs | undefined;
}

export function normalizeCode(code: string): string {
  return code.replace(/\s+/g, " ").trim();
}

function offsetOf(lineStarts: number[], line: number, column: number): number {
  return (lineStarts[line - 1] ?? 0) + column - 1;
}

function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

/** Names of the functions enclosing [start, end) in the program, outermost first. */
export function scopeChain(program: TSESTree.Program | undefined, start: number, end: number): string {
  if (!program) return "";
  const names: string[] = [];
  walk(program, (node: Node) => {
    if (node.range[0] > start || node.range[1] < end) return false;
    if (isFunction(node)) names.push(functionName(node) ?? "<anonymous>");
    return undefined;
  });
  return names.join(" > ");
}

export interface FingerprintInput {
  ruleId: string;
  relPath: string;
  scope: string;
  code: string;
}

export function fingerprintOf(input: FingerprintInput, occurrence: number): string {
  return createHash("sha256")
    .update([input.ruleId, input.relPath, input.scope, normalizeCode(input.code), String(occurrence)].join("\0"))
    .digest("hex")
    .slice(0, 32);
}

/**
 * Map one file's lint result to findings. `text` is the linted source, `program` its
 * AST when available (for the enclosing-function part of the fingerprint).
 */
export function toFindings(result: LintResult, text: string, root: string, program?: TSESTree.Program): Finding[] {
  const relPath = path.relative(root, result.filePath).split(path.sep).join("/");
  const starts = lineStartsOf(text);
  const seen = new Map<string, number>();
  return result.messages.map((m: LintMessage) => {
    const ruleId = m.ruleId ? m.ruleId.replace(/^clerk-guard\//, "") : "parse-error";
    const start = offsetOf(starts, m.line, m.column);
    const end = m.endLine && m.endColumn ? offsetOf(starts, m.endLine, m.endColumn) : start;
    const code = m.fatal ? m.message : text.slice(start, Math.max(end, start));
    const scope = m.fatal ? "" : scopeChain(program, start, end);
    const key = [ruleId, relPath, scope, normalizeCode(code)].join("\0");
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    const docs = ruleDocs(ruleId);
    return {
      ruleId,
      level: m.severity === 2 ? "error" : "warning",
      severity: docs?.severity ?? "high",
      message: m.message,
      filePath: result.filePath,
      relPath,
      line: m.line,
      column: m.column,
      endLine: m.endLine,
      endColumn: m.endColumn,
      scope,
      fingerprint: fingerprintOf({ ruleId, relPath, scope, code }, occurrence),
      docsUrl: docs ? docsUrl(ruleId) : undefined,
      fix: docs?.fix,
    } satisfies Finding;
  });
}

/**
 * The same findings as if their file lived at `relPath` (a rename between base
 * and head): path and fingerprint recomputed from the linted text, scope kept.
 */
export function relocateFindings(findings: readonly Finding[], text: string, relPath: string, filePath: string): Finding[] {
  const starts = lineStartsOf(text);
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const start = offsetOf(starts, f.line, f.column);
    const end = f.endLine && f.endColumn ? offsetOf(starts, f.endLine, f.endColumn) : start;
    const code = f.ruleId === "parse-error" ? f.message : text.slice(start, Math.max(end, start));
    const key = [f.ruleId, relPath, f.scope, normalizeCode(code)].join("\0");
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    return { ...f, relPath, filePath, fingerprint: fingerprintOf({ ruleId: f.ruleId, relPath, scope: f.scope, code }, occurrence) };
  });
}
