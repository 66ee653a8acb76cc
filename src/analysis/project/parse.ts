/**
 * Parsing other project files for the project index (files the linter is not
 * linting right now): oxc-parser where its native binary loads, typescript-estree
 * otherwise, both into the TS-ESTree shape ESLint gives rules, with parents and
 * `loc` set.
 *
 * oxc-parser is native, several times faster than typescript-estree and does not
 * load TypeScript. It is asked for the same shape: `range: true` (UTF-16 offsets,
 * as ESLint's), `preserveParens: false` (no ParenthesizedExpression nodes), every
 * file as TypeScript with JSX allowed except in .ts/.mts/.cts, as typescript-estree
 * parses them here. Where its binary cannot load (a platform without a prebuilt
 * one, an install without optional dependencies) typescript-estree does the work,
 * loaded only then. A file oxc-parser reports errors in, or whose JSX text holds an
 * HTML entity (typescript-estree decodes `&amp;` in JSX text and attribute strings,
 * oxc-parser keeps it), is parsed by typescript-estree too, so every module has the
 * AST it always had. Known remaining difference, which no detector reads: absent
 * optional TS fields (`returnType`, `typeParameters`…) are null rather than undefined.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { createRequire } from "node:module";
import { lineIndexAt } from "../../util/lines.js";
import { type Node, walk } from "../ast.js";

export type ProjectParser = "oxc-parser" | "typescript-estree";

type ParseSync = (file: string, text: string, options: object) => { program: TSESTree.Program; errors: readonly unknown[] };
type EstreeParse = typeof import("@typescript-eslint/typescript-estree").parse;

const load = createRequire(import.meta.url);
let oxcParse: ParseSync | null | undefined;
let estreeParse: EstreeParse | undefined;

/** oxc-parser's parseSync, or null when its native binary does not load here. */
function oxc(): ParseSync | null {
  if (oxcParse === undefined) {
    try {
      oxcParse = (load("oxc-parser") as { parseSync: ParseSync }).parseSync;
    } catch {
      oxcParse = null;
    }
  }
  return oxcParse;
}

/** Which parser reads other project files in this process. */
export function projectParser(): ProjectParser {
  return oxc() ? "oxc-parser" : "typescript-estree";
}

const TS_ONLY = /\.(m|c)?ts$/;
const ENTITY = /&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;
/** Line breaks as TypeScript (and so typescript-estree's `loc`) counts them. */
const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;

function parseWithEstree(file: string, text: string): TSESTree.Program {
  estreeParse ??= (load("@typescript-eslint/typescript-estree") as { parse: EstreeParse }).parse;
  const program = estreeParse(text, {
    jsx: !TS_ONLY.test(file),
    range: true,
    loc: true,
    comment: false,
    tokens: false,
    errorOnUnknownASTType: false,
    allowInvalidAST: true,
    suppressDeprecatedPropertyWarnings: true,
  } as Parameters<EstreeParse>[1]);
  // parents, as ESLint sets them: every detector walks up from a node
  walk(program as Node, () => undefined);
  return program;
}

/** 1-based line and 0-based column of an offset of `text` (ESLint's `loc`). */
function locator(text: string): (offset: number) => TSESTree.Position {
  const starts = [0];
  for (const m of text.matchAll(LINE_BREAK)) starts.push(m.index + m[0].length);
  return (offset) => {
    const line = lineIndexAt(starts, offset);
    return { line: line + 1, column: offset - starts[line]! };
  };
}

/** A node's `loc`, computed when read (few are: messages naming a line of another file). */
class LazyLoc {
  constructor(
    private readonly range: TSESTree.Range,
    private readonly locate: (offset: number) => TSESTree.Position,
  ) {}
  get start(): TSESTree.Position {
    return this.locate(this.range[0]);
  }
  get end(): TSESTree.Position {
    return this.locate(this.range[1]);
  }
}

interface OxcComment {
  type: "Line" | "Block";
  value: string;
  start: number;
  end: number;
}

/** oxc-parser's AST with parents and `loc` set (and its comments), or undefined when typescript-estree must parse the file. */
function parseWithOxc(parse: ParseSync, file: string, text: string): { program: TSESTree.Program; comments: readonly OxcComment[]; locate: (offset: number) => TSESTree.Position } | undefined {
  let result: ReturnType<ParseSync>;
  try {
    result = parse(file, text, { lang: TS_ONLY.test(file) ? "ts" : "tsx", sourceType: "module", astType: "ts", range: true, preserveParens: false });
  } catch {
    return undefined;
  }
  if (result.errors.length > 0) return undefined;
  const program = result.program;
  let locate: ((offset: number) => TSESTree.Position) | undefined;
  const lazyLocate = (offset: number): TSESTree.Position => (locate ??= locator(text))(offset);
  const entities = ENTITY.test(text);
  let decoded = false;
  walk(program as Node, (node, parent) => {
    (node as { loc: unknown }).loc = new LazyLoc(node.range, lazyLocate);
    if (entities && (node.type === "JSXText" || (node.type === "Literal" && parent?.type === "JSXAttribute")) && typeof node.value === "string" && ENTITY.test(node.value)) decoded = true;
  });
  return decoded ? undefined : { program, comments: (result as unknown as { comments: readonly OxcComment[] }).comments, locate: lazyLocate };
}

/**
 * A TypeScript file parsed by oxc-parser for the CLI's linter (src/engine/fast-parser.ts):
 * the tree as the project index gets it, plus the comments in typescript-estree's
 * shape (ESLint reads directive comments from them). Undefined where
 * typescript-estree must parse the file (no native binary, a parse error, an HTML
 * entity in JSX, a hashbang line).
 */
export function parseForLinter(file: string, text: string): { program: TSESTree.Program; comments: TSESTree.Comment[] } | undefined {
  const native = oxc();
  if (!native || text.startsWith("#!")) return undefined;
  const parsed = parseWithOxc(native, file, text);
  if (!parsed) return undefined;
  const comments = parsed.comments.map((c) => ({ type: c.type, value: c.value, range: [c.start, c.end] as TSESTree.Range, loc: new LazyLoc([c.start, c.end], parsed.locate) })) as unknown as TSESTree.Comment[];
  return { program: parsed.program, comments };
}

/**
 * The AST of a project file, or undefined when it does not parse. `parser` picks one
 * (tests comparing the two); by default oxc-parser when it loads, else typescript-estree.
 */
export function parseProjectFile(file: string, text: string, parser?: ProjectParser): TSESTree.Program | undefined {
  const native = parser === "typescript-estree" ? null : oxc();
  const program = native ? parseWithOxc(native, file, text)?.program : undefined;
  if (program || parser === "oxc-parser") return program;
  try {
    return parseWithEstree(file, text);
  } catch {
    return undefined;
  }
}

interface ModuleRecord {
  staticImports: { start: number; end: number; moduleRequest: { value: string }; entries: { isType: boolean }[] }[];
  staticExports: { start: number; end: number; entries: { moduleRequest: { value: string } | null }[] }[];
}

/**
 * The specifiers of a file's static imports that bring values (a binding that is
 * not type-only, or a side-effect import) and of its value re-exports, read from
 * oxc-parser's module record without building the AST. Undefined when oxc-parser
 * is not loaded or reports errors (the caller parses the module instead).
 * `import()` and `require()` are not in the record: callers ask only for files
 * without them.
 */
export function staticValueSources(file: string, text: string): string[] | undefined {
  const native = oxc();
  if (!native) return undefined;
  let record: ModuleRecord;
  try {
    const result = native(file, text, { lang: TS_ONLY.test(file) ? "ts" : "tsx", sourceType: "module", astType: "ts", range: true, preserveParens: false }) as unknown as {
      errors: readonly unknown[];
      module: ModuleRecord;
    };
    if (result.errors.length > 0) return undefined;
    record = result.module;
  } catch {
    return undefined;
  }
  const out: string[] = [];
  for (const im of record.staticImports) {
    const value = im.entries.length === 0 ? !/^import\s+type\s*\{/.test(text.slice(im.start, im.end)) : im.entries.some((e) => !e.isType);
    if (value) out.push(im.moduleRequest.value);
  }
  for (const ex of record.staticExports) {
    const source = ex.entries.find((e) => e.moduleRequest)?.moduleRequest?.value;
    if (source !== undefined && !/^export\s+type\b/.test(text.slice(ex.start, ex.end))) out.push(source);
  }
  return out;
}
