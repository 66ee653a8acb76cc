/**
 * Identity of the ruleset a run used: tool version + the rules and levels of
 * the config. Reports carry it; caches are discarded when it changes.
 */
import { createHash } from "node:crypto";
import plugin from "../plugin.js";
import type { ConfigName } from "../util/create-rule.js";

export function toolVersion(): string {
  return plugin.meta.version;
}

export function rulesetHash(config: ConfigName = "recommended"): string {
  const rules = plugin.configs[config].rules;
  const sorted = Object.fromEntries(Object.entries(rules).sort(([a], [b]) => a.localeCompare(b)));
  return createHash("sha256")
    .update(JSON.stringify({ tool: plugin.meta.version, config, rules: sorted }))
    .digest("hex")
    .slice(0, 16);
}
