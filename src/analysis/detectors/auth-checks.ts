/**
 * "Does this endpoint establish its caller before it writes?" Shared by
 * protect-server-actions and protect-route-handlers.
 *
 * A function is analysed in source order. A *check* is:
 *   - `auth.protect(...)` (awaited or not; v5's `auth().protect()` too);
 *   - an `if` whose test reads auth state (`userId`, `orgId`, `isAuthenticated`,
 *     `has(...)`, a `currentUser()` result, `sessionClaims`…) and whose branch leaves
 *     (return / throw / redirect() / notFound() / unauthorized() / redirectToSignIn()…);
 *   - `x ?? notFound()`-style early exits, `assert(userId)`;
 *   - a call of a helper that establishes the caller: a same-file or imported local
 *     function whose own analysis says so (`await requireUser()` calling `auth.protect()`),
 *     or an unresolvable function whose name says so (`requireAdmin`, `verifySignature`).
 * Auth state flows through variables (`const { userId } = await auth()`, `const user =
 * await currentUser()`, `const id = await getUserId()` when that helper reads auth) and
 * through request credentials (`req.headers.get("authorization")`) for route handlers.
 *
 * A *write* (detectors/writes.ts, or a helper call that writes without its own check)
 * is unguarded when no check precedes it in a function that contains it, and it is not
 * inside a branch whose test reads auth state (`if (userId) { await db.x.create() }`).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import { type FunctionNode, type Node, contains, isFunction, propertyName, staticString, unwrap, walk } from "../ast.js";
import { functionDirectives } from "../directives.js";
import type { ProjectIndex, ModuleSummary } from "../project/index.js";
import type { Provenance } from "../resolver.js";
import { documentVariables, writeAt } from "./writes.js";

const AUTH_EXPORTS = new Set(["auth", "currentUser", "getAuth"]);
const EXIT_CALL = /^(redirect|permanentRedirect|notFound|unauthorized|forbidden|redirectToSignIn|redirectToSignUp)$|^(throw|fail|deny|abort)(?:[A-Z_]|$)/;
/** Functions whose name says they stop unauthenticated or unauthorized callers. */
const ESTABLISH_NAME =
  /^(require|ensure|assert|protect|guard|authori[sz]e|authenticate|verify|check|must|enforce|validate)(?=[A-Z_])\w*(Auth|User|Session|Admin|Role|Permission|Access|Signature|Signed|Login|Logged|Owner|Member|Org|Organi[sz]ation|Team|Workspace|Token|Key|Secret|Caller|Webhook|Request|Plan|Subscription|Viewer|Account|Cron|Hmac)\w*$|^(constructEvent|constructEventAsync|timingSafeEqual|verifyWebhook|verifySignature|validateRequest|protect)$/;
/** Functions whose name says they return the caller's identity (checked by the caller). */
const READER_NAME =
  /^(get|fetch|load|read)?(Current|Signed|Logged|Authed|Authenticated|Server)(User|Session|Auth|Viewer|Member|Account|Org|Organi[sz]ation|Principal|Identity|Claims|UserId)\w*$|^(get|fetch|load|read)(Session|Auth|Viewer|Me|Principal|Identity|Claims|UserId|AuthUser|SessionUser|AuthSession|Token|ApiKey)$|^(currentUser|currentOrg|getServerSession|getAuth|getToken|auth)$/;
/** Request headers that carry credentials. */
const CREDENTIAL_HEADER = /^(authorization|proxy-authorization|cookie|x-api-key|api-key|apikey|x-.*(token|secret|signature|key|auth).*|.*-signature|stripe-signature|svix-signature|webhook-signature)$/i;

export interface HelperFacts {
  /** Stops callers that are not signed in (or not allowed): throws, redirects, protect(). */
  establishes: boolean;
  /** Returns or uses the caller's identity, so its result can be checked. */
  readsAuth: boolean;
  /**
   * Uses the caller's session token (`getToken()`): a client it returns sends the
   * caller's identity to the data layer (Supabase RLS, Convex), which authorizes writes.
   */
  token?: boolean;
  /** A write it performs before any check, as a call chain for messages. */
  write?: { chain: string[] };
}

export interface AuthEnv {
  prov: Provenance;
  /** Facts about the function a call invokes, when it is a local helper (same module or imported). */
  helper(call: TSESTree.CallExpression): HelperFacts | undefined;
  /** Top-level names of the module bound to a token-carrying client (`const client = createSupabase()`). */
  tokenVars?(): ReadonlySet<string>;
}

export interface UnguardedWrite {
  node: Node;
  /** For writes through helpers: the helper chain (`lib/projects.ts:archive`). */
  chain?: string[];
}

export interface UnitFacts {
  unguarded: UnguardedWrite[];
  establishes: boolean;
  readsAuth: boolean;
  /** Calls `getToken()` (directly or through a helper). */
  token: boolean;
  /** Checks with the function that owns each (for closures: inline server actions). */
  checks: Array<{ node: Node; owner: Node }>;
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const c = unwrap(call.callee);
  if (c.type === "Identifier") return c.name;
  if (c.type === "MemberExpression") return propertyName(c);
  return undefined;
}

/** `auth()`, `currentUser()`, `getAuth(req)` from a Clerk package, or `auth.protect()` / `auth().protect()`. */
export function clerkAuthCall(call: TSESTree.CallExpression, prov: Provenance): "auth" | "currentUser" | "getAuth" | "protect" | undefined {
  const callee = unwrap(call.callee);
  const origin = prov.exportOf(callee);
  if (origin && origin.binding.source.startsWith("@clerk/") && AUTH_EXPORTS.has(origin.exportName)) {
    return origin.exportName as "auth" | "currentUser" | "getAuth";
  }
  if (callee.type === "MemberExpression" && propertyName(callee) === "protect") {
    let obj = unwrap(callee.object);
    if (obj.type === "AwaitExpression") obj = unwrap(obj.argument);
    const o = prov.exportOf(obj);
    if (o && o.binding.source.startsWith("@clerk/") && o.exportName === "auth") return "protect";
    if (obj.type === "CallExpression" && clerkAuthCall(obj, prov) === "auth") return "protect";
  }
  return undefined;
}

/** Does a branch leave the function? `hard` when it throws or redirects (not a plain return). */
function branchExit(stmt: Node): { exits: boolean; hard: boolean } {
  let exits = false;
  let hard = false;
  walk(stmt, (node) => {
    if (hard) return false;
    if (node !== stmt && isFunction(node)) return false;
    if (node.type === "ReturnStatement") exits = true;
    else if (node.type === "ThrowStatement") exits = hard = true;
    else if (node.type === "CallExpression") {
      const name = calleeName(node);
      if (name && (EXIT_CALL.test(name) || name === "protect")) exits = hard = true;
    }
    return undefined;
  });
  return { exits, hard };
}

function isCredentialRead(call: TSESTree.CallExpression): boolean {
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression" || propertyName(callee) !== "get") return false;
  const name = staticString(call.arguments[0]);
  return !!name && CREDENTIAL_HEADER.test(name);
}

/** Names a pattern declares (`{ userId, has }`, `[a, b]`, `x`). */
function patternNames(pattern: Node, out: Set<string>): void {
  const p = unwrap(pattern);
  if (p.type === "Identifier") out.add(p.name);
  else if (p.type === "ObjectPattern") {
    for (const prop of p.properties) patternNames(prop.type === "Property" ? prop.value : prop.argument, out);
  } else if (p.type === "ArrayPattern") {
    for (const el of p.elements) if (el) patternNames(el, out);
  } else if (p.type === "AssignmentPattern") patternNames(p.left, out);
  else if (p.type === "RestElement") patternNames(p.argument, out);
}

/**
 * Analyse one endpoint or helper function. `skipNested` prunes nested functions
 * that are separate endpoints (inline `'use server'` functions).
 */
export function analyzeFunction(unit: FunctionNode, env: AuthEnv, skipNested?: (fn: FunctionNode) => boolean): UnitFacts {
  const authVars = new Set<string>();
  const checks: Array<{ node: Node; owner: Node }> = [];
  const guards: Node[] = [];
  const writes: UnguardedWrite[] = [];
  let establishes = false;
  let readsAuth = false;
  const documents = documentVariables(unit);
  const callFacts = new Map<TSESTree.CallExpression, { auth: boolean; establishes: boolean; token: boolean; helper?: HelperFacts }>();
  const tokenVars = new Set<string>();
  let token = false;

  const factsOfCall = (call: TSESTree.CallExpression) => {
    let f = callFacts.get(call);
    if (f) return f;
    const kind = clerkAuthCall(call, env.prov);
    const helper = kind ? undefined : env.helper(call);
    const name = calleeName(call);
    const byName = !kind && name !== undefined;
    const est = kind === "protect" || !!helper?.establishes || (byName && ESTABLISH_NAME.test(name!));
    const reads = !!kind || est || !!helper?.readsAuth || (byName && READER_NAME.test(name!)) || isCredentialRead(call);
    const tok = name === "getToken" || !!helper?.token;
    f = { auth: reads || tok, establishes: est, token: tok, helper };
    callFacts.set(call, f);
    return f;
  };

  /** Does an expression carry the caller's session token (a getToken() call, or a variable bound to one)? */
  const carriesToken = (expr: Node): boolean => {
    let found = false;
    walk(expr, (node) => {
      if (found) return false;
      if (node.type === "Identifier" && tokenVars.has(node.name)) found = true;
      else if (node.type === "CallExpression" && factsOfCall(node).token) found = true;
      return undefined;
    });
    return found;
  };

  /** Does an expression read the caller's identity (directly or through a variable)? */
  const readsAuthExpr = (expr: Node): boolean => {
    let found = false;
    walk(expr, (node, parent) => {
      if (found) return false;
      if (isFunction(node)) return false;
      if (node.type === "Identifier" && authVars.has(node.name)) {
        const isKey =
          (parent?.type === "MemberExpression" && parent.property === node && !parent.computed) ||
          (parent?.type === "Property" && parent.key === node && !parent.computed && !parent.shorthand);
        if (!isKey) found = true;
      } else if (node.type === "CallExpression" && factsOfCall(node).auth) found = true;
      else if (node.type === "MemberExpression" && propertyName(node) === "authorization") found = true;
      return undefined;
    });
    return found;
  };

  /**
   * A write sent with the caller's session token is authorized by the data layer:
   * `client.from("t").insert()` on a Supabase client built with Clerk's `accessToken`,
   * `fetchMutation(api.x, args, { token })`, `fetch(url, { headers: { Authorization: token } })`.
   */
  const tokenDelegated = (call: TSESTree.CallExpression): boolean => {
    let root: Node = unwrap(call.callee);
    for (;;) {
      if (root.type === "AwaitExpression") root = unwrap(root.argument);
      else if (root.type === "MemberExpression") root = unwrap(root.object);
      else if (root.type === "CallExpression") {
        if (factsOfCall(root).token) return true;
        root = unwrap(root.callee);
      } else break;
    }
    if (root.type === "Identifier" && (tokenVars.has(root.name) || env.tokenVars?.().has(root.name))) return true;
    return call.arguments.some((a) => carriesToken(a));
  };

  const ownerOf = (node: Node): Node => {
    let n = node.parent;
    while (n && n !== unit) {
      if (isFunction(n)) return n;
      n = n.parent;
    }
    return unit;
  };

  const addCheck = (node: Node, hard: boolean) => {
    checks.push({ node, owner: ownerOf(node) });
    if (hard) establishes = true;
  };

  walk(unit, (node) => {
    if (node !== unit && isFunction(node) && skipNested?.(node)) return false;
    switch (node.type) {
      case "VariableDeclarator":
        if (node.init && readsAuthExpr(node.init)) patternNames(node.id, authVars);
        if (node.init && carriesToken(node.init)) patternNames(node.id, tokenVars);
        break;
      case "AssignmentExpression":
        if (readsAuthExpr(node.right)) patternNames(node.left, authVars);
        break;
      case "CallExpression": {
        const f = factsOfCall(node);
        if (f.auth) readsAuth = true;
        if (f.token) token = true;
        if (f.establishes) addCheck(node, true);
        const name = calleeName(node);
        if ((name === "assert" || name === "invariant" || name === "ok") && node.arguments.some((a) => readsAuthExpr(a))) addCheck(node, true);
        if (f.helper?.write) writes.push({ node, chain: f.helper.write.chain });
        const site = writeAt(node, env.prov, documents);
        if (site && !tokenDelegated(node)) writes.push({ node });
        break;
      }
      case "TaggedTemplateExpression": {
        const site = writeAt(node, env.prov, documents);
        if (site) writes.push({ node });
        break;
      }
      case "IfStatement":
        if (readsAuthExpr(node.test)) {
          guards.push(node);
          const a = branchExit(node.consequent);
          const b = node.alternate ? branchExit(node.alternate) : { exits: false, hard: false };
          if (a.exits || b.exits) addCheck(node, a.hard || b.hard);
        }
        break;
      case "ConditionalExpression":
        if (readsAuthExpr(node.test)) guards.push(node);
        break;
      case "LogicalExpression":
        if (readsAuthExpr(node.left)) {
          guards.push(node);
          const exit = branchExit(node.right);
          if (exit.hard) addCheck(node, true);
        }
        break;
      default:
        break;
    }
    return undefined;
  });

  const guardCovers = (g: Node, w: Node): boolean => {
    if (g.type === "IfStatement") return contains(g.consequent, w) || (!!g.alternate && contains(g.alternate, w));
    if (g.type === "ConditionalExpression") return contains(g.consequent, w) || contains(g.alternate, w);
    if (g.type === "LogicalExpression") return contains(g.right, w);
    return false;
  };
  const unguarded = writes.filter(
    (w) =>
      !checks.some((c) => c.node.range[0] < w.node.range[0] && contains(c.owner, w.node)) &&
      !guards.some((g) => guardCovers(g, w.node)),
  );
  return { unguarded, establishes, readsAuth: readsAuth || establishes, token, checks };
}

/** Is there a check in a function enclosing `fn` (an inline server action) before `fn` is defined? */
export function checkedBefore(fn: FunctionNode, env: AuthEnv): boolean {
  let outerFn: Node | undefined = fn.parent;
  while (outerFn) {
    if (isFunction(outerFn)) {
      const facts = analyzeFunction(outerFn, env, (f) => f === fn || functionDirectives(f).has("use server"));
      if (facts.checks.some((c) => c.node.range[0] < fn.range[0] && contains(c.owner, fn))) return true;
    }
    outerFn = outerFn.parent;
  }
  return false;
}

/** Top-level names bound to values built with the caller's session token (a Supabase client with `accessToken`). */
export function moduleTokenVars(program: TSESTree.Program, env: AuthEnv): Set<string> {
  const out = new Set<string>();
  for (const st of program.body) {
    const decl = st.type === "ExportNamedDeclaration" ? st.declaration : st;
    if (decl?.type !== "VariableDeclaration") continue;
    for (const d of decl.declarations) {
      if (!d.init) continue;
      let token = false;
      walk(d.init, (node) => {
        if (token) return false;
        if (node.type === "CallExpression" && (calleeName(node) === "getToken" || env.helper(node)?.token)) token = true;
        return undefined;
      });
      if (token) patternNames(d.id, out);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Helpers across files, through the project index

type Memo = Map<string, HelperFacts | null>;
const MAX_DEPTH = 4;

function rel(index: ProjectIndex, file: string): string {
  return path.relative(index.root, file).split(path.sep).join("/");
}

/** The function an export of a local module names, following re-exports. */
function exportedFunction(index: ProjectIndex, file: string, name: string, hops = 0): { mod: ModuleSummary; fn: FunctionNode; local: string } | undefined {
  if (hops > 3) return undefined;
  const mod = index.module(file);
  if (!mod) return undefined;
  const local = mod.exports.get(name);
  if (local !== undefined) {
    const fn = mod.functions.get(local);
    if (fn) return { mod, fn, local };
    const b = mod.imports.bindings.find((x) => x.local === local && !x.typeOnly);
    if (!b) return undefined;
    const target = index.resolve(file, b.source);
    return target ? exportedFunction(index, target, b.imported, hops + 1) : undefined;
  }
  for (const re of mod.imports.reExports) {
    const inner = re.names.get(name) ?? (re.star ? name : undefined);
    if (!inner) continue;
    const target = index.resolve(file, re.source);
    const hit = target ? exportedFunction(index, target, inner, hops + 1) : undefined;
    if (hit) return hit;
  }
  return undefined;
}

function summarize(key: string, label: string, fn: FunctionNode, env: AuthEnv, memo: Memo): HelperFacts {
  const cached = memo.get(key);
  if (cached !== undefined) return cached ?? { establishes: false, readsAuth: false };
  memo.set(key, null); // recursion guard
  const facts = analyzeFunction(fn, env);
  const first = facts.unguarded[0];
  const result: HelperFacts = {
    establishes: facts.establishes,
    readsAuth: facts.readsAuth,
    token: facts.token,
    write: first ? { chain: [label, ...(first.chain ?? [])] } : undefined,
  };
  memo.set(key, result);
  return result;
}

/** Env for a module of the project index (name-based provenance over its top-level imports). */
function moduleEnv(index: ProjectIndex, mod: ModuleSummary, memo: Memo, depth: number): AuthEnv {
  let tokens: Set<string> | undefined;
  const env: AuthEnv = {
    prov: mod.prov,
    tokenVars: () => (tokens ??= moduleTokenVars(mod.program, env)),
    helper(call) {
      if (depth >= MAX_DEPTH) return undefined;
      const callee = unwrap(call.callee);
      if (callee.type === "Identifier" && mod.functions.has(callee.name) && !mod.imports.bindings.some((b) => b.local === callee.name)) {
        const fn = mod.functions.get(callee.name)!;
        return summarize(`${mod.file}#${callee.name}`, `${rel(index, mod.file)}:${callee.name}`, fn, moduleEnv(index, mod, memo, depth + 1), memo);
      }
      return importedHelper(index, mod.file, mod.prov, callee, memo, depth);
    },
  };
  return env;
}

function importedHelper(index: ProjectIndex, file: string, prov: Provenance, callee: Node, memo: Memo, depth: number): HelperFacts | undefined {
  const origin = prov.exportOf(callee);
  if (!origin || origin.binding.typeOnly) return undefined;
  const target = index.resolve(file, origin.binding.source);
  if (!target) return undefined;
  const hit = exportedFunction(index, target, origin.exportName);
  if (!hit) return undefined;
  return summarize(`${hit.mod.file}#${hit.local}`, `${rel(index, hit.mod.file)}:${hit.local}`, hit.fn, moduleEnv(index, hit.mod, memo, depth + 1), memo);
}

/**
 * Env for the file being linted: `prov` is the scope-aware provenance of the
 * rule's FileFacts; `localFunction` resolves a callee to a top-level function of
 * this file (scope-aware); imported helpers are read through the project index.
 */
export function fileEnv(options: {
  index: ProjectIndex;
  file: string;
  prov: Provenance;
  program: TSESTree.Program;
  localFunction: (callee: TSESTree.Identifier) => FunctionNode | undefined;
}): AuthEnv {
  const memo: Memo = new Map();
  const { index, file, prov, program, localFunction } = options;
  let tokens: Set<string> | undefined;
  const make = (depth: number): AuthEnv => ({
    prov,
    tokenVars: () => (tokens ??= moduleTokenVars(program, make(MAX_DEPTH - 1))),
    helper(call) {
      if (depth >= MAX_DEPTH) return undefined;
      const callee = unwrap(call.callee);
      if (callee.type === "Identifier") {
        const fn = localFunction(callee);
        if (fn) return summarize(`${file}#local:${callee.name}@${fn.range[0]}`, `${rel(index, file)}:${callee.name}`, fn, make(depth + 1), memo);
      }
      return importedHelper(index, file, prov, callee, memo, depth);
    },
  });
  return make(0);
}
