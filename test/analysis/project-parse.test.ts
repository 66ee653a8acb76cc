/**
 * The project index parses other project files with oxc-parser and falls back to
 * typescript-estree. Both must give detectors the same tree: the same nodes, fields,
 * ranges and `loc` on every code file of the fixture apps, and the CLI must report
 * the same findings when oxc-parser's native binary cannot load.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { moduleFromText } from "../../src/analysis/project/index.js";
import { parseProjectFile, projectParser, staticValueSources } from "../../src/analysis/project/parse.js";
import { runCli } from "../cli-run.js";
import { APPS, REPO } from "../helpers.js";
import { tempDir } from "../temp.js";

/** Fields one parser sets and the other does not, none read by any detector (oxc-parser's `start`/`end` repeat `range`). */
const IGNORED = new Set(["parent", "loc", "sourceType", "hashbang", "start", "end"]);

/** A tree as plain data: absent and null fields dropped, `loc` read out as numbers. */
function plain(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(plain);
  if (typeof node === "bigint") return `${node}n`;
  if (!node || typeof node !== "object") return node;
  const n = node as Record<string, unknown> & { type?: string; loc?: { start: { line: number; column: number }; end: { line: number; column: number } } };
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(n).sort()) {
    const value = n[key];
    if (IGNORED.has(key) || value === null || value === undefined) continue;
    // oxc-parser marks every enum member `computed: false`, typescript-estree only computed ones
    if (key === "computed" && n.type === "TSEnumMember" && value === false) continue;
    out[key] = plain(value);
  }
  if (n.loc) out.loc = [n.loc.start.line, n.loc.start.column, n.loc.end.line, n.loc.end.column];
  return out;
}

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...codeFiles(full));
    else if (/\.(m|c)?[jt]sx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

const supportedPlatform = ["linux", "darwin", "win32"].includes(process.platform) && ["x64", "arm64"].includes(process.arch);

describe("oxc-parser gives the tree typescript-estree gives", () => {
  it.runIf(supportedPlatform)("loads its native binary on this platform", () => {
    expect(projectParser()).toBe("oxc-parser");
  });

  it("on every code file of the fixture apps", () => {
    const files = codeFiles(APPS);
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const oxc = parseProjectFile(file, text, "oxc-parser");
      const estree = parseProjectFile(file, text, "typescript-estree");
      expect(estree, file).toBeDefined();
      if (!oxc) continue;
      expect(plain(oxc), path.relative(REPO, file)).toEqual(plain(estree));
      compared++;
    }
    expect(files.length).toBeGreaterThan(100);
    // the few left to typescript-estree hold a parse error or an HTML entity in JSX
    expect(compared).toBeGreaterThan(files.length - 10);
  });

  it("with non-ASCII text, CRLF, lone CR and Unicode line separators before the nodes (UTF-16 ranges, lines as TypeScript counts them)", () => {
    const text = [
      'import { auth } from "@clerk/nextjs/server"; // 🔐 sécurité',
      "const greeting = \"héllo 👋🏽\";\r\nexport async function GET() {\r",
      "  const { userId } = await auth(); /* \u2028 */ const x = `😀${userId}`;\u2029  return Response.json({ userId, greeting, x });",
      "}",
    ].join("\n");
    const file = "/p/app/api/me/route.ts";
    const oxc = parseProjectFile(file, text, "oxc-parser");
    expect(oxc).toBeDefined();
    expect(plain(oxc)).toEqual(plain(parseProjectFile(file, text, "typescript-estree")));
  });

  it("leaves files with HTML entities in JSX to typescript-estree, which decodes them", () => {
    const text = 'export default function Terms() {\n  return <p title="Terms &amp; privacy">Terms &amp; privacy</p>;\n}\n';
    const file = "/p/app/terms/page.tsx";
    expect(parseProjectFile(file, text, "oxc-parser")).toBeUndefined();
    const program = parseProjectFile(file, text)!;
    expect(JSON.stringify(plain(program))).toContain('"value":"Terms & privacy"');
    expect(plain(program)).toEqual(plain(parseProjectFile(file, text, "typescript-estree")));
  });

  it("leaves files oxc-parser reports errors in to typescript-estree (JSX in a .ts file)", () => {
    const text = 'export const badge = () => <span className="badge">new</span>;\n';
    const file = "/p/lib/badge.ts";
    expect(parseProjectFile(file, text, "oxc-parser")).toBeUndefined();
    expect(parseProjectFile(file, text)).toEqual(parseProjectFile(file, text, "typescript-estree"));
  });
});

describe("without oxc-parser's native binary (an install without optional dependencies)", () => {
  // a preload making every @oxc-parser/binding-* package unresolvable, as after `npm ci --omit=optional`
  const preload = (): string => {
    const file = path.join(tempDir("clerk-guard-no-oxc-"), "no-oxc-binding.cjs");
    fs.writeFileSync(
      file,
      [
        'const Module = require("node:module");',
        "const resolve = Module._resolveFilename;",
        "Module._resolveFilename = function (request, ...rest) {",
        '  if (/^@oxc-parser\\/binding-/.test(request)) { const e = new Error(`Cannot find module ${request}`); e.code = "MODULE_NOT_FOUND"; throw e; }',
        "  return resolve.call(this, request, ...rest);",
        "};",
      ].join("\n"),
    );
    return file;
  };

  it("the project index falls back to typescript-estree", async () => {
    const { spawnSync } = await import("node:child_process");
    const script = `import("${path.join(REPO, "dist", "analysis", "project", "parse.js").replaceAll("\\", "/")}").then((m) => process.stdout.write(m.projectParser()))`;
    const r = spawnSync(process.execPath, ["--require", preload(), "-e", script], { encoding: "utf8", timeout: 60_000 });
    expect(r.stderr).toBe("");
    expect(r.stdout).toBe("typescript-estree");
  });

  it.each(fs.readdirSync(APPS).filter((name) => fs.statSync(path.join(APPS, name)).isDirectory()))("check reports the same on fixtures/apps/%s", (name) => {
    const app = path.join(APPS, name);
    const withOxc = runCli(["check", app, "--format", "json"]);
    const without = runCli(["check", app, "--format", "json"], { env: { NODE_OPTIONS: `--require ${preload()}` } });
    expect(without.stderr).toBe(withOxc.stderr);
    expect(JSON.parse(without.stdout)).toEqual(JSON.parse(withOxc.stdout));
    expect(without.status).toBe(withOxc.status);
    // one result per linted file of the app
    expect(JSON.parse(withOxc.stdout).length).toBeGreaterThan(5);
  });
});

describe("a file's value imports read from oxc-parser's module record", () => {
  /** The same question answered from the parsed module (what the bundle walk asked before). */
  function fromModule(file: string, text: string): string[] {
    const mod = moduleFromText(path.dirname(file), file, text);
    if (!mod) return [];
    const out: string[] = [];
    for (const b of mod.imports.bindings) if (!b.typeOnly) out.push(b.source);
    for (const st of mod.program.body) {
      if (st.type === "ImportDeclaration" && st.specifiers.length === 0 && st.importKind !== "type") out.push(st.source.value);
      else if ((st.type === "ExportNamedDeclaration" || st.type === "ExportAllDeclaration") && st.source && st.exportKind !== "type") out.push(st.source.value);
    }
    return [...new Set(out)].sort();
  }

  it.runIf(supportedPlatform)("name the modules the parsed module names, on every fixture-app file without import()/require()", () => {
    let compared = 0;
    for (const file of codeFiles(APPS)) {
      const text = fs.readFileSync(file, "utf8");
      if (text.includes("import(") || text.includes("require(")) continue;
      const light = staticValueSources(file, text);
      expect(light, file).toBeDefined();
      expect([...new Set(light)].sort(), file).toEqual(fromModule(file, text));
      compared++;
    }
    expect(compared).toBeGreaterThan(50);
  });

  it.runIf(supportedPlatform)("leave out type-only imports and re-exports, keep side-effect imports and value re-exports", () => {
    const file = "/app/src/main.tsx";
    const text = [
      'import App, { type Props } from "./App";',
      'import type { User } from "./types";',
      'import type {} from "./empty-types";',
      'import "./setup";',
      'import {} from "./side";',
      'import { type Only } from "./only-types";',
      'export { helper } from "./helpers";',
      'export type { Row } from "./rows";',
      'export { type Cell } from "./cells";',
      'export * from "./all";',
      'export type * from "./all-types";',
      'export * as ns from "./ns";',
      "export const local = 1;",
    ].join("\n");
    expect([...new Set(staticValueSources(file, text))].sort()).toEqual(fromModule(file, text));
    expect(staticValueSources(file, text)).toEqual(expect.arrayContaining(["./App", "./setup", "./side", "./helpers", "./cells", "./all", "./ns"]));
    expect(staticValueSources(file, text)).not.toEqual(expect.arrayContaining(["./types"]));
  });

  it("are not read from a file oxc-parser reports errors in", () => {
    expect(staticValueSources("/app/src/broken.ts", 'import a from "./a";\nconst = ;')).toBeUndefined();
  });
});
