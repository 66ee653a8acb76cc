/**
 * Following a name across modules: what an export of a project module
 * denotes (through `export { x } from`, `export *`, `import … export { x }`),
 * and what a callee expression of a module calls. The one place that walks
 * re-exports; every cross-file question builds on it.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import { type FunctionNode, type Node, unwrap } from "../ast.js";
import type { ImportBinding } from "../imports.js";
import { type ExportEntry, type Module, functionOf } from "../module.js";
import { toPosix } from "../next-files.js";
import type { ProjectIndex } from "./index.js";

const MAX_HOPS = 6;

export interface ExportTarget {
  /** The module that declares the exported value. */
  module: Module;
  /** The export name as first asked, after following; `*` when the export is a whole namespace. */
  name: string;
  /** The local name it is declared under in `module` (undefined for anonymous defaults and namespaces). */
  local: string | undefined;
  /** The declared value: a function, a class, an initializer; undefined when unknown. */
  value: Node | undefined;
  /** The export is this property path of `value` (`export const { auth } = NextAuth(…)` → ["auth"]). */
  path: string[];
  entry: ExportEntry | undefined;
}

/** What export `name` of the project module `file` denotes, following re-exports and imported re-exports. */
export function followExport(index: ProjectIndex, file: string, name: string, hops = 0): ExportTarget | undefined {
  if (hops > MAX_HOPS) return undefined;
  const mod = index.module(file);
  if (!mod) return undefined;
  if (name === "*") return { module: mod, name, local: undefined, value: undefined, path: [], entry: undefined };
  const entry = mod.shape.exports.get(name);
  if (!entry) {
    for (const source of mod.shape.starSources) {
      const target = index.resolve(file, source);
      const hit = target ? followExport(index, target, name, hops + 1) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }
  if (entry.kind === "reexport") {
    const target = index.resolve(file, entry.source);
    return target ? followExport(index, target, entry.imported, hops + 1) : undefined;
  }
  const decl = entry.local !== undefined ? mod.shape.decls.get(entry.local) : undefined;
  if (decl?.kind === "import") return followImport(index, mod, decl.binding, hops + 1);
  return { module: mod, name, local: entry.local, value: entry.value, path: entry.path ?? [], entry };
}

/** What an import binding of `mod` denotes, when it names a project module. */
export function followImport(index: ProjectIndex, mod: Module, binding: ImportBinding, hops = 0): ExportTarget | undefined {
  if (binding.typeOnly) return undefined;
  const target = index.resolve(mod.file, binding.source);
  return target ? followExport(index, target, binding.imported, hops) : undefined;
}

/** A function of the project that a call (or a reference) reaches. */
export interface FunctionTarget {
  module: Module;
  fn: FunctionNode;
  /** `lib/users.ts:createUser`, for messages. */
  label: string;
  /** Declared at the top level of `module` under this name (undefined for anonymous defaults). */
  name: string | undefined;
}

export function relPath(index: ProjectIndex, file: string): string {
  return toPosix(path.relative(index.root, file));
}

function targetOf(index: ProjectIndex, module: Module, fn: FunctionNode | undefined, name: string | undefined): FunctionTarget | undefined {
  if (!fn) return undefined;
  return { module, fn, name, label: `${relPath(index, module.file)}:${name ?? "default"}` };
}

/** The function an export denotes (a declaration, `const f = async () => …`, `const f = cache(async () => …)`). */
export function exportedFunction(index: ProjectIndex, file: string, name: string): FunctionTarget | undefined {
  const t = followExport(index, file, name);
  if (!t || t.name === "*" || t.path.length > 0) return undefined;
  return targetOf(index, t.module, functionOf(t.value), t.local);
}

/**
 * The project function a callee expression of `mod` denotes: a top-level
 * function of the same module (scope-aware), an imported function of another
 * project module (named, default or `ns.name`), following re-exports.
 */
export function calleeTarget(index: ProjectIndex, mod: Module, callee: Node): FunctionTarget | undefined {
  const c = unwrap(callee);
  if (c.type === "Identifier") {
    const local = mod.localFunction(c);
    if (local) return targetOf(index, mod, local, c.name);
  }
  const origin = mod.exportOf(c);
  if (!origin) return undefined;
  const t = followImport(index, mod, { ...origin.binding, imported: origin.exportName });
  if (!t || t.name === "*" || t.path.length > 0) return undefined;
  return targetOf(index, t.module, functionOf(t.value), t.local);
}

export type { TSESTree };
