/**
 * Claude Code hook JSON, as documented in the hooks reference (code.claude.com/docs/en/hooks):
 * input on stdin, output on stdout with exit 0. Only the fields clerk-guard reads or writes.
 */

export interface HookInput {
  hook_event_name?: string;
  session_id?: string;
  cwd?: string;
  tool_name?: string;
  tool_input?: { file_path?: unknown; [key: string]: unknown };
  /** Stop: true when Claude is already continuing because of a Stop hook. */
  stop_hook_active?: boolean;
}

export type HookEventName = "PostToolUse" | "Stop";

/**
 * Output fields. Key order here is the order they are printed in:
 * `decision` + `reason` (shown to Claude; on Stop it keeps Claude working),
 * `hookSpecificOutput.additionalContext` (non-error context for Claude),
 * `systemMessage` (shown to the user only).
 */
export interface HookOutput {
  decision?: "block";
  reason?: string;
  hookSpecificOutput?: { hookEventName: HookEventName; additionalContext: string };
  systemMessage?: string;
}

/** What the lint step needs; plain data, so it can cross into a worker thread. */
export interface HookTask {
  event: "post-tool-use" | "stop";
  /** Absolute paths of the files to check. */
  files: string[];
  /** Paths in messages and fingerprints are relative to this directory. */
  displayRoot: string;
  stopHookActive: boolean;
  /** The hook's time budget (ms) and when it ends (epoch ms): the lint stops starting files past it. */
  budgetMs?: number;
  deadline?: number;
}
