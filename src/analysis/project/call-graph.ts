/**
 * Who uses an export? The project's call graph, built on demand and without a
 * type checker: which modules import a project module (relative paths,
 * tsconfig `paths`, barrels that re-export it, `await import()`), and where
 * they call (or pass on) the exported function. Files are pre-filtered by
 * text before anything is parsed, so a question costs the parse of the few
 * files that mention the name.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import { type FunctionNode, type Node, enclosingFunction, isFunction } from "../ast.js";
import type { Module } from "../module.js";
import type { ProjectIndex } from "./index.js";

export interface UseSite {
  /** The module the use is in. */
  module: Module;
  /** The call (`createUser(…)`), or the expression that hands the function on (`action={createUser}`). */
  node: Node;
  kind: "call" | "reference";
  /** The function the use sits in (undefined at module top level). */
  within: FunctionNode | undefined;
}

/** The text a module that imports `file` must contain: its stem, or its directory for an index file. */
function importNeedle(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, "");
  return stem === "index" ? path.basename(path.dirname(file)) : stem;
}

/** Local modules that import (or re-export) `file`, whatever the specifier form. */
export function importersOf(index: ProjectIndex, file: string): Module[] {
  return index.memo(`importers:${file}`, () => {
    const needle = importNeedle(file);
    const out: Module[] = [];
    for (const other of index.files()) {
      if (other === file) continue;
      const text = index.text(other);
      if (!text || !text.includes(needle)) continue;
      const mod = index.module(other);
      if (mod && mod.imports.sources.some((s) => index.resolve(other, s) === file)) out.push(mod);
    }
    return out;
  }) ?? [];
}

/** Every (module, export name) that denotes export `name` of `file`: itself and the barrels that re-export it. */
function aliasesOf(index: ProjectIndex, file: string, name: string, depth = 0, out: Array<{ file: string; name: string }> = []): Array<{ file: string; name: string }> {
  if (out.some((a) => a.file === file && a.name === name)) return out;
  out.push({ file, name });
  if (depth >= 3) return out;
  for (const importer of importersOf(index, file)) {
    for (const [exported, entry] of importer.shape.exports) {
      if (entry.kind === "reexport" && entry.imported === name && index.resolve(importer.file, entry.source) === file) {
        aliasesOf(index, importer.file, exported, depth + 1, out);
      }
    }
    if (importer.shape.starSources.some((s) => index.resolve(importer.file, s) === file) && name !== "default") {
      aliasesOf(index, importer.file, name, depth + 1, out);
    }
    // import { x } from "./file"; export { x }
    for (const b of importer.imports.bindings) {
      if (b.imported !== name || b.typeOnly || index.resolve(importer.file, b.source) !== file) continue;
      for (const [exported, entry] of importer.shape.exports) {
        if (entry.kind === "local" && entry.local === b.local) aliasesOf(index, importer.file, exported, depth + 1, out);
      }
    }
  }
  return out;
}

function siteOf(module: Module, ref: Node): UseSite {
  let expr: Node = ref;
  while (expr.parent && (expr.parent.type === "TSAsExpression" || expr.parent.type === "TSNonNullExpression" || expr.parent.type === "ChainExpression")) expr = expr.parent;
  const parent = expr.parent;
  const call = parent?.type === "CallExpression" && parent.callee === expr ? parent : undefined;
  return { module, node: call ?? expr, kind: call ? "call" : "reference", within: enclosingFunction(call ?? expr) };
}

/** Uses of a top-level function of `module` inside the module itself (scope-aware). */
export function localUsesOf(module: Module, fn: FunctionNode): UseSite[] {
  const declarator: Node | undefined = fn.type === "FunctionDeclaration" ? fn : fn.parent?.type === "VariableDeclarator" ? fn.parent : fn.parent?.type === "CallExpression" && fn.parent.parent?.type === "VariableDeclarator" ? fn.parent.parent : undefined;
  if (!declarator) return [];
  const out: UseSite[] = [];
  for (const variable of module.declaredVariables(declarator)) {
    for (const ref of variable.references) {
      if (ref.init) continue;
      const id = ref.identifier as Node;
      // a recursive call inside the function itself is not a caller
      if (fn.range[0] <= id.range[0] && id.range[1] <= fn.range[1]) continue;
      if (id.parent?.type === "ExportSpecifier") continue;
      out.push(siteOf(module, id));
    }
  }
  return out;
}

/**
 * Where export `name` of `file` is used in the rest of the project: calls and
 * references through named, default, namespace and dynamic imports, directly
 * or through barrels.
 */
export function usesOfExport(index: ProjectIndex, file: string, name: string): UseSite[] {
  return index.memo(`uses:${file}#${name}`, () => {
    const out: UseSite[] = [];
    for (const alias of aliasesOf(index, file, name)) {
      for (const importer of importersOf(index, alias.file)) {
        if (alias.name !== "default" && !importer.text.includes(alias.name)) continue;
        for (const b of importer.imports.bindings) {
          if (b.typeOnly || index.resolve(importer.file, b.source) !== alias.file) continue;
          if (b.imported === alias.name) {
            for (const ref of importer.valueReferences(b)) out.push(siteOf(importer, ref.identifier as Node));
          } else if (b.imported === "*") {
            for (const ref of importer.valueReferences(b)) {
              const id = ref.identifier as Node;
              const member = id.parent;
              if (member?.type === "MemberExpression" && member.object === id && !member.computed && member.property.type === "Identifier" && member.property.name === alias.name) {
                out.push(siteOf(importer, member));
              }
            }
          }
        }
      }
    }
    return out;
  }) ?? [];
}

/** The top-level function (or the function exported as default) a use sits in, for walking up the graph. */
export function topLevelFunctionOf(node: Node | undefined): FunctionNode | undefined {
  let fn = node && (isFunction(node) ? node : enclosingFunction(node));
  while (fn) {
    const outer = enclosingFunction(fn);
    if (!outer) return fn;
    fn = outer;
  }
  return undefined;
}

export type { TSESTree };
