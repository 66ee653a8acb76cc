/**
 * What the project's Clerk middleware (`middleware.ts` / `proxy.ts`) means for a
 * route handler: does it protect the path, or list it as public on purpose?
 *
 * "Protected" comes from the shared middleware analysis (detectors/middleware.ts,
 * also behind webhook-route-public), so the rules agree on it. "Listed public" is
 * read here, because that analysis does not tell a path listed as public from one
 * the middleware simply leaves alone:
 *
 *   clerkMiddleware(async (auth, req) => {
 *     if (!isPublicRoute(req)) await auth.protect()     isPublicRoute's patterns are listed public
 *     if (isPublicRoute(req)) return; ...                same
 *     if (!userId && !isPublic(req)) return redirect      same
 *   })
 *   authMiddleware({ publicRoutes, ignoredRoutes })     both lists are public (v4/v5)
 *
 * Patterns are `createRouteMatcher([...])` strings (path-to-regexp) or RegExp literals.
 * When the middleware does something this reader does not follow, every path counts
 * as listed public (callers use this to stay silent).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, propertyName, unwrap, walk } from "../ast.js";
import type { FileRole } from "../next-files.js";
import type { ProjectIndex, ModuleSummary } from "../project/index.js";
import { analyzeMiddlewareFile, isWellPlaced, middlewareCandidates, middlewareHome, nextRuns, readPatternList, routeGate, routeUrl } from "./middleware.js";

type Matcher = (urlPath: string) => boolean;
const NEVER: Matcher = () => false;
const ALWAYS: Matcher = () => true;

/**
 * Clerk route patterns of a list (array literal, a const naming one, a single string or RegExp),
 * read by the shared middleware analysis so both agree on what a pattern matches; undefined when
 * any entry is not static (callers then treat every path as listed).
 */
function patternList(node: Node | undefined, mod: ModuleSummary): Matcher | undefined {
  if (!node) return undefined;
  const list = readPatternList(node, mod, "clerk");
  if (!list || !list.complete) return undefined;
  const regexes: RegExp[] = [];
  for (const e of list.entries) {
    if (!e.re) return undefined;
    regexes.push(e.re);
  }
  return (p) => regexes.some((re) => re.test(p));
}

function isClerkCall(call: TSESTree.CallExpression, mod: ModuleSummary, name: string): boolean {
  const origin = mod.prov.exportOf(unwrap(call.callee));
  return !!origin && origin.binding.source.startsWith("@clerk/") && origin.exportName === name;
}

/** The paths the middleware lists as public; undefined when there is no Clerk middleware call. */
function publicPaths(mod: ModuleSummary): Matcher | undefined {
  const program = mod.program;
  let clerkCall: TSESTree.CallExpression | undefined;
  let legacy = false;
  walk(program, (node) => {
    if (clerkCall) return false;
    if (node.type === "CallExpression") {
      if (isClerkCall(node, mod, "clerkMiddleware")) clerkCall = node;
      else if (isClerkCall(node, mod, "authMiddleware")) {
        clerkCall = node;
        legacy = true;
      }
    }
    return undefined;
  });
  if (!clerkCall) return undefined;

  if (legacy) {
    // authMiddleware protects everything except publicRoutes and ignoredRoutes
    const opts = clerkCall.arguments[0] ? unwrap(clerkCall.arguments[0]) : undefined;
    if (!opts) return NEVER;
    if (opts.type !== "ObjectExpression") return ALWAYS;
    const lists: Matcher[] = [];
    for (const p of opts.properties) {
      if (p.type !== "Property") return ALWAYS;
      const key = propertyName(p);
      if (key !== "publicRoutes" && key !== "ignoredRoutes") continue;
      const m = patternList(p.value as Node, mod);
      if (!m) return ALWAYS;
      lists.push(m);
    }
    return (u) => lists.some((m) => m(u));
  }

  const handler = clerkCall.arguments.map((a) => unwrap(a)).find((a) => isFunction(a));
  if (!handler || !isFunction(handler)) {
    // clerkMiddleware() / clerkMiddleware({ options }) gates nothing; a handler passed by name is not followed
    return clerkCall.arguments.every((a) => unwrap(a).type === "ObjectExpression") ? NEVER : ALWAYS;
  }

  // const isPublicRoute = createRouteMatcher([...])
  const matchers = new Map<string, Matcher>();
  for (const st of program.body) {
    const decl = st.type === "ExportNamedDeclaration" ? st.declaration : st;
    if (decl?.type !== "VariableDeclaration") continue;
    for (const d of decl.declarations) {
      const init = d.init ? unwrap(d.init) : undefined;
      if (d.id.type !== "Identifier" || init?.type !== "CallExpression" || !isClerkCall(init, mod, "createRouteMatcher")) continue;
      matchers.set(d.id.name, patternList(init.arguments[0], mod) ?? ALWAYS);
    }
  }

  // Public lists: a matcher whose negation gates the protection (`if (!isPublicRoute(req)) …`,
  // `!userId && !isPublic(req)`), one that exits early (`if (isPublicRoute(req)) return`), or one
  // named as such (`isPublicRoute`, Clerk's documented name).
  const publicNames = new Set<string>();
  for (const name of matchers.keys()) if (/public|ignored|unprotected|anonymous/i.test(name)) publicNames.add(name);
  const matcherCall = (n: Node): string | undefined => {
    const c = unwrap(n);
    return c.type === "CallExpression" && c.callee.type === "Identifier" && matchers.has(c.callee.name) ? c.callee.name : undefined;
  };
  walk(handler, (node) => {
    if (node.type === "UnaryExpression" && node.operator === "!") {
      const name = matcherCall(node.argument);
      if (name) publicNames.add(name);
    } else if (node.type === "IfStatement" && !node.alternate && isReturn(node.consequent)) {
      const name = matcherCall(node.test);
      if (name) publicNames.add(name);
    }
    return undefined;
  });
  const lists = [...publicNames].map((n) => matchers.get(n)!);
  return (u) => lists.some((m) => m(u));
}

function isReturn(st: Node): boolean {
  const s = st.type === "BlockStatement" && st.body.length === 1 ? st.body[0]! : st;
  return s.type === "ReturnStatement";
}

export type MiddlewareVerdict = "public" | "protected" | "open";

/**
 * What the project's middleware means for a route handler:
 * - `protected`: it requires a signed-in user there (or does something this analysis cannot follow);
 * - `public`: it lists the path as public on purpose (publicRoutes, ignoredRoutes, or the
 *   matcher whose negation guards `auth.protect()`);
 * - `open`: there is no Clerk middleware, it does not run for the path, or it protects nothing there.
 * Whether a path is protected comes from the shared middleware analysis (detectors/middleware.ts,
 * also used by webhook-route-public), so both rules agree on it.
 */
export function middlewareVerdict(index: ProjectIndex, role: FileRole, nextMajor: number | undefined, dependencies?: ReadonlyMap<string, string>): MiddlewareVerdict {
  const home = middlewareHome(index.root);
  const candidates = middlewareCandidates(index.root).filter((c) => isWellPlaced(c, home) && nextRuns(c.name, nextMajor));
  const url = routeUrl(role);
  for (const c of candidates) {
    const analysis = analyzeMiddlewareFile(index, c.file, c.name, dependencies);
    if (!analysis || analysis.calls.length === 0) continue;
    const gate = routeGate(analysis, url, index);
    if (gate.status === "protected" || gate.status === "unknown") return "protected";
    // "public" (not protected) or "not-run" (matcher or ignoredRoutes skip it): listed public, or just open?
    const mod = index.module(c.file);
    const listed = mod ? publicPaths(mod) : undefined;
    return listed?.(url.sample) ? "public" : "open";
  }
  return "open";
}
