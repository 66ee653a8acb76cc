/**
 * Merge clerk-guard's PostToolUse and Stop hooks into .claude/settings.json.
 * Our entries are inserted as text (json-edit.ts), so every other byte of the
 * file stays as it was; an event that already runs `clerk-guard hook claude`
 * is left alone (the user may have tuned it). An existing file is backed up
 * (in .clerk-guard/backups/) before it is replaced; an invalid one is never
 * overwritten.
 */
import path from "node:path";
import { appendEntry, applyInsertions, jsonNodes, member, styleOf } from "./json-edit.js";
import { type Action, type InitContext, InitError, backupOf, display, target } from "./plan.js";

const BIN = "${CLAUDE_PROJECT_DIR}/node_modules/clerk-guard/bin/clerk-guard.js";

export interface Handler {
  type: "command";
  command: string;
  args: string[];
  timeout: number;
  statusMessage: string;
}

/**
 * Exec form (`args`): no shell, so the path placeholder needs no quoting, and
 * `node` + the script path works on Windows, where exec form cannot spawn the
 * .cmd shims in node_modules/.bin.
 */
export const HOOKS: Record<"PostToolUse" | "Stop", { matcher?: string; handler: Handler }> = {
  PostToolUse: {
    matcher: "Edit|Write|MultiEdit",
    handler: {
      type: "command",
      command: "node",
      args: [BIN, "hook", "claude", "--event", "post-tool-use"],
      timeout: 15,
      statusMessage: "clerk-guard: checking Clerk auth",
    },
  },
  Stop: {
    handler: {
      type: "command",
      command: "node",
      args: [BIN, "hook", "claude", "--event", "stop", "--timeout", "30s"],
      timeout: 60,
      statusMessage: "clerk-guard: checking changed files",
    },
  },
};

/** The hooks as a settings.json fragment, for a user who adds them by hand. */
export function hooksSnippet(): string {
  const hooks: Record<string, unknown> = {};
  for (const [event, { matcher, handler }] of Object.entries(HOOKS)) hooks[event] = [{ ...(matcher ? { matcher } : {}), hooks: [handler] }];
  return JSON.stringify({ hooks }, null, 2);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Is this handler clerk-guard's hook (in whatever form the user wrote it)? */
export function isClerkGuardHandler(handler: unknown): boolean {
  if (!isObject(handler)) return false;
  const line = [handler.command, ...(Array.isArray(handler.args) ? handler.args : [])].filter((x) => typeof x === "string").join(" ");
  return /clerk-guard/.test(line) && /\bhook\s+claude\b/.test(line);
}

/** The new settings text, or the same text when nothing needs to change. Throws on invalid settings. */
export function mergeHooks(existing: string | undefined, name: string): { text: string; added: string[] } {
  const bom = existing?.startsWith("\uFEFF") ? "\uFEFF" : "";
  const body = existing === undefined ? "" : existing.slice(bom.length);
  let settings: Record<string, unknown> = {};
  if (body.trim() !== "") {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (error) {
      throw new InitError(
        `${name} is not valid JSON (${(error as Error).message}); clerk-guard init does not overwrite it. Fix it, or add the hooks by hand:\n${hooksSnippet()}`,
      );
    }
    if (!isObject(parsed)) throw new InitError(`${name} is not a JSON object; clerk-guard init does not overwrite it`);
    settings = parsed;
  }
  if (settings.hooks !== undefined && !isObject(settings.hooks)) throw new InitError(`${name}: "hooks" is not an object; clerk-guard init does not overwrite it`);
  const hooks = (settings.hooks ?? {}) as Record<string, unknown>;
  const missing: Array<[string, Record<string, unknown>]> = [];
  for (const [event, { matcher, handler }] of Object.entries(HOOKS)) {
    const groups = hooks[event];
    if (groups !== undefined && !Array.isArray(groups)) throw new InitError(`${name}: "hooks.${event}" is not an array; clerk-guard init does not overwrite it`);
    const list = (groups ?? []) as unknown[];
    const present = list.some((g) => isObject(g) && Array.isArray(g.hooks) && g.hooks.some(isClerkGuardHandler));
    if (!present) missing.push([event, { ...(matcher ? { matcher } : {}), hooks: [handler] }]);
  }
  const added = missing.map(([event]) => event);
  if (added.length === 0) return { text: existing ?? "", added };
  if (body.trim() === "") {
    const fresh: Record<string, unknown> = {};
    for (const [event, group] of missing) fresh[event] = [group];
    return { text: bom + JSON.stringify({ hooks: fresh }, null, 2) + "\n", added };
  }
  // insert our entries as text: every byte of the user's file stays as it was
  const style = styleOf(body);
  let text = body;
  for (const [event, group] of missing) {
    const root = jsonNodes(text);
    const hooksNode = member(root, "hooks");
    const eventNode = hooksNode && member(hooksNode, event);
    const insertion = eventNode
      ? appendEntry(text, eventNode, style, group)
      : hooksNode
        ? appendEntry(text, hooksNode, style, [group], event)
        : appendEntry(text, root, style, { [event]: [group] }, "hooks");
    text = applyInsertions(text, [insertion]);
  }
  return { text: bom + text, added };
}

export function planSettings(ctx: InitContext): Action[] {
  const file = path.join(ctx.project, ".claude", "settings.json");
  const name = display(ctx, file);
  const t = target(ctx, file);
  const { text, added } = mergeHooks(t.content, name);
  if (added.length === 0) return [{ kind: "unchanged", target: name, summary: "the PostToolUse and Stop hooks already run clerk-guard" }];
  const backup = t.content !== undefined ? backupOf(ctx, t.path) : undefined;
  return [
    {
      kind: t.content === undefined ? "create" : "update",
      target: name,
      summary: `add the ${added.join(" and ")} ${added.length === 1 ? "hook" : "hooks"}${backup ? ` (backup: ${backup.display})` : ""}`,
      writes: [{ file: t.path, content: text, backup: backup?.path }],
    },
  ];
}
