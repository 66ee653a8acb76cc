/**
 * What the hook says about a task it could not finish, kept light (node built-ins
 * only): the main thread answers with it without loading the rules.
 */
import path from "node:path";
import type { HookTask } from "./types.js";

function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${Number((ms / 1000).toFixed(1))} s`;
}

/** What was checked: one file's path, or "N changed files". */
export function describeTask(task: HookTask): string {
  const rel = task.files.map((f) => path.relative(task.displayRoot, f).split(path.sep).join("/"));
  return rel.length === 1 ? rel[0]! : `${rel.length} changed files`;
}

/** The command that runs what the hook skipped. */
export function rerunCommand(task: HookTask): string {
  return task.event === "stop" ? "npx clerk-guard check" : `npx clerk-guard check ${path.relative(task.displayRoot, task.files[0]!).split(path.sep).join("/")}`;
}

/** The user-facing message when the check ran out of time before checking anything. */
export function didNotFinish(task: HookTask, budgetMs: number): string {
  return `clerk-guard hook: the Clerk auth check of ${describeTask(task)} did not finish within ${duration(budgetMs)} and was skipped; \`${rerunCommand(task)}\` runs it. A larger --timeout in the hook command allows more time.`;
}
