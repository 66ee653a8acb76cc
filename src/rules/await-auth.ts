import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, enclosingFunction, isAwaitedOrPassedOn } from "../analysis/ast.js";
import { ALWAYS_ASYNC_AUTH, NEXT_ASYNC_AUTH_SINCE, NEXT_SERVER } from "../analysis/clerk-api.js";
import { clerkMiddlewareHandlers, parameterReferences, promiseMisuse } from "../analysis/detectors/clerk-auth.js";
import { callOf, isDirectlyAwaited, methodCallOf, valueSite } from "../analysis/value-flow.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

const WATCHED_SOURCES = new Set([NEXT_SERVER, ...ALWAYS_ASYNC_AUTH.flatMap((a) => a.sources)]);

/** App Router entry kinds whose default export Next.js calls and awaits. */
const ASYNC_OK_KINDS = new Set(["page", "layout", "template", "default", "not-found", "loading"]);
const HTTP_METHODS = new Set(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]);

type MessageIds =
  | "unawaitedMember"
  | "unawaitedDestructure"
  | "unawaitedVariable"
  | "protectOnPromise"
  | "floatingProtect"
  | "awaitedFunction"
  | "addCall"
  | "addAwait"
  | "addAsyncAwait";

interface Ref {
  node: TSESTree.Identifier | TSESTree.MemberExpression;
  /** Next's `auth` (import or middleware parameter): `auth.protect` exists and is checked. */
  next: boolean;
  since: string;
}

export default createRule<[], MessageIds>({
  name: "await-auth",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Require await on auth() and auth.protect() where they are async (@clerk/nextjs >= 6)",
      config: "recommended",
      severity: "high",
      security: true,
      versions: "@clerk/nextjs >= 6; @clerk/tanstack-react-start auth; @clerk/react-router getAuth",
      fix: "const { userId } = await auth(); await auth.protect();",
    },
    messages: {
      unawaitedMember:
        "`{{name}}()` returns a Promise{{since}}, so `.{{property}}` reads a property of the Promise and is always undefined. Await the call first: `(await {{name}}()).{{property}}`.",
      unawaitedDestructure:
        "`{{name}}()` returns a Promise{{since}}, so destructuring it gives undefined for every field (`userId` is never set and checks on it misbehave). Write `await {{name}}()`.",
      unawaitedVariable:
        "`{{variable}}` holds the Promise returned by `{{name}}()`{{since}} and is read here as if it were the auth object. Await the call where it is made: `await {{name}}()`.",
      protectOnPromise:
        "`{{name}}().protect()` does not exist{{since}}: `{{name}}()` returns a Promise, so this throws a TypeError instead of protecting anything. Use `await {{name}}.protect()`.",
      floatingProtect:
        "`{{name}}.protect()` is async and this call is neither awaited nor returned, so its redirect/404 never happens and the code after it runs for signed-out users. Write `await {{name}}.protect(…)`.",
      awaitedFunction:
        "`await {{name}}` awaits the `{{name}}` function itself, not its result: every field read from it (`userId`, `orgId`…) is undefined, so a check on them fails for everyone (or passes for no one). Call it: `await {{name}}()`.",
      addCall: "Call it: `await {{name}}()`.",
      addAwait: "Add `await`.",
      addAsyncAwait: "Make the enclosing function async and add `await`.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.importsFrom((s) => WATCHED_SOURCES.has(s))) return {};
    const nextMajor = facts.major("@clerk/nextjs");
    const nextAsync = nextMajor !== undefined && nextMajor >= NEXT_ASYNC_AUTH_SINCE;
    const others = ALWAYS_ASYNC_AUTH.filter((a) => facts.importsFrom((s) => a.sources.includes(s)));
    const sourceCode = context.sourceCode;

    return {
      Program() {
        // `await auth` (no call) is wrong in every version: the function object has no userId
        for (const use of facts.uses({ sources: [NEXT_SERVER, ...others.flatMap((o) => o.sources)], exports: ["auth", "getAuth"] })) {
          const { parent } = valueSite(use.node);
          if (parent?.type !== "AwaitExpression") continue;
          const name = sourceCode.getText(use.node);
          context.report({
            node: parent,
            messageId: "awaitedFunction",
            data: { name },
            suggest: [{ messageId: "addCall", data: { name }, fix: (fixer) => fixer.insertTextAfter(use.node, "()") }],
          });
        }
        if (!nextAsync && others.length === 0) return;
        const refs: Ref[] = [];
        const middlewareFns = new Set<FunctionNode>();
        if (nextAsync) {
          const since = ` since @clerk/nextjs 6 (this project has ${nextMajor})`;
          for (const use of facts.uses({ sources: [NEXT_SERVER], exports: ["auth"] })) refs.push({ node: use.node, next: true, since });
          for (const handler of clerkMiddlewareHandlers(facts)) {
            middlewareFns.add(handler.fn);
            if (!handler.authParam) continue;
            for (const id of parameterReferences(handler.fn, handler.authParam, sourceCode)) refs.push({ node: id, next: true, since });
          }
        }
        for (const other of others) {
          for (const use of facts.uses({ sources: other.sources, exports: other.exports })) {
            refs.push({ node: use.node, next: false, since: ` in ${other.pkg}` });
          }
        }

        /** Suggestions that add `await` (and `async` when the function is one Next.js calls and may be async). */
        const suggest = (at: Node, edits: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix[]) => {
          const fn = enclosingFunction(at);
          if (!fn) return [];
          if (fn.async) return [{ messageId: "addAwait" as const, fix: edits }];
          if (fn.generator || !canBeMadeAsync(fn, middlewareFns)) return [];
          return [{ messageId: "addAsyncAwait" as const, fix: (fixer: TSESLint.RuleFixer) => [fixer.insertTextBefore(fn, "async "), ...edits(fixer)] }];
        };
        const awaitEdit = (fixer: TSESLint.RuleFixer, node: Node): TSESLint.RuleFix => {
          const { parent, expr } = valueSite(node);
          const needsParens =
            !!parent &&
            ((parent.type === "MemberExpression" && parent.object === expr) ||
              ((parent.type === "CallExpression" || parent.type === "NewExpression") && parent.callee === expr) ||
              parent.type === "TaggedTemplateExpression");
          return needsParens ? fixer.replaceText(node, `(await ${sourceCode.getText(node)})`) : fixer.insertTextBefore(node, "await ");
        };

        for (const ref of refs) {
          const name = sourceCode.getText(ref.node);
          const call = callOf(ref.node);
          if (call) {
            const misuse = promiseMisuse(call, sourceCode);
            if (misuse?.kind === "member" && misuse.property === "protect" && ref.next) {
              const protectCall = callOf(misuse.member);
              if (protectCall) {
                context.report({
                  node: protectCall,
                  messageId: "protectOnPromise",
                  data: { name, since: ref.since },
                  suggest: suggest(protectCall, (fixer) => {
                    const fixes = [fixer.replaceTextRange([call.range[0], misuse.member.range[1]], `${name}.protect`)];
                    if (!isDirectlyAwaited(protectCall)) fixes.push(awaitEdit(fixer, protectCall));
                    return fixes;
                  }),
                });
                continue;
              }
            }
            if (misuse?.kind === "member") {
              context.report({
                node: call,
                messageId: "unawaitedMember",
                data: { name, since: ref.since, property: misuse.property ?? "…" },
                suggest: suggest(call, (fixer) => [awaitEdit(fixer, call)]),
              });
            } else if (misuse?.kind === "destructure") {
              context.report({
                node: call,
                messageId: "unawaitedDestructure",
                data: { name, since: ref.since },
                suggest: suggest(call, (fixer) => [awaitEdit(fixer, call)]),
              });
            } else if (misuse?.kind === "variable") {
              context.report({
                node: call,
                messageId: "unawaitedVariable",
                data: { name, since: ref.since, variable: misuse.name },
                suggest: suggest(call, (fixer) => [awaitEdit(fixer, call)]),
              });
            }
            continue;
          }
          if (!ref.next) continue;
          const protectCall = methodCallOf(ref.node, "protect");
          if (protectCall && isFloating(protectCall)) {
            context.report({
              node: protectCall,
              messageId: "floatingProtect",
              data: { name },
              suggest: suggest(protectCall, (fixer) => [awaitEdit(fixer, protectCall)]),
            });
          }
        }
      },
    };

    /** Functions Next.js (or clerkMiddleware) calls, which may be made async without breaking callers. */
    function canBeMadeAsync(fn: FunctionNode, middlewareFns: ReadonlySet<FunctionNode>): boolean {
      if (middlewareFns.has(fn)) return true;
      const parent = fn.parent;
      if (!parent) return false;
      const role = facts.role;
      if (parent.type === "ExportDefaultDeclaration") {
        return (role.appKind !== null && ASYNC_OK_KINDS.has(role.appKind)) || facts.directives.has("use server");
      }
      const exportedName =
        fn.type === "FunctionDeclaration" && parent.type === "ExportNamedDeclaration"
          ? fn.id?.name
          : parent.type === "VariableDeclarator" && parent.id.type === "Identifier" && parent.parent?.parent?.type === "ExportNamedDeclaration"
            ? parent.id.name
            : undefined;
      if (exportedName === undefined) return false;
      if (facts.directives.has("use server")) return true;
      return role.appKind === "route" && HTTP_METHODS.has(exportedName);
    }
  },
});

/** Neither awaited, returned nor handed on (`void p` counts as floating). */
function isFloating(call: TSESTree.CallExpression): boolean {
  const { parent } = valueSite(call);
  if (parent?.type === "UnaryExpression" && parent.operator === "void") return true;
  return !isAwaitedOrPassedOn(call);
}
