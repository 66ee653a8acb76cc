/**
 * The plugin's promises, checked for every rule (in the spirit of eslint-plugin-unicorn):
 * exported, documented, tested, in a config, with docs URL, schema and default options.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import plugin, { rules } from "../src/index.js";
import type { ClerkGuardDocs } from "../src/util/create-rule.js";
import { withRulesTable } from "../src/util/rules-table.js";
import { REPO } from "./helpers.js";

const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
const ids = Object.keys(rules);

describe("plugin object", () => {
  it("has meta from package.json", () => {
    expect(plugin.meta.name).toBe("clerk-guard");
    expect(plugin.meta.version).toBe(pkg.version);
  });

  it("ships named flat configs recommended ⊂ strict ⊂ all", () => {
    for (const name of ["recommended", "strict", "all"] as const) {
      const config = plugin.configs[name];
      expect(config.name).toBe(`clerk-guard/${name}`);
      expect(config.plugins["clerk-guard"]).toBe(plugin);
    }
    const r = Object.keys(plugin.configs.recommended.rules);
    const s = Object.keys(plugin.configs.strict.rules);
    const a = Object.keys(plugin.configs.all.rules);
    expect(r.every((x) => s.includes(x))).toBe(true);
    expect(s.every((x) => a.includes(x))).toBe(true);
    expect(a.sort()).toEqual(ids.map((id) => `clerk-guard/${id}`).sort());
  });

  it("recommended leaves out exactly the strict-only rules", () => {
    const strictOnly = ids.filter((id) => (rules[id as keyof typeof rules].meta.docs as ClerkGuardDocs).config === "strict");
    expect(strictOnly.sort()).toEqual(["prefer-permission-checks", "protect-route-handlers"]);
    for (const id of strictOnly) expect(plugin.configs.recommended.rules[`clerk-guard/${id}`]).toBeUndefined();
  });
});

describe.each(ids)("rule %s", (id) => {
  const rule = rules[id as keyof typeof rules];
  const docs = rule.meta.docs as ClerkGuardDocs;

  it("has complete metadata", () => {
    expect(rule.meta.docs?.url).toBe(`https://github.com/clerk-guard/clerk-guard/blob/main/rules/${id}.md`);
    expect(docs.description.length).toBeGreaterThan(10);
    expect(docs.fix.length).toBeGreaterThan(5);
    expect(docs.versions.length).toBeGreaterThan(0);
    expect(["critical", "high", "medium", "low"]).toContain(docs.severity);
    expect(Array.isArray(rule.meta.schema)).toBe(true);
    expect(Array.isArray(rule.meta.defaultOptions)).toBe(true);
    expect(Object.keys(rule.meta.messages).length).toBeGreaterThan(0);
    expect(rule.meta.messages).not.toHaveProperty("todo");
  });

  it("is documented in rules/<id>.md", () => {
    expect(fs.existsSync(path.join(REPO, "rules", `${id}.md`))).toBe(true);
  });

  it("is tested in test/rules/<id>.test.ts", () => {
    expect(fs.existsSync(path.join(REPO, "test", "rules", `${id}.test.ts`))).toBe(true);
  });
});

describe("README.md", () => {
  it("has an up-to-date rules table (run `npm run readme`)", () => {
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    expect(withRulesTable(readme)).toBe(readme);
  });
});
