/**
 * The hook's lint step: lint the files, then split findings into those this
 * session introduced and those that were already there. A finding is
 * introduced when its fingerprint (src/findings/model.ts) is absent from the
 * findings of the file's HEAD version, linted in memory, or when the file is
 * not in HEAD at all. HEAD versions are linted only for files that have
 * findings, so a clean edit costs one lint.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { type LintResult, lintFiles, lintedSources } from "../engine/lint.js";
import { type Finding, toFindings } from "../findings/model.js";
import { docsUrl } from "../util/create-rule.js";
import { blockReason, byPosition, checkCommand, findingLine, plural, sentence } from "./format.js";
import { headVersion } from "./git.js";
import type { HookOutput, HookTask } from "./types.js";

export interface Classified {
  introduced: Finding[];
  preexisting: Finding[];
  /** Files that do not parse (their rules could not run). */
  unparsable: Finding[];
}

function findingsOf(result: LintResult, root: string): Finding[] {
  const source = lintedSources.get(result);
  if (!source) return [];
  return toFindings(result, source.text, root, source.program);
}

/** Lint `files` (absolute) and classify their findings against HEAD. */
export function classify(files: readonly string[], root: string): Classified {
  const out: Classified = { introduced: [], preexisting: [], unparsable: [] };
  const current = new Map<string, Finding[]>();
  for (const result of lintFiles(files, { cwd: root }).results) {
    const findings = findingsOf(result, root);
    const fatal = findings.filter((f) => f.ruleId === "parse-error");
    out.unparsable.push(...fatal);
    const real = findings.filter((f) => f.ruleId !== "parse-error");
    if (real.length > 0) current.set(result.filePath, real);
  }
  if (current.size === 0) return out;

  const heads = new Map<string, string>();
  for (const file of current.keys()) {
    const text = headVersion(file);
    if (text !== undefined) heads.set(file, text);
  }
  const before = new Map<string, Set<string>>();
  if (heads.size > 0) {
    for (const result of lintFiles([...heads.keys()], { cwd: root, contents: heads }).results) {
      before.set(result.filePath, new Set(findingsOf(result, root).map((f) => f.fingerprint)));
    }
  }
  for (const [file, findings] of current) {
    const known = before.get(file);
    for (const f of findings) (known?.has(f.fingerprint) ? out.preexisting : out.introduced).push(f);
  }
  out.introduced.sort(byPosition);
  out.preexisting.sort(byPosition);
  return out;
}

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A rule's doc: the installed rules/<id>.md relative to the project when it is inside it, else the URL. */
export function docsFor(root: string): (ruleId: string) => string | undefined {
  return (ruleId) => {
    if (ruleId === "parse-error") return undefined;
    const local = path.join(PACKAGE_ROOT, "rules", `${ruleId}.md`);
    const rel = path.relative(root, local);
    if (!rel.startsWith("..") && !path.isAbsolute(rel) && fs.existsSync(local)) return rel.split(path.sep).join("/");
    return docsUrl(ruleId);
  };
}

function ruleList(findings: readonly Finding[]): string {
  return [...new Set(findings.map((f) => f.ruleId))].sort().join(", ");
}

/** The hook's answer for a task, or undefined when there is nothing to say. */
export function hookOutput(task: HookTask): HookOutput | undefined {
  const { introduced, preexisting, unparsable } = classify(task.files, task.displayRoot);
  const docs = docsFor(task.displayRoot);
  const errors = introduced.filter((f) => f.level === "error");
  const warnings = introduced.filter((f) => f.level === "warning");

  if (task.event === "stop") {
    // Stop: additionalContext would also keep Claude working, so the only
    // outputs are a block (once) and, when Claude Code is already continuing
    // because of a Stop hook, a message to the user.
    if (errors.length === 0) return undefined;
    const files = [...new Set(errors.map((f) => f.relPath))];
    if (!task.stopHookActive) {
      const header = `clerk-guard: ${plural(errors.length, "Clerk auth error")} introduced since HEAD ${errors.length === 1 ? "is" : "are"} still in ${files.length === 1 ? "the changed file" : `${files.length} changed files`}:`;
      return { decision: "block", reason: blockReason(header, errors, docs) };
    }
    const first = errors.slice(0, 3).map((f) => `${f.relPath}:${f.line} ${f.ruleId}`);
    const more = errors.length > first.length ? `, and ${errors.length - first.length} more` : "";
    return {
      systemMessage: `clerk-guard: ${plural(errors.length, "Clerk auth error")} introduced since HEAD ${errors.length === 1 ? "remains" : "remain"} (${first.join(", ")}${more}). \`${checkCommand(files)}\` lists them.`,
    };
  }

  const notes: string[] = [];
  for (const f of warnings.slice(0, 5)) notes.push(`clerk-guard warning (not blocking): ${findingLine(f, docs)}`);
  if (warnings.length > 5) notes.push(`clerk-guard: ${plural(warnings.length - 5, "more new warning")}; \`${checkCommand(warnings.map((f) => f.relPath))}\` lists them.`);
  if (preexisting.length > 0) {
    const files = [...new Set(preexisting.map((f) => f.relPath))];
    notes.push(
      `clerk-guard: ${files.join(", ")} ${introduced.length > 0 ? "also " : ""}${files.length === 1 ? "has" : "have"} ${plural(preexisting.length, "finding")} that ${preexisting.length === 1 ? "predates" : "predate"} this session (in HEAD: ${ruleList(preexisting)}); \`${checkCommand(files)}\` lists ${preexisting.length === 1 ? "it" : "them"}.`,
    );
  }
  for (const f of unparsable) notes.push(`clerk-guard: ${f.relPath} does not parse (${f.line}:${f.column} ${sentence(f.message)}), so its Clerk auth checks did not run.`);

  const out: HookOutput = {};
  if (errors.length > 0) {
    const header = `clerk-guard: ${plural(errors.length, "new Clerk auth error")} in ${errors[0]!.relPath} (not in its HEAD version):`;
    out.decision = "block";
    out.reason = blockReason(header, errors, docs);
  }
  if (notes.length > 0) out.hookSpecificOutput = { hookEventName: "PostToolUse", additionalContext: notes.join("\n") };
  return out.decision || out.hookSpecificOutput ? out : undefined;
}
