/**
 * Where user records are created outside Clerk's webhook. Clerk owns sign-up;
 * the app's own copy of a user belongs in the verified `user.created` webhook
 * handler. This detector answers, for a module being linted:
 *
 * - which writes create a USER RECORD: a create/upsert into a users table (any
 *   store); into a profile/member/account/customer table with data from the Clerk
 *   identity (value flow) or a field named for the Clerk id (`clerkId`); or into any
 *   table keyed by the Clerk user id and filled from the Clerk user's profile
 *   (email, names, image) — a post with `authorId: userId` is not a user record;
 * - where to report it. A write is reported where it is (`direct`) when the code
 *   around it answers for it: an endpoint that is not the webhook (route handler,
 *   page, layout, middleware, Convex public function), a function that reads the
 *   signed-in user itself (`currentUser()`, `auth()`: a webhook has no session),
 *   or a "find or create" helper that is not reached from the webhook alone.
 *   A plain helper (`createUser(data)`) is the right design when the webhook
 *   calls it: it is judged at its callers, and every caller that answers for
 *   itself and is not the webhook is reported (`viaHelper`), naming the insert.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, enclosingFunction, isFunction, propertyName, unwrap, walk } from "../ast.js";
import { isClientCode } from "../client-boundary.js";
import { type Endpoint, endpointsOf, exportNamesOf, handlerRegistrations, insideConvexInternal, isEntryModule } from "../endpoints.js";
import type { Module } from "../module.js";
import { isTestOrStory } from "../next-files.js";
import { topLevelFunctionOf, usesOfExport, localUsesOf } from "../project/call-graph.js";
import { calleeTarget, relPath } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";
import { IDENTITY_SOURCES, identityFacts } from "../sources.js";
import { objectLiteralsOf, originsOf, resolveConst } from "../value-flow.js";
import { findVerifyCalls } from "./webhooks.js";
import { type WriteSite, documentVariables, writeAt } from "./writes.js";

/** A users table, whatever the store: `users`, `User`, `usersTable`, `app_users`. */
const USER_TABLE = /^(?:app_?|auth_?)?users?(?:_?(?:table|schema|model|collection|tbl))?$/i;
/** Tables that hold a user record when their data comes from the Clerk identity. */
const USER_LIKE_TABLE = /^(?:app_?|auth_?)?(?:user_?)?(?:profiles?|members?|accounts?|customers?|people|persons?)(?:_?(?:table|schema|model|collection|tbl))?$/i;
/** Fields that key a row by the Clerk user id itself (not a foreign key such as `authorId`). */
const ROW_KEY_FIELD = /^(?:clerk_?(?:user_?)?id|externalId|external_id|authId|auth_id|authUserId|id|_id|uid|subject|tokenIdentifier)$/i;
/** A field named for the Clerk user id: whatever its value, the row mirrors a Clerk user. */
const CLERK_ID_FIELD = /^clerk_?(?:user_?)?id$/i;
/** Wrapper keys whose object holds the row's fields (`{ data }`, `{ create }`, `{ $set }`, `.values()`). */
const ROW_WRAPPERS = new Set(["data", "create", "update", "$set", "$setOnInsert", "values", "document", "doc"]);

export interface UserRecordWrite {
  site: WriteSite;
  why: "users-table" | "identity" | "profile";
}

/**
 * The row fields a write carries: `{ data: { clerkId, email } }` → clerkId, email. `opaque` when
 * some of the data cannot be read as object literals (a spread, a value passed in, no data at all).
 */
function rowFields(site: WriteSite, mod: Module): Array<{ key: string; value: Node }> & { opaque?: boolean } {
  const out: Array<{ key: string; value: Node }> & { opaque?: boolean } = [];
  if (site.data.length === 0) out.opaque = true;
  const visit = (expr: Node, depth: number) => {
    const literals = objectLiteralsOf(expr, mod);
    if (literals.length === 0) out.opaque = true;
    for (const obj of literals) {
      for (const p of obj.properties) {
        if (p.type !== "Property") {
          out.opaque = true;
          continue;
        }
        const key = propertyName(p);
        if (key === undefined) {
          out.opaque = true;
          continue;
        }
        if (ROW_WRAPPERS.has(key) && depth < 2) visit(p.value as Node, depth + 1);
        else out.push({ key, value: p.value as Node });
      }
    }
  };
  for (const d of site.data) visit(d, 0);
  return out;
}

/** A value made where the row is written: `randomId("u")`, `crypto.randomUUID()`, `new ObjectId()` (a new row's own id). */
function generatedHere(value: Node, mod: Module): boolean {
  let v = unwrap(value);
  if (v.type === "Identifier") v = unwrap(resolveConst(v, mod));
  if (v.type === "AwaitExpression") v = unwrap(v.argument);
  return v.type === "CallExpression" || v.type === "NewExpression";
}

/** A password (or its hash) stored with the row: a login account of the app's own. */
const CREDENTIAL_FIELD = /^(?:hashed_?)?pass(?:word|wd)?(?:_?(?:hash|digest)(?:ed)?)?$/i;

/** Fields of a users row that hold the account's own id (not who created or invited it). */
const ACCOUNT_ID_FIELD = /^(?:clerk\w*|user_?id|externalId|external_id|authId|auth_id|authUserId|id|_id|uid|subject|tokenIdentifier)$/i;

/** Is this write the creation of a user record? */
export function userRecordWrite(site: WriteSite, mod: Module): UserRecordWrite | undefined {
  if (site.op !== "create" && site.op !== "upsert") return undefined;
  if (site.kind === "clerk" || site.kind === "http") return undefined;
  const target = site.target;
  const fields = rowFields(site, mod);
  let identity = false;
  let keyedByIdentity = false;
  let accountIdentity = false;
  let accountKey = false;
  const clerkIdField = fields.some((f) => CLERK_ID_FIELD.test(f.key));
  const profile = new Set<string>();
  for (const f of fields) {
    const facts = identityFacts(originsOf(f.value, mod, IDENTITY_SOURCES));
    if (facts.identity) {
      identity = true;
      if (ROW_KEY_FIELD.test(f.key)) keyedByIdentity = true;
      if (ACCOUNT_ID_FIELD.test(f.key)) accountIdentity = true;
    }
    // keyed by an id that came in (a parameter, a request value), not one made here
    if (ACCOUNT_ID_FIELD.test(f.key) && !facts.identity && !generatedHere(f.value, mod)) accountKey = true;
    for (const p of facts.profile) profile.add(p);
  }
  if (target && USER_TABLE.test(target)) {
    // Every field can be read and none ties the row to a Clerk account (no Clerk id field, no
    // identity as its key, nothing from the Clerk profile): a person the app records on someone's
    // behalf (a family member, an employee without a login), not a copy of the signed-in user.
    const credentials = fields.some((f) => CREDENTIAL_FIELD.test(f.key));
    if (!fields.opaque && !clerkIdField && !accountIdentity && !accountKey && !credentials && profile.size === 0) return undefined;
    return { site, why: "users-table" };
  }
  if (target && USER_LIKE_TABLE.test(target) && (identity || clerkIdField || profile.size > 0)) return { site, why: "identity" };
  if (keyedByIdentity && profile.size > 0) return { site, why: "profile" };
  return undefined;
}

/** User-record writes in a subtree (not inside Convex internal functions, which only the backend can call). */
export function userRecordWrites(root: Node, mod: Module): UserRecordWrite[] {
  const documents = documentVariables(root);
  const out: UserRecordWrite[] = [];
  walk(root, (node) => {
    const site = writeAt(node, mod, documents);
    const record = site && !insideConvexInternal(node) ? userRecordWrite(site, mod) : undefined;
    if (record) out.push(record);
  });
  return out;
}

/** Does `fn` read the signed-in user itself (`auth()`, `currentUser()`, `getAuth(req)`, `ctx.auth.getUserIdentity()`)? */
export function readsSession(fn: Node, mod: Module): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    if (node.type !== "CallExpression") return undefined;
    // a server read of the session (useUser() in a component is client code, judged as such)
    for (const source of IDENTITY_SOURCES) {
      const path = source.match(node, mod);
      if (path && path[0] !== "@hook") found = true;
    }
    return undefined;
  });
  return found;
}

/** Calls that look a row up (`findUnique`, `findOne`, `getDoc`, `select`, `.single()`, `get`…). */
const LOOKUP_CALL = /^(find\w*|get\w*|select\w*|fetch\w*|query|first|single|maybeSingle|exists|count\w*|where|load\w*|lookup\w*|read\w*|unique)$/i;

/** Is `id` a variable of `fn` whose value comes from an awaited lookup (`const user = await db.user.findUnique(…)`)? */
function fromLookup(id: TSESTree.Identifier, fn: FunctionNode): boolean {
  let found = false;
  walk(fn, (n) => {
    if (found) return false;
    const init =
      n.type === "VariableDeclarator" && n.id.type === "Identifier" && n.id.name === id.name
        ? n.init
        : n.type === "AssignmentExpression" && n.left.type === "Identifier" && n.left.name === id.name
          ? n.right
          : undefined;
    let v = init ? unwrap(init) : undefined;
    if (v?.type !== "AwaitExpression") return undefined;
    v = unwrap(v.argument);
    // the last call of a chain: db.collection("users").findOne(…), supabase.from("u").select().eq().single()
    if (v.type === "CallExpression") {
      const callee = unwrap(v.callee);
      const name = callee.type === "MemberExpression" ? propertyName(callee) : callee.type === "Identifier" ? callee.name : undefined;
      if (name && LOOKUP_CALL.test(name)) found = true;
    }
    return undefined;
  });
  return found;
}

/** The looked-up variable a test checks for absence (`!user`, `user == null`, `snap.empty`, `rows.length === 0`). */
function absenceOf(test: Node, fn: FunctionNode): boolean {
  const t = unwrap(test);
  const base = (n: Node): TSESTree.Identifier | undefined => {
    const u = unwrap(n);
    if (u.type === "Identifier") return u;
    if (u.type === "MemberExpression") return base(u.object);
    return undefined;
  };
  if (t.type === "UnaryExpression" && t.operator === "!") {
    const id = base(t.argument);
    return !!id && fromLookup(id, fn);
  }
  if (t.type === "BinaryExpression" && /^[!=]==?$/.test(t.operator)) {
    const id = base(t.left as Node) ?? base(t.right);
    return !!id && fromLookup(id, fn);
  }
  if (t.type === "MemberExpression" && /^(empty|isEmpty)$/.test(propertyName(t) ?? "")) {
    const id = base(t.object);
    return !!id && fromLookup(id, fn);
  }
  if (t.type === "LogicalExpression") return absenceOf(t.left, fn) || absenceOf(t.right, fn);
  return false;
}

/**
 * "Find or create": the write runs only when a lookup found nothing — it sits in the
 * branch of an absence test of a looked-up value (`if (!user) { create }`), or after an
 * early return of it (`if (user) return user; create`).
 */
export function isLazyCreate(write: Node, fn: FunctionNode): boolean {
  let child: Node = write;
  for (let parent = write.parent; parent && child !== fn; child = parent, parent = parent.parent) {
    if (parent.type === "IfStatement" && parent.consequent === child && absenceOf(parent.test, fn)) return true;
    if (parent.type === "BlockStatement") {
      for (const st of parent.body) {
        if (st === child) break;
        if (st.type !== "IfStatement" || st.alternate || !endsInReturn(st.consequent)) continue;
        const test = unwrap(st.test);
        const id = test.type === "Identifier" ? test : undefined;
        if (id && fromLookup(id, fn)) return true;
      }
    }
  }
  return false;
}

function endsInReturn(st: Node): boolean {
  if (st.type === "ReturnStatement") return true;
  return st.type === "BlockStatement" && st.body.some((s) => s.type === "ReturnStatement");
}

// ── where a function is reached from ─────────────────────────────────────

type Reach = "request" | "webhook" | "backend" | "none";

/** Scripts, seeds, migrations and tests may create users. */
export function isScriptModule(mod: Module): boolean {
  const rel = mod.role.relPath;
  return (
    isTestOrStory(mod.role) ||
    /(^|\/)(prisma|drizzle|db|database)\/seed[^/]*$/.test(rel) ||
    /(^|\/)seed(s|ers?)?(\/|\.[cm]?[jt]sx?$)/.test(rel) ||
    /^(scripts|script|migrations|tools)\//.test(rel) ||
    /(^|\/)(playground|scratch)\.[cm]?[jt]sx?$/.test(rel)
  );
}

/** The endpoint `fn` is (or is inside): one of its module, or a route that another module registers it as. */
function endpointOf(index: ProjectIndex, mod: Module, fn: FunctionNode | undefined): Endpoint | undefined {
  if (!fn) return undefined;
  const own = endpointsOf(mod).find((e) => e.fn === fn || (e.fn.range[0] <= fn.range[0] && fn.range[1] <= e.fn.range[1]));
  if (own) return own;
  const registered = handlerRegistrations(index, mod, fn);
  return registered.find((e) => e.reach !== "webhook") ?? registered[0];
}

/** Endpoints judged by their callers, as Next.js server actions are: RPC functions the app's own code calls. */
function isRpcFunction(e: Endpoint): boolean {
  return e.kind === "server-action" || e.kind === "server-function";
}

/**
 * Does a caller answer for what it calls? An endpoint that is not the webhook and not
 * a server action (actions are judged by their own callers), client code, a function
 * that reads the signed-in user, or a component a page renders.
 */
export function answersForCalls(index: ProjectIndex, mod: Module, fn: FunctionNode | undefined, depth = 0): boolean {
  if (isScriptModule(mod)) return false;
  const endpoint = endpointOf(index, mod, fn);
  if (endpoint) return endpoint.reach !== "webhook" && !isRpcFunction(endpoint);
  if (isClientCode(index, mod)) return true;
  if (fn && mod.file.endsWith("x") && returnsJsx(fn)) return true;
  // A function that reads the signed-in user (a Bearer guard with verifyToken, an auth hook the
  // framework runs) answers for what it calls when no caller answers for it: no webhook has a session.
  return !!fn && depth < 3 && readsSession(fn, mod) && findVerifyCalls(fn, mod).length === 0 && !callerAnswers(index, mod, fn, depth);
}

/** Does some caller of `fn` (or code passing it on), directly or further up the call graph, answer for its calls? */
function callerAnswers(index: ProjectIndex, mod: Module, fn: FunctionNode, depth: number): boolean {
  const uses = [...localUsesOf(mod, fn), ...exportNamesOf(mod, fn).flatMap((name) => usesOfExport(index, mod.file, name))];
  return uses.some((use) => {
    const caller = topLevelFunctionOf(use.within ?? use.node);
    if (caller === fn) return false;
    if (answersForCalls(index, use.module, caller, depth + 1)) return true;
    return !!caller && depth < 3 && callerAnswers(index, use.module, caller, depth + 1);
  });
}

function returnsJsx(fn: FunctionNode): boolean {
  let found = false;
  walk(fn.body, (n) => {
    if (found || (n !== fn.body && isFunction(n))) return false;
    if (n.type === "JSXElement" || n.type === "JSXFragment") found = true;
    return undefined;
  });
  return found;
}

/** The contexts a top-level function is reached from, walking up the call graph. */
export function reachOf(index: ProjectIndex, mod: Module, fn: FunctionNode, depth = 0): Set<Reach> {
  const key = `reach:${mod.file}#${fn.range[0]}`;
  return (
    index.memo(key, () => {
      const out = new Set<Reach>();
      if (isScriptModule(mod)) return new Set<Reach>(["backend"]);
      const endpoint = endpointOf(index, mod, fn);
      if (endpoint && !isRpcFunction(endpoint)) return new Set<Reach>([endpoint.reach === "webhook" ? "webhook" : "request"]);
      if (depth > 4) return new Set<Reach>(["request"]);
      const uses = [...localUsesOf(mod, fn), ...exportNamesOf(mod, fn).flatMap((name) => usesOfExport(index, mod.file, name))];
      for (const use of uses) {
        if (isScriptModule(use.module)) out.add("backend");
        else if (isClientCode(index, use.module)) out.add("request");
        else {
          const caller = topLevelFunctionOf(use.within ?? use.node);
          if (!caller) out.add(isEntryModule(use.module) ? "request" : "none");
          else for (const r of reachOf(index, use.module, caller, depth + 1)) out.add(r);
        }
      }
      if (out.size === 0) out.add(endpoint ? "request" : "none");
      return out;
    }) ?? new Set<Reach>(["none"])
  );
}

// ── per-function summaries ───────────────────────────────────────────────

export interface CreatesUser {
  /** The user-record write this function reaches first. */
  site: WriteSite;
  module: Module;
  /** `lib/users.ts:createUser → lib/db.ts:insertUser`. */
  chain: string[];
  /** It is reported where it is (or at a caller inside the chain), so callers say nothing. */
  handled: boolean;
}

function line(site: WriteSite): number {
  return site.node.loc.start.line;
}

/** Does the function `fn` of `mod` create a user record, itself or through the functions it calls? */
export function createsUser(index: ProjectIndex, mod: Module, fn: FunctionNode, label: string, depth = 0): CreatesUser | undefined {
  if (depth > 5) return undefined;
  return index.memo(`creates:${mod.file}#${fn.range[0]}`, () => {
    const direct = userRecordWrites(fn, mod)[0];
    if (direct) {
      return { site: direct.site, module: mod, chain: [label], handled: reportsInPlace(index, mod, fn, direct.site.node) };
    }
    let found: CreatesUser | undefined;
    walk(fn, (node) => {
      if (found) return false;
      if (node.type !== "CallExpression") return undefined;
      const target = calleeTarget(index, mod, node.callee);
      if (!target || target.fn === fn) return undefined;
      const inner = createsUser(index, target.module, target.fn, target.label, depth + 1);
      if (inner) found = { ...inner, chain: [label, ...inner.chain], handled: inner.handled || answersForCalls(index, mod, topLevelFunctionOf(node)) };
      return undefined;
    });
    return found;
  });
}

/**
 * Is a user-record write at `write` (in top-level function `fn`) reported where it is?
 * When the code around it answers for it, when the function reads the signed-in user
 * itself (no webhook has a session), or when it is a "find or create" helper that no
 * caller answers for (dead code, or an export nobody imports yet).
 */
function reportsInPlace(index: ProjectIndex, mod: Module, fn: FunctionNode | undefined, write: Node): boolean {
  if (isScriptModule(mod)) return false;
  if (answersForCalls(index, mod, fn)) return true;
  if (!fn || endpointOf(index, mod, fn)?.reach === "webhook") return false;
  // a function that verifies a webhook signature is a webhook handler, whatever the framework
  if (findVerifyCalls(fn, mod).length > 0) return false;
  if (readsSession(fn, mod)) return true;
  const enclosing = enclosingFunction(write) ?? fn;
  if (!isLazyCreate(write, isFunction(enclosing) ? enclosing : fn)) return false;
  const reach = reachOf(index, mod, fn);
  return reach.size === 1 && reach.has("none");
}

export interface UserSyncFinding {
  node: Node;
  kind: "direct" | "viaHelper";
  /** For viaHelper: the callee as written, the chain, and where the insert is (`lib/users.ts:42`). */
  callee?: Node;
  chain?: string[];
  at?: string;
}

/**
 * The user-record creations to report in `mod`: writes here that this code answers
 * for, and calls of helpers that create users where the call answers for it.
 */
export function userSyncFindings(index: ProjectIndex, mod: Module): UserSyncFinding[] {
  if (isScriptModule(mod)) return [];
  const out: UserSyncFinding[] = [];
  const documents = documentVariables(mod.program);
  walk(mod.program, (node) => {
    if (node.type !== "CallExpression" && node.type !== "TaggedTemplateExpression") return undefined;
    const site = writeAt(node, mod, documents);
    const record = site && !insideConvexInternal(node) ? userRecordWrite(site, mod) : undefined;
    if (record) {
      if (reportsInPlace(index, mod, topLevelFunctionOf(node), node)) out.push({ node, kind: "direct" });
      return undefined;
    }
    if (node.type !== "CallExpression") return undefined;
    const caller = topLevelFunctionOf(node);
    const target = calleeTarget(index, mod, node.callee);
    if (!target || target.fn === caller) return undefined;
    const creates = createsUser(index, target.module, target.fn, target.label);
    if (!creates || creates.handled || !answersForCalls(index, mod, caller)) return undefined;
    if (endpointOf(index, mod, caller)?.reach === "webhook") return undefined;
    out.push({ node, kind: "viaHelper", callee: node.callee, chain: creates.chain, at: `${relPath(index, creates.module.file)}:${line(creates.site)}` });
    return undefined;
  });
  return out;
}
