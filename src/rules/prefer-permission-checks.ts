import { type Node, propertyName, staticString, unwrap } from "../analysis/ast.js";
import { clerkMiddlewareHandlers, parameterReferences } from "../analysis/detectors/clerk-auth.js";
import { callOf, forwardUses, methodCallOf, valueSite } from "../analysis/value-flow.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

type MessageId = "preferHas";

/** Clerk functions that return an auth object (with `orgRole`, `sessionClaims`, `has`). */
const AUTH_OBJECT_EXPORTS = ["auth", "getAuth", "useAuth"];
/** Where an auth object carries the organization role. */
const AUTH_ROLE_PATHS = ["orgRole", "sessionClaims.org_role"];
/** Every SDK entry that exports a `clerkMiddleware` whose handler receives `auth`. */
const CLERK_MIDDLEWARE_SOURCES = ["@clerk/nextjs/server", "@clerk/nextjs", "@clerk/astro/server", "@clerk/nuxt/server", "@clerk/tanstack-react-start/server"];
const EQUALITY = new Set(["===", "!==", "==", "!="]);

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
      let o = valueSite(node).expr;
      // orgRole ?? "" still compares the role
      while (o.parent?.type === "LogicalExpression" && o.parent.operator === "??" && o.parent.left === o) o = valueSite(o.parent).expr;
      const p = o.parent;
      if (!p) return;
      if (p.type === "BinaryExpression" && EQUALITY.has(p.operator)) {
        const role = orgLiteral(p.left === o ? p.right : p.left);
        if (role) report(p, role);
      } else if (p.type === "SwitchStatement" && p.discriminant === o) {
        const role = p.cases.map((c) => orgLiteral(c.test)).find((r) => r !== undefined);
        if (role) report(p.discriminant, role);
      } else if (p.type === "CallExpression" && p.arguments[0] === o) {
        // ["org:admin", "org:owner"].includes(orgRole)
        const callee = unwrap(p.callee);
        if (callee.type !== "MemberExpression" || propertyName(callee) !== "includes") return;
        const list = unwrap(callee.object);
        if (list.type !== "ArrayExpression") return;
        const role = list.elements.map((e) => (e && e.type !== "SpreadElement" ? orgLiteral(e) : undefined)).find((r) => r !== undefined);
        if (role) report(p, role);
      }
    };

    /** The organization role read from an auth object (`orgRole`, `sessionClaims.org_role`) or from `useOrganization()` (`membership.role`). */
    const followRoles = (value: Node, paths: readonly string[]) => {
      for (const use of forwardUses(value, facts, { throughAwait: true })) {
        if (use.node.type !== "Property" && paths.includes(use.path.join("."))) judgeRole(use.node);
      }
    };

    return {
      Program() {
        const isClerk = (s: string) => s.startsWith("@clerk/");
        for (const use of facts.uses({ source: isClerk, exports: [...AUTH_OBJECT_EXPORTS, "useOrganization"] })) {
          const call = callOf(use.node) ?? methodCallOf(use.node, "protect");
          if (call) followRoles(call, use.exportName === "useOrganization" ? ["membership.role"] : AUTH_ROLE_PATHS);
        }
        // clerkMiddleware(async (auth, req) => { const { orgRole } = await auth() })
        for (const handler of clerkMiddlewareHandlers(facts, CLERK_MIDDLEWARE_SOURCES)) {
          if (!handler.authParam) continue;
          for (const ref of parameterReferences(handler.fn, handler.authParam, sourceCode)) {
            const call = callOf(ref) ?? methodCallOf(ref, "protect");
            if (call) followRoles(call, AUTH_ROLE_PATHS);
          }
        }
      },
    };
  },
});
