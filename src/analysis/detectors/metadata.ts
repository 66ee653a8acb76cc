/**
 * Clerk user metadata used for authorization. `unsafeMetadata` is writable by
 * the signed-in user from the browser (`user.update()`), so an authorization
 * key in it (`role`, `plan`, `isAdmin`…) can be granted by anyone:
 *
 * - a read of such a key that decides access: on the server, any decision; in
 *   client code, a guard that denies (navigates away, returns early) when the
 *   value does not match — display and navigation choices are not access;
 * - a write of such a key into unsafeMetadata (sign-up props, `user.update`,
 *   backend `updateUserMetadata`);
 * - a role written into publicMetadata from the request body by a handler that
 *   checks who is calling but not whether they may grant roles.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, enclosingFunction, propertyName, unwrap, walk } from "../ast.js";
import { type Decision, decisionOf, deniesAccess } from "../control-flow.js";
import type { Module } from "../module.js";
import { REQUEST_BODY } from "../sources.js";
import { checksAuthorization } from "./auth-checks.js";
import { forwardUses, objectLiteralsOf, originsOf, patternForwardUses, valueSite } from "../value-flow.js";

/** Clerk's user-writable metadata, as the frontend (camelCase) and backend JSON (snake_case) name it. */
export const UNSAFE_PROPS: ReadonlySet<string> = new Set(["unsafeMetadata", "unsafe_metadata"]);
const TRUSTED_PROPS = new Set(["publicMetadata", "public_metadata", "privateMetadata", "private_metadata"]);

/** Keys that carry authorization (compared after lower-casing, dropping `_` and an `is`/`has` prefix). */
const AUTHZ_KEYS = new Set([
  "role",
  "roles",
  "userrole",
  "orgrole",
  "admin",
  "superadmin",
  "staff",
  "owner",
  "plan",
  "tier",
  "permission",
  "permissions",
  "subscription",
  "subscriptiontier",
  "subscriptionstatus",
  "subscriptionplan",
  "billingplan",
  "pro",
  "premium",
  "paid",
  "access",
  "accesslevel",
  "entitlement",
  "entitlements",
  "usertype",
  "accounttype",
]);

export function isAuthzKey(key: string | undefined): boolean {
  if (!key) return false;
  const k = key.toLowerCase().replace(/[_-]/g, "");
  if (AUTHZ_KEYS.has(k)) return true;
  const stripped = k.replace(/^(is|has)/, "");
  return stripped !== k && AUTHZ_KEYS.has(stripped);
}

export interface MetadataFinding {
  node: Node;
  kind: "readGuard" | "write" | "roleFromRequest";
  key: string;
}

/** Does a use of an authorization value decide access here (see the module comment)? */
function decidesAccess(value: Node, mod: Module, client: boolean): boolean {
  const judge = (decision: Decision | undefined): boolean => {
    if (!decision) return false;
    if (!client) return true;
    if (decision.kind === "switch" || decision.kind === "loop") return false;
    return deniesAccess(decision.mismatch);
  };
  let found = false;
  // a flag stored in a variable decides where it is used
  const stored = (declarator: TSESTree.VariableDeclarator, negative: boolean): Decision | undefined => {
    for (const v of mod.declaredVariables(declarator)) {
      for (const ref of v.references) if (!ref.init && judge(decisionOf(valueSite(ref.identifier as Node).expr, negative))) found = true;
    }
    return undefined;
  };
  return judge(decisionOf(valueSite(value).expr, false, stored)) || found;
}

/** Reads of authorization keys of unsafe metadata that decide access. */
function unsafeReads(mod: Module, client: boolean, out: MetadataFinding[]): void {
  const reported = new Set<Node>();
  const judge = (uses: ReturnType<typeof forwardUses>) => {
    for (const use of uses) {
      const key = use.path[0];
      if (!use.head || reported.has(use.head) || !isAuthzKey(key)) continue;
      if (use.node.type === "Property" || !decidesAccess(use.node, mod, client)) continue;
      reported.add(use.head);
      out.push({ node: use.head, kind: "readGuard", key: key! });
    }
  };
  walk(mod.program, (node) => {
    if (node.type === "MemberExpression" && UNSAFE_PROPS.has(propertyName(node) ?? "")) judge(forwardUses(node, mod));
    else if (node.type === "Property" && node.parent.type === "ObjectPattern" && UNSAFE_PROPS.has(propertyName(node) ?? "")) {
      // const { unsafeMetadata } = user / { unsafeMetadata: { role } } = user
      judge(patternForwardUses(node.value as Node, mod));
    }
    return undefined;
  });
}

/** Is this object literal an argument of a call (possibly nested in another object argument)? */
function isCallArgument(obj: TSESTree.ObjectExpression): boolean {
  let n: Node = valueSite(obj).expr;
  for (let i = 0; i < 4 && n.parent; i++) {
    const p = n.parent;
    if ((p.type === "CallExpression" || p.type === "NewExpression") && p.arguments.includes(n as TSESTree.CallExpressionArgument)) return true;
    if (p.type === "Property" && p.value === n && p.parent.type === "ObjectExpression") {
      n = valueSite(p.parent).expr;
      continue;
    }
    return false;
  }
  return false;
}

/** Authorization keys written into unsafe metadata: `user.update({ unsafeMetadata: { role } })`, `<SignUp unsafeMetadata={{ role }}>`. */
function unsafeWrites(mod: Module, out: MetadataFinding[]): void {
  walk(mod.program, (node) => {
    let value: Node | undefined;
    if (node.type === "Property" && node.parent.type === "ObjectExpression" && UNSAFE_PROPS.has(propertyName(node) ?? "") && isCallArgument(node.parent)) value = unwrap(node.value as Node);
    else if (node.type === "JSXAttribute" && node.name.type === "JSXIdentifier" && UNSAFE_PROPS.has(node.name.name) && node.value?.type === "JSXExpressionContainer" && node.value.expression.type !== "JSXEmptyExpression") {
      value = unwrap(node.value.expression);
    }
    if (value?.type !== "ObjectExpression") return undefined;
    for (const p of value.properties) {
      if (p.type === "Property" && isAuthzKey(propertyName(p))) out.push({ node: p, kind: "write", key: propertyName(p)! });
    }
    return undefined;
  });
}

/**
 * Authorization keys written into publicMetadata/privateMetadata from the request body
 * (`users.updateUserMetadata(userId, { publicMetadata: { role } })` with `role` from
 * `await req.json()`) in a function that never checks the caller's authorization.
 */
function rolesFromRequest(mod: Module, out: MetadataFinding[]): void {
  walk(mod.program, (node) => {
    if (node.type !== "CallExpression") return undefined;
    const callee = unwrap(node.callee);
    const method = callee.type === "MemberExpression" ? propertyName(callee) : undefined;
    if (!method || !/^(updateUser|updateUserMetadata|updateOrganizationMembershipMetadata)$/.test(method)) return undefined;
    for (const arg of node.arguments) {
      for (const obj of objectLiteralsOf(arg, mod)) {
        for (const p of obj.properties) {
          if (p.type !== "Property" || !TRUSTED_PROPS.has(propertyName(p) ?? "")) continue;
          for (const meta of objectLiteralsOf(p.value as Node, mod)) {
            for (const field of meta.properties) {
              if (field.type !== "Property" || !isAuthzKey(propertyName(field))) continue;
              if (originsOf(field.value as Node, mod, [REQUEST_BODY]).length === 0) continue;
              const fn = enclosingFunction(node);
              if (fn && !checksAuthorization(fn, mod)) out.push({ node: field, kind: "roleFromRequest", key: propertyName(field)! });
            }
          }
        }
      }
    }
    return undefined;
  });
}

/** Every finding of the metadata rules in a module; `client`: the module runs in the browser. */
export function metadataFindings(mod: Module, client: boolean): MetadataFinding[] {
  const out: MetadataFinding[] = [];
  if (mod.textMatches(/unsafe_?[mM]etadata/)) {
    unsafeReads(mod, client, out);
    unsafeWrites(mod, out);
  }
  if (!client && mod.textMatches(/\b(public|private)_?[mM]etadata\b/) && mod.textMatches(/\.(json|formData)\(|\.body\b/)) rolesFromRequest(mod, out);
  return out.sort((a, b) => a.node.range[0] - b.node.range[0]);
}
