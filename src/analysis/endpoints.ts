/**
 * The endpoint model: code that a request reaches, how it is reached, and
 * where. Rules ask "is this an endpoint, reached how?" here instead of
 * matching file names.
 *
 * Next.js (App and Pages Router):
 *   - route handlers (`app/**​/route.*`: exported GET/POST/…) and Pages API routes
 *     (`pages/api/**`: the default export) — reached over HTTP, or by a webhook
 *     sender when the file receives Clerk webhooks;
 *   - server actions (exports of a `'use server'` module, inline `'use server'`
 *     functions) — reached by RPC from the browser;
 *   - pages, layouts and templates (the default export) — run to render a request;
 *   - the middleware/proxy.
 * Convex: public `query`/`mutation`/`action` exports (RPC from the client) and
 * `httpAction`s; `internal*` functions are not endpoints.
 */
import path from "node:path";
import { type FunctionNode, type Node, isFunction, unwrap, walk } from "./ast.js";
import { type AuthCall, findAuthCalls } from "./detectors/clerk-auth.js";
import { isClerkWebhookFile } from "./detectors/webhooks.js";
import { functionDirectives } from "./directives.js";
import { type ExportEntry, type Module, functionOf } from "./module.js";
import { type FileRole, type RouteUrl, classifyFile, isRouteHandler, isTestOrStory, routeUrl } from "./next-files.js";
import { projectInfoFor } from "./project-info.js";
import type { ProjectIndex } from "./project/index.js";

export type EndpointKind = "route-handler" | "api-route" | "server-action" | "page" | "middleware" | "convex-function" | "convex-http";
export type Reach = "http" | "rpc" | "render" | "webhook";

export interface Endpoint {
  kind: EndpointKind;
  reach: Reach;
  fn: FunctionNode;
  /** What to report on: the exported name, or the function head. */
  reportNode: Node;
  /** `POST`, `default`, the action's name, `(inline server action)`. */
  name: string;
  /** An inline `'use server'` function (closures may carry a check made before it). */
  inline?: boolean;
}

const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);
const RENDER_KINDS = new Set(["page", "layout", "template", "default", "not-found", "loading", "error", "global-error"]);

/** The function an export denotes in `mod` (inline, a wrapped callback, or a top-level name). */
function exportedFn(mod: Module, entry: ExportEntry | undefined): FunctionNode | undefined {
  if (entry?.kind !== "local" || (entry.path?.length ?? 0) > 0) return undefined;
  if (!entry.value) return entry.local !== undefined ? mod.topLevelFunction(entry.local) : undefined;
  const v = unwrap(entry.value);
  if (v.type === "Identifier") return mod.topLevelFunction(v.name);
  const fn = functionOf(v);
  if (fn) return fn;
  // withAuth(handler): the first argument names a local function
  if (v.type === "CallExpression") {
    for (const a of v.arguments) {
      const arg = unwrap(a);
      if (arg.type === "Identifier") {
        const local = mod.topLevelFunction(arg.name);
        if (local) return local;
      }
    }
  }
  return undefined;
}

/** Exported request handlers of an App Router route (`GET`, `POST`…) or a Pages API route (default export). */
export function routeHandlers(mod: Module): Endpoint[] {
  const role = mod.role;
  if (role.appKind !== "route" && role.pagesKind !== "api") return [];
  const webhook = isClerkWebhookFile(mod);
  const out: Endpoint[] = [];
  for (const [name, entry] of mod.shape.exports) {
    const wanted = role.appKind === "route" ? HTTP_METHODS.has(name) : name === "default";
    if (!wanted) continue;
    const fn = exportedFn(mod, entry);
    if (!fn) continue;
    const reportNode = reportNodeOf(entry.statement, name);
    out.push({ kind: role.appKind === "route" ? "route-handler" : "api-route", reach: webhook ? "webhook" : "http", fn, reportNode, name });
  }
  return out;
}

/** The node naming an export in its statement (`POST` in `export async function POST`), else the statement. */
function reportNodeOf(statement: Node, name: string): Node {
  if (statement.type === "ExportNamedDeclaration") {
    const d = statement.declaration;
    if (d?.type === "FunctionDeclaration" && d.id?.name === name) return d.id;
    if (d?.type === "VariableDeclaration") {
      for (const v of d.declarations) if (v.id.type === "Identifier" && v.id.name === name) return v.id;
    }
    for (const spec of statement.specifiers) {
      const exported = spec.exported.type === "Identifier" ? spec.exported.name : String(spec.exported.value);
      if (exported === name) return spec.exported;
    }
  }
  return statement;
}

/** Exported async functions of a `'use server'` module; wrapped exports (`action(async …)`) are skipped. */
export function exportedServerActions(mod: Module): Endpoint[] {
  if (!mod.directives.has("use server")) return [];
  const out: Endpoint[] = [];
  for (const [name, entry] of mod.shape.exports) {
    if (entry.kind !== "local" || (entry.path?.length ?? 0) > 0) continue;
    const value = entry.value ? unwrap(entry.value) : undefined;
    let fn: FunctionNode | undefined;
    if (value && isFunction(value)) fn = value;
    else if (!value && entry.local) fn = mod.topLevelFunction(entry.local);
    else if (value?.type === "Identifier") fn = mod.topLevelFunction(value.name);
    if (!fn || !fn.async || out.some((e) => e.fn === fn)) continue;
    let reportNode = reportNodeOf(entry.statement, name);
    if (name === "default" && fn.type !== "ArrowFunctionExpression" && fn.id) reportNode = fn.id;
    out.push({ kind: "server-action", reach: "rpc", fn, reportNode, name: name === "default" && fn.type !== "ArrowFunctionExpression" && fn.id ? fn.id.name : name });
  }
  return out;
}

/** Functions with their own `'use server'` directive (inline server actions). */
export function inlineServerActions(mod: Module): Endpoint[] {
  if (!mod.textMatches(/["']use server["']/)) return [];
  const out: Endpoint[] = [];
  walk(mod.program, (node) => {
    if (!isFunction(node) || !functionDirectives(node).has("use server")) return undefined;
    const parent = node.parent;
    let name = "(inline server action)";
    let reportNode: Node = node;
    if (node.type !== "ArrowFunctionExpression" && node.id) {
      name = node.id.name;
      reportNode = node.id;
    } else if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") {
      name = parent.id.name;
      reportNode = parent.id;
    } else if (node.body.type === "BlockStatement" && node.body.body[0]) {
      reportNode = node.body.body[0];
    }
    out.push({ kind: "server-action", reach: "rpc", fn: node, reportNode, name, inline: true });
    return undefined;
  });
  return out;
}

/** Every server action of a module: exported ones of a `'use server'` file, then inline ones. */
export function serverActions(mod: Module): Endpoint[] {
  const out = exportedServerActions(mod);
  for (const e of inlineServerActions(mod)) if (!out.some((x) => x.fn === e.fn)) out.push(e);
  return out;
}

/** The default export of a page, layout or template (App Router) or page (Pages Router). */
export function renderEntries(mod: Module): Endpoint[] {
  const role = mod.role;
  const isRender = (role.router === "app" && role.appKind !== null && RENDER_KINDS.has(role.appKind)) || role.pagesKind === "page" || role.pagesKind === "_app";
  if (!isRender) return [];
  const out: Endpoint[] = [];
  const entry = mod.shape.exports.get("default");
  const fn = exportedFn(mod, entry);
  if (entry && fn) out.push({ kind: "page", reach: "render", fn, reportNode: entry.statement, name: "default" });
  // Pages Router data functions run on the server for each request
  if (role.pagesKind === "page") {
    for (const name of ["getServerSideProps", "getInitialProps"]) {
      const e = mod.shape.exports.get(name);
      const f = exportedFn(mod, e);
      if (e && f) out.push({ kind: "page", reach: "render", fn: f, reportNode: e.statement, name });
    }
  }
  return out;
}

const CONVEX_PUBLIC = new Set(["query", "mutation", "action"]);

/** Convex functions of a module under `convex/`: public query/mutation/action (RPC) and httpAction. */
export function convexFunctions(mod: Module): Endpoint[] {
  if (!/(^|\/)convex\//.test(mod.role.relPath) || !mod.importsFrom((s) => /(^|\/)_generated\/server$/.test(s) || s.startsWith("convex/server"))) return [];
  const out: Endpoint[] = [];
  for (const [name, entry] of mod.shape.exports) {
    if (entry.kind !== "local" || !entry.value) continue;
    const call = unwrap(entry.value);
    if (call.type !== "CallExpression") continue;
    const origin = mod.exportOf(unwrap(call.callee));
    const factory = origin?.exportName;
    if (!factory || !(CONVEX_PUBLIC.has(factory) || factory === "httpAction")) continue;
    const arg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    let fn: FunctionNode | undefined;
    if (arg && isFunction(arg)) fn = arg;
    else if (arg?.type === "ObjectExpression") {
      for (const p of arg.properties) {
        if (p.type === "Property" && !p.computed && p.key.type === "Identifier" && p.key.name === "handler") fn = functionOf(p.value as Node);
      }
    }
    if (fn) out.push({ kind: factory === "httpAction" ? "convex-http" : "convex-function", reach: factory === "httpAction" ? "http" : "rpc", fn, reportNode: reportNodeOf(entry.statement, name), name });
  }
  return out;
}

/** Is `node` inside a Convex `internalMutation`/`internalAction`/`internalQuery` handler (reachable only from the backend)? */
export function insideConvexInternal(node: Node): boolean {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === "CallExpression" && current.callee.type === "Identifier" && /^internal(Mutation|Action|Query)$/.test(current.callee.name)) return true;
  }
  return false;
}

/**
 * The middleware/proxy function Next runs for every matched request: the handler of
 * `clerkMiddleware(handler)`, or the exported function itself.
 */
export function middlewareEntries(mod: Module): Endpoint[] {
  const name = mod.role.middleware;
  if (!name) return [];
  const entry = mod.shape.exports.get(name) ?? mod.shape.exports.get("default");
  const fn = exportedFn(mod, entry);
  return entry && fn ? [{ kind: "middleware", reach: "http", fn, reportNode: entry.statement, name: name }] : [];
}

const cache = new WeakMap<object, Endpoint[]>();

/** Every endpoint of a module (computed once per parsed program). */
export function endpointsOf(mod: Module): Endpoint[] {
  let out = cache.get(mod.program);
  if (!out) {
    out = [...routeHandlers(mod), ...serverActions(mod), ...renderEntries(mod), ...middlewareEntries(mod), ...convexFunctions(mod)];
    cache.set(mod.program, out);
  }
  return out;
}

/** Is this module itself an entry a request runs (a route, a page/layout, the middleware)? */
export function isEntryModule(mod: Module): boolean {
  const role = mod.role;
  return role.appKind !== null || role.pagesKind !== null || role.middleware !== null;
}

// ── the project's Next.js endpoints, through the index ─────────────────────

export interface AuthCaller {
  file: string;
  role: FileRole;
  calls: AuthCall[];
}

const AUTH_TEXT = /\b(?:auth|currentUser|getAuth)\b/;

/** A file belongs to the project whose package.json is nearest (nested apps are their own projects). */
function belongsTo(root: string, file: string): boolean {
  return path.resolve(projectInfoFor(file).root) === path.resolve(root);
}

/** The Clerk auth-helper calls (`auth()`, `currentUser()`, `auth.protect()`, `getAuth()`) of one project file. */
export function authCallerOf(index: ProjectIndex, file: string): AuthCaller | undefined {
  return (
    index.memo(`auth-caller:${file}`, () => {
      const text = index.text(file);
      if (!text || !text.includes("@clerk/nextjs") || !AUTH_TEXT.test(text) || !belongsTo(index.root, file)) return null;
      const mod = index.module(file);
      if (!mod || isTestOrStory(mod.role)) return null;
      const calls = findAuthCalls(mod);
      return calls.length > 0 ? { file, role: mod.role, calls } : null;
    }) ?? undefined
  );
}

/**
 * The first file of the project (in path order, optionally only those sorting
 * before `before`) that calls auth()/currentUser()/auth.protect()/getAuth().
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

const SEP_API = `${path.sep}api${path.sep}`;
/** Cheap path test before classifying: `route.*` files and anything under an `api` directory. */
function mayBeRouteHandler(file: string): boolean {
  return path.basename(file).startsWith("route.") || file.includes(SEP_API);
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
    if (!isRouteHandler(role) || isTestOrStory(role)) continue;
    const byPath = role.urlPath.split("/").some((s) => /webhook/i.test(s));
    const text = index.text(file);
    if (!text) continue;
    // what isClerkWebhookFile looks for: webhook types and verifyWebhook, svix headers, Clerk event names
    if (!byPath && !/svix|webhook|JSON\b|@clerk\/backend["']|\.(?:created|updated|deleted)\b/i.test(text)) continue;
    const mod = index.module(file);
    if (!mod) continue;
    if (!isClerkWebhookFile(mod)) {
      if (!byPath) continue;
      if (role.appKind === "route" && !mod.shape.exports.has("POST")) continue;
    }
    if (findAuthCalls(mod).length > 0) continue;
    if (belongsTo(index.root, file)) out.push({ file, url: routeUrl(role) });
  }
  return out;
}
