/**
 * Routes of Node server frameworks (Express, Fastify, Hono): where a module
 * registers request handlers, on which app or router, for which method and
 * path, and which middleware runs before each handler — its own chain, the
 * `use()` calls made earlier on the same app or router, and the chain of the
 * parent that mounts the router (`app.use("/api", requireAuth(), apiRouter)`),
 * across files.
 *
 * What an app or router is comes from provenance, never from a variable name:
 * `express()`, `express.Router()` / `Router()` from "express", `new Hono()`
 * from "hono", `Fastify()` from "fastify", or a parameter typed with one of
 * their types (`(app: FastifyInstance) => …`, a Fastify plugin).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, propertyName, staticString, unwrap } from "./ast.js";
import { type Module, functionOf } from "./module.js";
import { usesOfExport } from "./project/call-graph.js";
import { followImport } from "./project/exports.js";
import type { ProjectIndex } from "./project/index.js";

export type ServerFramework = "express" | "fastify" | "hono";

const ROUTE_METHODS = new Set(["get", "post", "put", "patch", "delete", "del", "all", "options", "head", "use"]);
const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Types of the frameworks' apps and routers (a parameter annotated with one is an app). */
const APP_TYPES: Readonly<Record<string, ServerFramework>> = {
  Express: "express",
  Application: "express",
  Router: "express",
  IRouter: "express",
  FastifyInstance: "fastify",
  FastifyPluginAsync: "fastify",
  FastifyPluginCallback: "fastify",
  Hono: "hono",
  OpenAPIHono: "hono",
};
const FRAMEWORK_OF_SOURCE: Readonly<Record<string, ServerFramework>> = {
  express: "express",
  fastify: "fastify",
  "fastify-plugin": "fastify",
  hono: "hono",
  "@hono/zod-openapi": "hono",
};

export interface RouteCall {
  framework: ServerFramework;
  /** `GET`, `POST`…, `ALL`, or `USE` for middleware and mounts. */
  method: string;
  /** The path as written when it is a literal (`/webhooks/clerk`); undefined for none or a computed one. */
  path: string | undefined;
  call: TSESTree.CallExpression;
  /** The app or router the route is registered on (an identifier or the expression). */
  owner: Node;
  /** Handler chain in order (middleware first, the request handler last); arrays flattened. */
  chain: Node[];
  /** Fastify route options: `preHandler`/`onRequest`/`preValidation` hooks run before the handler. */
  hooks: Node[];
}

/** The module a `require`/import binding comes from, when the framework can be told. */
function frameworkOfBinding(source: string): ServerFramework | undefined {
  return FRAMEWORK_OF_SOURCE[source];
}

/** The framework an app/router-creating expression belongs to (`express()`, `Router()`, `new Hono()`, `Fastify()`). */
function creation(expr: Node, mod: Module): ServerFramework | undefined {
  const n = unwrap(expr);
  if (n.type === "NewExpression" || n.type === "CallExpression") {
    const callee = unwrap(n.callee);
    // `const express = require("express"); express()`: the whole module is the factory
    const whole = callee.type === "Identifier" ? mod.bindingOf(callee) : undefined;
    const origin = mod.exportOf(callee) ?? (whole && whole.imported === "*" ? { binding: whole, exportName: "*" } : undefined);
    if (origin) {
      const fw = frameworkOfBinding(origin.binding.source);
      if (fw === "express" && (origin.exportName === "default" || origin.exportName === "*" || origin.exportName === "Router" || origin.exportName === "express")) return fw;
      if (fw === "hono" && /^(Hono|OpenAPIHono)$/.test(origin.exportName)) return fw;
      if (fw === "fastify" && (origin.exportName === "default" || origin.exportName === "*" || origin.exportName === "fastify" || origin.exportName === "Fastify")) return fw;
    }
    // express.Router(): a member of the default/namespace binding of "express"
    if (callee.type === "MemberExpression" && propertyName(callee) === "Router" && unwrap(callee.object).type === "Identifier") {
      const b = mod.bindingOf(unwrap(callee.object) as TSESTree.Identifier);
      if (b && b.source === "express") return "express";
    }
    // new Hono().basePath("/api"), app.route("/x"): the chain returns the app
    if (n.type === "CallExpression" && callee.type === "MemberExpression" && /^(basePath|route)$/.test(propertyName(callee) ?? "")) {
      return serverObject(callee.object, mod);
    }
  }
  return undefined;
}

/** The framework of a parameter typed as an app or router (`app: Express`, `fastify: FastifyInstance`). */
function typedParameter(id: TSESTree.Identifier, mod: Module): ServerFramework | undefined {
  const ann = id.typeAnnotation?.typeAnnotation;
  if (ann?.type !== "TSTypeReference") return undefined;
  const name = ann.typeName.type === "Identifier" ? ann.typeName : ann.typeName.type === "TSQualifiedName" ? ann.typeName.right : undefined;
  if (!name) return undefined;
  const fw = APP_TYPES[name.name];
  if (!fw) return undefined;
  const root = ann.typeName.type === "TSQualifiedName" ? ann.typeName.left : ann.typeName;
  const b = root.type === "Identifier" ? mod.bindingOf(root) : undefined;
  return b && frameworkOfBinding(b.source) === fw ? fw : undefined;
}

/** A Fastify plugin: the first parameter of a function passed to `fastify-plugin` or exported from a module that imports fastify. */
function pluginParameter(id: TSESTree.Identifier, fn: FunctionNode, mod: Module): ServerFramework | undefined {
  if (fn.params[0] !== id || !mod.importsFrom((s) => s === "fastify" || s === "fastify-plugin")) return undefined;
  const parent = fn.parent;
  if (parent?.type === "CallExpression") {
    const origin = mod.exportOf(unwrap(parent.callee));
    if (origin?.binding.source === "fastify-plugin") return "fastify";
  }
  // `export default async function routes(fastify, opts)`, `const routes: FastifyPluginAsync = async (app) => …`
  const declarator = parent?.type === "VariableDeclarator" ? parent : undefined;
  const ann = declarator?.id.type === "Identifier" ? declarator.id.typeAnnotation?.typeAnnotation : undefined;
  if (ann?.type === "TSTypeReference" && ann.typeName.type === "Identifier" && /^FastifyPlugin(Async|Callback)$/.test(ann.typeName.name)) return "fastify";
  return fn.params.length === 2 && (parent?.type === "ExportDefaultDeclaration" || fn.parent?.parent?.type === "ExportNamedDeclaration") ? "fastify" : undefined;
}

/** Which framework's app or router an expression denotes, in its module or, through imports, in another project module. */
export function serverObjectAcross(index: ProjectIndex, expr: Node, mod: Module): ServerFramework | undefined {
  const local = serverObject(expr, mod);
  if (local) return local;
  const n = unwrap(expr);
  const b = n.type === "Identifier" ? mod.bindingOf(n) : undefined;
  if (!b) return undefined;
  const t = followImport(index, mod, b.kind === "require" && b.imported === "*" ? { ...b, imported: "default" } : b);
  if (!t || !t.value || t.path.length > 0) return undefined;
  return serverObject(t.value, t.module);
}

/** Which framework's app or router an expression denotes, if any (through `const` names). */
export function serverObject(expr: Node, mod: Module, depth = 0): ServerFramework | undefined {
  const n = unwrap(expr);
  if (depth > 4) return undefined;
  if (n.type !== "Identifier") return creation(n, mod);
  const variable = mod.resolveVariable(n);
  const def = variable?.defs[0];
  if (!def) return undefined;
  if (def.type === "Variable") {
    const d = def.node as TSESTree.VariableDeclarator;
    if (d.id.type === "Identifier" && d.id.typeAnnotation) {
      const typed = typedParameter(d.id, mod);
      if (typed) return typed;
    }
    return d.init && d.id.type === "Identifier" ? serverObject(d.init, mod, depth + 1) : undefined;
  }
  if (def.type === "Parameter") {
    const id = def.name as TSESTree.Identifier;
    return typedParameter(id, mod) ?? pluginParameter(id, def.node as FunctionNode, mod);
  }
  return undefined;
}

function flatten(args: readonly Node[]): Node[] {
  const out: Node[] = [];
  for (const a of args) {
    const n = unwrap(a);
    if (n.type === "ArrayExpression") out.push(...flatten(n.elements.filter((e): e is TSESTree.Expression => !!e && e.type !== "SpreadElement")));
    else if (n.type !== "SpreadElement") out.push(a);
  }
  return out;
}

/** `preHandler`/`onRequest`/`preValidation` hooks of Fastify route options. */
function optionHooks(options: TSESTree.ObjectExpression): Node[] {
  const out: Node[] = [];
  for (const p of options.properties) {
    if (p.type === "Property" && /^(onRequest|preParsing|preValidation|preHandler)$/.test(propertyName(p) ?? "")) out.push(...flatten([p.value as Node]));
  }
  return out;
}

/** A path argument of `use()`: a string, a template, a RegExp or an array of them (anything else is middleware). */
function isPathArgument(n: Node): boolean {
  if (n.type === "Literal") return typeof n.value === "string" || "regex" in n;
  if (n.type === "TemplateLiteral") return true;
  if (n.type === "ArrayExpression") return n.elements.every((e) => !!e && e.type !== "SpreadElement" && isPathArgument(unwrap(e)));
  return false;
}

function property(obj: TSESTree.ObjectExpression, name: string): Node | undefined {
  for (const p of obj.properties) if (p.type === "Property" && propertyName(p) === name) return p.value as Node;
  return undefined;
}

/** One registration call, if `call` is one: `router.post("/x", mw, handler)`, `app.use(mw)`, `fastify.route({…})`, `app.on("POST", …)`. */
export function routeCallOf(call: TSESTree.CallExpression, mod: Module): RouteCall | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression") return undefined;
  const name = propertyName(callee);
  if (!name) return undefined;
  let owner = unwrap(callee.object);
  let path: string | undefined;
  let ownerPath: string | undefined;
  // chains return the app or router: app.get(…).post(…) (Hono, Fastify); router.route("/x").get(h).post(h) (Express)
  while (owner.type === "CallExpression" && unwrap(owner.callee).type === "MemberExpression") {
    const inner = unwrap(owner.callee) as TSESTree.MemberExpression;
    const method = propertyName(inner);
    if (method === "route" && owner.arguments.length === 1) {
      ownerPath = staticString(owner.arguments[0]);
      owner = unwrap(inner.object);
      break;
    }
    if (!ROUTE_METHODS.has(method ?? "")) break;
    owner = unwrap(inner.object);
  }
  const framework = serverObject(owner, mod);
  if (!framework) return undefined;
  if (framework === "fastify" && name === "route") {
    const opts = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
    if (opts?.type !== "ObjectExpression") return undefined;
    const method = staticString(property(opts, "method"))?.toUpperCase() ?? "ALL";
    const handler = property(opts, "handler");
    return { framework, method, path: staticString(property(opts, "url") ?? property(opts, "path")), call, owner, chain: handler ? [handler] : [], hooks: optionHooks(opts) };
  }
  if (framework === "hono" && name === "on") {
    const method = staticString(call.arguments[0])?.toUpperCase();
    if (!method) return undefined;
    const rest = call.arguments.slice(1) as Node[];
    return { framework, method, path: staticString(rest[0]), call, owner, chain: flatten(rest.slice(1)), hooks: [] };
  }
  if (framework === "hono" && name === "route") {
    // app.route("/users", usersApp): a mount
    return { framework, method: "USE", path: staticString(call.arguments[0]), call, owner, chain: flatten(call.arguments.slice(1) as Node[]), hooks: [] };
  }
  if (!ROUTE_METHODS.has(name)) return undefined;
  let args = call.arguments as Node[];
  const first = args[0] ? unwrap(args[0]) : undefined;
  if (ownerPath !== undefined) path = ownerPath;
  else if (name !== "use" && args.length < 2) return undefined; // express `app.get("env")` reads a setting
  else if (first && (name !== "use" || isPathArgument(first))) {
    path = staticString(first);
    args = args.slice(1);
  }
  let hooks: Node[] = [];
  if (framework === "fastify" && args.length >= 2 && unwrap(args[0]!).type === "ObjectExpression") {
    const opts = unwrap(args[0]!) as TSESTree.ObjectExpression;
    hooks = optionHooks(opts);
    const handler = property(opts, "handler");
    args = handler ? [handler] : args.slice(1);
  } else if (framework === "fastify" && args.length === 1 && unwrap(args[0]!).type === "ObjectExpression") {
    const opts = unwrap(args[0]!) as TSESTree.ObjectExpression;
    hooks = optionHooks(opts);
    const handler = property(opts, "handler");
    args = handler ? [handler] : [];
  }
  const method = name === "del" ? "DELETE" : name.toUpperCase();
  return { framework, method, path, call, owner, chain: flatten(args), hooks };
}

const routeCache = new WeakMap<object, RouteCall[]>();
const SERVER_SOURCES = /^(express|fastify|fastify-plugin|hono|@hono\/zod-openapi)$/;

/** Every registration call of a module (computed once per parsed program). */
export function routeCalls(mod: Module): RouteCall[] {
  let out = routeCache.get(mod.program);
  if (out) return out;
  out = [];
  if (mod.importsFrom((s) => SERVER_SOURCES.test(s))) {
    const found = out;
    const visit = (node: Node): void => {
      if (node.type === "CallExpression") {
        const route = routeCallOf(node, mod);
        if (route) found.push(route);
      }
    };
    walkCalls(mod.program, visit);
    // source order of the method names: a chain `r.route(p).delete(a).get(b)` is visited outside in
    found.sort((a, b) => methodStart(a.call) - methodStart(b.call));
  }
  routeCache.set(mod.program, out);
  return out;
}

function methodStart(call: TSESTree.CallExpression): number {
  const callee = unwrap(call.callee);
  return callee.type === "MemberExpression" ? callee.property.range[0] : call.range[0];
}

function walkCalls(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    visit(node);
    for (const key of Object.keys(node)) {
      if (key === "parent") continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) {
          const v = value[i];
          if (v && typeof (v as Node).type === "string") stack.push(v as Node);
        }
      } else if (value && typeof (value as Node).type === "string") stack.push(value as Node);
    }
  }
}

/** Does a route for `method` answer requests that write (POST/PUT/PATCH/DELETE, or every method)? */
export function isWriteMethod(method: string): boolean {
  return WRITE_METHODS.has(method) || method === "ALL";
}

/** The request handler of a route: the last function of its chain. */
export function handlerNode(route: RouteCall): Node | undefined {
  return route.method === "USE" ? undefined : route.chain[route.chain.length - 1];
}

export interface ChainTarget {
  module: Module;
  fn: FunctionNode;
  label: string;
}

/**
 * The function a chain entry denotes: a function written in place, a wrapped one
 * (`asyncHandler(async (req, res) => …)`), a top-level function of the module, or an
 * export of another project module (named, default, `controller.create`, `require`d).
 */
export function chainTarget(index: ProjectIndex | undefined, mod: Module, node: Node): ChainTarget | undefined {
  const n = unwrap(node);
  if (isFunction(n)) return { module: mod, fn: n, label: "(inline)" };
  if (n.type === "CallExpression") {
    const fn = functionOf(n);
    if (fn) return { module: mod, fn, label: "(inline)" };
    // asyncHandler(createPost)
    for (const a of n.arguments) {
      const t = unwrap(a).type === "Identifier" || unwrap(a).type === "MemberExpression" ? chainTarget(index, mod, a) : undefined;
      if (t) return t;
    }
    return undefined;
  }
  if (n.type === "Identifier") {
    const local = mod.localFunction(n);
    if (local) return { module: mod, fn: local, label: n.name };
  }
  if (!index) return undefined;
  const origin = mod.exportOf(n);
  if (!origin) {
    // a whole `require`d module used as a handler: its module.exports
    if (n.type === "Identifier") {
      const b = mod.bindingOf(n);
      if (b && b.imported === "*" && b.kind === "require") {
        const t = followImport(index, mod, { ...b, imported: "default" });
        const fn = t ? functionOf(t.value) : undefined;
        if (t && fn) return { module: t.module, fn, label: b.source };
      }
    }
    return undefined;
  }
  const t = followImport(index, mod, { ...origin.binding, imported: origin.exportName });
  const fn = t && t.path.length === 0 ? functionOf(t.value) : undefined;
  return t && fn ? { module: t.module, fn, label: `${origin.binding.source}:${origin.exportName}` } : undefined;
}

/** What runs before a handler: a middleware entry and the module it is written in. */
export interface BeforeEntry {
  node: Node;
  module: Module;
  /** The registration the entry belongs to. */
  route: RouteCall;
}

/** Does a `use()` (or Hono `use("/api/*")`) path apply to a route path? Unknown paths apply. */
function pathApplies(prefix: string | undefined, path: string | undefined): boolean {
  if (prefix === undefined || prefix === "" || prefix === "/" || prefix === "*" || prefix === "/*") return true;
  if (path === undefined) return true;
  const p = prefix.replace(/\/?\*+$/, "").replace(/\/+$/, "");
  return path === p || path.startsWith(p + "/") || path.startsWith(p);
}

function sameOwner(a: Node, b: Node): boolean {
  const x = unwrap(a);
  const y = unwrap(b);
  if (x === y) return true;
  return x.type === "Identifier" && y.type === "Identifier" && x.name === y.name;
}

/**
 * Middleware that runs before the handler of `route`, outermost first: the
 * mounts of its router in other modules (their chains and earlier `use()`s),
 * the earlier `use()` calls on the same app or router, and its own chain.
 * `complete` is false when a mount could not be followed (then callers stay careful).
 */
export function middlewareBefore(index: ProjectIndex | undefined, mod: Module, route: RouteCall, depth = 0, ownChain = true): { entries: BeforeEntry[]; mounted: boolean } {
  const entries: BeforeEntry[] = [];
  let mounted = false;
  const routes = routeCalls(mod);
  // mounts of this router elsewhere (express app.use("/api", guard, router), hono app.route("/x", sub))
  if (index && depth < 3) {
    for (const mount of mountsOf(index, mod, route.owner)) {
      mounted = true;
      const outer = middlewareBefore(index, mount.module, mount.route, depth + 1, false);
      entries.push(...outer.entries);
      const at = mount.route.chain.findIndex((c) => c === mount.node || (c.range[0] <= mount.node.range[0] && mount.node.range[1] <= c.range[1]));
      for (const c of mount.route.chain.slice(0, at < 0 ? 0 : at)) entries.push({ node: c, module: mount.module, route: mount.route });
    }
  }
  for (const r of routes) {
    if (r === route || r.call.range[0] >= route.call.range[0] || r.method !== "USE" || !sameOwner(r.owner, route.owner)) continue;
    if (!pathApplies(r.path, route.path)) continue;
    for (const c of r.chain) entries.push({ node: c, module: mod, route: r });
  }
  if (route.framework === "fastify") for (const h of fastifyHooks(mod, route.owner)) entries.push({ node: h, module: mod, route });
  for (const h of route.hooks) entries.push({ node: h, module: mod, route });
  const handler = handlerNode(route);
  if (ownChain) for (const c of route.chain) if (c !== handler) entries.push({ node: c, module: mod, route });
  return { entries, mounted };
}

/** `fastify.addHook("preHandler", fn)` on the same instance: it runs before every route of the plugin. */
function fastifyHooks(mod: Module, owner: Node): Node[] {
  const out: Node[] = [];
  walkCalls(mod.program, (node) => {
    if (node.type !== "CallExpression") return;
    const callee = unwrap(node.callee);
    if (callee.type !== "MemberExpression" || propertyName(callee) !== "addHook" || !sameOwner(callee.object, owner)) return;
    if (/^(onRequest|preParsing|preValidation|preHandler)$/.test(staticString(node.arguments[0]) ?? "") && node.arguments[1]) out.push(node.arguments[1]);
  });
  return out;
}

interface Mount {
  module: Module;
  route: RouteCall;
  /** The argument that denotes the mounted router. */
  node: Node;
}

/** Where the app or router `owner` of `mod` is mounted: `parent.use(path?, …, owner)` in this module or in a module that imports it. */
function mountsOf(index: ProjectIndex, mod: Module, owner: Node): Mount[] {
  const o = unwrap(owner);
  if (o.type !== "Identifier") return [];
  const out: Mount[] = [];
  // in this module
  for (const r of routeCalls(mod)) {
    if (r.method !== "USE" || sameOwner(r.owner, owner)) continue;
    for (const c of r.chain) if (sameOwner(c, owner)) out.push({ module: mod, route: r, node: c });
  }
  // exported, and mounted where it is imported
  for (const [name, entry] of mod.shape.exports) {
    if (entry.kind !== "local") continue;
    const denotes = entry.local === o.name || (entry.value && unwrap(entry.value).type === "Identifier" && (unwrap(entry.value) as TSESTree.Identifier).name === o.name);
    if (!denotes) continue;
    for (const use of usesOfExport(index, mod.file, name)) {
      for (const r of routeCalls(use.module)) {
        if (r.method === "USE" && r.chain.includes(use.node)) out.push({ module: use.module, route: r, node: use.node });
      }
    }
  }
  return out;
}

/**
 * A JSON body parser (`express.json()`, `bodyParser.json()`) that runs before `route`'s
 * handler: the body the handler gets is parsed, not the raw bytes a signature covers.
 * A parser given a `verify` option keeps the raw body aside (`req.rawBody`), so it does not count.
 */
export function jsonParserBefore(index: ProjectIndex | undefined, mod: Module, route: RouteCall): BeforeEntry | undefined {
  const { entries } = middlewareBefore(index, mod, route);
  return entries.find((e) => isJsonParser(e.node, e.module));
}

function isJsonParser(node: Node, mod: Module): boolean {
  const n = unwrap(node);
  if (n.type !== "CallExpression") return false;
  const options = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
  if (options?.type === "ObjectExpression" && property(options, "verify")) return false;
  const callee = unwrap(n.callee);
  const origin = mod.exportOf(callee);
  // import { json } from "express"; import bodyParser from "body-parser"; bodyParser() (JSON and urlencoded)
  if (origin && (origin.binding.source === "express" || origin.binding.source === "body-parser")) return origin.exportName === "json" || (origin.binding.source === "body-parser" && (origin.exportName === "default" || origin.exportName === "*"));
  if (callee.type === "MemberExpression" && propertyName(callee) === "json" && unwrap(callee.object).type === "Identifier") {
    const b = mod.bindingOf(unwrap(callee.object) as TSESTree.Identifier);
    return !!b && (b.source === "express" || b.source === "body-parser");
  }
  return false;
}
