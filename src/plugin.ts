/**
 * The plugin object without a parser: rules, processors and the configs' files
 * and rule levels. `src/index.ts` gives each config its parser
 * (@typescript-eslint/parser) for ESLint users; the CLI's engine imports this
 * module instead and brings its own parser, so a CLI run that parses with
 * oxc-parser never loads TypeScript.
 */
import fs from "node:fs";
import type { TSESLint } from "@typescript-eslint/utils";
import { envProcessor } from "./processors/env.js";
import { MARKDOWN_FILES, markdownProcessor } from "./processors/markdown.js";
import { ASTRO_FILES, VUE_FILES, astroProcessor, vueProcessor } from "./processors/sfc.js";
import { rules } from "./rules/index.js";
import type { ClerkGuardDocs, ConfigName } from "./util/create-rule.js";

const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string };

export const CONFIG_ORDER: readonly ConfigName[] = ["recommended", "strict", "all"];

/** The files every config applies to: the extensions the CLI lints. */
export const CONFIG_FILES: readonly string[] = ["**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}"];

type RuleEntry = "error" | "warn";

/** Severity a rule has in the shipped configs: security and correctness errors, softer rules warn. */
export function configSeverity(docs: ClerkGuardDocs): RuleEntry {
  return docs.severity === "critical" || docs.severity === "high" ? "error" : "warn";
}

function rulesFor(config: ConfigName): Record<string, RuleEntry> {
  const level = CONFIG_ORDER.indexOf(config);
  const out: Record<string, RuleEntry> = {};
  for (const [id, rule] of Object.entries(rules)) {
    const docs = rule.meta.docs as ClerkGuardDocs;
    if (CONFIG_ORDER.indexOf(docs.config) <= level) out[`clerk-guard/${id}`] = configSeverity(docs);
  }
  return out;
}

export interface FlatConfig {
  name: string;
  files: string[];
  plugins: Record<string, unknown>;
  /** Set by src/index.ts (the plugin ESLint users import). */
  languageOptions: { parser: unknown; parserOptions: { ecmaFeatures: { jsx: boolean } } };
  rules: Record<string, RuleEntry>;
}

/**
 * `configs.markdown`: lint the code examples of Markdown files; `configs.astro`, `configs.vue`: the
 * script parts of components (with the rules the other configs turn on).
 */
export interface MarkdownConfig {
  name: string;
  files: string[];
  plugins: Record<string, unknown>;
  processor: string;
}

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: "clerk-guard" },
  rules: rules as unknown as Record<string, TSESLint.LooseRuleDefinition>,
  /** `env`: lint dotenv files (`.env`, `.env.production`…) for committed Clerk secrets. */
  /** `markdown`: lint the fenced code examples of .md/.mdx/.mdc files, each as a file of its own project. */
  /** `astro`, `vue`: lint the script parts of .astro and .vue components, each where it runs (server or browser). */
  processors: { env: envProcessor, markdown: markdownProcessor, astro: astroProcessor, vue: vueProcessor },
  configs: {} as Record<ConfigName, FlatConfig> & { markdown: MarkdownConfig; astro: MarkdownConfig; vue: MarkdownConfig },
};

for (const name of CONFIG_ORDER) {
  plugin.configs[name] = {
    name: `clerk-guard/${name}`,
    files: [...CONFIG_FILES],
    plugins: { "clerk-guard": plugin },
    languageOptions: { parser: undefined, parserOptions: { ecmaFeatures: { jsx: true } } },
    rules: rulesFor(name),
  };
}

plugin.configs.markdown = {
  name: "clerk-guard/markdown",
  files: [...MARKDOWN_FILES],
  plugins: { "clerk-guard": plugin },
  processor: "clerk-guard/markdown",
};

for (const [name, files] of [["astro", ASTRO_FILES], ["vue", VUE_FILES]] as const) {
  plugin.configs[name] = { name: `clerk-guard/${name}`, files: [...files], plugins: { "clerk-guard": plugin }, processor: `clerk-guard/${name}` };
}

export { rules };
export default plugin;
