/**
 * `clerk-guard hook claude [--event post-tool-use|stop] [--timeout <ms>]`
 *
 * Always exits 0: feedback goes through the hook JSON on stdout, and every
 * problem (bad arguments included) becomes a `systemMessage` for the user, so a
 * misconfigured or broken hook can never block or crash a Claude Code session.
 * ESLint and the rules are loaded only when a file needs checking, in a worker.
 */
import fs from "node:fs";
import type { HookEvent, HookOptions } from "../hook/claude.js";
import type { HookOutput } from "../hook/types.js";
import { redactDeep } from "../report/redact.js";
import { UsageError } from "./errors.js";
import { choiceOption, parseOptions } from "./options.js";

/** Kept here (not imported from ../hook/claude.js) so that argument errors cost no module loads. */
const DEFAULT_TIMEOUT_MS = 4000;
const STDIN_TIMEOUT_MS = 5000;

export const HOOK_USAGE = `Usage: clerk-guard hook claude [--event post-tool-use|stop] [--timeout <ms>]

Reads Claude Code's hook JSON on stdin and answers with hook JSON on stdout (always exit 0).
  post-tool-use  after Edit|Write|MultiEdit: lint the edited file; block on Clerk auth errors
                 not present in the file's HEAD version (others are a one-line note)
  stop           before Claude stops: lint every file changed against HEAD (untracked
                 included); block once on errors introduced since HEAD
The event defaults to the input's hook_event_name. --timeout (default 4000 ms; also 4s)
bounds the lint; past it the check is skipped (or, at stop, says which files it left out).
CLERK_GUARD_SKIP=1 (any value but 0/false/no/off) disables it.`;

function parseTimeout(value: string | undefined): number | undefined {
  const m = value === undefined ? null : /^(\d+(?:\.\d+)?)(ms|s)?$/.exec(value.trim());
  if (!m) return undefined;
  const n = Number(m[1]) * (m[2] === "s" ? 1000 : 1);
  return n > 0 ? n : undefined;
}

const HOOK_OPTIONS = {
  event: { kind: "string" },
  timeout: { kind: "string" },
  help: { kind: "boolean", short: "h" },
} as const;

function parseArgs(argv: string[]): HookOptions | { help: true } | { error: string } {
  try {
    const parsed = parseOptions(argv, HOOK_OPTIONS);
    if (parsed.values.get("help")) return { help: true };
    const [agent, ...extra] = parsed.positionals;
    if (agent !== "claude") return { error: agent === undefined ? "missing agent: use `clerk-guard hook claude`" : `unsupported agent '${agent}' (supported: claude)` };
    if (extra.length > 0) return { error: `unexpected argument '${extra[0]}'` };
    const options: HookOptions = { timeoutMs: DEFAULT_TIMEOUT_MS };
    if (parsed.values.has("event")) options.event = choiceOption(parsed, "event", ["post-tool-use", "stop"] as const, "post-tool-use") as HookEvent;
    if (parsed.values.has("timeout")) {
      const v = String(parsed.values.get("timeout"));
      const ms = parseTimeout(v);
      if (ms === undefined) return { error: `invalid --timeout '${v}' (milliseconds, or seconds with an s suffix)` };
      options.timeoutMs = ms;
    }
    return options;
  } catch (error) {
    if (error instanceof UsageError) return { error: error.message.replace(/ \(try --help\)$/, "") };
    throw error;
  }
}

/** All of stdin (undefined on a terminal), or what arrived before `timeoutMs`. */
function readStdin(timeoutMs: number): Promise<string | undefined> {
  if (process.stdin.isTTY) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      process.stdin.removeAllListeners();
      process.stdin.on("error", () => undefined); // a late pipe error must not become an uncaught exception
      process.stdin.pause();
      process.stdin.unref?.();
      resolve(Buffer.concat(chunks).toString("utf8"));
    };
    const timer = setTimeout(done, timeoutMs);
    process.stdin.on("data", (chunk: Buffer) => chunks.push(chunk));
    process.stdin.on("end", done);
    process.stdin.on("error", done);
  });
}

let printed = false;

function print(output: HookOutput | undefined): void {
  if (!output || printed) return;
  printed = true;
  // every string leaves the process redacted (a key can sit in a parse error, a file or function name)
  process.stdout.write(JSON.stringify(redactDeep(output)) + "\n");
}

/** Whatever escapes (a late stream error, a rejected promise) still ends as exit 0 with a message. */
function failOpenOnCrash(error: unknown): void {
  if (!printed) {
    printed = true;
    const message = `clerk-guard hook: internal error (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); nothing was checked.`;
    try {
      fs.writeSync(1, JSON.stringify(redactDeep({ systemMessage: message })) + "\n"); // synchronous: the process exits next
    } catch {
      // nowhere to report
    }
  }
  process.exit(0);
}

export async function runHook(argv: string[]): Promise<number> {
  process.on("uncaughtException", failOpenOnCrash);
  process.on("unhandledRejection", failOpenOnCrash);
  try {
    const args = parseArgs(argv);
    if ("help" in args) {
      process.stdout.write(HOOK_USAGE + "\n");
      return 0;
    }
    if ("error" in args) {
      print({ systemMessage: `clerk-guard hook: ${args.error}; nothing was checked. Fix the hook command in .claude/settings.json.` });
      return 0;
    }
    // Claude Code writes the input and closes stdin at once; the cap only guards against a pipe left open
    const stdin = await readStdin(STDIN_TIMEOUT_MS);
    const { runClaudeHook } = await import("../hook/claude.js");
    print(await runClaudeHook(args, stdin));
  } catch (error) {
    print({ systemMessage: `clerk-guard hook: internal error (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); nothing was checked.` });
  }
  return 0;
}
