/**
 * The oxlint configs shipped in the package (`clerk-guard/oxlint/<name>.json`), generated from the
 * plugin's own configs so both hosts turn on the same rules at the same severities. oxlint loads
 * the plugin as a JS plugin; its `extends` takes a path, and a JS plugin path in an extended file is
 * resolved from that file, so `../dist/index.js` is the installed package's own entry.
 * `npm run oxlint-configs` writes them; a test fails when one is stale.
 */
import plugin, { CONFIG_ORDER } from "../plugin.js";
import type { ConfigName } from "./create-rule.js";

export const OXLINT_CONFIG_DIR = "oxlint";

/** The plugin entry as an oxlint config under `oxlint/` names it. */
export const OXLINT_PLUGIN_SPECIFIER = "../dist/index.js";

export function oxlintConfig(name: ConfigName): { jsPlugins: string[]; rules: Record<string, string> } {
  return { jsPlugins: [OXLINT_PLUGIN_SPECIFIER], rules: { ...plugin.configs[name].rules } };
}

/** Every shipped oxlint config: file name (under oxlint/) → its text. */
export function oxlintConfigFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of CONFIG_ORDER) out[`${name}.json`] = `${JSON.stringify(oxlintConfig(name), null, 2)}\n`;
  return out;
}
