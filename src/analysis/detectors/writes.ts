/**
 * Recognises code that WRITES data: any create/update/delete through the ORMs and
 * clients AI agents reach for (Prisma, Drizzle, Supabase, Mongoose / MongoDB,
 * Kysely / Knex, Firestore, raw SQL), Clerk Backend API mutations
 * (`client.users.updateUserMetadata`, `organizations.*`), Convex mutations, and
 * HTTP requests with a non-GET method. The user-record special case lives in
 * db-writes.ts; this is the general form, used to decide whether an endpoint
 * (server action, route handler) changes state.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, calleePath, propertyName, staticString, unwrap, walk, isFunction } from "../ast.js";
import type { Provenance } from "../resolver.js";

export type WriteKind = "prisma" | "drizzle" | "supabase" | "mongo" | "kysely" | "sql" | "firestore" | "clerk" | "convex" | "http";

export interface WriteSite {
  node: TSESTree.CallExpression | TSESTree.TaggedTemplateExpression;
  kind: WriteKind;
}

const PRISMA_WRITES = new Set([
  "create",
  "createMany",
  "createManyAndReturn",
  "update",
  "updateMany",
  "updateManyAndReturn",
  "upsert",
  "delete",
  "deleteMany",
]);
const PRISMA_ARG_KEYS = new Set(["data", "where", "create", "update", "select", "include", "omit", "skipDuplicates"]);
/** Member names that are never Prisma models (URLSearchParams, Headers, Map-like stores). */
const NOT_A_MODEL = /^(searchParams|headers|cookies|params|query|cache|map|set|store|storage|localStorage|sessionStorage|listeners|handlers|subscribers|queue|registry|timers?|formData|url|nextUrl|weakMap|entries)$/i;

/** MongoDB driver / Mongoose methods whose names only ever mean a write. */
const MONGO_WRITES = new Set([
  "insertOne",
  "insertMany",
  "updateOne",
  "updateMany",
  "deleteOne",
  "deleteMany",
  "replaceOne",
  "bulkWrite",
  "findOneAndUpdate",
  "findOneAndDelete",
  "findOneAndReplace",
  "findOneAndRemove",
  "findByIdAndUpdate",
  "findByIdAndDelete",
  "findByIdAndRemove",
]);
const BUILTINS = new Set(["Object", "Array", "Promise", "Map", "Set", "WeakMap", "Reflect", "URL", "Response", "NextResponse", "Buffer", "Symbol", "Error", "Date", "JSON", "Math", "Intl", "React"]);
const KYSELY_WRITES = new Set(["insertInto", "updateTable", "deleteFrom", "replaceInto", "mergeInto"]);
/** `.from("t").insert(...)` (Supabase), `knex("t").update(...)`, `db.table("t").del()`. */
const TABLE_WRITES = new Set(["insert", "upsert", "update", "delete", "del"]);
const TABLE_SELECTORS = new Set(["from", "table", "into"]);
/** Knex-style query builders called with a table name: `knex("users")`, `db("users")`. */
const KNEX_NAMES = /^(knex|db|database|trx|tx|pg|qb|table)$/i;
const FIRESTORE_FUNCTIONS = new Set(["addDoc", "setDoc", "updateDoc", "deleteDoc"]);
const FIRESTORE_DOC_WRITES = new Set(["set", "update", "delete", "create", "add"]);
const SQL_CALLS = /^(query|execute|exec|run|raw|unsafe|sql|prepare|\$executeRaw|\$executeRawUnsafe|\$queryRaw|\$queryRawUnsafe)$/;
export const SQL_WRITE =
  /^\s*(?:with\b[\s\S]*?\)\s*)?(?:insert\s+(?:or\s+\w+\s+)?into|update\s+[\w."`[\]?]+\s+set\b|delete\s+from|replace\s+into|merge\s+into|upsert\s+into|truncate\b|drop\s+(?:table|database|schema)|alter\s+table)/i;

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

function prismaLike(call: TSESTree.CallExpression, method: string, model: string): boolean {
  if (NOT_A_MODEL.test(model) || !/^[a-z_$]/.test(model)) return false;
  const first = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!first) return method === "deleteMany" || method === "updateMany";
  // Prisma takes one object argument with data/where/...; Stripe-style SDKs (`customers.update(id, params)`) do not
  if (first.type !== "ObjectExpression" || call.arguments.length !== 1) return false;
  return first.properties.some((p) => p.type === "Property" && PRISMA_ARG_KEYS.has(propertyName(p) ?? ""));
}

/** Next link of a builder chain: `db.insert(t)` → `.values(...)` call. */
function chainedMethod(call: TSESTree.CallExpression): string | undefined {
  const p = call.parent;
  return p?.type === "MemberExpression" && p.object === call ? propertyName(p) : undefined;
}

/** Names bound to `new Model(...)` in `root` (Mongoose documents), for `doc.save()`. */
export function documentVariables(root: Node): Set<string> {
  const out = new Set<string>();
  walk(root, (node) => {
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init) {
      const init = unwrap(node.init);
      if (init.type === "NewExpression" && init.callee.type === "Identifier" && /^[A-Z]/.test(init.callee.name) && !BUILTINS.has(init.callee.name)) {
        out.add(node.id.name);
      }
    }
  });
  return out;
}

/**
 * Is this node a data write? `prov` resolves imported helpers (Firestore
 * functions, axios); `documents` are names bound to `new Model()` for `.save()`.
 */
export function writeAt(node: Node, prov?: Provenance, documents?: ReadonlySet<string>): WriteSite | undefined {
  if (node.type === "TaggedTemplateExpression") {
    const tag = unwrap(node.tag);
    const tagName = tag.type === "MemberExpression" ? propertyName(tag) : tag.type === "Identifier" ? tag.name : undefined;
    if (tagName === "$executeRaw" || tagName === "$executeRawUnsafe") return { node, kind: "sql" };
    const text = node.quasi.quasis.map((q) => q.value.raw).join("?");
    return SQL_WRITE.test(text) ? { node, kind: "sql" } : undefined;
  }
  if (node.type !== "CallExpression") return undefined;
  const callee = unwrap(node.callee);

  if (callee.type === "Identifier") {
    if (callee.name === "fetch") return httpFetchWrite(node);
    const origin = prov?.exportOf(callee);
    if (origin && /^firebase(-admin)?\/firestore/.test(origin.binding.source) && FIRESTORE_FUNCTIONS.has(origin.exportName)) {
      return { node, kind: "firestore" };
    }
    if (origin && origin.binding.source === "convex/nextjs" && (origin.exportName === "fetchMutation" || origin.exportName === "fetchAction")) {
      return { node, kind: "convex" };
    }
    if (callee.name === "sql") {
      const text = templateText(node.arguments[0]);
      if (text && SQL_WRITE.test(text)) return { node, kind: "sql" };
    }
    return undefined;
  }
  if (callee.type !== "MemberExpression") return undefined;
  const method = propertyName(callee);
  if (!method) return undefined;
  const object = unwrap(callee.object);

  // Clerk Backend API: client.users.updateUserMetadata(...), (await clerkClient()).organizations.deleteOrganization(...)
  if (object.type === "MemberExpression" && CLERK_RESOURCES.has(propertyName(object) ?? "") && CLERK_MUTATION.test(method)) {
    return { node, kind: "clerk" };
  }
  // Prisma: prisma.project.update({ where, data }), tx.user.deleteMany()
  if (PRISMA_WRITES.has(method) && object.type === "MemberExpression") {
    const model = propertyName(object);
    if (model && prismaLike(node, method, model)) return { node, kind: "prisma" };
  }
  // MongoDB driver / Mongoose: collection.insertOne(...), Post.findByIdAndUpdate(...)
  if (MONGO_WRITES.has(method)) return { node, kind: "mongo" };
  if ((method === "create" || method === "insertMany") && object.type === "Identifier" && /^[A-Z]/.test(object.name) && !BUILTINS.has(object.name)) {
    return { node, kind: "mongo" };
  }
  if (method === "save" && node.arguments.length === 0) {
    if (object.type === "NewExpression" && object.callee.type === "Identifier" && /^[A-Z]/.test(object.callee.name) && !BUILTINS.has(object.callee.name)) {
      return { node, kind: "mongo" };
    }
    if (object.type === "Identifier" && documents?.has(object.name)) return { node, kind: "mongo" };
  }
  // Kysely: db.insertInto("t"), db.deleteFrom("t")
  if (KYSELY_WRITES.has(method)) return { node, kind: "kysely" };
  // Drizzle: db.insert(t).values(...), db.update(t).set(...), db.delete(t).where(...)
  if ((method === "insert" || method === "update" || method === "delete") && node.arguments.length === 1 && object.type !== "CallExpression") {
    const next = chainedMethod(node);
    const arg = unwrap(node.arguments[0]!);
    const tableArg = arg.type === "Identifier" || arg.type === "MemberExpression";
    if (tableArg && ((method === "insert" && next === "values") || (method === "update" && next === "set") || (method === "delete" && (next === "where" || next === "returning")))) {
      return { node, kind: "drizzle" };
    }
  }
  // Supabase / Knex: supabase.from("t").insert(...), knex("t").update(...)
  if (TABLE_WRITES.has(method) && object.type === "CallExpression") {
    const selector = unwrap(object.callee);
    const selectorName = selector.type === "MemberExpression" ? propertyName(selector) : selector.type === "Identifier" ? selector.name : undefined;
    const tableFn = selector.type === "Identifier" && KNEX_NAMES.test(selector.name);
    if (staticString(object.arguments[0]) !== undefined && selectorName && ((selector.type === "MemberExpression" && TABLE_SELECTORS.has(selectorName)) || tableFn)) {
      return { node, kind: selectorName === "from" ? "supabase" : "kysely" };
    }
  }
  // Firestore admin: db.collection("x").doc(id).set(...), db.collection("x").add(...)
  if (FIRESTORE_DOC_WRITES.has(method) && object.type === "CallExpression") {
    const inner = unwrap(object.callee);
    const innerName = inner.type === "MemberExpression" ? propertyName(inner) : undefined;
    if ((innerName === "doc" && method !== "add") || (innerName === "collection" && method === "add")) return { node, kind: "firestore" };
  }
  // Raw SQL: pool.query("UPDATE ..."), prisma.$executeRawUnsafe(`DELETE FROM ...`)
  if (SQL_CALLS.test(method)) {
    if (method === "$executeRaw" || method === "$executeRawUnsafe") return { node, kind: "sql" };
    const text = templateText(node.arguments[0]);
    if (text && SQL_WRITE.test(text)) return { node, kind: "sql" };
  }
  // Convex HTTP client: convex.mutation(api.todos.add, args)
  if (method === "mutation" && node.arguments.length >= 1) {
    const first = calleePath(unwrap(node.arguments[0]!));
    if (first && (first[0] === "api" || first[0] === "internal")) return { node, kind: "convex" };
  }
  // axios.post(...), ky.delete(...)
  if (HTTP_WRITE_METHODS.has(method) && object.type === "Identifier") {
    const binding = prov?.bindingOf(object);
    if (binding && HTTP_CLIENTS.has(binding.source)) return { node, kind: "http" };
  }
  return undefined;
}

/**
 * Bot checks POST a token to a verification endpoint (reCAPTCHA, hCaptcha, Turnstile all name it
 * `siteverify`): that reads a verdict, it writes nothing, and it is what an intentionally public form does.
 */
const VERIFICATION_ENDPOINT = /\/siteverify(?:[?#]|$)/;

/** `fetch(url, { method: "POST" })`: a write when the method is static and not GET/HEAD/OPTIONS. */
function httpFetchWrite(call: TSESTree.CallExpression): WriteSite | undefined {
  const init = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
  if (!init || init.type !== "ObjectExpression") return undefined;
  const url = templateText(call.arguments[0]);
  if (url !== undefined && VERIFICATION_ENDPOINT.test(url)) return undefined;
  for (const p of init.properties) {
    if (p.type !== "Property" || propertyName(p) !== "method") continue;
    const m = staticString(p.value)?.toUpperCase();
    return m && m !== "GET" && m !== "HEAD" && m !== "OPTIONS" ? { node: call, kind: "http" } : undefined;
  }
  return undefined;
}

/** Every write in a subtree; `skip` prunes nested functions (e.g. other server actions). */
export function findWrites(root: Node, prov?: Provenance, skip?: (fn: Node) => boolean): WriteSite[] {
  const documents = documentVariables(root);
  const out: WriteSite[] = [];
  walk(root, (node) => {
    if (node !== root && skip && isFunction(node) && skip(node)) return false;
    const site = writeAt(node, prov, documents);
    if (site) out.push(site);
    return undefined;
  });
  return out;
}
