import type { TSESTree } from "@typescript-eslint/utils";
import { NEXT_SERVER } from "../analysis/clerk-api.js";
import { authResultMethodCalls, nextAuthRefs } from "../analysis/detectors/clerk-auth.js";
import { awaitedOrSelf, callOf, isDirectlyAwaited, methodCallOf } from "../analysis/value-flow.js";
import { returnsAtTop } from "../analysis/control-flow.js";
import { swallowingCatchCall, swallowingTry } from "../analysis/detectors/try-catch.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

interface Candidate {
  call: TSESTree.CallExpression;
  label: string;
  /** `auth.protect()` on v6+: only an awaited call throws inside the `try`. */
  async: boolean;
}

export default createRule({
  name: "no-swallowed-protect",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow auth.protect()/redirectToSignIn() inside a try whose catch swallows the redirect",
      config: "recommended",
      severity: "high",
      security: true,
      versions: "@clerk/nextjs >= 5",
      fix: "Move await auth.protect() out of the try, or rethrow in the catch (unstable_rethrow(error)).",
    },
    messages: {
      swallowed:
        "`{{call}}` works by throwing Next.js's redirect/notFound/unauthorized error, and the `catch` on line {{line}} keeps it without rethrowing: signed-out or unauthorized requests carry on past this check. Move the call out of the `try`, or rethrow first in the catch (`unstable_rethrow(error)` from next/navigation).",
      replaced:
        "`{{call}}` works by throwing Next.js's redirect/notFound/unauthorized error, and the `catch` on line {{line}} replaces it with its own response: the sign-in redirect (or 404/401) never happens. Move the call out of the `try`, or call `unstable_rethrow(error)` first in the catch.",
      catchCallback:
        "The `.catch(…)` on `{{call}}` keeps the redirect/notFound error the check throws, so it protects nothing. Remove the `.catch(…)`, or rethrow in it.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.importsFrom((s) => s === NEXT_SERVER)) return {};
    const major = facts.major("@clerk/nextjs");
    if (major === undefined || major < 5) return {};
    if (!facts.textMatches(/\btry\b|\.catch\b/)) return {};
    const sourceCode = context.sourceCode;
    // v5: `auth()` is sync and its result carries protect(); v6+: `auth.protect()` and the result's redirects.
    const resultMethods = new Set(major < 6 ? ["protect", "redirectToSignIn", "redirectToSignUp"] : ["redirectToSignIn", "redirectToSignUp"]);

    return {
      Program() {
        const candidates: Candidate[] = [];
        for (const ref of nextAuthRefs(facts, sourceCode)) {
          const name = sourceCode.getText(ref.node);
          if (major >= 6) {
            const protect = methodCallOf(ref.node, "protect");
            if (protect) candidates.push({ call: protect, label: `${name}.protect()`, async: true });
          }
          const authCall = callOf(ref.node);
          if (!authCall || (major >= 6 && !isDirectlyAwaited(authCall))) continue;
          for (const { call, method } of authResultMethodCalls(authCall, resultMethods, sourceCode)) {
            candidates.push({ call, label: method === "protect" ? `${name}().protect()` : `${method}()`, async: false });
          }
        }
        for (const c of candidates) {
          const callback = swallowingCatchCall(c.call, facts);
          if (callback) {
            context.report({ node: c.call, messageId: "catchCallback", data: { call: c.label } });
            continue;
          }
          if (c.async && !isDirectlyAwaited(c.call)) continue; // a floating promise is await-auth's finding
          const tryStatement = swallowingTry(awaitedOrSelf(c.call), facts);
          if (!tryStatement?.handler) continue;
          context.report({
            node: c.call,
            messageId: returnsAtTop(tryStatement.handler.body) ? "replaced" : "swallowed",
            data: { call: c.label, line: String(tryStatement.handler.loc.start.line) },
          });
        }
      },
    };
  },
});
