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
import { type FunctionNode, type Node, contains, isFunction, propertyName, staticString, unwrap, walk } from "../ast.js";
import { alwaysExits, exitsIn } from "../control-flow.js";
import { functionDirectives } from "../directives.js";
import type { Module } from "../module.js";
import { type FunctionTarget, calleeTarget, followImport } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";
import { isClerkSource } from "../imports.js";
import { CLERK_AUTH, IDENTITY_SOURCES, REQUEST_BODY } from "../sources.js";
import { type RouteCall, chainTarget, middlewareBefore, serverObjectAcross } from "../server-routes.js";
import { originsOf, resolveConst } from "../value-flow.js";
import { type WriteKind, documentVariables, writeAt } from "./writes.js";

const AUTH_EXPORTS = new Set(["auth", "currentUser", "getAuth"]);
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
  write?: { chain: string[]; kind?: WriteKind };
}

export interface AuthEnv {
  prov: Module;
  /** Facts about the function a call invokes, when it is a local helper (same module or imported). */
  helper(call: TSESTree.CallExpression): HelperFacts | undefined;
  /** Top-level names of the module bound to a token-carrying client (`const client = createSupabase()`). */
  tokenVars?(): ReadonlySet<string>;
}

export interface UnguardedWrite {
  node: Node;
  /** What kind of write it is (`http` for a request to another service); for writes through helpers, what the write goes through in the end. */
  kind?: WriteKind;
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
export function clerkAuthCall(call: TSESTree.CallExpression, prov: Module): "auth" | "currentUser" | "getAuth" | "protect" | undefined {
  const callee = unwrap(call.callee);
  const origin = prov.exportOf(callee);
  if (origin && isClerkSource(origin.binding.source) && AUTH_EXPORTS.has(origin.exportName)) {
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
 * `if (auth.isAuthenticated) return auth.userId; throw new Error("Not authenticated")`: the
 * signed-in path leaves in the consequent, and the statement right after the `if` (reached only
 * by the others) throws or redirects. The function establishes the caller as a denying check does.
 */
function deniesAfter(ifStmt: TSESTree.IfStatement): boolean {
  if (ifStmt.alternate || !alwaysExits(ifStmt.consequent)) return false;
  const block = ifStmt.parent;
  if (block?.type !== "BlockStatement") return false;
  const next = block.body[block.body.indexOf(ifStmt) + 1];
  return !!next && (next.type === "ThrowStatement" || next.type === "ExpressionStatement") && exitsIn(next).hard;
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
    const reads = !!kind || est || !!helper?.readsAuth || (byName && READER_NAME.test(name!)) || isCredentialRead(call) || IDENTITY_SOURCES.some((s) => s.match(call, env.prov) !== undefined);
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
      else if (node.type === "MemberExpression" && propertyName(node) === "auth" && CLERK_AUTH.match(node, env.prov) !== undefined) found = true;
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
        if (f.helper?.write) writes.push({ node, chain: f.helper.write.chain, kind: f.helper.write.kind });
        const site = writeAt(node, env.prov, documents);
        if (site && !tokenDelegated(node)) writes.push({ node, kind: site.kind });
        break;
      }
      case "TaggedTemplateExpression": {
        const site = writeAt(node, env.prov, documents);
        if (site) writes.push({ node, kind: site.kind });
        break;
      }
      case "IfStatement":
        if (readsAuthExpr(node.test)) {
          guards.push(node);
          const a = exitsIn(node.consequent);
          const b = node.alternate ? exitsIn(node.alternate) : { exits: false, hard: false };
          if (a.exits || b.exits) addCheck(node, a.hard || b.hard || deniesAfter(node));
        }
        break;
      case "ConditionalExpression":
        if (readsAuthExpr(node.test)) guards.push(node);
        break;
      case "LogicalExpression":
        if (readsAuthExpr(node.left)) {
          guards.push(node);
          const exit = exitsIn(node.right);
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

function summarize(target: FunctionTarget, env: AuthEnv, memo: Memo): HelperFacts {
  const key = `${target.module.file}#${target.fn.range[0]}`;
  const cached = memo.get(key);
  if (cached !== undefined) return cached ?? { establishes: false, readsAuth: false };
  memo.set(key, null); // recursion guard
  const facts = analyzeFunction(target.fn, env);
  const first = facts.unguarded[0];
  const result: HelperFacts = {
    establishes: facts.establishes,
    readsAuth: facts.readsAuth,
    token: facts.token,
    write: first ? { chain: [target.label, ...(first.chain ?? [])], kind: first.kind } : undefined,
  };
  memo.set(key, result);
  return result;
}

/**
 * The auth environment of a module: its scope-aware provenance, and the facts of
 * the helpers it calls, same-module or imported, read through the project index.
 */
export function authEnv(index: ProjectIndex, mod: Module, memo: Memo = new Map(), depth = 0): AuthEnv {
  let tokens: Set<string> | undefined;
  const env: AuthEnv = {
    prov: mod,
    tokenVars: () => (tokens ??= moduleTokenVars(mod.program, authEnv(index, mod, memo, MAX_DEPTH - 1))),
    helper(call) {
      if (depth >= MAX_DEPTH) return undefined;
      const target = calleeTarget(index, mod, call.callee);
      if (!target) return undefined;
      return summarize(target, target.module === mod ? authEnv(index, mod, memo, depth + 1) : authEnv(index, target.module, memo, depth + 1), memo);
    },
  };
  return env;
}

/** The writes of an endpoint made before any check (nested `'use server'` functions are endpoints of their own). */
/** An endpoint named for reading (`searchRestaurants`, `getQuote`, `listPlans`). */
const READ_NAME = /^(get|fetch|search|find|list|load|query|lookup|read|preview|check|validate|suggest|autocomplete)(?=[A-Z_]|$)/;

/**
 * The writes of an endpoint made before any check (nested `'use server'` functions are
 * endpoints of their own). An endpoint named for reading that only POSTs to an outside
 * API (search APIs take POST bodies: `places:searchNearby`, Algolia, Elasticsearch) reads.
 */
export function unguardedWrites(endpoint: { fn: FunctionNode; inline?: boolean; name?: string }, env: AuthEnv): UnguardedWrite[] {
  const facts = analyzeFunction(endpoint.fn, env, (f) => f !== endpoint.fn && functionDirectives(f).has("use server"));
  let unguarded = facts.unguarded;
  if (endpoint.name && READ_NAME.test(endpoint.name)) unguarded = unguarded.filter((w) => w.kind !== "http");
  if (unguarded.length === 0) return [];
  if (endpoint.inline && checkedBefore(endpoint.fn, env)) return [];
  return unguarded;
}

/** `db.project.update(…)`, `` sql`…` ``, `fetch(…)`: a short label for a write. */
/** Anything that gives the text of a node: ESLint's SourceCode, or a Module of the project index. */
export interface TextOf {
  getText(node: Node): string;
}

export function describeWrite(node: Node, sourceCode: TextOf): string {
  let text: string;
  if (node.type === "CallExpression") text = `${sourceCode.getText(node.callee)}(…)`;
  else if (node.type === "TaggedTemplateExpression") text = `${sourceCode.getText(node.tag)}\`…\``;
  else text = sourceCode.getText(node);
  text = text.replace(/\s+/g, " ");
  return text.length > 70 ? `${text.slice(0, 67)}…` : text;
}

/** The message fragment naming the first unguarded write (and the helper chain it goes through). */
export function writeSummary(write: UnguardedWrite, sourceCode: TextOf, file?: string): string {
  const label = `\`${describeWrite(write.node, sourceCode)}\` on line ${write.node.loc.start.line}${file ? ` of ${file}` : ""}`;
  return write.chain && write.chain.length ? `${label}, which writes in ${write.chain.join(" → ")}` : label;
}


// ---------------------------------------------------------------------------
// Authorization (what the caller may do), beyond authentication

/** Calls that check what the caller may do: `has({ role })`, `protect({ permission })`, `requireAdmin()`, `isAdmin(user)`. */
const AUTHZ_CALL = /^(has|checkRole|hasRole|hasPermission|can|authori[sz]e\w*)$|admin|role|permission|staff|owner|superuser/i;
/** Reads of server-trusted authorization data in a test: `sessionClaims.metadata.role`, `publicMetadata.role`, `orgRole`. */
const AUTHZ_READ = /^(sessionClaims|publicMetadata|privateMetadata|public_metadata|private_metadata|orgRole|orgPermissions|role|roles)$/;

/** Does `fn` check the caller's authorization (not only that someone is signed in)? */
export function checksAuthorization(fn: FunctionNode, mod: Module): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type === "CallExpression") {
      const callee = unwrap(node.callee);
      const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? propertyName(callee) : undefined;
      if (name === "protect" && node.arguments.length > 0) found = true;
      else if (name && name !== "protect" && AUTHZ_CALL.test(name) && !/^(update|set|create)/i.test(name)) found = true;
    } else if ((node.type === "IfStatement" || node.type === "ConditionalExpression") && readsTrustedRole(node.test, mod)) found = true;
    return undefined;
  });
  return found;
}

function readsTrustedRole(test: Node, mod: Module): boolean {
  let found = false;
  walk(test, (n) => {
    if (found) return false;
    if (n.type === "MemberExpression" && AUTHZ_READ.test(propertyName(n) ?? "")) found = originsOf(n, mod, [REQUEST_BODY]).length === 0;
    return undefined;
  });
  return found;
}


// ---------------------------------------------------------------------------
// Middleware in front of an Express/Fastify/Hono route

/** Packages whose middleware parses, logs, limits, validates or sanitizes (xss-clean, express-mongo-sanitize, hpp): none of them establishes the caller. */
const INERT_MIDDLEWARE_PACKAGES =
  /^(express|body-parser|cors|helmet|morgan|compression|cookie-parser|multer|express-rate-limit|express-slow-down|express-validator|express-fileupload|express-session-none|serve-static|connect-timeout|response-time|method-override|celebrate|zod|joi|yup|@hono\/zod-validator|@hono\/node-server|hono|hono\/(cors|logger|secure-headers|pretty-json|etag|compress|timing|body-limit|request-id|cache|csrf|trailing-slash)|@fastify\/(cors|helmet|rate-limit|multipart|formbody|cookie|compress|static|swagger|swagger-ui|sensible)|pino-http|express-winston|swagger-ui-express|http-proxy-middleware|vite-express|xss-clean|express-xss-sanitizer|express-mongo-sanitize|hpp|nocache|serve-favicon|request-ip|express-useragent|connect-history-api-fallback|errorhandler)$/;
/** Clerk exports that only attach the auth state (the handler must still check it). */
const CLERK_ATTACHING = /^(clerkMiddleware|clerkPlugin|ClerkExpressWithAuth|withAuth)$/;

export type MiddlewareVerdict = "guard" | "inert";

/**
 * The package an expression's value comes from (`upload.single("f")` with `const upload = multer()` → "multer"),
 * through the project module that creates it (`import upload from "../utils/upload.js"`) when `index` is given.
 */
function packageOrigin(node: Node, mod: Module, depth = 0, index?: ProjectIndex): { source: string; name: string } | undefined {
  if (depth > 6) return undefined;
  const n = unwrap(node);
  const origin = mod.exportOf(n);
  if (origin && !origin.binding.source.startsWith(".") && !origin.binding.source.startsWith("@/") && !origin.binding.source.startsWith("~/")) {
    return { source: origin.binding.source, name: origin.exportName };
  }
  if (origin && index) {
    // a value another module of the project exports: what is it there?
    const target = followImport(index, mod, { ...origin.binding, imported: origin.exportName });
    return target?.value && target.path.length === 0 ? packageOrigin(target.value, target.module, depth + 1, index) : undefined;
  }
  if (n.type === "CallExpression") return packageOrigin(n.callee, mod, depth + 1, index);
  if (n.type === "MemberExpression") return packageOrigin(n.object, mod, depth + 1, index);
  if (n.type === "Identifier") {
    const init = resolveConst(n, mod);
    if (init !== n) return packageOrigin(init, mod, depth + 1, index);
  }
  return undefined;
}

/**
 * Does a middleware stop callers that are not signed in (or read who they are, so the
 * handler behind it relies on it)? Clerk's `requireAuth()`, a function of the project that
 * establishes or reads the caller, an auth package of its own (passport, express-jwt…).
 * Body parsers, CORS, loggers, uploads and validators are inert; anything unknown counts as
 * a guard, so a route is reported only when nothing in front of it can be one.
 */
export function middlewareVerdict(index: ProjectIndex, mod: Module, node: Node): MiddlewareVerdict {
  const n = unwrap(node);
  if (serverObjectAcross(index, n, mod)) return "inert"; // a mounted router: its own routes are judged on their own
  const origin = packageOrigin(n, mod, 0, index);
  if (origin) {
    if (isClerkSource(origin.source) || origin.source === "@clerk/clerk-sdk-node") return CLERK_ATTACHING.test(origin.name) ? "inert" : "guard";
    return INERT_MIDDLEWARE_PACKAGES.test(origin.source) ? "inert" : "guard";
  }
  // a function of the project: written here, imported, or a factory call (`requireRole("admin")`)
  const target = chainTarget(index, mod, n) ?? (n.type === "CallExpression" ? calleeTarget(index, mod, n.callee) : undefined);
  if (!target) {
    const name = n.type === "Identifier" ? n.name : n.type === "CallExpression" && unwrap(n.callee).type === "Identifier" ? (unwrap(n.callee) as TSESTree.Identifier).name : undefined;
    return name && !ESTABLISH_NAME.test(name) && /^(log|cors|json|parse|upload|validate|limit|rateLimit|cache|compress)/i.test(name) ? "inert" : "guard";
  }
  const facts = analyzeFunction(target.fn, authEnv(index, target.module));
  return facts.establishes || facts.readsAuth || ESTABLISH_NAME.test(target.label.split(":").pop() ?? "") ? "guard" : "inert";
}

/** Does some middleware in front of an Express/Fastify/Hono route guard it? */
export function routeGuarded(index: ProjectIndex, mod: Module, route: RouteCall): boolean {
  const { entries } = middlewareBefore(index, mod, route);
  return entries.some((e) => middlewareVerdict(index, e.module, e.node) === "guard");
}
