/**
 * The route gate: does the project's middleware require a signed-in user for a
 * route, leave it public, or skip it? A three-valued evaluator of the
 * middleware's handler for one route and a signed-out request: it finds the
 * protecting actions (`auth.protect()`, `redirectToSignIn()`, a 401/403 or
 * sign-in redirect that depends on the auth state) and decides whether their
 * guards hold for the route (`createRouteMatcher` lists, `pathname` tests,
 * auth-state locals). `authMiddleware({ publicRoutes, ignoredRoutes })` (v4/v5)
 * is read from its options. When code cannot be followed the answer is
 * `unknown`, and rules stay silent.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, propertyName, staticString, unwrap, walk } from "../ast.js";
import { ROUTE_MATCHER, NEXT_SERVER_SOURCES } from "../clerk-api.js";
import { alwaysExits } from "../control-flow.js";
import { type Module, functionOf } from "../module.js";
import { type FileRole, type RouteUrl, routeUrl } from "../next-files.js";
import { followImport } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";
import { resolveConst } from "../value-flow.js";
import { runningMiddleware } from "./location.js";
import { type PatternList, listMatches, objectProperty, readPatternList } from "./patterns.js";
import { type ClerkMiddlewareCall, type MiddlewareAnalysis, matcherRuns, readMiddlewareFile } from "./reader.js";

export type GateStatus = "not-run" | "public" | "protected" | "unknown";

export interface GateResult {
  status: GateStatus;
  /** For `protected`: what protects the route. */
  reason?: "not-in-public-list" | "in-protected-list" | "protects-all";
  /** For `public` / `not-run`: the route is listed as public on purpose (publicRoutes, ignoredRoutes, a public-route matcher). */
  listedPublic?: boolean;
  /** The list or call that decides, and the module it is written in. */
  node?: Node;
  /** The route list that decides, when a list does. */
  list?: PatternList;
  module?: Module;
}

interface RouteMatcher {
  list: PatternList | undefined;
  module: Module;
  /** The const the matcher is bound to (`isPublicRoute`), when it has a name. */
  name?: string;
}

type AuthVar = "falsy" | "has" | "redirect" | "protect" | "object";

interface EvalEnv {
  url: RouteUrl;
  mod: Module;
  handler: FunctionNode;
  authName: string | undefined;
  reqName: string | undefined;
  /** Locals bound from the auth object: name → what they are when signed out. */
  authVars: Map<string, AuthVar>;
  pathVars: Set<string>;
  consulted: Array<{ matcher: RouteMatcher; result: boolean | undefined }>;
  usedAuthState: boolean;
  depth: number;
  index: ProjectIndex | undefined;
}

const SIGNED_OUT_FALSY = new Set(["userId", "sessionId", "orgId", "orgRole", "orgSlug", "actor", "sessionClaims", "isAuthenticated", "isSignedIn", "orgPermissions"]);
const PUBLIC_LIST_NAME = /public|ignored|unprotected|anonymous/i;

function isRouteMatcherCall(node: Node, mod: Module): node is TSESTree.CallExpression {
  if (node.type !== "CallExpression") return false;
  const origin = mod.exportOf(unwrap(node.callee));
  return !!origin && NEXT_SERVER_SOURCES.has(origin.binding.source) && origin.exportName === ROUTE_MATCHER;
}

/** `createRouteMatcher(...)` of Clerk → its pattern list (undefined when not static). */
function routeMatcherFromCall(node: Node, mod: Module, name?: string): RouteMatcher | undefined {
  const n = unwrap(node);
  if (!isRouteMatcherCall(n, mod)) return undefined;
  const arg = n.arguments[0];
  if (!arg || arg.type === "SpreadElement") return { list: undefined, module: mod, name };
  return { list: readPatternList(arg, mod, "clerk"), module: mod, name };
}

function resolveMatcher(callee: Node, env: EvalEnv): RouteMatcher | undefined {
  const c = unwrap(callee);
  const inline = routeMatcherFromCall(c, env.mod);
  if (inline || c.type !== "Identifier") return inline;
  const value = resolveConst(c, env.mod);
  if (value !== c) return routeMatcherFromCall(value, env.mod, c.name);
  const binding = env.mod.bindingOf(c);
  if (!binding || !env.index) return undefined;
  const target = followImport(env.index, env.mod, binding);
  if (!target?.value || target.path.length > 0) return undefined;
  return routeMatcherFromCall(resolveConst(target.value, target.module), target.module, c.name);
}

function isAuthCall(node: Node, env: EvalEnv): boolean {
  let n = unwrap(node);
  if (n.type === "AwaitExpression") n = unwrap(n.argument);
  if (n.type !== "CallExpression" || !env.authName) return false;
  const callee = unwrap(n.callee);
  return callee.type === "Identifier" && callee.name === env.authName;
}

function isRequest(node: Node, env: EvalEnv): boolean {
  const n = unwrap(node);
  return n.type === "Identifier" && n.name === env.reqName;
}

/** `req.nextUrl.pathname`, `new URL(req.url).pathname`, or a const bound to it. */
function isPathname(node: Node, env: EvalEnv): boolean {
  const n = unwrap(node);
  if (n.type === "Identifier") return env.pathVars.has(n.name);
  if (n.type !== "MemberExpression" || propertyName(n) !== "pathname") return false;
  const obj = unwrap(n.object);
  if (obj.type === "MemberExpression" && propertyName(obj) === "nextUrl") return isRequest(obj.object, env);
  if (obj.type === "NewExpression" && unwrap(obj.callee).type === "Identifier" && (unwrap(obj.callee) as TSESTree.Identifier).name === "URL") {
    const arg = obj.arguments[0] ? unwrap(obj.arguments[0]) : undefined;
    return !!arg && arg.type === "MemberExpression" && propertyName(arg) === "url" && isRequest(arg.object, env);
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
    if (env.authVars.get(n.name) === "falsy") {
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
    case "UnaryExpression": {
      if (n.operator !== "!") return undefined;
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
      const eq = n.operator === "==" || n.operator === "!=" ? l == r : l === r;
      return n.operator.startsWith("!") ? !eq : eq;
    }
    case "Identifier":
    case "MemberExpression": {
      const v = leafValue(n, env);
      if (v !== UNKNOWN) return Boolean(v);
      if (n.type === "Identifier") {
        const value = resolveConst(n, env.mod);
        if (value !== n) return evalBool(value, env);
      }
      return undefined;
    }
    case "CallExpression":
      return evalCall(n, env);
    default:
      return undefined;
  }
}

function evalCall(n: TSESTree.CallExpression, env: EvalEnv): boolean | undefined {
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
  const matcher = resolveMatcher(callee, env);
  if (!matcher) return undefined;
  const result = matcher.list ? listMatches(matcher.list, env.url) : undefined;
  env.consulted.push({ matcher, result });
  return result;
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
      if (init.type === "MemberExpression" && propertyName(init) === "nextUrl" && isRequest(init.object, env)) {
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

/** The handler a `clerkMiddleware(handler?, options?)` call receives: inline, a local name, or an import. */
export function middlewareHandler(mw: ClerkMiddlewareCall, index?: ProjectIndex): { fn: FunctionNode; module: Module } | "options" | "none" | undefined {
  const first = mw.call.arguments[0];
  if (!first || first.type === "SpreadElement") return first ? undefined : "none";
  const value = resolveConst(first, mw.module);
  if (value.type === "ObjectExpression") return "options";
  const fn = functionOf(value) ?? (value.type === "Identifier" ? mw.module.topLevelFunction(value.name) : undefined);
  if (fn) return { fn, module: mw.module };
  if (value.type === "Identifier" && index) {
    const binding = mw.module.bindingOf(value);
    const target = binding ? followImport(index, mw.module, binding) : undefined;
    const imported = target && target.path.length === 0 ? functionOf(target.value) : undefined;
    if (imported && target) return { fn: imported, module: target.module };
  }
  return undefined;
}

/** Public-route lists of the middleware module by name (`const isPublicRoute = createRouteMatcher([...])`). */
function namedPublicLists(mod: Module): RouteMatcher[] {
  const out: RouteMatcher[] = [];
  for (const decl of mod.shape.decls.values()) {
    if (decl.kind !== "variable" || decl.path.length > 0 || !decl.node.init || !PUBLIC_LIST_NAME.test(decl.name)) continue;
    const m = routeMatcherFromCall(decl.node.init, mod, decl.name);
    if (m) out.push(m);
  }
  return out;
}

/** Gate of one `clerkMiddleware(handler?, options?)` call for a route. */
function clerkMiddlewareGate(mw: ClerkMiddlewareCall, url: RouteUrl, index: ProjectIndex | undefined): GateResult {
  const handler = middlewareHandler(mw, index);
  if (handler === "none" || handler === "options") return { status: "public" };
  if (!handler) return { status: "unknown" };
  const env: EvalEnv = {
    url,
    mod: handler.module,
    handler: handler.fn,
    authName: paramName(handler.fn, 0),
    reqName: paramName(handler.fn, 1),
    authVars: new Map(),
    pathVars: new Set(),
    consulted: [],
    usedAuthState: false,
    depth: 0,
    index,
  };
  bindAuthVars(env);
  let unknown = false;
  let listedBy: RouteMatcher | undefined;
  for (const action of findActions(env)) {
    const guards = guardsOf(action.node, handler.fn);
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
    if (!runs) {
      // the route is in a list whose match switched this protection off: listed public
      listedBy ??= env.consulted.find((c) => c.result === true)?.matcher;
      continue;
    }
    const notPublic = env.consulted.find((c) => c.result === false && c.matcher.list);
    if (notPublic) return { status: "protected", reason: "not-in-public-list", node: notPublic.matcher.list!.node, list: notPublic.matcher.list, module: notPublic.matcher.module };
    const inList = env.consulted.find((c) => c.result === true && c.matcher.list);
    if (inList) return { status: "protected", reason: "in-protected-list", node: inList.matcher.list!.node, list: inList.matcher.list, module: inList.matcher.module };
    return { status: "protected", reason: "protects-all", node: action.node, module: handler.module };
  }
  if (unknown) return { status: "unknown" };
  listedBy ??= namedPublicLists(handler.module).find((m) => m.list && listMatches(m.list, url) === true);
  return listedBy?.list ? { status: "public", listedPublic: true, node: listedBy.list.node, module: listedBy.module } : { status: "public" };
}

/** Gate of `authMiddleware({ publicRoutes, ignoredRoutes, afterAuth })` (v4/v5) for a route. */
function authMiddlewareGate(mw: ClerkMiddlewareCall, url: RouteUrl): GateResult {
  const arg = mw.call.arguments[0];
  if (!arg) return { status: "protected", reason: "protects-all", node: mw.call, module: mw.module };
  const options = resolveConst(arg, mw.module);
  if (options.type !== "ObjectExpression") return { status: "unknown" };
  const get = (name: string) => objectProperty(options, name);
  const after = get("afterAuth");
  const before = get("beforeAuth");
  if (after === null || after || before) return { status: "unknown" };
  const ignored = get("ignoredRoutes");
  if (ignored) {
    const list = readPatternList(ignored.value as Node, mw.module, "clerk");
    const m = list ? listMatches(list, url) : undefined;
    if (m === true) return { status: "not-run", listedPublic: true, node: list!.node, module: mw.module };
    if (m === undefined) return { status: "unknown" };
  }
  const pub = get("publicRoutes");
  if (!pub) return { status: "protected", reason: "protects-all", node: options, module: mw.module };
  const list = readPatternList(pub.value as Node, mw.module, "clerk");
  if (!list) return { status: "unknown" };
  const m = listMatches(list, url);
  if (m === true) return { status: "public", listedPublic: true, node: list.node, module: mw.module };
  if (m === undefined) return { status: "unknown" };
  return { status: "protected", reason: "not-in-public-list", node: list.node, list, module: mw.module };
}

/**
 * Can the middleware protect any route at all? `clerkMiddleware()` and
 * `clerkMiddleware(options)` protect nothing by themselves; a handler or
 * `authMiddleware()` may. A cheap test before looking at every route.
 */
export function mayGate(analysis: MiddlewareAnalysis, index?: ProjectIndex): boolean {
  return analysis.calls.some((mw) => {
    if (mw.api === "authMiddleware") return true;
    if (mw.api !== "clerkMiddleware") return false;
    const h = middlewareHandler(mw, index);
    return h !== "none" && h !== "options";
  });
}

/**
 * Does the middleware require a signed-in user for this route? `not-run` when
 * its matcher (or authMiddleware's ignoredRoutes) skips the route, `public`
 * when the gate lets it through (`listedPublic` when a public list names it),
 * `protected` with the list or call that protects it, `unknown` when the code
 * cannot be followed.
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
    else if (result.status !== "unknown" && (r.listedPublic || (r.status === "not-run" && result.status === "public"))) result = r;
  }
  return result;
}

export type RouteAccess = "protected" | "listed-public" | "open";

/**
 * What the project's middleware means for a route:
 * - `protected`: it requires a signed-in user there (or does something that cannot be followed);
 * - `listed-public`: it lists the path as public on purpose (publicRoutes, ignoredRoutes, a public-route matcher);
 * - `open`: there is no Clerk middleware, it does not run for the path, or it protects nothing there.
 */
export function routeAccess(index: ProjectIndex, role: FileRole, nextMajor: number | undefined, dependencies?: ReadonlyMap<string, string>): RouteAccess {
  const url = routeUrl(role);
  for (const c of runningMiddleware(index.root, nextMajor)) {
    const analysis = readMiddlewareFile(index, c.file, c.name, dependencies);
    if (!analysis || analysis.calls.length === 0) continue;
    const gate = routeGate(analysis, url, index);
    if (gate.status === "protected" || gate.status === "unknown") return "protected";
    return gate.listedPublic ? "listed-public" : "open";
  }
  return "open";
}
