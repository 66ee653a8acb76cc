/**
 * The project index: the files of a project and each one's parsed Module,
 * built without a type checker. One index per project root, shared by every
 * rule and every file of a run. Modules are parsed lazily, cached by file
 * content (an edit is picked up, nothing is parsed twice) and bounded in
 * number, so a large repository costs memory in proportion to what rules ask
 * about, not to its size. Cross-file answers are memoized with `memo()`
 * and dropped whenever a module's content changes.
 *
 * The questions themselves live with the facts they are about: callers of an
 * export in call-graph.ts, export resolution in exports.ts, user creation,
 * webhooks and providers in detectors/.
 */
import { analyze } from "@typescript-eslint/scope-manager";
import type { TSESTree } from "@typescript-eslint/utils";
import { createRequire } from "node:module";
import path from "node:path";
import { type Node, walk } from "../ast.js";
import { readText } from "../fs-cache.js";
import { Module, scopeSourceOf } from "../module.js";
import { classifyFile } from "../next-files.js";
import { listCodeFiles } from "./discover.js";
import { resolveLocal } from "./resolve.js";

const MAX_BYTES = 1_000_000;
/** Parsed modules kept per index (least recently used beyond this are parsed again when asked for). */
const MAX_MODULES = 4_000;

// ── parsing ─────────────────────────────────────────────────────────────────
//
// Other project files are parsed with oxc-parser (native, several times faster than
// typescript-estree, and it does not load TypeScript), into the same TS-ESTree shape:
// `range: true` (UTF-16 offsets, as ESLint's), `preserveParens: false` (no
// ParenthesizedExpression nodes), every file as TypeScript (JSX allowed except in
// .ts/.mts/.cts), as typescript-estree parsed them here. Where oxc-parser's native
// binary cannot load (an unsupported platform, an install without optional
// dependencies) typescript-estree does the work, loaded only then. A file oxc-parser
// reports errors in, or whose JSX text holds an HTML entity (typescript-estree decodes
// `&amp;` in JSX text and attribute strings, oxc-parser keeps it), is parsed by
// typescript-estree too, so every module has the AST it always had. Known remaining
// difference, which no detector reads: absent optional TS fields (`returnType`,
// `typeParameters`…) are null rather than undefined.

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
export function projectParser(): "oxc-parser" | "typescript-estree" {
  return oxc() ? "oxc-parser" : "typescript-estree";
}

const TS_ONLY = /\.(m|c)?ts$/;
const ENTITY = /&(#\d+|#x[\da-f]+|[a-z][a-z\d]*);/i;

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

/** Line starts of a text, and 1-based line / 0-based column of an offset (ESLint's `loc`). */
function locator(text: string): (offset: number) => TSESTree.Position {
  const starts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! };
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

/** oxc-parser's AST with parents and `loc` set, or undefined when typescript-estree must parse the file. */
function parseWithOxc(parse: ParseSync, file: string, text: string): TSESTree.Program | undefined {
  let result: ReturnType<ParseSync>;
  try {
    result = parse(file, text, { lang: TS_ONLY.test(file) ? "ts" : "tsx", sourceType: "module", astType: "ts", range: true, preserveParens: false });
  } catch {
    return undefined;
  }
  if (result.errors.length > 0) return undefined;
  const program = result.program;
  const locate = locator(text);
  const entities = ENTITY.test(text);
  let decoded = false;
  walk(program as Node, (node, parent) => {
    (node as { loc: unknown }).loc = new LazyLoc(node.range, locate);
    if (entities && (node.type === "JSXText" || (node.type === "Literal" && parent?.type === "JSXAttribute")) && typeof node.value === "string" && ENTITY.test(node.value)) decoded = true;
  });
  return decoded ? undefined : program;
}

function parseModule(file: string, text: string): TSESTree.Program | undefined {
  if (text.length > MAX_BYTES) return undefined;
  const parse = oxc();
  const program = parse ? parseWithOxc(parse, file, text) : undefined;
  if (program) return program;
  try {
    return parseWithEstree(file, text);
  } catch {
    return undefined;
  }
}

/**
 * A module parsed outside ESLint (the project index, unit tests): scope analysis
 * runs on the first question that needs it.
 */
export function moduleFromText(root: string, file: string, text: string): Module | undefined {
  const program = parseModule(file, text);
  if (!program) return undefined;
  let scopes: ReturnType<typeof scopeSourceOf> | undefined;
  return new Module(file, program, text, classifyFile(root, file), () => {
    scopes ??= scopeSourceOf(analyze(program, { sourceType: "module", jsxPragma: null, lib: ["esnext"] }) as never);
    return scopes;
  });
}

export class ProjectIndex {
  readonly root: string;
  private fileList: string[] | undefined;
  /** file → its text and module; Map order is recency (most recent last). */
  private readonly modules = new Map<string, { text: string; module: Module | undefined }>();
  private readonly answers = new Map<string, unknown>();
  /** `dir\0specifier` → resolved file (null: not a project module). */
  private readonly resolved = new Map<string, string | null>();

  constructor(root: string) {
    this.root = root;
  }

  /** All code files of the project (walked once per index). */
  files(): string[] {
    if (!this.fileList) this.fileList = listCodeFiles(this.root);
    return this.fileList;
  }

  /** The project file an import specifier of `fromFile` names (relative, tsconfig paths), or undefined for packages. */
  resolve(fromFile: string, specifier: string): string | undefined {
    const key = `${path.dirname(fromFile)}\0${specifier}`;
    let hit = this.resolved.get(key);
    if (hit === undefined) {
      hit = resolveLocal(this.root, fromFile, specifier) ?? null;
      this.resolved.set(key, hit);
    }
    return hit ?? undefined;
  }

  text(file: string): string | undefined {
    return readText(file);
  }

  /** The parsed module of a file, or undefined when unreadable or unparsable. */
  module(file: string): Module | undefined {
    const text = readText(file);
    if (text === undefined) return undefined;
    const cached = this.modules.get(file);
    if (cached && cached.text === text) {
      this.modules.delete(file);
      this.modules.set(file, cached);
      return cached.module;
    }
    // any content change invalidates derived (cross-file) answers
    if (cached) this.answers.clear();
    const module = moduleFromText(this.root, file, text);
    this.modules.delete(file);
    this.modules.set(file, { text, module });
    if (this.modules.size > MAX_MODULES) this.modules.delete(this.modules.keys().next().value!);
    return module;
  }

  /**
   * A cross-file answer, computed once per index until a module changes. A
   * recursive question about the same key sees `undefined` (a cycle guard).
   */
  memo<T>(key: string, compute: () => T): T {
    if (this.answers.has(key)) return this.answers.get(key) as T;
    this.answers.set(key, undefined);
    const value = compute();
    this.answers.set(key, value);
    return value;
  }

  /** Drop derived answers and the file list. */
  invalidate(): void {
    this.fileList = undefined;
    this.answers.clear();
    this.resolved.clear();
  }
}

const indexes = new Map<string, { index: ProjectIndex; at: number }>();
/** How long a file list is trusted in a long-lived process (editors); a CLI run is shorter. */
const FILE_LIST_TTL_MS = 5_000;

/** The shared index for a project root. */
export function getProjectIndex(root: string): ProjectIndex {
  const now = Date.now();
  let entry = indexes.get(root);
  if (!entry) {
    entry = { index: new ProjectIndex(root), at: now };
    indexes.set(root, entry);
  } else if (now - entry.at > FILE_LIST_TTL_MS) {
    entry.index.invalidate();
    entry.at = now;
  }
  return entry.index;
}

/** Forget the index of a root that no longer exists (a Markdown example's virtual project). */
export function dropProjectIndex(root: string): void {
  indexes.delete(root);
}

export function resetProjectIndexes(): void {
  indexes.clear();
}
