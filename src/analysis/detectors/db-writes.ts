/**
 * Recognises code that creates a user record in the application's own database,
 * across the ORMs AI agents reach for: Prisma, Drizzle, Mongoose, Kysely,
 * Supabase, and raw SQL.
 *
 * Deliberately separate from writes.ts (every write, for "does this endpoint change
 * state?"): this asks a narrower question, "is a USER record created?", so it keys on
 * create/insert methods aimed at a user table/model, and stays silent on updates and
 * deletes that writes.ts counts.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, calleePath, propertyName, staticString, unwrap, walk } from "../ast.js";

const USER_MODEL = /^(?:app_?)?users?$/i;
const USER_TABLE_VAR = /^(?:app_?)?users?(?:Table|Schema)?$/i;
const USER_CLASS = /^(?:App)?Users?(?:Model)?$/;
const PRISMA_CREATE = new Set(["create", "upsert", "createMany", "createManyAndReturn"]);
const SQL_INSERT_USERS = /\binsert\s+(?:or\s+\w+\s+)?into\s+["'`[]?(?:\w+["'`\]]?\.)?["'`[]?(?:app_)?users?\b/i;

export interface UserCreateSite {
  node: Node;
  orm: "prisma" | "drizzle" | "mongoose" | "kysely" | "supabase" | "sql";
}

/** Is this call a user-record creation? */
export function userCreateAt(node: Node): UserCreateSite | undefined {
  if (node.type === "CallExpression") {
    const callee = unwrap(node.callee);
    if (callee.type === "MemberExpression") {
      const method = propertyName(callee);
      const object = unwrap(callee.object);
      // prisma.user.create(...) / tx.user.upsert(...)
      if (method && PRISMA_CREATE.has(method) && object.type === "MemberExpression") {
        const model = propertyName(object);
        if (model && USER_MODEL.test(model)) return { node, orm: "prisma" };
      }
      // User.create(...) / User.insertMany(...) (Mongoose)
      if ((method === "create" || method === "insertMany") && object.type === "Identifier" && USER_CLASS.test(object.name)) {
        return { node, orm: "mongoose" };
      }
      // new User({...}).save() / user.save() where user = new User(...)
      if (method === "save" && (isUserConstruction(object) || (object.type === "Identifier" && isUserConstruction(localInit(object))))) {
        return { node, orm: "mongoose" };
      }
      // db.insert(users).values(...) (Drizzle): report on the insert call. The `.values`/`.select`
      // chain tells Drizzle apart from `collection.insert(user)`-style calls of other libraries.
      if (method === "insert" && node.arguments.length === 1 && isDrizzleInsertChain(node)) {
        const arg = unwrap(node.arguments[0]!);
        const table = arg.type === "Identifier" ? arg.name : arg.type === "MemberExpression" ? propertyName(arg) : undefined;
        if (table && USER_TABLE_VAR.test(table)) return { node, orm: "drizzle" };
      }
      // db.insertInto("users") (Kysely)
      if (method === "insertInto") {
        const table = staticString(node.arguments[0]);
        if (table && USER_MODEL.test(table.replace(/^\w+\./, ""))) return { node, orm: "kysely" };
      }
      // supabase.from("users").insert(...) / .upsert(...)
      if ((method === "insert" || method === "upsert") && object.type === "CallExpression") {
        const fromPath = calleePath(object.callee);
        if (fromPath && fromPath[fromPath.length - 1] === "from") {
          const table = staticString(object.arguments[0]);
          if (table && USER_MODEL.test(table)) return { node, orm: "supabase" };
        }
      }
      // db.query("INSERT INTO users ...") / pool.execute(`insert into users ...`)
      if (method && /^(query|execute|exec|run|raw|sql|unsafe|\$executeRaw(Unsafe)?|\$queryRaw(Unsafe)?)$/.test(method)) {
        const text = staticString(node.arguments[0]) ?? templateText(node.arguments[0]);
        if (text && SQL_INSERT_USERS.test(text)) return { node, orm: "sql" };
      }
    }
  }
  // sql`INSERT INTO users ...` / prisma.$executeRaw`...`
  if (node.type === "TaggedTemplateExpression") {
    const text = node.quasi.quasis.map((q) => q.value.raw).join("?");
    if (SQL_INSERT_USERS.test(text)) return { node, orm: "sql" };
  }
  return undefined;
}

/** `new User(...)` (a Mongoose/ODM model instance). */
function isUserConstruction(node: Node | undefined): boolean {
  if (!node) return false;
  const n = unwrap(node);
  return n.type === "NewExpression" && n.callee.type === "Identifier" && USER_CLASS.test(n.callee.name);
}

/** Initializer of the `const`/`let` that declares `id` in an enclosing block (name-based, one hop). */
function localInit(id: TSESTree.Identifier): Node | undefined {
  let scope: Node | undefined = id.parent;
  while (scope) {
    if (scope.type === "BlockStatement" || scope.type === "Program") {
      for (const st of scope.body) {
        const decl = st.type === "ExportNamedDeclaration" && st.declaration ? st.declaration : st;
        if (decl.type !== "VariableDeclaration") continue;
        for (const d of decl.declarations) if (d.id.type === "Identifier" && d.id.name === id.name && d.init) return d.init;
      }
    }
    scope = scope.parent;
  }
  return undefined;
}

/** `db.insert(t)` followed by `.values(...)` or `.select(...)`, as Drizzle's insert builder is used. */
function isDrizzleInsertChain(insert: TSESTree.CallExpression): boolean {
  const parent = insert.parent;
  return parent?.type === "MemberExpression" && parent.object === insert && /^(values|select)$/.test(propertyName(parent) ?? "");
}

function templateText(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return n.type === "TemplateLiteral" ? n.quasis.map((q) => q.value.raw).join("?") : undefined;
}

/** All user-creation sites in a subtree. */
export function findUserCreates(root: Node): UserCreateSite[] {
  const out: UserCreateSite[] = [];
  walk(root, (node) => {
    const site = userCreateAt(node);
    if (site) out.push(site);
  });
  return out;
}

/** Cheap text gate: could this file contain a user insert at all? */
export const USER_WRITE_TEXT = /\b(create|upsert|createMany|insert|insertInto|insertMany|save)\b|insert\s+into/i;

/** Seed scripts, migrations and tests are allowed to create users. */
export function isSeedOrScript(relPath: string): boolean {
  return (
    /(^|\/)(prisma|drizzle|db|database)\/seed[^/]*$/.test(relPath) ||
    /(^|\/)seed(s|ers?)?(\/|\.[cm]?[jt]sx?$)/.test(relPath) ||
    /^(scripts|script|migrations|tools)\//.test(relPath) ||
    /(^|\/)(__tests__|__mocks__|tests?|e2e|cypress|playwright)\//.test(relPath) ||
    /\.(test|spec|e2e)\.[cm]?[jt]sx?$/.test(relPath)
  );
}

/** Is the node inside the handler of a Convex `internalMutation({...})`? */
export function insideConvexInternal(node: Node): boolean {
  let current = node.parent;
  while (current) {
    if (current.type === "CallExpression" && current.callee.type === "Identifier" && /^internal(Mutation|Action)$/.test(current.callee.name)) {
      return true;
    }
    current = current.parent;
  }
  return false;
}

export type { TSESTree };
