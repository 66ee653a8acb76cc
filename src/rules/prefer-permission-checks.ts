import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, propertyName, staticString, unwrap } from "../analysis/ast.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

type MessageId = "preferHas";

/** Clerk functions that return an auth object (with `orgRole`, `sessionClaims`, `has`). */
const AUTH_OBJECT_EXPORTS = ["auth", "getAuth", "useAuth"];
const EQUALITY = new Set(["===", "!==", "==", "!="]);

function isWrapper(n: Node): boolean {
  return (
    n.type === "TSAsExpression" ||
    n.type === "TSNonNullExpression" ||
    n.type === "TSSatisfiesExpression" ||
    n.type === "ChainExpression" ||
    n.type === "AwaitExpression"
  );
}

/** Outermost node denoting the same value (`await`, casts, `?.` chains). */
function outer(node: Node): Node {
  let n = node;
  while (n.parent && isWrapper(n.parent)) n = n.parent;
  return n;
}

function orgLiteral(node: Node | null | undefined): string | undefined {
  const s = staticString(node);
  return s !== undefined && s.startsWith("org:") ? s : undefined;
}

export default createRule<[], MessageId>({
  name: "prefer-permission-checks",
  meta: {
    type: "suggestion",
    docs: {
      description: "Prefer has({ permission }) / has({ role }) over comparing orgRole strings",
      config: "strict",
      severity: "low",
      versions: "@clerk/nextjs >= 5, @clerk/react, @clerk/express (any SDK with Organizations)",
      frameworks: ["next"],
      fix: "if (has({ permission: 'org:invoices:manage' })) ...",
    },
    messages: {
      preferHas:
        "Comparing the organization role as a string (`{{text}}`) ties access to one role name. Ask Clerk instead: `has({ role: \"{{role}}\" })`, or better a permission, `has({ permission: \"org:<feature>:<action>\" })`, so new or renamed roles keep working (`auth.protect({ permission })` on the server, `<Show>` with a permission in the UI).",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.importsClerk || !facts.textMatches(/["'`]org:/)) return {};
    const sourceCode = context.sourceCode;
    const reported = new Set<Node>();

    const report = (node: Node, role: string) => {
      if (reported.has(node)) return;
      reported.add(node);
      const text = sourceCode.getText(node).replace(/\s+/g, " ");
      context.report({ node, messageId: "preferHas", data: { text: text.length > 60 ? text.slice(0, 57) + "…" : text, role } });
    };

    /** A role value: report the comparisons it takes part in. */
    const judgeRole = (node: Node) => {
      let o = outer(node);
      // orgRole ?? "" still compares the role
      while (o.parent?.type === "LogicalExpression" && o.parent.operator === "??" && o.parent.left === o) o = outer(o.parent);
      const p = o.parent;
      if (!p) return;
      if (p.type === "BinaryExpression" && EQUALITY.has(p.operator)) {
        const other = p.left === o ? p.right : p.left;
        const role = orgLiteral(other);
        if (role) report(p, role);
        return;
      }
      if (p.type === "SwitchStatement" && p.discriminant === o) {
        const role = p.cases.map((c) => orgLiteral(c.test)).find((r) => r !== undefined);
        if (role) report(p.discriminant, role);
        return;
      }
      // ["org:admin", "org:owner"].includes(orgRole)
      if (p.type === "CallExpression" && p.arguments[0] === o) {
        const callee = unwrap(p.callee);
        if (callee.type !== "MemberExpression" || propertyName(callee) !== "includes") return;
        const list = unwrap(callee.object);
        if (list.type !== "ArrayExpression") return;
        const role = list.elements.map((e) => (e && e.type !== "SpreadElement" ? orgLiteral(e) : undefined)).find((r) => r !== undefined);
        if (role) report(p, role);
      }
    };

    /** References of the variables a declarator's pattern binds for `key` (`{ orgRole }`, `{ orgRole: role }`). */
    const followProperty = (pattern: TSESTree.ObjectPattern, key: string, then: (ref: Node) => void) => {
      for (const prop of pattern.properties) {
        if (prop.type !== "Property" || propertyName(prop) !== key) continue;
        const value = prop.value.type === "AssignmentPattern" ? prop.value.left : prop.value;
        if (value.type === "Identifier") {
          const variable = facts.resolveVariable(value);
          for (const r of variable?.references ?? []) if (!r.init) then(r.identifier);
        } else if (value.type === "ObjectPattern") {
          // const { sessionClaims: { org_role } } = await auth()
          if (key === "sessionClaims") followProperty(value, "org_role", judgeRole);
          if (key === "membership") followProperty(value, "role", judgeRole);
        }
      }
    };

    /** `node` holds an object with role data: follow `.key` reads and destructuring of `key`. */
    const followObject = (node: Node, key: string, onValue: (value: Node) => void, depth = 0) => {
      if (depth > 2) return;
      const o = outer(node);
      const p = o.parent;
      if (!p) return;
      if (p.type === "MemberExpression" && p.object === o && propertyName(p) === key) onValue(p);
      else if (p.type === "VariableDeclarator" && p.init === o) {
        if (p.id.type === "ObjectPattern") followProperty(p.id, key, onValue);
        else if (p.id.type === "Identifier") {
          for (const v of sourceCode.getDeclaredVariables(p)) {
            for (const r of v.references) if (!r.init) followObject(r.identifier, key, onValue, depth + 1);
          }
        }
      }
    };

    /** An auth object (`await auth()`, `useAuth()`, `getAuth(req)`, `await auth.protect()`). */
    const followAuthObject = (value: Node) => {
      followObject(value, "orgRole", judgeRole);
      followObject(value, "sessionClaims", (claims) => followObject(claims, "org_role", judgeRole));
    };

    const callOf = (ref: Node): TSESTree.CallExpression | undefined => {
      const p = ref.parent;
      if (p?.type === "CallExpression" && p.callee === ref) return p;
      // auth.protect(...)
      if (p?.type === "MemberExpression" && p.object === ref && propertyName(p) === "protect" && p.parent?.type === "CallExpression" && p.parent.callee === p) {
        return p.parent;
      }
      return undefined;
    };

    return {
      Program() {
        const isClerk = (s: string) => s.startsWith("@clerk/");
        for (const use of facts.uses({ source: isClerk, exports: AUTH_OBJECT_EXPORTS })) {
          const call = callOf(use.node);
          if (call) followAuthObject(call);
        }
        // useOrganization().membership.role
        for (const use of facts.uses({ source: isClerk, exports: ["useOrganization"] })) {
          const call = callOf(use.node);
          if (call) followObject(call, "membership", (m) => followObject(m, "role", judgeRole));
        }
        // clerkMiddleware(async (auth, req) => { const { orgRole } = await auth() })
        for (const use of facts.uses({ source: isClerk, exports: ["clerkMiddleware"] })) {
          const call = callOf(use.node);
          const handler = call?.arguments.map((a) => unwrap(a)).find((a) => isFunction(a));
          if (!handler || !isFunction(handler) || handler.params[0]?.type !== "Identifier") continue;
          const variable = sourceCode.getDeclaredVariables(handler).find((v) => v.name === (handler.params[0] as TSESTree.Identifier).name);
          for (const r of variable?.references ?? []) {
            const c = callOf(r.identifier);
            if (c) followAuthObject(c);
          }
        }
      },
    };
  },
});
