/**
 * Value sources, as data for value-flow.ts: where the Clerk identity, the
 * Clerk user's profile, a request body and user-writable metadata come from.
 * A rule asks `originsOf(expr, mod, [CLERK_AUTH, CLERK_USER, …])` and reads
 * the path of each origin (`["userId"]`, `["emailAddresses", "0", …]`).
 */
import { type Node, isFunction, propertyName, unwrap } from "./ast.js";
import { isClerkSource } from "./imports.js";
import type { Module } from "./module.js";
import type { Source } from "./value-flow.js";

/** The Clerk export a callee denotes, when it comes from a Clerk package. */
function clerkExport(callee: Node, mod: Module): string | undefined {
  const origin = mod.exportOf(unwrap(callee));
  return origin && isClerkSource(origin.binding.source) ? origin.exportName : undefined;
}

/** `x.users.getUser(id)` on a Clerk Backend API client (`(await clerkClient()).users`, `clerkClient.users`). */
function isBackendGetUser(call: Node, mod: Module): boolean {
  if (call.type !== "CallExpression") return false;
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression" || propertyName(callee) !== "getUser") return false;
  const users = unwrap(callee.object);
  if (users.type !== "MemberExpression" || propertyName(users) !== "users") return false;
  let client = unwrap(users.object);
  if (client.type === "AwaitExpression") client = unwrap(client.argument);
  if (client.type === "CallExpression") client = unwrap(client.callee);
  const name = clerkExport(client, mod);
  if (name === "clerkClient" || name === "createClerkClient") return true;
  // const client = await clerkClient(); client.users.getUser(id)
  return client.type === "Identifier" && mod.resolveVariable(client)?.defs.some((d) => {
    const init = d.node.type === "VariableDeclarator" ? d.node.init : undefined;
    let v = init ? unwrap(init) : undefined;
    if (v?.type === "AwaitExpression") v = unwrap(v.argument);
    return v?.type === "CallExpression" && /^(clerkClient|createClerkClient)$/.test(clerkExport(v.callee, mod) ?? "");
  }) === true;
}

/**
 * The auth object of the request: `auth()` / `await auth()` (Next), `getAuth(req)`
 * (Next Pages, Express, Fastify, Hono, React Router), `auth.protect()`'s result,
 * `req.auth` / `req.auth()` (@clerk/express). Paths: `userId`, `orgId`, `sessionClaims`…
 */
export const CLERK_AUTH: Source = {
  id: "clerk-auth",
  match(expr, mod) {
    if (expr.type === "CallExpression") {
      const name = clerkExport(expr.callee, mod);
      if (name === "auth" || name === "getAuth") return [];
      const callee = unwrap(expr.callee);
      if (callee.type === "MemberExpression" && propertyName(callee) === "protect" && clerkExport(callee.object, mod) === "auth") return [];
      // req.auth() (@clerk/express >= 1.5)
      if (callee.type === "MemberExpression" && propertyName(callee) === "auth" && isRequestAuth(callee, mod)) return [];
      // Astro.locals.auth(), context.locals.auth() (@clerk/astro); event.context.auth() (@clerk/nuxt >= 3)
      if (callee.type === "MemberExpression" && propertyName(callee) === "auth" && isLocalsAuth(callee, mod)) return [];
    }
    if (expr.type === "MemberExpression" && propertyName(expr) === "auth" && expr.parent?.type !== "CallExpression" && (isRequestAuth(expr, mod) || isLocalsAuth(expr, mod))) return [];
    return undefined;
  },
};

/**
 * `req.auth` on an Express request where Clerk's Express SDK sets it: the file imports
 * @clerk/express, or the project depends on it (routes files read `req.auth` that the
 * app-level `clerkMiddleware()` set) and `req` is a handler's request parameter.
 */
function isRequestAuth(member: Node, mod: Module): boolean {
  if (member.type !== "MemberExpression") return false;
  if (mod.importsFrom((s) => s === "@clerk/express")) return true;
  if (!mod.stack.clerk.has("@clerk/express") && !mod.stack.clerk.has("@clerk/clerk-sdk-node")) return false;
  return isRequestParam(member.object);
}

/** `Astro.locals.auth` / `context.locals.auth` (@clerk/astro), `event.context.auth` (@clerk/nuxt). */
function isLocalsAuth(member: Node, mod: Module): boolean {
  if (member.type !== "MemberExpression") return false;
  const holder = unwrap(member.object);
  const via = holder.type === "MemberExpression" ? propertyName(holder) : holder.type === "Identifier" ? holder.name : undefined;
  if (via === "locals") return mod.stack.clerk.has("@clerk/astro");
  if (via === "context") return mod.stack.clerk.has("@clerk/nuxt");
  return false;
}

/**
 * The Clerk user object: `currentUser()` (server), `clerkClient.users.getUser(id)`
 * (Backend API), `useUser()` (React: the user is at `.user`). Paths: `id`,
 * `emailAddresses`, `primaryEmailAddress`, `firstName`, `imageUrl`…
 */
export const CLERK_USER: Source = {
  id: "clerk-user",
  match(expr, mod) {
    if (expr.type !== "CallExpression") return undefined;
    const name = clerkExport(expr.callee, mod);
    if (name === "currentUser") return [];
    if (name === "useUser") return ["@hook"];
    return isBackendGetUser(expr, mod) ? [] : undefined;
  },
};

/** Convex's view of the Clerk session: `ctx.auth.getUserIdentity()` (`subject` is the Clerk user id). */
export const CONVEX_IDENTITY: Source = {
  id: "convex-identity",
  match(expr) {
    if (expr.type !== "CallExpression") return undefined;
    const callee = unwrap(expr.callee);
    if (callee.type !== "MemberExpression" || propertyName(callee) !== "getUserIdentity") return undefined;
    const auth = unwrap(callee.object);
    return auth.type === "MemberExpression" && propertyName(auth) === "auth" ? [] : undefined;
  },
};

/**
 * A verified Clerk session token: `verifyToken(token, { secretKey })` (@clerk/backend and the
 * SDKs that re-export it), what a hand-written Bearer guard calls. Its `sub` claim is the Clerk user id.
 */
export const CLERK_TOKEN: Source = {
  id: "clerk-token",
  match(expr, mod) {
    if (expr.type !== "CallExpression") return undefined;
    return clerkExport(expr.callee, mod) === "verifyToken" ? [] : undefined;
  },
};

export const IDENTITY_SOURCES: readonly Source[] = [CLERK_AUTH, CLERK_USER, CONVEX_IDENTITY, CLERK_TOKEN];

/** Fields of a Clerk (or Convex identity) user that describe the person: a row filled from them mirrors the user. */
const PROFILE_FIELDS = new Set([
  "emailAddresses",
  "primaryEmailAddress",
  "primaryEmailAddressId",
  "emailAddress",
  "firstName",
  "lastName",
  "fullName",
  "username",
  "imageUrl",
  "profileImageUrl",
  "hasImage",
  "phoneNumbers",
  "primaryPhoneNumber",
  // Convex UserIdentity
  "email",
  "name",
  "givenName",
  "familyName",
  "nickname",
  "pictureUrl",
  "preferredUsername",
]);

/** Reading one of these gives the Clerk user id (or an id derived from it). */
function isIdentityPath(source: string, path: readonly string[]): boolean {
  const p = path[0] === "@hook" ? path.slice(2) : path;
  if (source === "clerk-auth") return p[0] === "userId" || (p[0] === "sessionClaims" && p[1] === "sub");
  if (source === "clerk-user") return p[0] === "id" && (path[0] !== "@hook" || path[1] === "user");
  if (source === "convex-identity") return p[0] === "subject" || p[0] === "tokenIdentifier";
  if (source === "clerk-token") return p[0] === "sub";
  return false;
}

function isProfilePath(source: string, path: readonly string[]): boolean {
  if (source === "clerk-user") {
    const p = path[0] === "@hook" ? (path[1] === "user" ? path.slice(2) : []) : path;
    return p.length > 0 && PROFILE_FIELDS.has(p[0]!);
  }
  if (source === "convex-identity") return path.length > 0 && PROFILE_FIELDS.has(path[0]!);
  return false;
}

export interface IdentityFacts {
  /** Some value is the Clerk user id. */
  identity: boolean;
  /** Profile fields read from the Clerk user (email, names, image…), by field. */
  profile: Set<string>;
}

/** What the origins of a value say about the Clerk identity. */
export function identityFacts(origins: ReadonlyArray<{ source: string; path: string[] }>): IdentityFacts {
  const facts: IdentityFacts = { identity: false, profile: new Set() };
  for (const o of origins) {
    if (isIdentityPath(o.source, o.path)) facts.identity = true;
    if (isProfilePath(o.source, o.path)) facts.profile.add(o.path[0] === "@hook" ? o.path[2]! : o.path[0]!);
  }
  return facts;
}

/** Is `node` the first parameter of the function it is used in (the request of a handler)? */
function isRequestParam(node: Node): boolean {
  const n = unwrap(node);
  if (n.type !== "Identifier") return false;
  for (let fn: Node | undefined = n.parent; fn; fn = fn.parent) {
    if (isFunction(fn)) {
      const first = fn.params[0];
      const id = first?.type === "AssignmentPattern" ? first.left : first;
      if (id?.type === "Identifier" && id.name === n.name) return true;
    }
  }
  return false;
}

/** A request body: `await req.json()`, `req.formData()`, `req.body` (Express, Pages API), on a handler's request parameter. */
export const REQUEST_BODY: Source = {
  id: "request-body",
  match(expr) {
    if (expr.type === "CallExpression") {
      const callee = unwrap(expr.callee);
      if (callee.type === "MemberExpression" && /^(json|formData|text)$/.test(propertyName(callee) ?? "")) return isRequestParam(callee.object) ? [] : undefined;
    }
    if (expr.type === "MemberExpression" && propertyName(expr) === "body") return isRequestParam(expr.object) ? [] : undefined;
    return undefined;
  },
};
