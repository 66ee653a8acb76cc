/**
 * The hook's lint step, through the shared pipeline (findings/analyze.ts): lint
 * the files, then split findings into those this session introduced and those
 * that were already there. A finding is introduced when its fingerprint is
 * absent from the findings of the file's HEAD version (findings/compare.ts),
 * linted in memory, or when the file is not in HEAD at all. HEAD versions are
 * linted only for files that have findings, so a clean edit costs one lint.
 * The task's deadline is checked between files: what did not fit is named.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { MAX_FILE_BYTES } from "../engine/files.js";
import { analyze } from "../findings/analyze.js";
import { matchFindings } from "../findings/compare.js";
import { type Finding, byPosition } from "../findings/model.js";
import { headVersion } from "../git/git.js";
import { docsUrl } from "../util/create-rule.js";
import { blockReason, checkCommand, findingLine, plural, sentence } from "./format.js";
import { didNotFinish } from "./task.js";
import type { HookOutput, HookTask } from "./types.js";

export interface Classified {
  introduced: Finding[];
  preexisting: Finding[];
  /** Files whose rules could not all run: parse errors and rule crashes. */
  unparsable: Finding[];
  /** Files left unchecked because the deadline came first. */
  unchecked: string[];
}

/** Time kept back from the deadline to classify and answer. */
const ANSWER_MARGIN_MS = 300;

/** Lint `files` (absolute) and classify their findings against HEAD, stopping before `deadline` (epoch ms). */
export function classify(files: readonly string[], root: string, deadline = Number.POSITIVE_INFINITY, now: () => number = Date.now): Classified {
  const out: Classified = { introduced: [], preexisting: [], unparsable: [], unchecked: [] };
  const stop = () => now() > deadline - ANSWER_MARGIN_MS;
  const current = new Map<string, Finding[]>();
  const run = analyze(files, { cwd: root, root, stop });
  out.unchecked.push(...run.unchecked);
  for (const file of run.files) {
    out.unparsable.push(...file.findings.filter((f) => f.ruleId === "parse-error" || f.ruleId === "internal-error"));
    const real = file.findings.filter((f) => f.ruleId !== "parse-error" && f.ruleId !== "internal-error");
    if (real.length > 0) current.set(file.filePath, real);
  }
  if (current.size === 0) return out;

  const heads = new Map<string, Buffer>();
  for (const file of current.keys()) {
    const bytes = headVersion(file, MAX_FILE_BYTES);
    if (bytes !== undefined) heads.set(file, bytes);
  }
  const before = new Map<string, Finding[]>();
  if (heads.size > 0) {
    const headRun = analyze([...heads.keys()], { cwd: root, root, contents: heads, stop });
    for (const file of headRun.files) before.set(file.filePath, file.findings);
    // a file whose HEAD version was not linted in time cannot be classified: say so, never guess
    for (const file of headRun.unchecked) {
      current.delete(file);
      out.unchecked.push(file);
    }
  }
  for (const [file, findings] of current) {
    const existed = matchFindings(findings, before.get(file) ?? []);
    findings.forEach((f, i) => (existed[i] ? out.preexisting : out.introduced).push(f));
  }
  out.introduced.sort(byPosition);
  out.preexisting.sort(byPosition);
  out.unchecked.sort();
  return out;
}

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A rule's doc: the installed rules/<id>.md relative to the project when it is inside it, else the URL. */
export function docsFor(root: string): (ruleId: string) => string | undefined {
  return (ruleId) => {
    if (ruleId === "parse-error" || ruleId === "internal-error") return undefined;
    const local = path.join(PACKAGE_ROOT, "rules", `${ruleId}.md`);
    const rel = path.relative(root, local);
    if (!rel.startsWith("..") && !path.isAbsolute(rel) && fs.existsSync(local)) return rel.split(path.sep).join("/");
    return docsUrl(ruleId);
  };
}

function ruleList(findings: readonly Finding[]): string {
  return [...new Set(findings.map((f) => f.ruleId))].sort().join(", ");
}

/** "a.ts, b.ts and 3 more" (at most five names). */
function fileList(root: string, files: readonly string[]): string {
  const rel = files.map((f) => path.relative(root, f).split(path.sep).join("/"));
  const shown = rel.slice(0, 5).join(", ");
  return rel.length > 5 ? `${shown} and ${rel.length - 5} more` : shown;
}

/** The hook's answer for a task, or undefined when there is nothing to say. */
export function hookOutput(task: HookTask, now: () => number = Date.now): HookOutput | undefined {
  const { introduced, preexisting, unparsable, unchecked } = classify(task.files, task.displayRoot, task.deadline ?? Number.POSITIVE_INFINITY, now);
  const docs = docsFor(task.displayRoot);
  const errors = introduced.filter((f) => f.level === "error");
  const warnings = introduced.filter((f) => f.level === "warning");
  const checked = task.files.length - unchecked.length;
  if (checked === 0 && unchecked.length > 0) return { systemMessage: didNotFinish(task, task.budgetMs ?? 0) };
  const partial =
    unchecked.length > 0
      ? `clerk-guard: the time budget allowed checking ${checked} of ${plural(task.files.length, "changed file")}; not checked: ${fileList(task.displayRoot, unchecked)}. \`npx clerk-guard check\` checks them all.`
      : undefined;

  if (task.event === "stop") {
    // Stop: additionalContext would also keep Claude working, so the only
    // outputs are a block (once) and, when Claude Code is already continuing
    // because of a Stop hook, a message to the user.
    if (errors.length === 0) return partial ? { systemMessage: partial } : undefined;
    const files = [...new Set(errors.map((f) => f.relPath))];
    if (!task.stopHookActive) {
      const header = `clerk-guard: ${plural(errors.length, "Clerk auth error")} introduced since HEAD ${errors.length === 1 ? "is" : "are"} still in ${files.length === 1 ? "the changed file" : `${files.length} changed files`}:`;
      return { decision: "block", reason: blockReason(header, errors, docs), ...(partial ? { systemMessage: partial } : {}) };
    }
    const first = errors.slice(0, 3).map((f) => `${f.relPath}:${f.line} ${f.ruleId}`);
    const more = errors.length > first.length ? `, and ${errors.length - first.length} more` : "";
    return {
      systemMessage: `clerk-guard: ${plural(errors.length, "Clerk auth error")} introduced since HEAD ${errors.length === 1 ? "remains" : "remain"} (${first.join(", ")}${more}). \`${checkCommand(files)}\` lists them.${partial ? ` ${partial}` : ""}`,
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
  for (const f of unparsable) {
    notes.push(
      f.ruleId === "parse-error"
        ? `clerk-guard: ${f.relPath} does not parse (${f.line}:${f.column} ${sentence(f.message)}), so its Clerk auth checks did not run.`
        : `clerk-guard: ${f.relPath}: ${sentence(f.message)}.`,
    );
  }
  if (partial) notes.push(partial);

  const out: HookOutput = {};
  if (errors.length > 0) {
    const header = `clerk-guard: ${plural(errors.length, "new Clerk auth error")} in ${errors[0]!.relPath} (not in its HEAD version):`;
    out.decision = "block";
    out.reason = blockReason(header, errors, docs);
  }
  if (notes.length > 0) out.hookSpecificOutput = { hookEventName: "PostToolUse", additionalContext: notes.join("\n") };
  return out.decision || out.hookSpecificOutput ? out : undefined;
}
