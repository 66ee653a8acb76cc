/**
 * The CLI engine parses TypeScript with oxc-parser through src/engine/fast-parser.ts.
 * ESLint and the rules must see what @typescript-eslint/parser gives: the same tree,
 * comments and scopes on every TypeScript file of the fixture apps; the fallback
 * files (parse errors, hashbang, HTML entities) go to @typescript-eslint/parser
 * itself, so a parse error reads the same; and a run over files without any of those
 * never loads TypeScript. (The rule suites also run on this parser: vitest.config.ts.)
 */
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import tsParser from "@typescript-eslint/parser";
import { Linter } from "eslint";
import { describe, expect, it } from "vitest";
import { fastParser } from "../../src/engine/fast-parser.js";
import { APPS, REPO } from "../helpers.js";
import { tempDir } from "../temp.js";

const supportedPlatform = ["linux", "darwin", "win32"].includes(process.platform) && ["x64", "arm64"].includes(process.arch);
const OPTIONS = { ecmaFeatures: { jsx: true }, sourceType: "module" as const, ecmaVersion: "latest" as const };

type Parsed = { ast: Record<string, unknown> & { comments: unknown[]; tokens: unknown[] }; scopeManager: { scopes: Array<{ type: string; block: { range: number[] }; variables: Array<{ name: string; defs: unknown[]; references: unknown[] }>; references: Array<{ identifier: { name: string; range: number[] }; resolved: unknown }>; through: unknown[] }> } };

/** A tree as plain data, without the fields one parser sets and the other does not (none read by a rule). */
function plain(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plain);
  if (typeof node === "bigint") return `${node}n`;
  if (!node || typeof node !== "object") return node;
  const n = node as Record<string, unknown> & { type?: string; loc?: { start: { line: number; column: number }; end: { line: number; column: number } } };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(n).sort()) {
    const value = n[key];
    if (["parent", "loc", "hashbang", "start", "end", "tokens"].includes(key) || value === null || value === undefined) continue;
    if (key === "computed" && n.type === "TSEnumMember" && value === false) continue;
    out[key] = plain(value);
  }
  if (n.loc) out.loc = [n.loc.start.line, n.loc.start.column, n.loc.end.line, n.loc.end.column];
  return out;
}

function scopes(parsed: Parsed): unknown {
  return parsed.scopeManager.scopes.map((s) => ({
    type: s.type,
    block: s.block.range,
    variables: s.variables.map((v) => [v.name, v.defs.length, v.references.length]),
    references: s.references.map((r) => [r.identifier.name, r.identifier.range, !!r.resolved]),
    through: s.through.length,
  }));
}

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.name === "node_modules") return [];
    if (e.isDirectory()) return tsFiles(full);
    return /\.(m|c)?tsx?$/.test(e.name) ? [full] : [];
  });
}

describe("the CLI's oxc-parser adapter gives ESLint what @typescript-eslint/parser gives", () => {
  it.runIf(supportedPlatform)("the same tree, comments and scopes on every TypeScript file of the fixture apps", () => {
    let compared = 0;
    for (const file of tsFiles(APPS)) {
      const text = fs.readFileSync(file, "utf8");
      const fast = fastParser.parseForESLint(text, { ...OPTIONS, filePath: file }) as Parsed;
      const ts = tsParser.parseForESLint(text, { ...OPTIONS, filePath: file }) as unknown as Parsed;
      expect(plain(fast.ast), file).toEqual(plain(ts.ast));
      expect(plain(fast.ast.comments), file).toEqual(plain(ts.ast.comments));
      expect(scopes(fast), file).toEqual(scopes(ts));
      if (fast.ast.tokens.length === 0) compared++; // parsed by oxc-parser (the fallback has tokens)
    }
    expect(compared).toBeGreaterThan(100);
  });

  it("a parse error is @typescript-eslint/parser's, word for word", () => {
    const linter = new Linter({ configType: "flat", cwd: path.parse(process.cwd()).root });
    const text = "export async function POST(req: Request) {\n  const body = await req.json(;\n}\n";
    const verify = (parser: unknown) => linter.verify(text, [{ files: ["**/*.ts"], languageOptions: { parser: parser as Linter.Parser } }], { filename: "/app/api/route.ts" });
    const fast = verify(fastParser);
    expect(fast).toHaveLength(1);
    expect(fast[0]!.fatal).toBe(true);
    expect(fast).toEqual(verify(tsParser));
  });

  it("hashbang files and scripts go to @typescript-eslint/parser", () => {
    const script = "#!/usr/bin/env node\nimport { createClerkClient } from '@clerk/backend';\nconsole.log(createClerkClient);\n";
    const fast = fastParser.parseForESLint(script, { ...OPTIONS, filePath: "/app/scripts/seed.ts" }) as Parsed;
    expect(fast.ast.tokens.length).toBeGreaterThan(0);
    expect(plain(fast.ast)).toEqual(plain((tsParser.parseForESLint(script, { ...OPTIONS, filePath: "/app/scripts/seed.ts" }) as unknown as Parsed).ast));
  });

  it.runIf(supportedPlatform)("a check of TypeScript files oxc-parser reads never loads TypeScript", () => {
    const dir = tempDir("clerk-guard-fast-parser-");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", dependencies: { next: "16.0.0", "@clerk/nextjs": "7.0.0" } }));
    fs.mkdirSync(path.join(dir, "app", "dashboard"), { recursive: true });
    fs.writeFileSync(path.join(dir, "app", "dashboard", "page.tsx"), 'import { auth } from "@clerk/nextjs/server";\n\nexport default async function Page() {\n  const { userId } = auth();\n  return <p>{userId}</p>;\n}\n');
    const probe = path.join(dir, "probe.cjs");
    fs.writeFileSync(probe, 'process.on("exit", () => { if (Object.keys(require.cache).some((k) => /[\\\\/]typescript[\\\\/]lib[\\\\/]typescript\\.js$/.test(k))) process.stderr.write("TYPESCRIPT-LOADED\\n"); });\n');
    const r = spawnSync(process.execPath, ["--require", probe, path.join(REPO, "bin", "clerk-guard.js"), "check", path.join(dir, "app"), "--format", "json"], { encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1" } });
    const results = JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>;
    // the finding is there (sync auth() on v7), and TypeScript was never required
    expect(results.flatMap((f) => f.messages.map((m) => m.ruleId))).toContain("clerk-guard/await-auth");
    expect(r.stderr).not.toContain("TYPESCRIPT-LOADED");
  });
});
