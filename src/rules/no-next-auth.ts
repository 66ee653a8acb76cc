import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../analysis/ast.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

/** `next-auth`, `next-auth/*` and the Auth.js packages `@auth/*` (not `@auth0/*`, not `next-auth-foo`). */
export function isNextAuthSource(source: string): boolean {
  return source === "next-auth" || source.startsWith("next-auth/") || source.startsWith("@auth/");
}

/** Export → what to use instead, for the NextAuth calls reported at the call site. */
export const NEXT_AUTH_REPLACEMENTS: Readonly<Record<string, string>> = {
  getServerSession: "`await auth()` (or `await currentUser()`) from \"@clerk/nextjs/server\"",
  withAuth: "`clerkMiddleware()` from \"@clerk/nextjs/server\" plus `await auth.protect()` where the data is read",
  NextAuth: "Clerk's hosted sign-in: `<SignIn />` from \"@clerk/nextjs\" and `clerkMiddleware()`; drop the `[...nextauth]` route",
  default: "Clerk's hosted sign-in: `<SignIn />` from \"@clerk/nextjs\" and `clerkMiddleware()`; drop the `[...nextauth]` route",
};

export default createRule({
  name: "no-next-auth",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow NextAuth/Auth.js in a Clerk project",
      config: "recommended",
      severity: "medium",
      versions: "all (Clerk projects)",
      fix: "Remove next-auth; use Clerk's auth() on the server and useAuth()/useSession() from @clerk/nextjs on the client.",
    },
    messages: {
      nextAuthImport:
        "\"{{source}}\" is NextAuth/Auth.js, but this project authenticates with Clerk. Two auth systems means two sessions: code checked with one ignores users signed in with the other. Use Clerk: `auth()`/`currentUser()` from \"@clerk/nextjs/server\", `useAuth()`/`useUser()`/`useSession()` from \"@clerk/nextjs\".",
      nextAuthCall: "`{{name}}()` from \"{{source}}\" reads a NextAuth session that Clerk never creates. Use {{replacement}}.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.project.isClerkProject || !facts.importsFrom(isNextAuthSource)) return {};
    return {
      Program(program) {
        for (const node of importSources(program)) {
          context.report({ node, messageId: "nextAuthImport", data: { source: String(node.value) } });
        }
        for (const use of facts.uses({ source: isNextAuthSource, exports: Object.keys(NEXT_AUTH_REPLACEMENTS) })) {
          const parent = use.node.parent;
          if (parent?.type !== "CallExpression" || unwrap(parent.callee) !== use.node) continue;
          // A default import is only NextAuth() when it comes from the package root.
          if (use.exportName === "default" && use.binding.source !== "next-auth" && use.binding.source !== "next-auth/next") continue;
          const name = use.exportName === "default" ? use.binding.local : use.exportName;
          context.report({
            node: parent,
            messageId: "nextAuthCall",
            data: { name, source: use.binding.source, replacement: NEXT_AUTH_REPLACEMENTS[use.exportName]! },
          });
        }
      },
    };

    /** The module-specifier literals of every next-auth import, re-export, `import()` and `require()`. */
    function importSources(program: TSESTree.Program): TSESTree.StringLiteral[] {
      const out: TSESTree.StringLiteral[] = [];
      for (const statement of program.body) {
        if (
          (statement.type === "ImportDeclaration" || statement.type === "ExportAllDeclaration" || statement.type === "ExportNamedDeclaration") &&
          statement.source &&
          isNextAuthSource(statement.source.value)
        ) {
          out.push(statement.source);
        }
      }
      for (const b of facts.imports.bindings) {
        if (b.kind === "static" || !isNextAuthSource(b.source)) continue;
        let n: Node | undefined = b.id;
        while (n && n.type !== "VariableDeclarator") n = n.parent;
        if (n?.type !== "VariableDeclarator" || !n.init) continue;
        let init = unwrap(n.init);
        if (init.type === "AwaitExpression") init = unwrap(init.argument);
        const lit = init.type === "ImportExpression" ? init.source : init.type === "CallExpression" ? init.arguments[0] : undefined;
        if (lit?.type === "Literal" && typeof lit.value === "string" && !out.includes(lit as TSESTree.StringLiteral)) out.push(lit as TSESTree.StringLiteral);
      }
      return out;
    }
  },
});
