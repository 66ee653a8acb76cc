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
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, propertyName, staticString, unwrap, walk } from "./ast.js";
import { type AuthCall, findAuthCalls } from "./detectors/clerk-auth.js";
import { isClerkWebhookFile } from "./detectors/webhooks.js";
import { functionDirectives } from "./directives.js";
import { type ExportEntry, type Module, functionOf } from "./module.js";
import { type FileRole, type RouteUrl, isRouteHandler, isTestOrStory, routeUrl } from "./next-files.js";
import { projectInfoFor } from "./project-info.js";
import { type RouteCall, chainTarget, handlerNode, routeCalls } from "./server-routes.js";
import { isClerkWebhookHandler } from "./detectors/webhooks.js";
import { localUsesOf, usesOfExport } from "./project/call-graph.js";
import { type ProjectIndex, roleOf } from "./project/index.js";

export type EndpointKind =
  | "route-handler"
  | "api-route"
  | "server-action"
  | "page"
  | "middleware"
  | "convex-function"
  | "convex-http"
  /** Express, Fastify or Hono route (`router.post("/x", handler)`). */
  | "server-route"
  /** React Router / Remix route module `loader` and `action`. */
  | "loader"
  | "action"
  /** TanStack Start `createServerFn(…).handler(fn)`. */
  | "server-function"
  /** TanStack Start server route handlers (`createFileRoute(…)({ server: { handlers } })`). */
  | "file-route-handler"
  /** Expo Router API route (`app/**​/name+api.ts`). */
  | "expo-api"
  /** Astro endpoint (`src/pages/**​/*.ts` exporting GET/POST…). */
  | "astro-endpoint"
  /** Nuxt server route (`server/api/**` default `defineEventHandler`). */
  | "nuxt-handler";
export type Reach = "http" | "rpc" | "render" | "webhook";

export interface Endpoint {
  kind: EndpointKind;
  reach: Reach;
  fn: FunctionNode;
  /** The module `fn` is written in, when not the module that declares the endpoint (an imported controller). */
  module?: Module;
  /** Express/Fastify/Hono: the registration. */
  route?: RouteCall;
  /** The HTTP method it answers (`POST`; `ALL`), when known. */
  method?: string;
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
  // a Convex backend is deployed from a package that depends on `convex`: a `convex/` folder in a project of
  // other known frameworks only is not one (a copied example); a project we know nothing about may be
  if (!mod.stack.frameworks.has("convex") && mod.stack.frameworks.size > 0) return [];
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
    if (fn && factory === "httpAction") out.push({ kind: "convex-http", reach: isClerkWebhookHandler(fn, mod) ? "webhook" : "http", fn, reportNode: reportNodeOf(entry.statement, name), name });
    else if (fn) out.push({ kind: "convex-function", reach: "rpc", fn, reportNode: reportNodeOf(entry.statement, name), name });
  }
  // httpActions written in place: http.route({ path, method, handler: httpAction(async (ctx, request) => …) })
  if (mod.textMatches(/\bhttpAction\b/)) {
    walk(mod.program, (node) => {
      if (node.type !== "CallExpression" || mod.exportOf(unwrap(node.callee))?.exportName !== "httpAction") return undefined;
      const fn = node.arguments[0] ? functionOf(node.arguments[0]) : undefined;
      if (!fn || out.some((e) => e.fn === fn)) return undefined;
      const routeOptions = node.parent?.type === "Property" && node.parent.parent?.type === "ObjectExpression" ? node.parent.parent : undefined;
      const path = routeOptions ? staticString(propertyValue(routeOptions, "path")) : undefined;
      out.push({ kind: "convex-http", reach: isClerkWebhookHandler(fn, mod, path) ? "webhook" : "http", fn, reportNode: node, name: path ?? "(httpAction)" });
      return undefined;
    });
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

// ── other frameworks ─────────────────────────────────────────────────────

/**
 * Express/Fastify/Hono routes of a module whose handler is written in it (inline, wrapped or a
 * local function). With `index`, handlers imported from other project modules too (`module` set).
 */
export function serverRoutes(mod: Module, index?: ProjectIndex): Endpoint[] {
  const out: Endpoint[] = [];
  for (const route of routeCalls(mod)) {
    const handler = handlerNode(route);
    if (!handler) continue;
    const target = chainTarget(index, mod, handler);
    if (!target) continue;
    const webhook = isClerkWebhookHandler(target.fn, target.module, route.path);
    out.push({
      kind: "server-route",
      reach: webhook ? "webhook" : "http",
      fn: target.fn,
      ...(target.module !== mod ? { module: target.module } : {}),
      route,
      method: route.method,
      reportNode: route.call.arguments[0] ?? route.call,
      name: `${route.method} ${route.path ?? "(route)"}`,
    });
  }
  return out;
}

const RR_SERVER_EXPORTS = new Set(["loader", "action"]);

/** React Router (framework mode) / Remix route modules: the exported `loader` and `action` run on the server. */
export function routeModuleFunctions(mod: Module): Endpoint[] {
  const fw = mod.stack.frameworks;
  if (!fw.has("react-router") && !fw.has("remix")) return [];
  if (!/(^|\/)app\//.test(mod.role.relPath)) return [];
  const out: Endpoint[] = [];
  for (const name of RR_SERVER_EXPORTS) {
    const entry = mod.shape.exports.get(name);
    const fn = exportedFn(mod, entry);
    if (!entry || !fn) continue;
    const webhook = name === "action" && isClerkWebhookHandler(fn, mod, mod.file);
    out.push({ kind: name as "loader" | "action", reach: webhook ? "webhook" : name === "loader" ? "render" : "http", fn, reportNode: reportNodeOf(entry.statement, name), name, method: name === "loader" ? "GET" : "POST" });
  }
  return out;
}

const TANSTACK_START = /^@tanstack\/(react-|solid-)?start(\/|$)/;

/** The call a builder chain starts from (`createServerFn(…).validator(…).handler(…)` → `createServerFn(…)`). */
function chainRoot(call: TSESTree.CallExpression): TSESTree.CallExpression {
  let current: TSESTree.CallExpression = call;
  for (;;) {
    const callee = unwrap(current.callee);
    const inner = callee.type === "MemberExpression" ? unwrap(callee.object) : callee.type === "CallExpression" ? callee : undefined;
    if (!inner || inner.type !== "CallExpression") return current;
    current = inner;
  }
}

/** TanStack Start server functions (`createServerFn().handler(fn)`, RPC from the client) and server route handlers. */
export function tanstackEndpoints(mod: Module): Endpoint[] {
  if (!mod.importsFrom((s) => TANSTACK_START.test(s) || s === "@tanstack/react-router" || s === "@tanstack/solid-router")) return [];
  if (!mod.textMatches(/createServerFn|server\s*:|createServerFileRoute|createAPIFileRoute|\.methods\(/)) return [];
  const out: Endpoint[] = [];
  walk(mod.program, (node) => {
    if (node.type !== "CallExpression") return undefined;
    const callee = unwrap(node.callee);
    // createServerFn({ method }).…handler(fn)
    if (callee.type === "MemberExpression" && propertyName(callee) === "handler") {
      const root = chainRoot(node);
      const origin = mod.exportOf(unwrap(root.callee));
      if (origin?.exportName === "createServerFn" && TANSTACK_START.test(origin.binding.source)) {
        const fn = node.arguments[0] ? functionOf(node.arguments[0]) ?? localFn(mod, node.arguments[0]) : undefined;
        if (fn) {
          const declarator = declaratorOf(node);
          const name = declarator?.id.type === "Identifier" ? declarator.id.name : "(server function)";
          out.push({ kind: "server-function", reach: "rpc", fn, reportNode: declarator?.id ?? node, name });
        }
      }
    }
    // createFileRoute("/api/x")({ server: { handlers: { POST } } }), createServerFileRoute("/x").methods({ POST }), createAPIFileRoute("/x")({ POST })
    const handlers = fileRouteHandlers(node, mod);
    if (handlers) {
      for (const p of handlers.object.properties) {
        if (p.type !== "Property") continue;
        const method = propertyName(p)?.toUpperCase();
        const value = unwrap(p.value as Node);
        const fn = isFunction(value) ? value : value.type === "ObjectExpression" ? functionOf(propertyValue(value, "handler")) : localFn(mod, value);
        if (!method || !fn || !HTTP_METHODS.has(method === "ALL" ? "POST" : method)) continue;
        const webhook = isClerkWebhookHandler(fn, mod, handlers.path);
        out.push({ kind: "file-route-handler", reach: webhook ? "webhook" : "http", fn, reportNode: p.key, name: `${method} ${handlers.path ?? ""}`.trim(), method });
      }
    }
    return undefined;
  });
  return out;
}

function propertyValue(obj: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const p of obj.properties) if (p.type === "Property" && propertyName(p) === name) return p.value as Node;
  return undefined;
}

function localFn(mod: Module, node: Node): FunctionNode | undefined {
  const n = unwrap(node);
  return n.type === "Identifier" ? mod.localFunction(n) : undefined;
}

function declaratorOf(node: Node): TSESTree.VariableDeclarator | undefined {
  let current: Node | undefined = node.parent;
  while (current && (current.type === "CallExpression" || current.type === "MemberExpression" || current.type === "AwaitExpression" || current.type === "TSAsExpression")) current = current.parent;
  return current?.type === "VariableDeclarator" ? current : undefined;
}

/** The method → handler object of a TanStack Start server route declared by `call`, with its path. */
function fileRouteHandlers(call: TSESTree.CallExpression, mod: Module): { object: TSESTree.ObjectExpression; path: string | undefined } | undefined {
  const callee = unwrap(call.callee);
  const arg = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (arg?.type !== "ObjectExpression") return undefined;
  // createServerFileRoute("/x").methods({ … })
  if (callee.type === "MemberExpression" && propertyName(callee) === "methods") {
    const inner = unwrap(callee.object);
    if (inner.type === "CallExpression" && mod.exportOf(unwrap(inner.callee))?.exportName === "createServerFileRoute") return { object: arg, path: staticString(inner.arguments[0]) };
    return undefined;
  }
  if (callee.type !== "CallExpression") return undefined;
  const factory = mod.exportOf(unwrap(callee.callee));
  if (!factory) return undefined;
  const path = staticString(callee.arguments[0]);
  if (factory.exportName === "createAPIFileRoute") return { object: arg, path };
  if (factory.exportName !== "createFileRoute") return undefined;
  const server = propertyValue(arg, "server");
  const handlers = server && unwrap(server).type === "ObjectExpression" ? propertyValue(unwrap(server) as TSESTree.ObjectExpression, "handlers") : undefined;
  return handlers && unwrap(handlers).type === "ObjectExpression" ? { object: unwrap(handlers) as TSESTree.ObjectExpression, path } : undefined;
}

/** Expo Router API routes (`app/**​/name+api.ts`) and Astro endpoints (`src/pages/**​/*.ts`): exported GET/POST/… functions. */
export function fileApiRoutes(mod: Module): Endpoint[] {
  const rel = mod.role.relPath;
  const fw = mod.stack.frameworks;
  let kind: "expo-api" | "astro-endpoint" | undefined;
  if (mod.sfcPart) return []; // the frontmatter or a script of a component under src/pages is a page, not an endpoint
  if (fw.has("expo") && /(^|\/)app\/.*\+api\.[cm]?[jt]s$/.test(rel)) kind = "expo-api";
  else if (fw.has("astro") && /(^|\/)src\/pages\/.*\.[cm]?[jt]s$/.test(rel)) kind = "astro-endpoint";
  if (!kind) return [];
  const out: Endpoint[] = [];
  for (const [name, entry] of mod.shape.exports) {
    const method = name === "ALL" ? "ALL" : name.toUpperCase();
    if (!HTTP_METHODS.has(method) && method !== "ALL") continue;
    const fn = exportedFn(mod, entry);
    if (!fn) continue;
    const webhook = isClerkWebhookHandler(fn, mod, rel);
    out.push({ kind, reach: webhook ? "webhook" : "http", fn, reportNode: reportNodeOf(entry!.statement, name), name, method });
  }
  return out;
}

/** Nuxt server routes: the default `defineEventHandler(fn)` of `server/api/**` and `server/routes/**` (method from `.post.ts`). */
export function nuxtHandlers(mod: Module): Endpoint[] {
  if (!mod.stack.frameworks.has("nuxt")) return [];
  const rel = mod.role.relPath;
  const m = /(^|\/)server\/(api|routes)\/(.*?)(?:\.(get|post|put|patch|delete))?\.[cm]?[jt]s$/.exec(rel);
  if (!m) return [];
  const entry = mod.shape.exports.get("default");
  const fn = exportedFn(mod, entry);
  if (!entry || !fn) return [];
  const method = m[4]?.toUpperCase() ?? "ALL";
  const webhook = isClerkWebhookHandler(fn, mod, rel);
  return [{ kind: "nuxt-handler", reach: webhook ? "webhook" : "http", fn, reportNode: entry.statement, name: `${method} /${m[2]}/${m[3]}`, method }];
}

const cache = new WeakMap<object, Endpoint[]>();

/** Every endpoint of a module whose function is written in it (computed once per parsed program). */
export function endpointsOf(mod: Module): Endpoint[] {
  let out = cache.get(mod.program);
  if (!out) {
    out = [
      ...routeHandlers(mod),
      ...serverActions(mod),
      ...renderEntries(mod),
      ...middlewareEntries(mod),
      ...convexFunctions(mod),
      ...serverRoutes(mod),
      ...routeModuleFunctions(mod),
      ...tanstackEndpoints(mod),
      ...fileApiRoutes(mod),
      ...nuxtHandlers(mod),
    ];
    cache.set(mod.program, out);
  }
  return out;
}

/**
 * The request handlers of a module that receive Clerk webhooks, in every stack: Next.js
 * route handlers of a webhook file, and every other endpoint whose reach is `webhook`
 * (server routes with handlers imported from controllers included, through the index).
 */
export function webhookEndpoints(mod: Module, index?: ProjectIndex): Endpoint[] {
  const out: Endpoint[] = [];
  if (isRouteHandler(mod.role)) {
    if (isClerkWebhookFile(mod)) out.push(...routeHandlers(mod));
  }
  for (const e of endpointsOf(mod)) if (e.reach === "webhook" && e.kind !== "route-handler" && e.kind !== "api-route") out.push(e);
  // a controller of an Express/Fastify/Hono app: its exported handlers registered on webhook routes in a routes module
  if (index && ["express", "fastify", "hono"].some((f) => mod.stack.frameworks.has(f as never))) {
    for (const name of mod.shape.exports.keys()) {
      const fn = exportedFn(mod, mod.shape.exports.get(name));
      if (!fn || out.some((e) => e.fn === fn)) continue;
      const route = handlerRegistrations(index, mod, fn).find((e) => e.reach === "webhook");
      if (route) out.push({ ...route, module: undefined, reportNode: reportNodeOf(mod.shape.exports.get(name)!.statement, name), name });
    }
  }
  return out;
}

/** Is this module itself an entry a request runs (a route, a page/layout, the middleware, a route module)? */
export function isEntryModule(mod: Module): boolean {
  const role = mod.role;
  if (role.appKind !== null || role.pagesKind !== null || role.middleware !== null) return true;
  return routeModuleFunctions(mod).length > 0 || fileApiRoutes(mod).length > 0 || nuxtHandlers(mod).length > 0;
}

/**
 * Where a function is registered as a route handler (Express/Fastify/Hono), in its own
 * module or in a routes module that imports it: the routes, with their webhook reach.
 */
export function handlerRegistrations(index: ProjectIndex, mod: Module, fn: FunctionNode): Endpoint[] {
  return (
    index.memo(`handler-of:${mod.file}#${fn.range[0]}`, () => {
      const out: Endpoint[] = [];
      const uses = [...localUsesOf(mod, fn), ...exportNamesOf(mod, fn).flatMap((name) => usesOfExport(index, mod.file, name))];
      for (const use of uses) {
        if (use.kind !== "reference") continue;
        for (const e of serverRoutes(use.module, index)) {
          // the same function, whichever parse of the file it comes from (ESLint's or the index's)
          const same = e.fn === fn || ((e.module ?? use.module).file === mod.file && e.fn.range[0] === fn.range[0] && e.fn.range[1] === fn.range[1]);
          if (same && e.route && e.route.chain.some((c) => c === use.node || (c.range[0] <= use.node.range[0] && use.node.range[1] <= c.range[1]))) out.push(e);
        }
      }
      return out;
    }) ?? []
  );
}

/** The export names a top-level function is exported under (ES and CommonJS). */
export function exportNamesOf(mod: Module, fn: FunctionNode): string[] {
  const out: string[] = [];
  for (const [name, entry] of mod.shape.exports) {
    if (entry.kind !== "local") continue;
    const value = entry.value ? unwrap(entry.value) : undefined;
    const local = entry.local !== undefined ? mod.topLevelFunction(entry.local) : undefined;
    if (value === fn || local === fn || (value && value.type === "CallExpression" && value.arguments.some((a) => unwrap(a) === fn))) out.push(name);
  }
  return out;
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
    const role = roleOf(index.root, file);
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
    const role = roleOf(index.root, file);
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
