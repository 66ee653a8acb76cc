/**
 * `clerk-guard hook claude`: Claude Code's PostToolUse and Stop hooks.
 *
 * Runs in the main thread without ESLint: reads the hook input, decides which
 * files matter (most edits end here, in a few milliseconds), then has the warm
 * daemon lint them (daemon-client.ts) or, when none is running yet or it is busy
 * with another session's task, lints in a worker thread under the same time
 * budget (and starts the daemon for the next edit). It fails open: whatever goes
 * wrong, the answer is exit 0 with at most a `systemMessage` for the user.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { skipRequested } from "../cli/env.js";
import { workingTreeChanges } from "../git/git.js";
import { type DaemonPaths, daemonEnabled, daemonPaths, startDaemon, viaDaemon } from "./daemon-client.js";
import { didNotFinish, describeTask, rerunCommand } from "./task.js";
import { projectRoots, rootOf, skipReason } from "./scope.js";
import type { HookInput, HookOutput, HookTask } from "./types.js";

export type HookEvent = "post-tool-use" | "stop";

export interface HookOptions {
  event?: HookEvent;
  /** Budget for the lint step, in milliseconds. */
  timeoutMs: number;
}

export const DEFAULT_TIMEOUT_MS = 4000;
const EDIT_TOOLS = new Set(["Edit", "Write", "MultiEdit"]);

/** CLERK_GUARD_HOOK_TRACE=1: say on stderr (Claude Code's debug log) which path answered. */
function trace(env: NodeJS.ProcessEnv, message: string): void {
  if (env.CLERK_GUARD_HOOK_TRACE === "1") process.stderr.write(`clerk-guard hook: ${message}\n`);
}

function failOpen(message: string): HookOutput {
  return { systemMessage: `clerk-guard hook: ${message}` };
}

export function parseInput(text: string | undefined): HookInput | HookOutput {
  if (text === undefined || text.trim() === "") return failOpen("no hook input on stdin (it expects Claude Code's hook JSON); nothing was checked.");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return failOpen("the hook input on stdin is not valid JSON; nothing was checked.");
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) return failOpen("the hook input on stdin is not a JSON object; nothing was checked.");
  return value as HookInput;
}

function isOutput(value: HookInput | HookOutput): value is HookOutput {
  return typeof (value as HookOutput).systemMessage === "string" && Object.keys(value).length === 1;
}

/** Decide what to lint; undefined when the hook has nothing to do. */
export function planTask(input: HookInput, event: HookEvent, env: NodeJS.ProcessEnv): HookTask | undefined {
  const inputCwd = typeof input.cwd === "string" ? input.cwd : undefined;
  const roots = projectRoots(env, inputCwd);
  if (event === "stop") {
    const root = (inputCwd && rootOf(path.resolve(inputCwd), roots)) || roots[0]!;
    const files = (workingTreeChanges(root) ?? []).filter((f) => !skipReason(f, root)).sort();
    if (files.length === 0) return undefined;
    return { event, files, displayRoot: root, stopHookActive: input.stop_hook_active === true };
  }
  if (typeof input.tool_name === "string" && !EDIT_TOOLS.has(input.tool_name)) return undefined;
  const raw = input.tool_input?.file_path;
  if (typeof raw !== "string" || raw === "") return undefined;
  const file = path.resolve(inputCwd ?? roots[0]!, raw);
  const root = rootOf(file, roots);
  if (skipReason(file, root)) return undefined;
  return { event, files: [file], displayRoot: root!, stopHookActive: false };
}

type WorkerResult = { kind: "done"; output: HookOutput | undefined } | { kind: "timeout" } | { kind: "error"; message: string };

function lintInWorker(task: HookTask, timeoutMs: number): Promise<WorkerResult> {
  return new Promise((resolve) => {
    let settled = false;
    const worker = new Worker(new URL("./worker.js", import.meta.url), { workerData: task, stdout: true, stderr: true });
    const finish = (result: WorkerResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(result);
    };
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    worker.on("message", (m: { ok: boolean; output?: HookOutput | null; error?: string }) =>
      finish(m.ok ? { kind: "done", output: m.output ?? undefined } : { kind: "error", message: m.error ?? "unknown error" }),
    );
    worker.on("error", (error) => finish({ kind: "error", message: error.message }));
    worker.on("exit", (code) => finish({ kind: "error", message: `the lint worker exited (code ${code})` }));
  });
}

/** The whole hook: stdin text in, hook output (or nothing) out. Never throws. */
export async function runClaudeHook(options: HookOptions, stdinText: string | undefined, env: NodeJS.ProcessEnv = process.env): Promise<HookOutput | undefined> {
  try {
    if (skipRequested(env)) return undefined;
    const input = parseInput(stdinText);
    if (isOutput(input)) return input;
    const event: HookEvent = options.event ?? (input.hook_event_name === "Stop" ? "stop" : "post-tool-use");
    const planned = planTask(input, event, env);
    if (!planned) return undefined;
    const started = Date.now();
    const task: HookTask = { ...planned, budgetMs: options.timeoutMs, deadline: started + options.timeoutMs };
    let result: WorkerResult | undefined;
    let startLater: DaemonPaths | undefined;
    if (daemonEnabled(env)) {
      const paths = daemonPaths(env);
      if (paths) {
        const warm = await viaDaemon(paths, task, options.timeoutMs);
        trace(env, `daemon: ${warm.kind}`);
        if (warm.kind === "done") return warm.output;
        if (warm.kind === "timeout") result = warm;
        else if (warm.kind === "unavailable") startLater = paths;
        // "busy": another session's task holds it; lint here, within this hook's own budget
      }
    }
    result ??= await lintInWorker(task, Math.max(1, options.timeoutMs - (Date.now() - started)));
    // started after this lint, so the two do not compete for the CPU; it warms up while Claude goes on
    if (startLater) startDaemon(startLater);
    if (result.kind === "done") return result.output;
    if (result.kind === "timeout") return { systemMessage: didNotFinish(task, options.timeoutMs) };
    return failOpen(`the Clerk auth check of ${describeTask(task)} failed (${result.message.split("\n")[0]}) and was skipped; \`${rerunCommand(task)}\` runs it.`);
  } catch (error) {
    return failOpen(`internal error (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); nothing was checked.`);
  }
}
