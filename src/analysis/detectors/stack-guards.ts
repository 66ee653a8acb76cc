/**
 * "Does something in front of this endpoint establish the caller?" for the
 * stacks other than Next.js (whose middleware is read by middleware/gate.ts):
 * Express/Fastify/Hono middleware chains and mounts, React Router middleware
 * exports, TanStack Start route and request middleware, Astro's and Nuxt's
 * server middleware. What cannot be read counts as a guard: an endpoint is
 * reported only when nothing in front of it can be one.
 */
import path from "node:path";
import { type Node, unwrap, walk } from "../ast.js";
import type { Endpoint } from "../endpoints.js";
import { isClerkSource } from "../imports.js";
import type { Module } from "../module.js";
import type { ProjectIndex } from "../project/index.js";
import { routeGuarded } from "./auth-checks.js";

/** Clerk middleware that attaches the auth state without requiring a session. */
const ATTACHES_ONLY = /^(clerkMiddleware|clerkPlugin|rootAuthLoader)$/;

/** Does an array of middleware hold anything but Clerk's attaching middleware? */
function customMiddleware(list: Node, mod: Module): boolean {
  const n = unwrap(list);
  const items = n.type === "ArrayExpression" ? n.elements : [n];
  return items.some((el) => {
    if (!el || el.type === "SpreadElement") return true;
    let e = unwrap(el);
    if (e.type === "CallExpression") e = unwrap(e.callee);
    const origin = mod.exportOf(e);
    return !(origin && isClerkSource(origin.binding.source) && ATTACHES_ONLY.test(origin.exportName));
  });
}

/** Modules of the project that `select` picks by path (relative, posix). */
function projectModules(index: ProjectIndex, select: RegExp): Module[] {
  const out: Module[] = [];
  for (const file of index.files()) {
    const rel = path.relative(index.root, file).split(path.sep).join("/");
    if (!select.test(rel)) continue;
    const mod = index.module(file);
    if (mod) out.push(mod);
  }
  return out;
}

/** React Router: a route module exporting `middleware` (or `unstable_middleware`) with middleware of its own. */
function reactRouterMiddleware(index: ProjectIndex): boolean {
  return (
    index.memo("rr-middleware", () =>
      projectModules(index, /(^|\/)app\/.*\.[cm]?[jt]sx?$/).some((mod) => {
        for (const name of ["middleware", "unstable_middleware"]) {
          const entry = mod.shape.exports.get(name);
          if (entry?.kind === "local" && (!entry.value || customMiddleware(entry.value, mod))) return true;
        }
        return false;
      }),
    ) ?? true
  );
}

/** TanStack Start: request middleware of `createStart` beyond Clerk's, or route-level server middleware. */
function tanstackMiddleware(index: ProjectIndex, mod: Module): boolean {
  if (/\bmiddleware\s*:/.test(mod.text)) return true;
  return (
    index.memo("tanstack-middleware", () =>
      projectModules(index, /(^|\/)(src\/)?start\.[cm]?[jt]sx?$/).some((start) => {
        let custom = false;
        walk(start.program, (node) => {
          if (custom) return false;
          if (node.type === "Property" && !node.computed && node.key.type === "Identifier" && /^(requestMiddleware|functionMiddleware)$/.test(node.key.name)) {
            if (customMiddleware(node.value as Node, start)) custom = true;
          }
          return undefined;
        });
        return custom;
      }),
    ) ?? true
  );
}

/** `createServerFn().middleware([authMiddleware]).handler(fn)`: function middleware of its own in the builder chain. */
function serverFnMiddleware(endpoint: Endpoint, mod: Module): boolean {
  let node: Node | undefined = endpoint.fn.parent;
  while (node && node.type === "CallExpression") {
    const callee = unwrap(node.callee);
    if (callee.type !== "MemberExpression") break;
    if (callee.property.type === "Identifier" && callee.property.name === "middleware" && node.arguments[0] && customMiddleware(node.arguments[0], mod)) return true;
    node = unwrap(callee.object);
  }
  return false;
}

/** Astro: `src/middleware.*` passing a handler to `clerkMiddleware`, or any middleware of its own. */
function astroMiddleware(index: ProjectIndex): boolean {
  return (
    index.memo("astro-middleware", () =>
      projectModules(index, /^src\/middleware(\/index)?\.[cm]?[jt]s$/).some((mw) => {
        const entry = mw.shape.exports.get("onRequest");
        if (entry?.kind !== "local" || !entry.value) return true;
        const v = unwrap(entry.value);
        if (v.type !== "CallExpression") return true;
        const origin = mw.exportOf(unwrap(v.callee));
        return !(origin && isClerkSource(origin.binding.source) && origin.exportName === "clerkMiddleware" && v.arguments.length === 0);
      }),
    ) ?? true
  );
}

/** Nuxt: server middleware that reads the caller (`server/middleware/*`). */
function nuxtMiddleware(index: ProjectIndex): boolean {
  return index.memo("nuxt-middleware", () => projectModules(index, /(^|\/)server\/middleware\//).some((mw) => /\bauth\b/i.test(mw.text))) ?? true;
}

/** Does something in front of `endpoint` (declared in `mod`) establish or read the caller? */
export function guardedInFront(index: ProjectIndex, mod: Module, endpoint: Endpoint): boolean {
  switch (endpoint.kind) {
    case "server-route":
      return !endpoint.route || routeGuarded(index, mod, endpoint.route);
    case "loader":
    case "action":
      return reactRouterMiddleware(index);
    case "file-route-handler":
      return tanstackMiddleware(index, mod);
    case "server-function":
      return serverFnMiddleware(endpoint, mod) || tanstackMiddleware(index, mod);
    case "astro-endpoint":
      return astroMiddleware(index);
    case "nuxt-handler":
      return nuxtMiddleware(index);
    case "expo-api":
    case "convex-function":
      return false;
    default:
      return true;
  }
}
