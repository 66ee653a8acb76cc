/**
 * The clerk-guard ESLint plugin: `import clerkGuard from "clerk-guard"`.
 */
import fs from "node:fs";
import type { TSESLint } from "@typescript-eslint/utils";
import { envProcessor } from "./processors/env.js";
import { rules } from "./rules/index.js";
import type { ClerkGuardDocs, ConfigName } from "./util/create-rule.js";

const pkg = JSON.parse(fs.readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { name: string; version: string };

export const CONFIG_ORDER: readonly ConfigName[] = ["recommended", "strict", "all"];

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

interface FlatConfig {
  name: string;
  plugins: Record<string, unknown>;
  rules: Record<string, RuleEntry>;
}

const plugin = {
  meta: { name: pkg.name, version: pkg.version, namespace: "clerk-guard" },
  rules: rules as unknown as Record<string, TSESLint.LooseRuleDefinition>,
  /** `env`: lint dotenv files (`.env`, `.env.production`…) for committed Clerk secrets. */
  processors: { env: envProcessor },
  configs: {} as Record<ConfigName, FlatConfig>,
};

for (const name of CONFIG_ORDER) {
  plugin.configs[name] = { name: `clerk-guard/${name}`, plugins: { "clerk-guard": plugin }, rules: rulesFor(name) };
}

export { rules };
export default plugin;
