/**
 * Code that WRITES data, and what it writes: creates, upserts, updates and
 * deletes through the ORMs and clients AI agents reach for (Prisma, Drizzle,
 * Supabase, Mongoose / MongoDB, Kysely / Knex, Firestore, Convex, raw SQL),
 * Clerk Backend API mutations (`client.users.updateUserMetadata`), and HTTP
 * requests with a non-GET method.
 *
 * Each write says its operation, the table/model/collection it targets when
 * that can be read, and the arguments that carry its data, so a rule can ask
 * "does this endpoint change state?" (any write) or "is a user record created
 * here?" (user-creates.ts: a create/upsert whose target or data is a user).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, calleePath, isFunction, propertyName, staticString, unwrap, walk } from "../ast.js";
import type { Module } from "../module.js";
import { projectInfoFor } from "../project-info.js";
import { followImport } from "../project/exports.js";
import { getProjectIndex } from "../project/index.js";
import { objectLiteralsOf, resolveConst } from "../value-flow.js";

export type WriteKind = "prisma" | "drizzle" | "supabase" | "mongo" | "kysely" | "sql" | "firestore" | "clerk" | "convex" | "http";
export type WriteOp = "create" | "upsert" | "update" | "delete" | "unknown";

export interface WriteSite {
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  kind: WriteKind;
  op: WriteOp;
  /** The table, model or collection, as written (`users`, `User`, `usersTable`), when it can be read. */
  target?: string;
  /** Expressions that carry the written data (and keys): `data`, `values(…)`, the document. */
  data: Node[];
}

const PRISMA_OPS: Readonly<Record<string, WriteOp>> = {
  create: "create",
  createMany: "create",
  createManyAndReturn: "create",
  upsert: "upsert",
  update: "update",
  updateMany: "update",
  updateManyAndReturn: "update",
  delete: "delete",
  deleteMany: "delete",
};
const PRISMA_ARG_KEYS = new Set(["data", "where", "create", "update", "select", "include", "omit", "skipDuplicates"]);
/** Member names that are never Prisma models (URLSearchParams, Headers, Map-like stores). */
const NOT_A_MODEL = /^(searchParams|headers|cookies|params|query|cache|map|set|store|storage|localStorage|sessionStorage|listeners|handlers|subscribers|queue|registry|timers?|formData|url|nextUrl|weakMap|entries)$/i;

/** MongoDB driver / Mongoose methods whose names only ever mean a write. */
const MONGO_OPS: Readonly<Record<string, WriteOp>> = {
  insertOne: "create",
  insertMany: "create",
  updateOne: "update",
  updateMany: "update",
  replaceOne: "update",
  findOneAndUpdate: "update",
  findByIdAndUpdate: "update",
  findOneAndReplace: "update",
  deleteOne: "delete",
  deleteMany: "delete",
  findOneAndDelete: "delete",
  findOneAndRemove: "delete",
  findByIdAndDelete: "delete",
  findByIdAndRemove: "delete",
  bulkWrite: "unknown",
};
const BUILTINS = new Set(["Object", "Array", "Promise", "Map", "Set", "WeakMap", "Reflect", "URL", "Response", "NextResponse", "Buffer", "Symbol", "Error", "Date", "JSON", "Math", "Intl", "React"]);
const KYSELY_OPS: Readonly<Record<string, WriteOp>> = { insertInto: "create", replaceInto: "create", updateTable: "update", deleteFrom: "delete", mergeInto: "upsert" };
/** `.from("t").insert(...)` (Supabase), `knex("t").update(...)`, `db.table("t").del()`. */
const TABLE_OPS: Readonly<Record<string, WriteOp>> = { insert: "create", upsert: "upsert", update: "update", delete: "delete", del: "delete" };
const TABLE_SELECTORS = new Set(["from", "table", "into"]);
/** Knex-style query builders called with a table name: `knex("users")`, `db("users")`. */
const KNEX_NAMES = /^(knex|db|database|trx|tx|pg|qb|table)$/i;
const FIRESTORE_FUNCTIONS: Readonly<Record<string, WriteOp>> = { addDoc: "create", setDoc: "upsert", updateDoc: "update", deleteDoc: "delete" };
const FIRESTORE_DOC_OPS: Readonly<Record<string, WriteOp>> = { set: "upsert", create: "create", update: "update", delete: "delete", add: "create" };
const CONVEX_DB_OPS: Readonly<Record<string, WriteOp>> = { insert: "create", patch: "update", replace: "update", delete: "delete" };
const SQL_CALLS = /^(query|execute|exec|run|raw|unsafe|sql|prepare|\$executeRaw|\$executeRawUnsafe|\$queryRaw|\$queryRawUnsafe)$/;
export const SQL_WRITE =
  /^\s*(?:with\b[\s\S]*?\)\s*)?(?:insert\s+(?:or\s+\w+\s+)?into|update\s+[\w."`[\]?]+\s+set\b|delete\s+from|replace\s+into|merge\s+into|upsert\s+into|truncate\b|drop\s+(?:table|database|schema)|alter\s+table)/i;
const SQL_TARGET = /^\s*(?:with\b[\s\S]*?\)\s*)?(insert\s+(?:or\s+\w+\s+)?into|update|delete\s+from|replace\s+into|merge\s+into|upsert\s+into)\s+["'`[]?(?:\w+["'`\]]?\.)?["'`[]?(\w+)/i;

/** Clerk Backend API resources (`client.users`, `client.organizations`, …). */
const CLERK_RESOURCES = new Set([
  "users",
  "organizations",
  "invitations",
  "sessions",
  "allowlistIdentifiers",
  "blocklistIdentifiers",
  "domains",
  "emailAddresses",
  "phoneNumbers",
  "samlConnections",
  "enterpriseConnections",
  "apiKeys",
  "m2m",
  "machines",
  "jwtTemplates",
  "redirectUrls",
  "signInTokens",
  "actorTokens",
  "waitlistEntries",
  "oauthApplications",
  "instance",
  "billing",
]);
/** Clerk's Backend API names mutations verbosely (`createUser`, `revokeSession`); bare `create`/`update` is another SDK (Stripe). */
const CLERK_MUTATION = /^(create|update|delete|revoke|ban|unban|lock|unlock|replace|remove|disable|enable|merge|set|upload|add)[A-Z]/;
const HTTP_CLIENTS = new Set(["axios", "ky", "got", "ofetch"]);
const HTTP_WRITE_METHODS = new Set(["post", "put", "patch", "delete"]);

function templateText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === "TemplateLiteral") return n.quasis.map((q) => q.value.raw).join("?");
  return staticString(n);
}

/**
 * The SQL text a query's first argument names: a constant of the module, or one exported by
 * another module of the project (`const INSERT_USER = require("../queries/insert-user")`).
 */
function sqlConstant(arg: Node | undefined, mod: Module): string | undefined {
  if (!arg) return undefined;
  const n = unwrap(arg);
  if (n.type !== "Identifier") return undefined;
  const local = resolveConst(n, mod);
  if (local !== n && templateText(local) !== undefined) return templateText(local);
  const binding = mod.bindingOf(n);
  if (!binding || binding.typeOnly || !(binding.source.startsWith(".") || binding.source.startsWith("@/") || binding.source.startsWith("~/"))) return undefined;
  const index = getProjectIndex(projectInfoFor(mod.file).root);
  // `const Q = require("./q")` binds the whole module: what `module.exports =` gave it
  const target = followImport(index, mod, binding.imported === "*" && binding.kind === "require" ? { ...binding, imported: "default" } : binding);
  if (!target?.value || target.path.length > 0) return undefined;
  const value = unwrap(target.value);
  return templateText(value.type === "Identifier" ? resolveConst(value, target.module) : value);
}

function sqlSite(node: WriteSite["node"], text: string): WriteSite | undefined {
  if (!SQL_WRITE.test(text)) return undefined;
  const m = SQL_TARGET.exec(text);
  const verb = m?.[1]?.toLowerCase() ?? "";
  const op: WriteOp = verb.startsWith("insert") || verb.startsWith("replace") ? (/on\s+conflict|on\s+duplicate/i.test(text) ? "upsert" : "create") : verb.startsWith("update") ? "update" : verb.startsWith("delete") ? "delete" : verb.startsWith("upsert") || verb.startsWith("merge") ? "upsert" : "unknown";
  const data = node.type === "TaggedTemplateExpression" ? [...node.quasi.expressions] : node.arguments.slice(1);
  return { node, kind: "sql", op, target: m?.[2], data };
}

/** A table argument written as a name: `users`, `schema.users`, `"users"`. */
function tableName(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === "Identifier") return n.name;
  if (n.type === "MemberExpression") return propertyName(n);
  return staticString(n);
}

function prismaLike(call: TSESTree.CallExpression, method: string, model: string): boolean {
  if (NOT_A_MODEL.test(model) || !/^[a-z_$]/.test(model)) return false;
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!first) return method === "deleteMany" || method === "updateMany";
  // Prisma takes one object argument with data/where/...; Stripe-style SDKs (`customers.update(id, params)`) do not
  if (first.type !== "ObjectExpression" || call.arguments.length !== 1) return false;
  return first.properties.some((p) => p.type === "Property" && PRISMA_ARG_KEYS.has(propertyName(p) ?? ""));
}

/** Next link of a builder chain: `db.insert(t)` → `.values(...)` call. */
function chainedCall(call: TSESTree.CallExpression): { method: string | undefined; call: TSESTree.CallExpression | undefined } {
  const p = call.parent;
  if (p?.type !== "MemberExpression" || p.object !== call) return { method: undefined, call: undefined };
  const next = p.parent?.type === "CallExpression" && p.parent.callee === p ? p.parent : undefined;
  return { method: propertyName(p), call: next };
}

/** Does a builder chain starting at `call` continue with a conflict clause (`.onConflictDoUpdate`, `.onConflict`)? */
function hasConflictClause(call: TSESTree.CallExpression): boolean {
  let current: TSESTree.CallExpression | undefined = call;
  for (let i = 0; current && i < 6; i++) {
    const next = chainedCall(current);
    if (next.method && /^onConflict|^onDuplicateKeyUpdate$/.test(next.method)) return true;
    current = next.call;
  }
  return false;
}

/** Names bound to `new Model(...)` in `root` (Mongoose documents), for `doc.save()`. */
export function documentVariables(root: Node): Map<string, string> {
  const out = new Map<string, string>();
  walk(root, (node) => {
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init) {
      const init = unwrap(node.init);
      if (init.type === "NewExpression" && init.callee.type === "Identifier" && /^[A-Z]/.test(init.callee.name) && !BUILTINS.has(init.callee.name)) {
        out.set(node.id.name, init.callee.name);
      }
    }
  });
  return out;
}

/** `{ upsert: true }` in a Mongo/Mongoose options argument. */
function upsertOption(node: Node | undefined): boolean {
  const n = node ? unwrap(node) : undefined;
  if (n?.type !== "ObjectExpression") return false;
  return n.properties.some((p) => p.type === "Property" && propertyName(p) === "upsert" && unwrap(p.value as Node).type === "Literal" && (unwrap(p.value as Node) as TSESTree.Literal).value === true);
}

/** The collection a Mongo driver call works on: `db.collection("users").insertOne`, `users.insertOne`, `User.updateOne`. */
function mongoTarget(object: Node): string | undefined {
  const o = unwrap(object);
  if (o.type === "CallExpression") {
    const callee = unwrap(o.callee);
    if (callee.type === "MemberExpression" && propertyName(callee) === "collection") return staticString(o.arguments[0]);
    return undefined;
  }
  if (o.type === "Identifier") return o.name;
  if (o.type === "MemberExpression") return propertyName(o);
  return undefined;
}

/** Firestore path target: `doc(db, "users", id)`, `doc(collection(db, "users"), id)`, `collection(db, "users")`. */
function firestoreTarget(node: Node | undefined): string | undefined {
  const n = node ? unwrap(node) : undefined;
  if (n?.type !== "CallExpression") return undefined;
  const name = calleePath(n.callee)?.at(-1);
  if (name !== "doc" && name !== "collection") return undefined;
  const first = n.arguments[0] ? unwrap(n.arguments[0]) : undefined;
  if (first?.type === "CallExpression") return firestoreTarget(first);
  const path = n.arguments.slice(name === "doc" || n.arguments.length > 1 ? 1 : 0).map((a) => staticString(a));
  const firstSegment = path[0] ?? (n.arguments.length === 1 ? staticString(n.arguments[0]) : undefined);
  return firstSegment?.split("/")[0];
}

/**
 * Is this node a data write? `mod` resolves imported helpers (Firestore
 * functions, axios); `documents` maps names bound to `new Model()` for `.save()`.
 */
export function writeAt(node: Node, mod?: Module, documents?: ReadonlyMap<string, string>): WriteSite | undefined {
  if (node.type === "TaggedTemplateExpression") {
    const tag = unwrap(node.tag);
    const tagName = tag.type === "MemberExpression" ? propertyName(tag) : tag.type === "Identifier" ? tag.name : undefined;
    const text = node.quasi.quasis.map((q) => q.value.raw).join("?");
    if (tagName === "$executeRaw" || tagName === "$executeRawUnsafe") return sqlSite(node, text) ?? { node, kind: "sql", op: "unknown", data: [...node.quasi.expressions] };
    return sqlSite(node, text);
  }
  if (node.type !== "CallExpression") return undefined;
  const callee = unwrap(node.callee);
  const args = node.arguments as Node[];

  if (callee.type === "Identifier") {
    if (callee.name === "fetch") return httpFetchWrite(node);
    const origin = mod?.exportOf(callee);
    if (origin && /^firebase(-admin)?\/firestore/.test(origin.binding.source) && Object.hasOwn(FIRESTORE_FUNCTIONS, origin.exportName)) {
      const op = FIRESTORE_FUNCTIONS[origin.exportName]!;
      return { node, kind: "firestore", op, target: firestoreTarget(args[0]), data: args.slice(1) };
    }
    if (origin && origin.binding.source === "convex/nextjs" && (origin.exportName === "fetchMutation" || origin.exportName === "fetchAction")) {
      return { node, kind: "convex", op: "unknown", data: args.slice(1) };
    }
    if (callee.name === "sql") {
      const text = templateText(args[0]);
      return text ? sqlSite(node, text) : undefined;
    }
    return undefined;
  }
  if (callee.type !== "MemberExpression") return undefined;
  const method = propertyName(callee);
  if (!method) return undefined;
  const object = unwrap(callee.object);

  // Clerk Backend API: client.users.updateUserMetadata(...), (await clerkClient()).organizations.deleteOrganization(...)
  if (object.type === "MemberExpression" && CLERK_RESOURCES.has(propertyName(object) ?? "") && CLERK_MUTATION.test(method)) {
    const op: WriteOp = method.startsWith("create") ? "create" : method.startsWith("delete") || method.startsWith("remove") ? "delete" : "update";
    return { node, kind: "clerk", op, target: propertyName(object), data: args };
  }
  // Convex: ctx.db.insert("users", {...}), ctx.db.patch(id, {...})
  if (Object.hasOwn(CONVEX_DB_OPS, method) && object.type === "MemberExpression" && propertyName(object) === "db" && unwrap(object.object).type === "Identifier") {
    const op = CONVEX_DB_OPS[method]!;
    return { node, kind: "convex", op, target: op === "create" ? staticString(args[0]) : undefined, data: args.slice(1) };
  }
  // Prisma: prisma.project.update({ where, data }), tx.user.deleteMany()
  if (Object.hasOwn(PRISMA_OPS, method) && object.type === "MemberExpression") {
    const model = propertyName(object);
    if (model && prismaLike(node, method, model)) return { node, kind: "prisma", op: PRISMA_OPS[method]!, target: model, data: args };
  }
  // MongoDB driver / Mongoose: collection.insertOne(...), Post.findByIdAndUpdate(...)
  if (Object.hasOwn(MONGO_OPS, method)) {
    let op = MONGO_OPS[method]!;
    if (op === "update" && upsertOption(args[args.length - 1]) && args.length >= 2) op = "upsert";
    return { node, kind: "mongo", op, target: mongoTarget(object), data: args };
  }
  if ((method === "create" || method === "insertMany") && object.type === "Identifier" && /^[A-Z]/.test(object.name) && !BUILTINS.has(object.name)) {
    return { node, kind: "mongo", op: "create", target: object.name, data: args };
  }
  if (method === "save" && node.arguments.length === 0) {
    if (object.type === "NewExpression" && object.callee.type === "Identifier" && /^[A-Z]/.test(object.callee.name) && !BUILTINS.has(object.callee.name)) {
      return { node, kind: "mongo", op: "create", target: object.callee.name, data: object.arguments as Node[] };
    }
    if (object.type === "Identifier" && documents?.has(object.name)) return { node, kind: "mongo", op: "create", target: documents.get(object.name), data: [] };
  }
  // Kysely: db.insertInto("t"), db.deleteFrom("t")
  if (Object.hasOwn(KYSELY_OPS, method)) {
    let op = KYSELY_OPS[method]!;
    if (op === "create" && hasConflictClause(node)) op = "upsert";
    const values: Node[] = [];
    for (let c = chainedCall(node), i = 0; c.call && i < 6; c = chainedCall(c.call), i++) if (c.method === "values" || c.method === "set") values.push(...(c.call.arguments as Node[]));
    return { node, kind: "kysely", op, target: tableName(args[0]), data: values };
  }
  // Drizzle: db.insert(t).values(...), db.update(t).set(...), db.delete(t).where(...)
  if ((method === "insert" || method === "update" || method === "delete") && node.arguments.length === 1 && object.type !== "CallExpression") {
    const next = chainedCall(node);
    const arg = unwrap(node.arguments[0]!);
    const tableArg = arg.type === "Identifier" || arg.type === "MemberExpression";
    if (tableArg && ((method === "insert" && next.method === "values") || (method === "update" && next.method === "set") || (method === "delete" && (next.method === "where" || next.method === "returning")))) {
      const op: WriteOp = method === "insert" ? (hasConflictClause(node) ? "upsert" : "create") : method;
      return { node, kind: "drizzle", op, target: tableName(arg), data: (next.call?.arguments as Node[] | undefined) ?? [] };
    }
  }
  // Supabase / Knex: supabase.from("t").insert(...), knex("t").update(...)
  if (Object.hasOwn(TABLE_OPS, method) && object.type === "CallExpression") {
    const selector = unwrap(object.callee);
    const selectorName = selector.type === "MemberExpression" ? propertyName(selector) : selector.type === "Identifier" ? selector.name : undefined;
    const tableFn = selector.type === "Identifier" && KNEX_NAMES.test(selector.name);
    const table = staticString(object.arguments[0]);
    if (table !== undefined && selectorName && ((selector.type === "MemberExpression" && TABLE_SELECTORS.has(selectorName)) || tableFn)) {
      return { node, kind: selectorName === "from" ? "supabase" : "kysely", op: TABLE_OPS[method]!, target: table, data: args };
    }
  }
  // Firestore admin: db.collection("x").doc(id).set(...), db.collection("x").add(...)
  if (Object.hasOwn(FIRESTORE_DOC_OPS, method) && object.type === "CallExpression") {
    const inner = unwrap(object.callee);
    const innerName = inner.type === "MemberExpression" ? propertyName(inner) : undefined;
    if ((innerName === "doc" && method !== "add") || (innerName === "collection" && method === "add")) {
      const collection = innerName === "collection" ? staticString(object.arguments[0]) : inner.type === "MemberExpression" ? collectionOf(inner.object) : undefined;
      return { node, kind: "firestore", op: FIRESTORE_DOC_OPS[method]!, target: collection, data: args };
    }
  }
  // Raw SQL: pool.query("UPDATE ..."), prisma.$executeRawUnsafe(`DELETE FROM ...`)
  if (SQL_CALLS.test(method)) {
    const text = templateText(args[0]) ?? (mod ? sqlConstant(args[0], mod) : undefined);
    const site = text ? sqlSite(node, text) : undefined;
    if (site) return site;
    if (method === "$executeRaw" || method === "$executeRawUnsafe") return { node, kind: "sql", op: "unknown", data: args.slice(1) };
  }
  // Convex HTTP client: convex.mutation(api.todos.add, args)
  if (method === "mutation" && node.arguments.length >= 1) {
    const first = calleePath(unwrap(node.arguments[0]!));
    if (first && (first[0] === "api" || first[0] === "internal")) return { node, kind: "convex", op: "unknown", data: args.slice(1) };
  }
  // axios.post(...), ky.delete(...)
  if (HTTP_WRITE_METHODS.has(method) && object.type === "Identifier") {
    const binding = mod?.bindingOf(object);
    const url = templateText(args[0]);
    if (binding && HTTP_CLIENTS.has(binding.source) && !(url !== undefined && VERIFICATION_ENDPOINT.test(url))) return { node, kind: "http", op: "unknown", data: args.slice(1) };
  }
  return undefined;
}

/** `db.collection("users")` → "users". */
function collectionOf(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type !== "CallExpression") return undefined;
  const callee = unwrap(n.callee);
  return callee.type === "MemberExpression" && propertyName(callee) === "collection" ? staticString(n.arguments[0]) : undefined;
}

/**
 * POSTs that read rather than write: bot checks send a token to a verification endpoint
 * (reCAPTCHA, hCaptcha, Turnstile all name it `siteverify`) and read a verdict; OAuth code
 * exchanges (`/oauth/token`, `/auth/token/…`) read an access token.
 */
const VERIFICATION_ENDPOINT = /\/siteverify(?:[?#]|$)|\/(?:oauth2?\/|auth\/)?token(?:[/?#]|$)/;

/** `fetch(url, { method: "POST" })`: a write when the method is static and not GET/HEAD/OPTIONS. */
function httpFetchWrite(call: TSESTree.CallExpression): WriteSite | undefined {
  const init = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  if (!init || init.type !== "ObjectExpression") return undefined;
  const url = templateText(call.arguments[0]);
  if (url !== undefined && VERIFICATION_ENDPOINT.test(url)) return undefined;
  for (const p of init.properties) {
    if (p.type !== "Property" || propertyName(p) !== "method") continue;
    const m = staticString(p.value)?.toUpperCase();
    return m && m !== "GET" && m !== "HEAD" && m !== "OPTIONS" ? { node: call, kind: "http", op: "unknown", data: [init] } : undefined;
  }
  return undefined;
}

/** Every write in a subtree; `skip` prunes nested functions (e.g. other server actions). */
export function findWrites(root: Node, mod?: Module, skip?: (fn: Node) => boolean): WriteSite[] {
  const documents = documentVariables(root);
  const out: WriteSite[] = [];
  walk(root, (node) => {
    if (node !== root && skip && isFunction(node) && skip(node)) return false;
    const site = writeAt(node, mod, documents);
    if (site) out.push(site);
    return undefined;
  });
  return out;
}

/** Cheap text gate: could this file contain a create/insert at all? */
export const CREATE_TEXT = /\b(create\w*|upsert|insert\w*|save|setDoc|addDoc|set|add|findOneAndUpdate|findByIdAndUpdate|updateOne)\b|insert\s+into/i;

/** Fields that record whose a row is (the owner, author or member it belongs to). */
const OWNER_FIELD = /^(user_?id|owner_?id|author_?id|creator_?id|created_?by|member_?id|account_?id|clerk_?(user_?)?id|user|owner|author|creator|token_?identifier|subject)$/i;

/**
 * Does a write touch someone's data: it changes or deletes an existing record, or the
 * row it creates names an owner (`{ userId: args.userId }`)? Appending an anonymous row
 * to a shared table (a public counter, a guestbook) does neither.
 */
export function touchesOwnedData(site: WriteSite, mod: Module): boolean {
  if (site.op === "update" || site.op === "delete" || site.op === "unknown") return true;
  for (const d of site.data) {
    for (const obj of objectLiteralsOf(d, mod)) {
      for (const p of obj.properties) {
        if (p.type === "SpreadElement") return true;
        if (OWNER_FIELD.test(propertyName(p) ?? "")) return true;
      }
    }
    // data that is not an object literal we can read: unknown fields
    if (objectLiteralsOf(d, mod).length === 0) return true;
  }
  return false;
}
