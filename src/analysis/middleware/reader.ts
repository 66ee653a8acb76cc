/**
 * Reading a middleware/proxy module: which export Next.js runs
 * (`(isProxy ? mod.proxy : mod.middleware) || mod.default`, Next's own loader),
 * which Clerk middleware calls that export reaches (through local declarations,
 * imports and re-exports), the `config.matcher`, and what else is exported.
 * Works on any Module: the linted file (scope-aware FileFacts) or another
 * project file (the project index), so every rule reads the middleware alike.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap, walk } from "../ast.js";
import { AUTH_MIDDLEWARE_ONLY_OPTIONS, MIDDLEWARE_APIS, type MiddlewareApi, NEXT_SERVER_SOURCES } from "../clerk-api.js";
import { splitPackage } from "../imports.js";
import type { Module } from "../module.js";
import { followImport } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";
import { resolveConst } from "../value-flow.js";
import type { MiddlewareName } from "./location.js";
import { type PatternList, listMatches, objectProperty, readPatternList } from "./patterns.js";
import type { RouteUrl } from "../next-files.js";

export interface ClerkMiddlewareCall {
  api: MiddlewareApi;
  call: TSESTree.CallExpression;
  /** The module the call is written in. */
  module: Module;
}

export interface MatcherInfo {
  /** absent: no config.matcher (runs on every path); unknown: not statically readable. */
  kind: "absent" | "static" | "unknown";
  list?: PatternList;
  node?: Node;
}

export interface MiddlewareAnalysis {
  module: Module;
  name: MiddlewareName;
  /** Clerk middleware calls reachable from the export Next runs. */
  calls: ClerkMiddlewareCall[];
  /** The export Next runs (its statement), for reports. */
  exportNode: Node | undefined;
  exportName: string | undefined;
  /** Clerk middleware found only under an export Next does not run (`export const clerk = …`, a shadowed default). */
  misexported: { exportName: string; node: Node } | undefined;
  /** The named export Next prefers over the default export when both exist (`middleware`/`proxy`). */
  shadowsDefault: boolean;
  /** Part of the exported code could not be followed (an unresolvable workspace import…). */
  opaque: boolean;
  matcher: MatcherInfo;
}

export interface ReadOptions {
  /** The project index, to follow re-exports and local imports. */
  index?: ProjectIndex;
  /** Declared dependencies (name → range) of the project, to tell workspace packages from npm packages. */
  dependencies?: ReadonlyMap<string, string>;
}

/** A call of `clerkMiddleware`/`authMiddleware`/`withClerkMiddleware` from @clerk/nextjs. */
export function middlewareApiOf(call: TSESTree.CallExpression, mod: Module): MiddlewareApi | undefined {
  const origin = mod.exportOf(unwrap(call.callee));
  if (!origin || !NEXT_SERVER_SOURCES.has(origin.binding.source)) return undefined;
  return Object.hasOwn(MIDDLEWARE_APIS, origin.exportName) ? (origin.exportName as MiddlewareApi) : undefined;
}

/** Could an unresolved import hide a Clerk middleware (workspace package, alias, auth helper package)? */
function isOpaqueSource(source: string, deps: ReadonlyMap<string, string> | undefined): boolean {
  if (source.startsWith(".") || source.startsWith("/") || source.startsWith("@/") || source.startsWith("~/") || source.startsWith("#")) return true;
  const sp = splitPackage(source);
  if (!sp) return true;
  if (sp.pkg === "next" || sp.pkg === "react" || sp.pkg.startsWith("@clerk/")) return false;
  if (/clerk|auth|middleware/i.test(sp.pkg)) return true;
  const range = deps?.get(sp.pkg);
  if (range === undefined) return deps !== undefined;
  return /^(workspace:|file:|link:|portal:)/.test(range);
}

/** Is this identifier read as a value (not a property key, a declaration name or a type)? */
function isReference(node: TSESTree.Identifier): boolean {
  const parent = node.parent;
  if (!parent) return true;
  if (parent.type === "MemberExpression" && parent.property === node && !parent.computed) return false;
  if ((parent.type === "Property" || parent.type === "PropertyDefinition" || parent.type === "MethodDefinition") && parent.key === node && !parent.computed) {
    return parent.type === "Property" && parent.shorthand && parent.value === node;
  }
  if (parent.type === "VariableDeclarator" && parent.id === node) return false;
  if ((parent.type === "FunctionDeclaration" || parent.type === "FunctionExpression" || parent.type === "ClassDeclaration") && parent.id === node) return false;
  if (parent.type.startsWith("TS") && parent.type !== "TSAsExpression" && parent.type !== "TSNonNullExpression" && parent.type !== "TSSatisfiesExpression") return false;
  if (parent.type.startsWith("Import") || (parent.type === "ExportSpecifier" && parent.exported === node && parent.local !== node)) return false;
  return true;
}

interface Collector {
  calls: ClerkMiddlewareCall[];
  opaque: boolean;
  seen: Set<Node>;
  options: ReadOptions;
}

const MAX_HOPS = 3;

/** Follow an import binding of `mod` (or a re-export) to the value it names in another project module. */
function collectFromImport(mod: Module, source: string, imported: string, col: Collector, depth: number): void {
  const index = col.options.index;
  if (!index || !index.resolve(mod.file, source)) {
    if (isOpaqueSource(source, col.options.dependencies)) col.opaque = true;
    return;
  }
  if (depth >= MAX_HOPS) {
    col.opaque = true;
    return;
  }
  const target = followImport(index, mod, { id: undefined as never, local: "", source, imported, typeOnly: false, kind: "static" });
  if (!target) {
    col.opaque = true;
    return;
  }
  if (target.name === "*") collectFrom(target.module.program, target.module, col, depth + 1);
  else if (target.value) collectFrom(target.value, target.module, col, depth + 1);
}

/** Collect Clerk middleware calls reachable from `start`, following local declarations and imports. */
function collectFrom(start: Node, mod: Module, col: Collector, depth: number): void {
  if (col.seen.has(start)) return;
  col.seen.add(start);
  const visitIdentifier = (id: TSESTree.Identifier) => {
    const decl = mod.shape.decls.get(id.name);
    if (!decl) return;
    if (decl.kind === "import") {
      const b = decl.binding;
      if (!b.typeOnly && !b.source.startsWith("@clerk/")) collectFromImport(mod, b.source, b.imported, col, depth);
      return;
    }
    const target = decl.kind === "variable" ? decl.node.init : decl.node;
    if (target && target !== start) collectFrom(target, mod, col, depth);
  };
  if (start.type === "Identifier") {
    visitIdentifier(start);
    return;
  }
  walk(start, (node) => {
    if (node.type === "CallExpression") {
      const api = middlewareApiOf(node, mod);
      if (api) col.calls.push({ api, call: node, module: mod });
    } else if (node.type === "Identifier" && isReference(node)) {
      visitIdentifier(node);
    }
    return undefined;
  });
}

/** Clerk middleware calls reachable from export `name` of `mod`. */
function collectExport(mod: Module, name: string, options: ReadOptions): Collector | undefined {
  const entry = mod.shape.exports.get(name);
  if (!entry) return undefined;
  const col: Collector = { calls: [], opaque: false, seen: new Set(), options };
  if (entry.kind === "reexport") collectFromImport(mod, entry.source, entry.imported, col, 0);
  else if (entry.value) collectFrom(entry.value, mod, col, 0);
  else if (entry.local !== undefined) {
    const decl = mod.shape.decls.get(entry.local);
    if (decl?.kind === "import") collectFromImport(mod, decl.binding.source, decl.binding.imported, col, 0);
    else col.opaque = true;
  }
  return col;
}

const cache = new WeakMap<TSESTree.Program, Map<string, MiddlewareAnalysis>>();

/** Read a middleware/proxy module (once per parsed program, shared by the rules that ask). */
export function readMiddleware(mod: Module, name: MiddlewareName, options: ReadOptions = {}): MiddlewareAnalysis {
  let byName = cache.get(mod.program);
  if (!byName) {
    byName = new Map();
    cache.set(mod.program, byName);
  }
  const key = `${name}\0${mod.file}\0${options.index?.root ?? ""}`;
  let analysis = byName.get(key);
  if (!analysis) {
    analysis = readUncached(mod, name, options);
    byName.set(key, analysis);
  }
  return analysis;
}

function readUncached(mod: Module, name: MiddlewareName, options: ReadOptions): MiddlewareAnalysis {
  const exports = mod.shape.exports;
  // Next's loader: `(isProxy ? mod.proxy : mod.middleware) || mod.default`
  const runs = exports.has(name) ? name : exports.has("default") ? "default" : undefined;
  const col = runs ? collectExport(mod, runs, options) : undefined;
  let misexported: MiddlewareAnalysis["misexported"];
  if (!col || col.calls.length === 0) {
    for (const other of ["default", "proxy", "middleware"]) {
      if (other === runs) continue;
      const probe = collectExport(mod, other, options);
      if (probe && probe.calls.length > 0) {
        misexported = { exportName: other, node: exports.get(other)!.statement };
        break;
      }
    }
  }
  return {
    module: mod,
    name,
    calls: col?.calls ?? [],
    exportNode: runs ? exports.get(runs)!.statement : undefined,
    exportName: runs,
    misexported,
    shadowsDefault: runs === name && exports.has("default"),
    opaque: col?.opaque ?? false,
    matcher: readMatcher(mod),
  };
}

/** Read the middleware file of a project through the index. */
export function readMiddlewareFile(index: ProjectIndex, file: string, name: MiddlewareName, dependencies?: ReadonlyMap<string, string>): MiddlewareAnalysis | undefined {
  const mod = index.module(file);
  return mod ? readMiddleware(mod, name, { index, dependencies }) : undefined;
}

// ── config.matcher ──────────────────────────────────────────────────────────

function readMatcher(mod: Module): MatcherInfo {
  const entry = mod.shape.exports.get("config");
  if (!entry) return { kind: "absent" };
  if (entry.kind !== "local" || !entry.value || (entry.path?.length ?? 0) > 0) return { kind: "unknown", node: entry.statement };
  const obj = resolveConst(entry.value, mod);
  if (obj.type !== "ObjectExpression") return { kind: "unknown", node: entry.statement };
  const prop = objectProperty(obj, "matcher");
  if (prop === null) return { kind: "unknown", node: obj };
  if (!prop) return { kind: "absent" };
  const list = readPatternList(prop.value as Node, mod, "next");
  return list ? { kind: "static", list, node: list.node } : { kind: "unknown", node: prop.value as Node };
}

/** Does the middleware run for this route? undefined when the matcher cannot be read. */
export function matcherRuns(matcher: MatcherInfo, url: RouteUrl): boolean | undefined {
  if (matcher.kind === "absent") return true;
  if (matcher.kind === "unknown" || !matcher.list) return undefined;
  return listMatches(matcher.list, url);
}

/**
 * Options of the removed `authMiddleware()` passed to `clerkMiddleware()`, which
 * ignores them (`clerkMiddleware({ publicRoutes } as any)`): every route stays public.
 */
export function authMiddlewareOnlyOptions(call: TSESTree.CallExpression, mod: Module): Array<{ name: string; node: Node; cast: boolean }> {
  const out: Array<{ name: string; node: Node; cast: boolean }> = [];
  for (const arg of call.arguments) {
    const cast = arg.type === "TSAsExpression" || arg.type === "TSTypeAssertion";
    const value = resolveConst(arg, mod);
    if (value.type !== "ObjectExpression") continue;
    for (const p of value.properties) {
      const name = p.type === "Property" ? propertyName(p) : undefined;
      if (name !== undefined && AUTH_MIDDLEWARE_ONLY_OPTIONS.has(name)) out.push({ name, node: p, cast });
    }
  }
  return out;
}
