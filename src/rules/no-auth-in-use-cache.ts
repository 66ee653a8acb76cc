import type { TSESTree } from "@typescript-eslint/utils";
import { NEXT_SERVER } from "../analysis/clerk-api.js";
import { callOf, methodCallOf } from "../analysis/value-flow.js";
import { getFacts } from "../analysis/file-facts.js";
import { cacheDirectiveAt, isSharedCacheDirective } from "../analysis/use-cache.js";
import { createRule } from "../util/create-rule.js";

export default createRule({
  name: "no-auth-in-use-cache",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow auth()/currentUser() inside 'use cache' functions",
      config: "recommended",
      severity: "high",
      versions: "all (\"use cache\" needs Next.js 16 cacheComponents, or 15 canary)",
      fix: "Call auth() outside the cached function and pass userId in as an argument.",
    },
    messages: {
      authInCache:
        "`{{call}}` reads the request (headers and cookies) and cannot run inside a \"{{directive}}\" scope: Next.js rejects it and Clerk throws \"auth() and currentUser() cannot be called inside a 'use cache' function\". A shared cache would also serve one user's result to another. Call it outside the cached function and pass `userId` (or `orgId`) in as an argument.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.importsFrom((s) => s === NEXT_SERVER)) return {};
    if (!facts.textMatches(/use cache/)) return {};
    return {
      Program(program) {
        for (const use of facts.uses({ sources: [NEXT_SERVER], exports: ["auth", "currentUser"] })) {
          const name = context.sourceCode.getText(use.node);
          let call: TSESTree.CallExpression | undefined = callOf(use.node);
          let label = `${name}()`;
          if (!call && use.exportName === "auth") {
            call = methodCallOf(use.node, "protect");
            label = `${name}.protect()`;
          }
          if (!call) continue;
          const directive = cacheDirectiveAt(call, program);
          if (!isSharedCacheDirective(directive)) continue;
          context.report({ node: call, messageId: "authInCache", data: { call: label, directive: directive! } });
        }
      },
    };
  },
});
