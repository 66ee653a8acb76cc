/**
 * Is the clerk-guard Claude Code plugin enabled for this project? Claude Code records an
 * installed plugin as `enabledPlugins: { "clerk-guard@<marketplace>": true }` in the user's
 * settings (~/.claude, or $CLAUDE_CONFIG_DIR) or the project's (.claude/settings.json,
 * .claude/settings.local.json). The plugin brings the skills and the hooks itself, so init
 * then leaves those two steps out instead of installing every skill a second time.
 */
import fs from "node:fs";
import path from "node:path";
import type { InitContext } from "./plan.js";
import { display } from "./plan.js";

export const PLUGIN_NAME = "clerk-guard";

/** true/false when the file turns the plugin on or off, undefined when it does not say. */
function enabledIn(file: string): boolean | undefined {
  let settings: unknown;
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > 1_000_000) return undefined;
    settings = JSON.parse(fs.readFileSync(file, "utf8").replace(/^\uFEFF/, ""));
  } catch {
    return undefined;
  }
  const enabled = (settings as { enabledPlugins?: unknown } | null)?.enabledPlugins;
  if (typeof enabled !== "object" || enabled === null) return undefined;
  const ours = Object.entries(enabled as Record<string, unknown>).filter(([id]) => id.split("@")[0] === PLUGIN_NAME);
  return ours.length === 0 ? undefined : ours.some(([, on]) => on === true);
}

/** Where the plugin is enabled (a display path), or undefined. */
export function pluginEnabledAt(ctx: InitContext, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const userDir = env.CLAUDE_CONFIG_DIR ? path.resolve(env.CLAUDE_CONFIG_DIR) : path.join(ctx.home, ".claude");
  const files = [
    path.join(ctx.project, ".claude", "settings.local.json"),
    path.join(ctx.project, ".claude", "settings.json"),
    path.join(userDir, "settings.json"),
  ];
  // the most specific file that says anything decides (local, then project, then user)
  for (const file of files) {
    const on = enabledIn(file);
    if (on !== undefined) return on ? display(ctx, file) : undefined;
  }
  return undefined;
}
