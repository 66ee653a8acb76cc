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
import path from "node:path";
import { readText } from "../fs-cache.js";
import type { ImportBinding } from "../imports.js";
import { Module, scopeSourceOf } from "../module.js";
import { classifyFile } from "../next-files.js";
import { projectInfoFor } from "../project-info.js";
import { listCodeFiles } from "./discover.js";
import { parseProjectFile, staticValueSources } from "./parse.js";
import { resolveLocal } from "./resolve.js";

const MAX_BYTES = 1_000_000;
/** Parsed modules kept per index (least recently used beyond this are parsed again when asked for). */
const MAX_MODULES = 4_000;

function parseModule(file: string, text: string): TSESTree.Program | undefined {
  if (text.length > MAX_BYTES) return undefined;
  return parseProjectFile(file, text);
}

/**
 * A module parsed outside ESLint (the project index, unit tests): scope analysis
 * runs on the first question that needs it.
 */
export function moduleFromText(root: string, file: string, text: string): Module | undefined {
  const program = parseModule(file, text);
  if (!program) return undefined;
  let scopes: ReturnType<typeof scopeSourceOf> | undefined;
  const stack = projectInfoFor(file).stack;
  return new Module(file, program, text, classifyFile(root, file, stack.next), () => {
    scopes ??= scopeSourceOf(analyze(program, { sourceType: "module", jsxPragma: null, lib: ["esnext"] }) as never);
    return scopes;
  }, stack);
}

export class ProjectIndex {
  readonly root: string;
  private fileList: string[] | undefined;
  /** file → its text and module; Map order is recency (most recent last). */
  private readonly modules = new Map<string, { text: string; module: Module | undefined }>();
  private readonly answers = new Map<string, unknown>();
  /** file → the text `valueImports` read without parsing it (a later change of it invalidates answers, as a module's does). */
  private readonly recordTexts = new Map<string, string>();
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
    const before = cached?.text ?? this.recordTexts.get(file);
    if (before !== undefined && before !== text) this.answers.clear();
    const module = moduleFromText(this.root, file, text);
    this.modules.delete(file);
    this.modules.set(file, { text, module });
    if (this.modules.size > MAX_MODULES) this.modules.delete(this.modules.keys().next().value!);
    return module;
  }

  /**
   * The specifiers through which a file brings in code that runs with it: value
   * imports (static, and `import()`/`require()` bound to a name), side-effect
   * imports and value re-exports; `import type` never ships. A file not parsed yet
   * and without `import(`/`require(` is read from oxc-parser's module record,
   * without building its AST (a SPA's bundle walk asks this of every module).
   */
  valueImports(file: string): string[] {
    const text = readText(file);
    if (text === undefined || text.length > MAX_BYTES) return [];
    const cached = this.modules.get(file);
    if (!(cached && cached.text === text) && !text.includes("import(") && !text.includes("require(")) {
      const light = staticValueSources(file, text);
      if (light) {
        this.recordTexts.set(file, text);
        return light;
      }
    }
    const mod = this.module(file);
    return mod ? shippedImports(mod, (b) => !b.typeOnly) : [];
  }

  /**
   * What a file imports for its values, exactly: as `valueImports`, from the parsed module, and
   * leaving out imports whose every binding is used only as a type (`import { AppType } from
   * "../worker"` read as `hc<AppType>`), which TypeScript and esbuild drop from the output.
   */
  exactValueImports(file: string): string[] {
    const mod = this.module(file);
    return mod ? shippedImports(mod, (b) => !mod.isEffectivelyTypeOnly(b)) : [];
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

/** The specifiers of a module's bindings that `ships` accepts, its side-effect imports and its value re-exports. */
function shippedImports(mod: Module, ships: (binding: ImportBinding) => boolean): string[] {
  const out: string[] = [];
  for (const b of mod.imports.bindings) if (ships(b)) out.push(b.source);
  for (const st of mod.program.body) {
    if (st.type === "ImportDeclaration" && st.specifiers.length === 0 && st.importKind !== "type") out.push(st.source.value);
    else if ((st.type === "ExportNamedDeclaration" || st.type === "ExportAllDeclaration") && st.source && st.exportKind !== "type") out.push(st.source.value);
  }
  return out;
}

/** The Next.js role of a project file (none when its own project is built with another framework). */
export function roleOf(root: string, file: string) {
  return classifyFile(root, file, projectInfoFor(file).stack.next);
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
