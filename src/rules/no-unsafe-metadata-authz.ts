import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap } from "../analysis/ast.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

type MessageId = "readGuard" | "write";

/** Clerk's user-writable metadata, as the frontend (camelCase) and backend JSON (snake_case) name it. */
const UNSAFE_PROPS = new Set(["unsafeMetadata", "unsafe_metadata"]);

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

function isAuthzKey(key: string | undefined): boolean {
  if (!key) return false;
  const k = key.toLowerCase().replace(/[_-]/g, "");
  if (AUTHZ_KEYS.has(k)) return true;
  const stripped = k.replace(/^(is|has)/, "");
  return stripped !== k && AUTHZ_KEYS.has(stripped);
}

const COMPARISON = new Set(["==", "===", "!=", "!==", "<", ">", "<=", ">=", "in"]);
const COLLECTION_TESTS = new Set(["includes", "some", "every", "indexOf", "startsWith", "endsWith", "has", "find", "findIndex"]);

function isTsWrapper(n: Node): boolean {
  return (
    n.type === "TSAsExpression" ||
    n.type === "TSNonNullExpression" ||
    n.type === "TSSatisfiesExpression" ||
    n.type === "TSTypeAssertion" ||
    n.type === "ChainExpression"
  );
}

/** Outermost node that denotes the same value as `node` (TS casts, `?.` chains). */
function outer(node: Node): Node {
  let n = node;
  while (n.parent && isTsWrapper(n.parent)) n = n.parent;
  return n;
}

/** Does the value at `node` decide a branch: a comparison, a test, a switch, a `&&` guard? */
function decidesBranch(node: Node): boolean {
  let child: Node = outer(node);
  let parent = child.parent;
  for (let steps = 0; parent && steps < 12; steps++) {
    switch (parent.type) {
      case "UnaryExpression":
        if (parent.operator !== "!") return false;
        break;
      case "BinaryExpression":
        return COMPARISON.has(parent.operator);
      case "LogicalExpression":
        // `meta.isAdmin && <Admin />`, `meta.role || redirect()`: the left side gates the right
        if (parent.left === child && parent.operator !== "??") return true;
        break;
      case "IfStatement":
      case "WhileStatement":
      case "DoWhileStatement":
      case "ForStatement":
      case "ConditionalExpression":
        return (parent as { test?: Node | null }).test === child;
      case "SwitchStatement":
        return parent.discriminant === child;
      case "MemberExpression": {
        // meta.roles.includes("admin")
        const method = parent.object === child ? propertyName(parent) : undefined;
        const call = parent.parent;
        if (!method || !COLLECTION_TESTS.has(method) || call?.type !== "CallExpression" || call.callee !== parent) return false;
        child = call;
        parent = call.parent;
        continue;
      }
      case "CallExpression": {
        // ADMIN_ROLES.includes(meta.role), Boolean(meta.isAdmin)
        const callee = unwrap(parent.callee);
        if (callee.type === "Identifier" && callee.name === "Boolean") break;
        const method = callee.type === "MemberExpression" ? propertyName(callee) : undefined;
        return !!method && COLLECTION_TESTS.has(method) && parent.arguments.includes(child as TSESTree.CallExpressionArgument);
      }
      default:
        if (isTsWrapper(parent)) break;
        return false;
    }
    child = parent;
    parent = child.parent;
  }
  return false;
}

export default createRule<[], MessageId>({
  name: "no-unsafe-metadata-authz",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow authorization decisions on unsafeMetadata, which users can write",
      config: "recommended",
      severity: "critical",
      security: true,
      versions: "all",
      fix: "Store roles in publicMetadata and read sessionClaims.metadata, or use has({ role | permission }).",
    },
    messages: {
      readGuard:
        "`unsafeMetadata.{{key}}` decides access here, but the signed-in user can write unsafeMetadata from the browser (`user.update()` / `user.updateMetadata()`), so anyone can grant themselves `{{key}}`. Keep roles and plans in publicMetadata (written only by your backend) and read them from `sessionClaims.metadata`, or use `has({ role | permission | plan })`.",
      write:
        "`{{key}}` is stored in unsafeMetadata, which the signed-in user can overwrite from the browser, so it cannot be trusted for authorization. Set it from your backend with `clerkClient().users.updateUserMetadata(userId, { publicMetadata: { {{key}} } })` (or use Organization roles), and keep unsafeMetadata for UI preferences.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.textMatches(/unsafe_?[mM]etadata/)) return {};
    if (!facts.project.isClerkProject && !facts.importsClerk) return {};
    const sourceCode = context.sourceCode;
    const reported = new Set<Node>();

    const report = (node: Node, messageId: MessageId, key: string) => {
      if (reported.has(node)) return;
      reported.add(node);
      context.report({ node, messageId, data: { key } });
    };

    /** A read of an authorization key: report it when it (or a variable holding it) decides a branch. */
    const judgeRead = (read: Node, key: string) => {
      if (decidesBranch(read)) return report(read, "readGuard", key);
      const decl = outer(read).parent;
      if (decl?.type === "VariableDeclarator" && decl.id.type === "Identifier") {
        for (const v of sourceCode.getDeclaredVariables(decl)) {
          if (v.references.some((r) => !r.init && decidesBranch(r.identifier))) return report(read, "readGuard", key);
        }
      }
    };

    /** Variables declared by a pattern that destructures unsafe metadata: `{ role }`, `{ role: r }`. */
    const judgePattern = (pattern: TSESTree.ObjectPattern) => {
      for (const prop of pattern.properties) {
        if (prop.type !== "Property") continue;
        const key = propertyName(prop);
        if (!isAuthzKey(key)) continue;
        let value: Node = prop.value;
        if (value.type === "AssignmentPattern") value = value.left;
        if (value.type !== "Identifier") continue;
        const variable = facts.resolveVariable(value);
        for (const ref of variable?.references ?? []) {
          if (!ref.init && decidesBranch(ref.identifier)) report(prop, "readGuard", key!);
        }
      }
    };

    /** `node` denotes unsafe metadata: follow its key reads, aliases and destructuring. */
    const followUnsafe = (node: Node, seen: Set<Node>, depth: number): void => {
      if (depth > 3 || seen.has(node)) return;
      seen.add(node);
      const o = outer(node);
      const parent = o.parent;
      if (!parent) return;
      if (parent.type === "MemberExpression" && parent.object === o) {
        const key = propertyName(parent);
        if (isAuthzKey(key)) judgeRead(parent, key!);
        return;
      }
      if (parent.type === "VariableDeclarator" && parent.init === o) {
        if (parent.id.type === "Identifier") {
          for (const v of sourceCode.getDeclaredVariables(parent)) {
            for (const r of v.references) if (!r.init) followUnsafe(r.identifier, seen, depth + 1);
          }
        } else if (parent.id.type === "ObjectPattern") {
          judgePattern(parent.id);
        }
      }
    };

    const listeners: TSESLint.RuleListener = {
      MemberExpression(node) {
        if (UNSAFE_PROPS.has(propertyName(node) ?? "")) followUnsafe(node, new Set(), 0);
      },
      Property(node) {
        if (!UNSAFE_PROPS.has(propertyName(node) ?? "")) return;
        if (node.parent.type === "ObjectPattern") {
          // const { unsafeMetadata } = user / { unsafeMetadata: { role } } = user
          const value = node.value.type === "AssignmentPattern" ? node.value.left : node.value;
          if (value.type === "Identifier") {
            const variable = facts.resolveVariable(value);
            for (const r of variable?.references ?? []) if (!r.init) followUnsafe(r.identifier, new Set(), 1);
          } else if (value.type === "ObjectPattern") {
            judgePattern(value);
          }
          return;
        }
        // writes: user.update({ unsafeMetadata: { role } }), signUp.create(...), updateUserMetadata(id, ...)
        if (node.parent.type !== "ObjectExpression") return;
        const value = unwrap(node.value);
        if (value.type !== "ObjectExpression") return;
        if (!isCallArgument(node.parent)) return;
        for (const p of value.properties) {
          if (p.type === "Property" && isAuthzKey(propertyName(p))) report(p, "write", propertyName(p)!);
        }
      },
      JSXAttribute(node) {
        // <SignUp unsafeMetadata={{ role: "admin" }} />, <SignUpButton unsafeMetadata={...}>
        if (node.name.type !== "JSXIdentifier" || !UNSAFE_PROPS.has(node.name.name)) return;
        if (node.value?.type !== "JSXExpressionContainer" || node.value.expression.type === "JSXEmptyExpression") return;
        const value = unwrap(node.value.expression);
        if (value.type !== "ObjectExpression") return;
        for (const p of value.properties) {
          if (p.type === "Property" && isAuthzKey(propertyName(p))) report(p, "write", propertyName(p)!);
        }
      },
    };
    return listeners;
  },
});

/** Is this object literal an argument of a call (possibly nested in another object argument)? */
function isCallArgument(obj: TSESTree.ObjectExpression): boolean {
  let n: Node = outer(obj);
  for (let i = 0; i < 4 && n.parent; i++) {
    const p = n.parent;
    if ((p.type === "CallExpression" || p.type === "NewExpression") && p.arguments.includes(n as TSESTree.CallExpressionArgument)) return true;
    if (p.type === "Property" && p.value === n && p.parent.type === "ObjectExpression") {
      n = outer(p.parent);
      continue;
    }
    if (p.type === "AwaitExpression") return false;
    return false;
  }
  return false;
}
