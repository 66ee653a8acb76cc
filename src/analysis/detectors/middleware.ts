/**
 * The Next.js middleware (`middleware.*`, or `proxy.*` on Next 16): where it
 * must live, whether what Next runs is Clerk's middleware, which paths its
 * `config.matcher` covers, and which paths its route gate (public routes +
 * `auth.protect()`, or `authMiddleware({ publicRoutes })`) leaves public.
 *
 * Everything here works on a parsed program plus a Provenance, so a rule can
 * pass the file it lints (scope-aware FileFacts) and the project index can
 * pass any other module (ModuleSummary). Answers are three-valued: when code
 * cannot be followed statically the answer is `undefined` and rules stay silent.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import { type FunctionNode, type Node, isFunction, propertyName, staticString, unwrap, walk } from "../ast.js";
import { exists, findWithExtensions, listDir, readJson, readText } from "../fs-cache.js";
import { type ImportBinding, splitPackage } from "../imports.js";
import { type FileRole, classifyFile, isRouteHandler, isTestOrStory, toPosix } from "../next-files.js";
import { projectInfoFor } from "../project-info.js";
import type { ProjectIndex } from "../project/index.js";
import type { Provenance } from "../resolver.js";
import { literalPrefix, nextMatcherRegExp, routeMatcherRegExp } from "./path-pattern.js";

// ---------------------------------------------------------------------------
// Where the file lives

export type MiddlewareName = "middleware" | "proxy";
/** Directory of a candidate, relative to the project root. */
export type MiddlewareDir = "" | "src" | "app" | "src/app";

export interface MiddlewareCandidate {
  file: string;
  name: MiddlewareName;
  dir: MiddlewareDir;
}

const MIDDLEWARE_FILE = /^(middleware|proxy)\.(?:tsx?|jsx?|mjs)$/;
const CANDIDATE_DIRS: readonly MiddlewareDir[] = ["", "src", "app", "src/app"];

/** `middleware.*` / `proxy.*` files at the root, in src/, app/ or src/app/. */
export function middlewareCandidates(root: string): MiddlewareCandidate[] {
  const out: MiddlewareCandidate[] = [];
  for (const dir of CANDIDATE_DIRS) {
    const abs = dir ? path.join(root, dir) : root;
    for (const entry of listDir(abs).sort()) {
      const m = MIDDLEWARE_FILE.exec(entry);
      if (m) out.push({ file: path.join(abs, entry), name: m[1] as MiddlewareName, dir });
    }
  }
  return out;
}

/** Classify a file as a middleware candidate by its path (no file-system access). */
export function candidateOf(root: string, file: string): MiddlewareCandidate | undefined {
  const base = path.basename(file);
  if (!base.startsWith("middleware.") && !base.startsWith("proxy.")) return undefined;
  const rel = toPosix(path.relative(root, file));
  const m = /^(?:(src\/app|src|app)\/)?(middleware|proxy)\.(?:tsx?|jsx?|mjs)$/.exec(rel);
  if (!m) return undefined;
  return { file, name: m[2] as MiddlewareName, dir: (m[1] ?? "") as MiddlewareDir };
}

/**
 * Where Next.js reads the middleware: next to the router directory. `""` when
 * app/ or pages/ is at the root, `"src"` when only src/app or src/pages exists,
 * undefined when there is no router directory (either place is fine).
 */
export function middlewareHome(root: string): "" | "src" | undefined {
  const isDir = (p: string) => exists(path.join(root, p));
  if (isDir("app") || isDir("pages")) return "";
  if (isDir(path.join("src", "app")) || isDir(path.join("src", "pages"))) return "src";
  return undefined;
}

/** Is the candidate where Next.js looks for it? */
export function isWellPlaced(candidate: MiddlewareCandidate, home: "" | "src" | undefined): boolean {
  if (candidate.dir === "app" || candidate.dir === "src/app") return false;
  return home === undefined || candidate.dir === home;
}

/** Does Next.js run a file of this name? proxy.* only from Next 16 (unknown Next: assume yes). */
export function nextRuns(name: MiddlewareName, nextMajor: number | undefined): boolean {
  return name === "middleware" || nextMajor === undefined || nextMajor >= 16;
}

/** The file name Next expects, for messages: `proxy.ts`, `src/middleware.ts`… */
export function expectedFileName(home: "" | "src" | undefined, nextMajor: number | undefined, ext = "ts"): string {
  const dir = home === "src" ? "src/" : "";
  if (nextMajor === undefined) return `${dir}proxy.${ext} (Next.js 16+) or ${dir}middleware.${ext}`;
  return `${dir}${nextMajor >= 16 ? "proxy" : "middleware"}.${ext}`;
}

function nextConfigFile(root: string): string | undefined {
  return findWithExtensions(root, "next.config", [".js", ".mjs", ".cjs", ".ts", ".mts"]);
}

function nextConfigText(root: string): string | undefined {
  const file = nextConfigFile(root);
  return file ? readText(file) : undefined;
}

/**
 * Does next.config change how middleware files or matchers are read
 * (custom `pageExtensions`, Pages Router `i18n` locales prefixed to matchers)?
 */
export function nextConfigMentions(root: string, key: "pageExtensions" | "i18n"): boolean {
  const text = nextConfigText(root);
  return !!text && new RegExp(`\\b${key}\\s*:`).test(text);
}

export interface ProjectLayout {
  /** A complete Next.js app (see isNextAppRoot). */
  nextApp: boolean;
  pageExtensions: boolean;
  home: "" | "src" | undefined;
  candidates: MiddlewareCandidate[];
}

/** File-system facts are re-read after this long, like the project index's file list. */
const LAYOUT_TTL_MS = 2_000;
const layoutCache = new Map<string, { at: number; layout: ProjectLayout }>();

/**
 * The project's layout facts that every file calling auth() asks for, read
 * once per root and reused for a short while (a CLI run, an editor burst).
 */
export function projectLayout(root: string): ProjectLayout {
  const now = Date.now();
  const hit = layoutCache.get(root);
  if (hit && now - hit.at < LAYOUT_TTL_MS) return hit.layout;
  const layout: ProjectLayout = {
    nextApp: isNextAppRoot(root),
    pageExtensions: nextConfigMentions(root, "pageExtensions"),
    home: middlewareHome(root),
    candidates: middlewareCandidates(root),
  };
  if (layoutCache.size > 200) layoutCache.clear();
  layoutCache.set(root, { at: now, layout });
  return layout;
}

/**
 * Is `root` the root of a complete Next.js app (a next.config file, or
 * package.json scripts that run `next`)? Used to avoid reporting a missing
 * middleware for a partial tree (a snippet, a package of shared code).
 */
export function isNextAppRoot(root: string): boolean {
  if (nextConfigFile(root)) return true;
  const pkg = readJson(path.join(root, "package.json")) as { scripts?: Record<string, unknown> } | undefined;
  const scripts = pkg?.scripts && typeof pkg.scripts === "object" ? Object.values(pkg.scripts) : [];
  return scripts.some((s) => typeof s === "string" && /(?:^|[\s&;|])next\s+(?:dev|build|start)\b/.test(s));
}

// ---------------------------------------------------------------------------
// Who needs the middleware: auth()/currentUser()/auth.protect()/getAuth()

const NEXT_SOURCES = new Set(["@clerk/nextjs/server", "@clerk/nextjs"]);
const AUTH_HELPERS = new Set(["auth", "currentUser", "getAuth"]);
const AUTH_ONLY = new Set(["auth"]);
const ROUTE_MATCHER = new Set(["createRouteMatcher"]);

export interface AuthCall {
  node: TSESTree.CallExpression;
  /** `auth`, `auth.protect`, `currentUser` or `getAuth`. */
  name: string;
}

function isNextClerkExport(origin: { binding: ImportBinding; exportName: string } | undefined, names: ReadonlySet<string>): string | undefined {
  if (!origin || !NEXT_SOURCES.has(origin.binding.source) || !names.has(origin.exportName)) return undefined;
  return origin.exportName;
}

/** Calls of Clerk's request-bound server helpers, which need clerkMiddleware() to have run. */
export function findAuthCalls(program: TSESTree.Program, prov: Provenance): AuthCall[] {
  const out: AuthCall[] = [];
  walk(program, (node) => {
    if (node.type !== "CallExpression") return;
    const callee = unwrap(node.callee);
    const direct = isNextClerkExport(prov.exportOf(callee), AUTH_HELPERS);
    if (direct) {
      out.push({ node, name: direct });
      return;
    }
    if (callee.type === "MemberExpression" && propertyName(callee) === "protect") {
      const obj = unwrap(callee.object);
      if (isNextClerkExport(prov.exportOf(obj), AUTH_ONLY)) out.push({ node, name: "auth.protect" });
    }
  });
  return out;
}

/** Tests, mocks and stories (see isTestOrStory in next-files.ts). */
export const isTestFile = isTestOrStory;

export interface AuthCaller {
  file: string;
  role: FileRole;
  calls: AuthCall[];
}

const AUTH_TEXT = /\b(?:auth|currentUser|getAuth)\b/;
/** Per file list of an index (it changes when the index re-lists files): file → its auth calls (null: none). */
const callerCache = new WeakMap<readonly string[], Map<string, AuthCaller | null>>();

/** The auth calls of one project file, parsed through the index (cached with the index's file list). */
export function authCallerOf(index: ProjectIndex, file: string): AuthCaller | undefined {
  const files = index.files();
  let cache = callerCache.get(files);
  if (!cache) {
    cache = new Map();
    callerCache.set(files, cache);
  }
  const cached = cache.get(file);
  if (cached !== undefined) return cached ?? undefined;
  let result: AuthCaller | null = null;
  const text = index.text(file);
  if (text && text.includes("@clerk/nextjs") && AUTH_TEXT.test(text) && belongsTo(index.root, file)) {
    const mod = index.module(file);
    if (mod && !isTestFile(mod.role)) {
      const calls = findAuthCalls(mod.program, mod.prov);
      if (calls.length > 0) result = { file, role: mod.role, calls };
    }
  }
  cache.set(file, result);
  return result ?? undefined;
}

/**
 * The first file of the project (in sorted path order, optionally only those
 * sorting before `before`) that calls auth()/currentUser()/auth.protect()/getAuth().
 * Files are parsed lazily, so the usual answer costs one parse.
 */
export function firstAuthCaller(index: ProjectIndex, before?: string): AuthCaller | undefined {
  for (const file of index.files()) {
    if (before !== undefined && file >= before) return undefined;
    const caller = authCallerOf(index, file);
    if (caller) return caller;
  }
  return undefined;
}

/** Route handlers of the project whose URL `select` accepts and that call auth() & co. */
export function routeHandlerCallers(index: ProjectIndex, select: (url: RouteUrl) => boolean): Array<AuthCaller & { url: RouteUrl }> {
  const out: Array<AuthCaller & { url: RouteUrl }> = [];
  for (const file of index.files()) {
    if (!mayBeRouteHandler(file)) continue;
    const role = classifyFile(index.root, file);
    if (!isRouteHandler(role)) continue;
    const url = routeUrl(role);
    if (!select(url)) continue;
    const caller = authCallerOf(index, file);
    if (caller) out.push({ ...caller, url });
  }
  return out;
}

const SEP_API = `${path.sep}api${path.sep}`;
/** Cheap path test before classifyFile: `route.*` files and anything under an `api` directory. */
function mayBeRouteHandler(file: string): boolean {
  return path.basename(file).startsWith("route.") || file.includes(SEP_API);
}

/** A file belongs to the project whose package.json is nearest (nested apps are their own projects). */
function belongsTo(root: string, file: string): boolean {
  return path.resolve(projectInfoFor(file).root) === path.resolve(root);
}

// ---------------------------------------------------------------------------
// Route URLs

export interface RouteUrl {
  /** As written in the file tree: `/api/webhooks/[provider]`. */
  display: string;
  /** A concrete pathname to test patterns with (dynamic segments filled in). */
  sample: string;
  /** The part before the first dynamic segment. */
  staticPrefix: string;
  dynamic: boolean;
}

export function routeUrl(role: FileRole): RouteUrl {
  const parts = role.urlPath.split("/").filter(Boolean);
  const sample: string[] = [];
  const prefix: string[] = [];
  let dynamic = false;
  for (const part of parts) {
    const optionalCatchAll = /^\[\[\.\.\..+\]\]$/.test(part);
    const isDynamic = /^\[.+\]$/.test(part);
    if (isDynamic) dynamic = true;
    if (!dynamic) prefix.push(part);
    if (optionalCatchAll) continue;
    sample.push(isDynamic ? "sample-1" : part);
  }
  return {
    display: role.urlPath,
    sample: "/" + sample.join("/"),
    staticPrefix: "/" + prefix.join("/") + (dynamic && prefix.length ? "/" : ""),
    dynamic,
  };
}

/**
 * Route handlers of the project that receive webhooks: a Clerk webhook
 * handler, or a POST handler under a webhook path. A handler that checks the
 * Clerk session itself (auth(), currentUser()…) serves signed-in users, not
 * webhook senders (e.g. an API that manages a user's outgoing webhooks).
 */
export function webhookRoutes(index: ProjectIndex): Array<{ file: string; url: RouteUrl }> {
  const out: Array<{ file: string; url: RouteUrl }> = [];
  for (const file of index.files()) {
    if (!mayBeRouteHandler(file)) continue;
    const role = classifyFile(index.root, file);
    if (!isRouteHandler(role) || isTestFile(role)) continue;
    const byPath = role.urlPath.split("/").some((s) => /webhook/i.test(s));
    const text = index.text(file);
    if (!text) continue;
    // what isClerkWebhookFile looks for: webhook types and verifyWebhook, svix headers, Clerk event names
    if (!byPath && !/svix|webhook|JSON\b|@clerk\/backend["']|\.(?:created|updated|deleted)\b/i.test(text)) continue;
    const mod = index.module(file);
    if (!mod) continue;
    if (!mod.isClerkWebhook) {
      if (!byPath) continue;
      if (role.appKind === "route" && !mod.exports.has("POST")) continue;
    }
    if (findAuthCalls(mod.program, mod.prov).length > 0) continue;
    if (belongsTo(index.root, file)) out.push({ file, url: routeUrl(role) });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Pattern lists (matchers, createRouteMatcher, publicRoutes)

interface PatternEntry {
  source: string;
  re: RegExp | undefined;
  /** A matcher object with has/missing conditions: may or may not apply. */
  conditional?: boolean;
}

export interface PatternList {
  node: Node;
  entries: PatternEntry[];
  /** Every entry was read statically. */
  complete: boolean;
}

/**
 * Does the list match the route? true/false, or undefined when unknown
 * (an entry could not be read, or a dynamic route might be matched only for
 * some values of its parameters).
 */
export function listMatches(list: PatternList, url: RouteUrl): boolean | undefined {
  let maybe = !list.complete;
  for (const e of list.entries) {
    if (!e.re) {
      maybe = true;
      continue;
    }
    if (e.re.test(url.sample)) {
      if (e.conditional) maybe = true;
      else return true;
    } else if (url.dynamic) {
      const lit = literalPrefix(e.source);
      if (lit.length > url.staticPrefix.length && lit.toLowerCase().startsWith(url.staticPrefix.toLowerCase())) maybe = true;
    }
  }
  return maybe ? undefined : false;
}

// ---------------------------------------------------------------------------
// Module context: a program, its provenance, its top-level declarations

export interface ModuleCtx {
  file: string;
  program: TSESTree.Program;
  prov: Provenance;
}

type Decl = { kind: "fn"; node: FunctionNode } | { kind: "var"; node: TSESTree.VariableDeclarator } | { kind: "class"; node: Node };

const declCache = new WeakMap<TSESTree.Program, Map<string, Decl>>();

function topLevelDecls(program: TSESTree.Program): Map<string, Decl> {
  let map = declCache.get(program);
  if (map) return map;
  map = new Map();
  const add = (d: Node | null | undefined) => {
    if (!d) return;
    if (d.type === "FunctionDeclaration" && d.id) map!.set(d.id.name, { kind: "fn", node: d });
    else if (d.type === "ClassDeclaration" && d.id) map!.set(d.id.name, { kind: "class", node: d });
    else if (d.type === "VariableDeclaration") {
      for (const v of d.declarations) if (v.id.type === "Identifier") map!.set(v.id.name, { kind: "var", node: v });
    }
  };
  for (const st of program.body) {
    if (st.type === "ExportNamedDeclaration") add(st.declaration);
    else if (st.type === "ExportDefaultDeclaration") add(st.declaration as Node);
    else add(st);
  }
  declCache.set(program, map);
  return map;
}

type ExportValue =
  | { kind: "node"; node: Node; statement: Node }
  | { kind: "reexport"; source: string; imported: string; statement: Node };

/** The value an export name denotes in a module. */
function exportValue(ctx: ModuleCtx, name: string): ExportValue | undefined {
  for (const st of ctx.program.body) {
    if (st.type === "ExportDefaultDeclaration" && name === "default") {
      return { kind: "node", node: st.declaration as Node, statement: st };
    }
    if (st.type !== "ExportNamedDeclaration") continue;
    const d = st.declaration;
    if (d) {
      if ((d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id?.name === name) return { kind: "node", node: d, statement: st };
      if (d.type === "VariableDeclaration") {
        for (const v of d.declarations) {
          if (v.id.type === "Identifier" && v.id.name === name && v.init) return { kind: "node", node: v.init, statement: st };
        }
      }
      continue;
    }
    for (const spec of st.specifiers) {
      const exported = spec.exported.type === "Identifier" ? spec.exported.name : String(spec.exported.value);
      if (exported !== name) continue;
      const local = spec.local.type === "Identifier" ? spec.local.name : String(spec.local.value);
      if (st.source) return { kind: "reexport", source: st.source.value, imported: local, statement: st };
      return { kind: "node", node: spec.local, statement: st };
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------
// Is (or calls) clerkMiddleware()

export type ClerkMiddlewareApi = "clerkMiddleware" | "authMiddleware" | "withClerkMiddleware";
const MIDDLEWARE_APIS = new Set<string>(["clerkMiddleware", "authMiddleware", "withClerkMiddleware"]);

export interface ClerkMiddlewareCall {
  api: ClerkMiddlewareApi;
  call: TSESTree.CallExpression;
  ctx: ModuleCtx;
}

export interface MatcherInfo {
  /** absent: no config.matcher (runs on every path); unknown: not statically readable. */
  kind: "absent" | "static" | "unknown";
  list?: PatternList;
  node?: Node;
}

export interface MiddlewareAnalysis {
  ctx: ModuleCtx;
  name: MiddlewareName;
  /** Clerk middleware calls reachable from the exports Next runs (default, or `proxy`/`middleware`). */
  calls: ClerkMiddlewareCall[];
  /** The export Next runs (statement), for reports. */
  exportNode: Node | undefined;
  exportName: string | undefined;
  /** Clerk middleware found only under an export Next does not run. */
  misexported: { exportName: string; node: Node } | undefined;
  /** Part of the exported code could not be followed (an unresolvable workspace import…). */
  opaque: boolean;
  matcher: MatcherInfo;
  importsClerk: boolean;
}

export interface AnalyzeOptions {
  /** The project index, to follow re-exports and local imports. */
  index?: ProjectIndex;
  /** Declared dependencies (name → range) of the project, to tell workspace packages from npm packages. */
  dependencies?: ReadonlyMap<string, string>;
}

function clerkApiOf(callee: Node, prov: Provenance): ClerkMiddlewareApi | undefined {
  return isNextClerkExport(prov.exportOf(unwrap(callee)), MIDDLEWARE_APIS) as ClerkMiddlewareApi | undefined;
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
  if (parent.type.startsWith("Import") || parent.type === "ExportSpecifier" && parent.exported === node && parent.local !== node) return false;
  return true;
}

interface Collector {
  calls: ClerkMiddlewareCall[];
  opaque: boolean;
  seen: Set<Node>;
  options: AnalyzeOptions;
}

function moduleCtx(index: ProjectIndex, file: string): ModuleCtx | undefined {
  const mod = index.module(file);
  return mod ? { file, program: mod.program, prov: mod.prov } : undefined;
}

/** Follow an import (or re-export) of a local module to the export it names. */
function collectFromImport(source: string, imported: string, from: ModuleCtx, col: Collector, depth: number): void {
  const index = col.options.index;
  const target = index?.resolve(from.file, source);
  if (!target || !index) {
    if (isOpaqueSource(source, col.options.dependencies)) col.opaque = true;
    return;
  }
  if (depth >= 3) {
    col.opaque = true;
    return;
  }
  const ctx = moduleCtx(index, target);
  if (!ctx) {
    col.opaque = true;
    return;
  }
  if (imported === "*") {
    collectFrom(ctx.program, ctx, col, depth + 1);
    return;
  }
  const value = exportValue(ctx, imported);
  if (!value) {
    // export * from "./x"
    const mod = index.module(target);
    const star = mod?.imports.reExports.find((r) => r.star);
    if (star) collectFromImport(star.source, imported, ctx, col, depth + 1);
    return;
  }
  if (value.kind === "reexport") collectFromImport(value.source, value.imported, ctx, col, depth + 1);
  else collectFrom(value.node, ctx, col, depth + 1);
}

/** Collect Clerk middleware calls reachable from `start`, following local declarations and imports. */
function collectFrom(start: Node, ctx: ModuleCtx, col: Collector, depth: number): void {
  if (col.seen.has(start)) return;
  col.seen.add(start);
  const decls = topLevelDecls(ctx.program);
  const visitIdentifier = (id: TSESTree.Identifier) => {
    const decl = decls.get(id.name);
    if (decl) {
      const target = decl.kind === "var" ? decl.node.init : decl.node;
      if (target && target !== start) collectFrom(target, ctx, col, depth);
      return;
    }
    const binding = ctx.prov.bindingOf(id);
    if (binding && !binding.typeOnly && !NEXT_SOURCES.has(binding.source) && !binding.source.startsWith("@clerk/")) {
      collectFromImport(binding.source, binding.imported, ctx, col, depth);
    }
  };
  if (start.type === "Identifier") {
    visitIdentifier(start);
    return;
  }
  walk(start, (node) => {
    if (node.type === "CallExpression") {
      const api = clerkApiOf(node.callee, ctx.prov);
      if (api) col.calls.push({ api, call: node, ctx });
    } else if (node.type === "Identifier" && isReference(node)) {
      visitIdentifier(node);
    }
    return undefined;
  });
}

const RUN_EXPORTS: Record<MiddlewareName, readonly string[]> = {
  middleware: ["default", "middleware"],
  proxy: ["default", "proxy"],
};

const analysisCache = new WeakMap<TSESTree.Program, Map<string, MiddlewareAnalysis>>();

/** Analyse a middleware/proxy module (once per parsed program, shared by the rules that ask). */
export function analyzeMiddleware(ctx: ModuleCtx, name: MiddlewareName, options: AnalyzeOptions = {}): MiddlewareAnalysis {
  let byName = analysisCache.get(ctx.program);
  if (!byName) {
    byName = new Map();
    analysisCache.set(ctx.program, byName);
  }
  const key = `${name}\0${ctx.file}\0${options.index?.root ?? ""}`;
  let analysis = byName.get(key);
  if (!analysis) {
    analysis = analyzeUncached(ctx, name, options);
    byName.set(key, analysis);
  }
  return analysis;
}

function analyzeUncached(ctx: ModuleCtx, name: MiddlewareName, options: AnalyzeOptions): MiddlewareAnalysis {
  const importsClerk = ctx.program.body.some((st) => st.type === "ImportDeclaration" && st.source.value.startsWith("@clerk/"));
  const col: Collector = { calls: [], opaque: false, seen: new Set(), options };
  let exportNode: Node | undefined;
  let exportName: string | undefined;
  for (const candidate of RUN_EXPORTS[name]) {
    const value = exportValue(ctx, candidate);
    if (!value) continue;
    exportNode ??= value.statement;
    exportName ??= candidate;
    if (value.kind === "reexport") collectFromImport(value.source, value.imported, ctx, col, 0);
    else collectFrom(value.node, ctx, col, 0);
  }
  let misexported: MiddlewareAnalysis["misexported"];
  if (col.calls.length === 0) {
    for (const other of ["default", "proxy", "middleware"]) {
      if (RUN_EXPORTS[name].includes(other)) continue;
      const value = exportValue(ctx, other);
      if (!value) continue;
      const probe: Collector = { calls: [], opaque: false, seen: new Set(), options };
      if (value.kind === "reexport") collectFromImport(value.source, value.imported, ctx, probe, 0);
      else collectFrom(value.node, ctx, probe, 0);
      if (probe.calls.length > 0) {
        misexported = { exportName: other, node: value.statement };
        break;
      }
    }
  }
  return {
    ctx,
    name,
    calls: col.calls,
    exportNode,
    exportName,
    misexported,
    opaque: col.opaque,
    matcher: readMatcher(ctx),
    importsClerk,
  };
}

/** Analyse the middleware file `file` of a project through the index. */
export function analyzeMiddlewareFile(index: ProjectIndex, file: string, name: MiddlewareName, dependencies?: ReadonlyMap<string, string>): MiddlewareAnalysis | undefined {
  const ctx = moduleCtx(index, file);
  return ctx ? analyzeMiddleware(ctx, name, { index, dependencies }) : undefined;
}

// ---------------------------------------------------------------------------
// config.matcher

/** Resolve an expression through top-level `const` declarations of its module. */
function resolveValue(node: Node, ctx: ModuleCtx, depth = 0): Node {
  const n = unwrap(node);
  if (n.type !== "Identifier" || depth > 4) return n;
  const decl = topLevelDecls(ctx.program).get(n.name);
  if (decl?.kind === "var" && decl.node.init && decl.node.parent?.type === "VariableDeclaration" && decl.node.parent.kind === "const") {
    return resolveValue(decl.node.init, ctx, depth + 1);
  }
  return n;
}

function objectProperty(obj: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined | null {
  let found: TSESTree.Property | undefined;
  for (const p of obj.properties) {
    if (p.type === "SpreadElement") return null; // could hide the property
    if (propertyName(p) === name) found = p;
  }
  return found;
}

function readMatcher(ctx: ModuleCtx): MatcherInfo {
  const value = exportValue(ctx, "config");
  if (!value) return { kind: "absent" };
  if (value.kind !== "node") return { kind: "unknown", node: value.statement };
  const obj = resolveValue(value.node, ctx);
  if (obj.type !== "ObjectExpression") return { kind: "unknown", node: value.statement };
  const prop = objectProperty(obj, "matcher");
  if (prop === null) return { kind: "unknown", node: obj };
  if (!prop) return { kind: "absent" };
  const list = readPatternList(prop.value as Node, ctx, "next");
  return list ? { kind: "static", list, node: list.node } : { kind: "unknown", node: prop.value as Node };
}

/**
 * Read a list of route patterns: a string, an array of strings (spreads of
 * const arrays followed), RegExp literals, and for Next matchers `{ source }`
 * objects. Undefined when the value is not a list at all.
 */
export function readPatternList(node: Node, ctx: ModuleCtx, dialect: "next" | "clerk", depth = 0): PatternList | undefined {
  const resolved = resolveValue(node, ctx);
  const list: PatternList = { node: unwrap(node), entries: [], complete: true };
  const compile = (s: string) => (dialect === "next" ? nextMatcherRegExp(s) : routeMatcherRegExp(s));
  const addElement = (el: Node) => {
    const v = resolveValue(el, ctx);
    const s = staticString(v);
    if (s !== undefined) {
      list.entries.push({ source: s, re: compile(s) });
      return;
    }
    if (dialect === "clerk" && v.type === "Literal" && "regex" in v && v.regex) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(v.regex.pattern, v.regex.flags);
      } catch {
        re = undefined;
      }
      list.entries.push({ source: "", re });
      return;
    }
    if (dialect === "next" && v.type === "ObjectExpression") {
      const source = objectProperty(v, "source");
      const s2 = source ? staticString(source.value as Node) : undefined;
      if (s2 === undefined) {
        list.complete = false;
        return;
      }
      const conditional = !!(objectProperty(v, "has") || objectProperty(v, "missing"));
      list.entries.push({ source: s2, re: compile(s2), conditional });
      return;
    }
    if (v.type === "ArrayExpression" && depth < 4) {
      const inner = readPatternList(v, ctx, dialect, depth + 1);
      if (inner) {
        list.entries.push(...inner.entries);
        if (!inner.complete) list.complete = false;
        return;
      }
    }
    list.complete = false;
  };
  if (resolved.type === "ArrayExpression") {
    for (const el of resolved.elements) {
      if (!el) continue;
      if (el.type === "SpreadElement") addElement(el.argument);
      else addElement(el);
    }
    return list;
  }
  const s = staticString(resolved);
  if (s !== undefined || (resolved.type === "Literal" && "regex" in resolved)) {
    addElement(resolved);
    return list;
  }
  return undefined;
}

/** Does the middleware run for this route? undefined when the matcher cannot be read. */
export function matcherRuns(matcher: MatcherInfo, url: RouteUrl): boolean | undefined {
  if (matcher.kind === "absent") return true;
  if (matcher.kind === "unknown" || !matcher.list) return undefined;
  return listMatches(matcher.list, url);
}

// ---------------------------------------------------------------------------
// The route gate: is a path protected by the middleware?

export type GateStatus = "not-run" | "public" | "protected" | "unknown";

export interface GateResult {
  status: GateStatus;
  /** For `protected`: what protects it, in the module of `ctx`. */
  reason?: "not-in-public-list" | "in-protected-list" | "protects-all";
  node?: Node;
  ctx?: ModuleCtx;
}

interface RouteMatcher {
  list: PatternList | undefined;
  ctx: ModuleCtx;
}

interface EvalEnv {
  url: RouteUrl;
  ctx: ModuleCtx;
  handler: FunctionNode;
  authName: string | undefined;
  reqName: string | undefined;
  /** Locals bound from the auth object: name → what they are when signed out. */
  authVars: Map<string, "falsy" | "has" | "redirect" | "protect" | "object">;
  pathVars: Set<string>;
  consulted: Array<{ list: PatternList | undefined; ctx: ModuleCtx; result: boolean | undefined }>;
  usedAuthState: boolean;
  depth: number;
  index: ProjectIndex | undefined;
}

const SIGNED_OUT_FALSY = new Set(["userId", "sessionId", "orgId", "orgRole", "orgSlug", "actor", "sessionClaims", "isAuthenticated", "isSignedIn", "orgPermissions"]);

/** `createRouteMatcher(...)` call of Clerk → its pattern list (undefined entries when not static). */
function routeMatcherFromCall(node: Node, ctx: ModuleCtx): RouteMatcher | undefined {
  const n = unwrap(node);
  if (n.type !== "CallExpression") return undefined;
  if (!isNextClerkExport(ctx.prov.exportOf(unwrap(n.callee)), ROUTE_MATCHER)) return undefined;
  const arg = n.arguments[0];
  if (!arg || arg.type === "SpreadElement") return { list: undefined, ctx };
  return { list: readPatternList(arg, ctx, "clerk"), ctx };
}

/** A `const` declared inside the handler (first declaration of that name). */
function handlerConst(env: EvalEnv, name: string): Node | undefined {
  let found: Node | undefined;
  walk(env.handler.body, (node) => {
    if (found) return false;
    if (node !== env.handler && isFunction(node)) return false;
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.id.name === name && node.init && node.parent?.type === "VariableDeclaration" && node.parent.kind === "const") {
      found = node.init;
    }
    return undefined;
  });
  return found;
}

function resolveMatcher(callee: Node, env: EvalEnv, index: ProjectIndex | undefined): RouteMatcher | undefined {
  const c = unwrap(callee);
  const inline = routeMatcherFromCall(c, env.ctx);
  if (inline) return inline;
  if (c.type !== "Identifier") return undefined;
  const local = handlerConst(env, c.name);
  if (local) return routeMatcherFromCall(local, env.ctx);
  const decl = topLevelDecls(env.ctx.program).get(c.name);
  if (decl?.kind === "var" && decl.node.init) return routeMatcherFromCall(decl.node.init, env.ctx);
  if (decl) return undefined;
  const binding = env.ctx.prov.bindingOf(c);
  if (!binding || !index) return undefined;
  const target = index.resolve(env.ctx.file, binding.source);
  const other = target ? moduleCtx(index, target) : undefined;
  if (!other) return undefined;
  const value = exportValue(other, binding.imported);
  if (value?.kind !== "node") return undefined;
  return routeMatcherFromCall(resolveValue(value.node, other), other);
}

function isAuthCall(node: Node, env: EvalEnv): boolean {
  let n = unwrap(node);
  if (n.type === "AwaitExpression") n = unwrap(n.argument);
  return n.type === "CallExpression" && !!env.authName && unwrap(n.callee).type === "Identifier" && (unwrap(n.callee) as TSESTree.Identifier).name === env.authName;
}

/** `req.nextUrl.pathname`, `new URL(req.url).pathname`, or a const bound to it. */
function isPathname(node: Node, env: EvalEnv): boolean {
  const n = unwrap(node);
  if (n.type === "Identifier") return env.pathVars.has(n.name);
  if (n.type !== "MemberExpression" || propertyName(n) !== "pathname") return false;
  const obj = unwrap(n.object);
  if (obj.type === "MemberExpression" && propertyName(obj) === "nextUrl") {
    const req = unwrap(obj.object);
    return req.type === "Identifier" && req.name === env.reqName;
  }
  if (obj.type === "NewExpression" && unwrap(obj.callee).type === "Identifier" && (unwrap(obj.callee) as TSESTree.Identifier).name === "URL") {
    const arg = obj.arguments[0] ? unwrap(obj.arguments[0]) : undefined;
    return !!arg && arg.type === "MemberExpression" && propertyName(arg) === "url" && unwrap(arg.object).type === "Identifier" && (unwrap(arg.object) as TSESTree.Identifier).name === env.reqName;
  }
  return false;
}

const UNKNOWN = Symbol("unknown");
type Value = string | number | boolean | null | undefined | typeof UNKNOWN;

function valueOf(node: Node, env: EvalEnv): Value {
  const leaf = leafValue(node, env);
  if (leaf !== UNKNOWN) return leaf;
  const n = unwrap(node);
  if (n.type === "Identifier" || n.type === "MemberExpression") return UNKNOWN;
  const b = evalBool(n, env);
  return b === undefined ? UNKNOWN : b;
}

/** Literals, auth-state locals (signed out) and the pathname; UNKNOWN otherwise. */
function leafValue(node: Node, env: EvalEnv): Value {
  const n = unwrap(node);
  if (n.type === "Literal") return "regex" in n && n.regex ? UNKNOWN : (n.value as Value);
  const s = staticString(n);
  if (s !== undefined) return s;
  if (n.type === "Identifier") {
    if (n.name === "undefined") return undefined;
    const kind = env.authVars.get(n.name);
    if (kind === "falsy") {
      env.usedAuthState = true;
      return n.name === "isAuthenticated" || n.name === "isSignedIn" ? false : null;
    }
    if (isPathname(n, env)) return env.url.sample;
  }
  if (n.type === "MemberExpression") {
    const prop = propertyName(n);
    if (prop && SIGNED_OUT_FALSY.has(prop)) {
      const obj = unwrap(n.object);
      if (isAuthCall(obj, env) || (obj.type === "Identifier" && env.authVars.get(obj.name) === "object")) {
        env.usedAuthState = true;
        return prop === "isAuthenticated" || prop === "isSignedIn" ? false : null;
      }
    }
    if (isPathname(n, env)) return env.url.sample;
  }
  return UNKNOWN;
}

/** Three-valued evaluation of a condition for the route in `env` and a signed-out request. */
function evalBool(node: Node, env: EvalEnv): boolean | undefined {
  if (env.depth > 20) return undefined;
  env.depth++;
  try {
    return evalBoolInner(node, env);
  } finally {
    env.depth--;
  }
}

function evalBoolInner(node: Node, env: EvalEnv): boolean | undefined {
  const n = unwrap(node);
  switch (n.type) {
    case "Literal":
      return "regex" in n && n.regex ? true : Boolean(n.value);
    case "AwaitExpression":
      return evalBool(n.argument, env);
    case "UnaryExpression":
      if (n.operator !== "!") return undefined;
      {
        const v = evalBool(n.argument, env);
        return v === undefined ? undefined : !v;
      }
    case "LogicalExpression": {
      const l = evalBool(n.left, env);
      if (n.operator === "&&") {
        if (l === false) return false;
        const r = evalBool(n.right, env);
        if (r === false) return false;
        return l === true && r === true ? true : undefined;
      }
      if (n.operator === "||") {
        if (l === true) return true;
        const r = evalBool(n.right, env);
        if (r === true) return true;
        return l === false && r === false ? false : undefined;
      }
      return undefined;
    }
    case "ConditionalExpression": {
      const t = evalBool(n.test, env);
      if (t === undefined) return undefined;
      return evalBool(t ? n.consequent : n.alternate, env);
    }
    case "BinaryExpression": {
      if (!["===", "!==", "==", "!="].includes(n.operator)) return undefined;
      const l = valueOf(n.left as Node, env);
      const r = valueOf(n.right, env);
      if (l === UNKNOWN || r === UNKNOWN) return undefined;
      const loose = n.operator === "==" || n.operator === "!=";
      const eq = loose ? l == r : l === r;
      return n.operator.startsWith("!") ? !eq : eq;
    }
    case "Identifier":
    case "MemberExpression": {
      const v = leafValue(n, env);
      if (v !== UNKNOWN) return Boolean(v);
      if (n.type === "Identifier") {
        const local = handlerConst(env, n.name);
        if (local) return evalBool(local, env);
      }
      return undefined;
    }
    case "CallExpression": {
      const callee = unwrap(n.callee);
      // has({ role }) on a signed-out request is false
      if (callee.type === "Identifier" && env.authVars.get(callee.name) === "has") {
        env.usedAuthState = true;
        return false;
      }
      if (callee.type === "MemberExpression" && propertyName(callee) === "has") {
        const obj = unwrap(callee.object);
        if (isAuthCall(obj, env) || (obj.type === "Identifier" && env.authVars.get(obj.name) === "object")) {
          env.usedAuthState = true;
          return false;
        }
      }
      // pathname.startsWith("/api/webhooks")
      if (callee.type === "MemberExpression" && isPathname(callee.object, env)) {
        const method = propertyName(callee);
        const arg = n.arguments[0] ? staticString(n.arguments[0]) : undefined;
        if (arg === undefined || env.url.dynamic) return undefined;
        const p = env.url.sample;
        if (method === "startsWith") return p.startsWith(arg);
        if (method === "endsWith") return p.endsWith(arg);
        if (method === "includes") return p.includes(arg);
        return undefined;
      }
      const matcher = resolveMatcher(callee, env, env.index);
      if (matcher) {
        const result = matcher.list ? listMatches(matcher.list, env.url) : undefined;
        env.consulted.push({ list: matcher.list, ctx: matcher.ctx, result });
        return result;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Does a statement always leave the function (return/throw, or a block ending in one)? */
function alwaysExits(st: Node | null | undefined): boolean {
  if (!st) return false;
  if (st.type === "ReturnStatement" || st.type === "ThrowStatement") return true;
  if (st.type === "BlockStatement") return st.body.length > 0 && alwaysExits(st.body[st.body.length - 1]);
  if (st.type === "IfStatement") return alwaysExits(st.consequent) && alwaysExits(st.alternate);
  return false;
}

interface Guard {
  test: Node;
  expect: boolean;
}

/** Conditions under which `node` runs inside `handler`, or undefined when it cannot be told. */
function guardsOf(node: Node, handler: FunctionNode): Guard[] | undefined {
  const guards: Guard[] = [];
  let child: Node = node;
  let parent = node.parent;
  while (parent && child !== handler.body) {
    if (isFunction(parent)) return undefined; // nested callback: runs who knows when
    switch (parent.type) {
      case "IfStatement":
        if (child === parent.consequent) guards.push({ test: parent.test, expect: true });
        else if (child === parent.alternate) guards.push({ test: parent.test, expect: false });
        break;
      case "ConditionalExpression":
        if (child === parent.consequent) guards.push({ test: parent.test, expect: true });
        else if (child === parent.alternate) guards.push({ test: parent.test, expect: false });
        break;
      case "LogicalExpression":
        if (child === parent.right) {
          if (parent.operator === "&&") guards.push({ test: parent.left, expect: true });
          else if (parent.operator === "||") guards.push({ test: parent.left, expect: false });
          else return undefined;
        }
        break;
      case "BlockStatement": {
        for (const st of parent.body) {
          if (st === child) break;
          if (st.type === "ReturnStatement" || st.type === "ThrowStatement") return undefined; // unreachable
          if (st.type === "IfStatement") {
            const thenExits = alwaysExits(st.consequent);
            const elseExits = alwaysExits(st.alternate);
            if (thenExits && elseExits) return undefined;
            if (thenExits) guards.push({ test: st.test, expect: false });
            else if (elseExits) guards.push({ test: st.test, expect: true });
          }
        }
        break;
      }
      case "SwitchCase":
      case "CatchClause":
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
      case "WhileStatement":
      case "DoWhileStatement":
        return undefined;
      default:
        break;
    }
    child = parent;
    parent = parent.parent;
  }
  return guards;
}

interface ProtectAction {
  node: Node;
  /** A response that only counts when its guard looks at the auth state (a sign-in redirect, a 401). */
  needsAuthState: boolean;
}

function isDenyResponse(node: Node): boolean {
  const n = unwrap(node);
  const callee = n.type === "CallExpression" || n.type === "NewExpression" ? unwrap(n.callee) : undefined;
  if (!callee) return false;
  if (n.type === "CallExpression" && callee.type === "MemberExpression" && propertyName(callee) === "redirect") return true;
  const args = (n as TSESTree.CallExpression | TSESTree.NewExpression).arguments;
  const isResponse =
    (n.type === "NewExpression" && callee.type === "Identifier" && /Response$/.test(callee.name)) ||
    (n.type === "CallExpression" && callee.type === "MemberExpression" && propertyName(callee) === "json");
  if (!isResponse) return false;
  const init = args[1] ? unwrap(args[1]) : undefined;
  if (init?.type !== "ObjectExpression") return false;
  const status = objectProperty(init, "status");
  const v = status ? unwrap(status.value as Node) : undefined;
  return !!v && v.type === "Literal" && (v.value === 401 || v.value === 403);
}

function findActions(env: EvalEnv): ProtectAction[] {
  const out: ProtectAction[] = [];
  const isAuthObject = (node: Node) => {
    const n = unwrap(node);
    return isAuthCall(n, env) || (n.type === "Identifier" && (n.name === env.authName || env.authVars.get(n.name) === "object"));
  };
  walk(env.handler.body, (node) => {
    if (node.type === "CallExpression") {
      const callee = unwrap(node.callee);
      if (callee.type === "MemberExpression") {
        const prop = propertyName(callee);
        if ((prop === "protect" || prop === "redirectToSignIn") && isAuthObject(callee.object)) out.push({ node, needsAuthState: false });
      } else if (callee.type === "Identifier") {
        const kind = env.authVars.get(callee.name);
        if (kind === "protect" || kind === "redirect") out.push({ node, needsAuthState: false });
      }
    } else if (node.type === "ReturnStatement" && node.argument && isDenyResponse(node.argument)) {
      out.push({ node, needsAuthState: true });
    }
    return undefined;
  });
  return out;
}

function bindAuthVars(env: EvalEnv): void {
  walk(env.handler.body, (node) => {
    if (node.type !== "VariableDeclarator" || !node.init) return undefined;
    const id = node.id;
    if (isAuthCall(node.init, env)) {
      if (id.type === "Identifier") env.authVars.set(id.name, "object");
      else if (id.type === "ObjectPattern") {
        for (const p of id.properties) {
          if (p.type !== "Property") continue;
          const key = propertyName(p);
          const value = p.value.type === "AssignmentPattern" ? p.value.left : p.value;
          if (!key || value.type !== "Identifier") continue;
          if (SIGNED_OUT_FALSY.has(key)) env.authVars.set(value.name, "falsy");
          else if (key === "has") env.authVars.set(value.name, "has");
          else if (key === "redirectToSignIn") env.authVars.set(value.name, "redirect");
          else if (key === "protect") env.authVars.set(value.name, "protect");
        }
      }
      return undefined;
    }
    // const { pathname } = req.nextUrl / const pathname = req.nextUrl.pathname
    if (id.type === "Identifier" && isPathname(node.init, env)) env.pathVars.add(id.name);
    if (id.type === "ObjectPattern") {
      const init = unwrap(node.init);
      if (init.type === "MemberExpression" && propertyName(init) === "nextUrl" && unwrap(init.object).type === "Identifier" && (unwrap(init.object) as TSESTree.Identifier).name === env.reqName) {
        for (const p of id.properties) {
          if (p.type === "Property" && propertyName(p) === "pathname" && p.value.type === "Identifier") env.pathVars.add(p.value.name);
        }
      }
    }
    return undefined;
  });
}

function paramName(fn: FunctionNode, i: number): string | undefined {
  const p = fn.params[i];
  if (!p) return undefined;
  const n = p.type === "AssignmentPattern" ? p.left : p;
  return n.type === "Identifier" ? n.name : undefined;
}

function resolveFunction(node: Node, ctx: ModuleCtx): FunctionNode | undefined {
  const n = resolveValue(node, ctx);
  if (isFunction(n)) return n;
  if (n.type === "Identifier") {
    const decl = topLevelDecls(ctx.program).get(n.name);
    if (decl?.kind === "fn") return decl.node;
  }
  return undefined;
}

/** Gate of one `clerkMiddleware(handler?, options?)` call for a route. */
function clerkMiddlewareGate(mw: ClerkMiddlewareCall, url: RouteUrl, index: ProjectIndex | undefined): GateResult {
  const first = mw.call.arguments[0];
  if (!first) return { status: "public" };
  const firstValue = resolveValue(first, mw.ctx);
  if (firstValue.type === "ObjectExpression") return { status: "public" }; // clerkMiddleware(options)
  const handler = resolveFunction(first, mw.ctx);
  if (!handler) return { status: "unknown" };
  const env: EvalEnv = {
    url,
    ctx: mw.ctx,
    handler,
    authName: paramName(handler, 0),
    reqName: paramName(handler, 1),
    authVars: new Map(),
    pathVars: new Set(),
    consulted: [],
    usedAuthState: false,
    depth: 0,
    index,
  };
  bindAuthVars(env);
  let unknown = false;
  for (const action of findActions(env)) {
    const guards = guardsOf(action.node, handler);
    if (!guards) {
      unknown = true;
      continue;
    }
    env.consulted = [];
    env.usedAuthState = false;
    let runs: boolean | undefined = true;
    for (const g of guards) {
      const v = evalBool(g.test, env);
      const holds = v === undefined ? undefined : v === g.expect;
      if (holds === false) {
        runs = false;
        break;
      }
      if (holds === undefined) runs = undefined;
    }
    if (action.needsAuthState && !env.usedAuthState) continue;
    if (runs === undefined) {
      unknown = true;
      continue;
    }
    if (!runs) continue;
    const notPublic = env.consulted.find((c) => c.result === false && c.list);
    if (notPublic) return { status: "protected", reason: "not-in-public-list", node: notPublic.list!.node, ctx: notPublic.ctx };
    const inList = env.consulted.find((c) => c.result === true && c.list);
    if (inList) return { status: "protected", reason: "in-protected-list", node: inList.list!.node, ctx: inList.ctx };
    return { status: "protected", reason: "protects-all", node: action.node, ctx: mw.ctx };
  }
  return { status: unknown ? "unknown" : "public" };
}

/** Gate of `authMiddleware({ publicRoutes, ignoredRoutes, afterAuth })` (v4/v5) for a route. */
function authMiddlewareGate(mw: ClerkMiddlewareCall, url: RouteUrl): GateResult {
  const arg = mw.call.arguments[0];
  if (!arg) return { status: "protected", reason: "protects-all", node: mw.call, ctx: mw.ctx };
  const options = resolveValue(arg, mw.ctx);
  if (options.type !== "ObjectExpression") return { status: "unknown" };
  const get = (name: string) => objectProperty(options, name);
  const after = get("afterAuth");
  const before = get("beforeAuth");
  if (after === null || after || before) return { status: "unknown" };
  const ignored = get("ignoredRoutes");
  if (ignored) {
    const list = readPatternList(ignored.value as Node, mw.ctx, "clerk");
    const m = list ? listMatches(list, url) : undefined;
    if (m === true) return { status: "not-run" };
    if (m === undefined) return { status: "unknown" };
  }
  const pub = get("publicRoutes");
  if (!pub) return { status: "protected", reason: "protects-all", node: options, ctx: mw.ctx };
  const list = readPatternList(pub.value as Node, mw.ctx, "clerk");
  if (!list) return { status: "unknown" };
  const m = listMatches(list, url);
  if (m === true) return { status: "public" };
  if (m === undefined) return { status: "unknown" };
  return { status: "protected", reason: "not-in-public-list", node: list.node, ctx: mw.ctx };
}

/**
 * Can the middleware protect any route at all? `clerkMiddleware()` and
 * `clerkMiddleware(options)` protect nothing by themselves; a handler or
 * `authMiddleware()` may. A cheap test before looking at every route.
 */
export function mayGate(analysis: MiddlewareAnalysis): boolean {
  return analysis.calls.some((mw) => {
    if (mw.api === "authMiddleware") return true;
    if (mw.api !== "clerkMiddleware") return false;
    const first = mw.call.arguments[0];
    return !!first && resolveValue(first, mw.ctx).type !== "ObjectExpression";
  });
}

/**
 * Does the middleware require a signed-in user for this route? `not-run` when
 * its matcher (or authMiddleware's ignoredRoutes) skips the route, `public`
 * when the gate lets it through, `protected` with the list or call that
 * protects it, `unknown` when the code cannot be followed.
 */
export function routeGate(analysis: MiddlewareAnalysis, url: RouteUrl, index?: ProjectIndex): GateResult {
  const runs = matcherRuns(analysis.matcher, url);
  if (runs === false) return { status: "not-run" };
  if (runs === undefined || analysis.calls.length === 0) return { status: "unknown" };
  let result: GateResult = { status: "public" };
  for (const mw of analysis.calls) {
    // withClerkMiddleware (v4) only attaches the auth state; it gates nothing
    const r: GateResult = mw.api === "clerkMiddleware" ? clerkMiddlewareGate(mw, url, index) : mw.api === "authMiddleware" ? authMiddlewareGate(mw, url) : { status: "public" };
    if (r.status === "protected") return r;
    if (r.status === "unknown") result = r;
    else if (r.status === "not-run" && result.status === "public") result = r;
  }
  return result;
}
