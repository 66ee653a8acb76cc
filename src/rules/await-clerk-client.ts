import type { TSESLint } from "@typescript-eslint/utils";
import { type Node, enclosingFunction, propertyName } from "../analysis/ast.js";
import { NEXT_SERVER } from "../analysis/clerk-api.js";
import { promiseMisuse } from "../analysis/detectors/clerk-auth.js";
import { callOf, memberOf, valueSite } from "../analysis/value-flow.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

/** Members that exist on any function: reading them is not a use of the client. */
const FUNCTION_MEMBERS = new Set(["call", "apply", "bind", "name", "length", "toString"]);

type MessageIds = "notCalled" | "notAwaited" | "notAwaitedDestructure" | "notAwaitedVariable" | "useAwaitedClient";

export default createRule<[], MessageIds>({
  name: "await-clerk-client",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Require calling and awaiting clerkClient() (@clerk/nextjs >= 6)",
      config: "recommended",
      severity: "high",
      versions: "@clerk/nextjs >= 6",
      fix: "const client = await clerkClient(); await client.users.getUser(id)",
    },
    messages: {
      notCalled:
        "`{{name}}` from @clerk/nextjs/server is an async function since @clerk/nextjs 6 (this project has {{major}}), not a client: `{{name}}.{{property}}` is undefined and the call after it throws a TypeError. Use `const client = await {{name}}()` and `client.{{property}}…`.",
      notAwaited:
        "`{{name}}()` returns a Promise since @clerk/nextjs 6 (this project has {{major}}), so `.{{property}}` reads a property of the Promise (undefined). Await the call first: `(await {{name}}()).{{property}}`, or `const client = await {{name}}()`.",
      notAwaitedDestructure:
        "`{{name}}()` returns a Promise since @clerk/nextjs 6 (this project has {{major}}), so destructuring it gives undefined. Write `const { … } = await {{name}}()`.",
      notAwaitedVariable:
        "`{{variable}}` holds the Promise returned by `{{name}}()` (async since @clerk/nextjs 6) and is used here as the client. Await the call: `const {{variable}} = await {{name}}()`.",
      useAwaitedClient: "Await `{{name}}()`.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.importsFrom((s) => s === NEXT_SERVER)) return {};
    const major = facts.major("@clerk/nextjs");
    if (major === undefined || major < 6) return {};
    const sourceCode = context.sourceCode;

    const suggestions = (at: Node, name: string, fix: (fixer: TSESLint.RuleFixer) => TSESLint.RuleFix) =>
      enclosingFunction(at)?.async ? [{ messageId: "useAwaitedClient" as const, data: { name }, fix }] : [];

    return {
      Program() {
        for (const use of facts.uses({ sources: [NEXT_SERVER], exports: ["clerkClient"] })) {
          const name = sourceCode.getText(use.node);
          const member = memberOf(use.node);
          if (member) {
            const property = propertyName(member);
            if (property !== undefined && FUNCTION_MEMBERS.has(property)) continue;
            context.report({
              node: member,
              messageId: "notCalled",
              data: { name, property: property ?? "…", major: String(major) },
              suggest: suggestions(member, name, (fixer) => fixer.replaceText(use.node, `(await ${name}())`)),
            });
            continue;
          }
          const call = callOf(use.node);
          if (!call) continue;
          const misuse = promiseMisuse(call, sourceCode);
          if (!misuse) continue;
          const insertAwait = (fixer: TSESLint.RuleFixer) => {
            const { parent, expr } = valueSite(call);
            return parent?.type === "MemberExpression" && parent.object === expr
              ? fixer.replaceText(call, `(await ${sourceCode.getText(call)})`)
              : fixer.insertTextBefore(call, "await ");
          };
          if (misuse.kind === "variable") {
            context.report({
              node: call,
              messageId: "notAwaitedVariable",
              data: { name, variable: misuse.name },
              suggest: suggestions(call, name, insertAwait),
            });
          } else if (misuse.kind === "destructure") {
            context.report({
              node: call,
              messageId: "notAwaitedDestructure",
              data: { name, major: String(major) },
              suggest: suggestions(call, name, insertAwait),
            });
          } else {
            context.report({
              node: call,
              messageId: "notAwaited",
              data: { name, property: misuse.property ?? "…", major: String(major) },
              suggest: suggestions(call, name, insertAwait),
            });
          }
        }
      },
    };
  },
});
