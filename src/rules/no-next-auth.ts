import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../analysis/ast.js";
import path from "node:path";
import { exportsNextAuthValue, importsNextAuthValue, isNextAuthSource } from "../analysis/detectors/next-auth.js";
import { getFacts } from "../analysis/file-facts.js";
import { isLocalSource } from "../analysis/imports.js";
import { toPosix } from "../analysis/next-files.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

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
      projectRule: true,
      versions: "all (Clerk projects)",
      fix: "Remove next-auth; use Clerk's auth() on the server and useAuth()/useSession() from @clerk/nextjs on the client.",
    },
    messages: {
      nextAuthImport:
        "\"{{source}}\" is NextAuth/Auth.js, but this project authenticates with Clerk. Two auth systems means two sessions: code checked with one ignores users signed in with the other. Use Clerk: `auth()`/`currentUser()` from \"@clerk/nextjs/server\", `useAuth()`/`useUser()`/`useSession()` from \"@clerk/nextjs\".",
      nextAuthCall: "`{{name}}()` from \"{{source}}\" reads a NextAuth session that Clerk never creates. Use {{replacement}}.",
      nextAuthValue:
        "`{{name}}` from \"{{source}}\" is NextAuth/Auth.js ({{file}} builds it with `NextAuth(…)`), but this project authenticates with Clerk. Two auth systems means two sessions; {{usage}}. Remove it and use Clerk: `clerkMiddleware()`, `auth()` from \"@clerk/nextjs/server\".",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.project.isClerkProject) return {};
    const direct = facts.importsFrom(isNextAuthSource);
    const local = facts.imports.bindings.some((b) => !b.typeOnly && isLocalSource(b.source)) || facts.imports.reExports.some((r) => isLocalSource(r.source));
    if (!direct && !local) return {};
    return {
      Program(program) {
        if (local) reportLocalValues();
        if (!direct) return;
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

    /** Imports and re-exports of NextAuth values that another module of the project builds. */
    function reportLocalValues(): void {
      const index = getProjectIndex(facts.project.root);
      const usage = facts.role.middleware ? "Next.js runs this export as the middleware instead of Clerk's" : facts.role.appKind === "route" ? "this route serves NextAuth's sign-in endpoints" : "code checked with one ignores users signed in with the other";
      for (const b of facts.imports.bindings) {
        if (b.kind !== "static" || !isLocalSource(b.source) || !importsNextAuthValue(index, facts, b)) continue;
        const target = index.resolve(facts.file, b.source)!;
        context.report({ node: b.id.parent ?? b.id, messageId: "nextAuthValue", data: { name: b.imported, source: b.source, file: rel(target), usage } });
      }
      for (const [exported, entry] of facts.shape.exports) {
        if (entry.kind !== "reexport" || !isLocalSource(entry.source)) continue;
        const target = index.resolve(facts.file, entry.source);
        if (!target || !exportsNextAuthValue(index, target, entry.imported)) continue;
        const usageHere = facts.role.middleware && exported === facts.role.middleware ? "Next.js runs this export as the middleware instead of Clerk's" : usage;
        context.report({ node: entry.statement, messageId: "nextAuthValue", data: { name: entry.imported, source: entry.source, file: rel(target), usage: usageHere } });
      }
    }

    function rel(file: string): string {
      return toPosix(path.relative(facts.project.root, file));
    }

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
