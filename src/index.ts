/**
 * The clerk-guard ESLint plugin: `import clerkGuard from "clerk-guard"` (ESM) or
 * `require("clerk-guard")` (the CommonJS entry, src/index.cts, returns this same object).
 *
 * Every shipped config is complete on its own: it names the files it applies to
 * (JS and TS, every module flavour) and the parser they need, so
 * `export default [clerkGuard.configs.recommended]` lints a Next.js app, and it
 * composes with eslint-config-next and typescript-eslint (it defines no plugin but
 * its own, and later entries may override its parser for their files).
 */
import tsParser from "@typescript-eslint/parser";
import plugin, { CONFIG_ORDER } from "./plugin.js";

// @typescript-eslint/parser reads .js/.jsx/.mjs/.cjs too, with JSX where the extension allows it
// (.js, .jsx, .tsx), which is what Next.js and React apps use; the flag is for a user's own JS parser.
for (const name of CONFIG_ORDER) plugin.configs[name].languageOptions.parser = tsParser;

export { CONFIG_FILES, CONFIG_ORDER, configSeverity, rules, type FlatConfig, type MarkdownConfig } from "./plugin.js";
export default plugin;
