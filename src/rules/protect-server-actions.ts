import { authRecipe } from "../analysis/clerk-api.js";
import { authEnv, unguardedWrites, writeSummary } from "../analysis/detectors/auth-checks.js";
import { guardedInFront } from "../analysis/detectors/stack-guards.js";
import { touchesOwnedData, writeAt } from "../analysis/detectors/writes.js";
import type { Node } from "../analysis/ast.js";
import { convexFunctions, serverActions, tanstackEndpoints } from "../analysis/endpoints.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { protectSuggestions } from "../util/fixes.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

type MessageId = "unprotected" | "unprotectedRpc" | "addProtect";

const RPC_NAMES: Readonly<Record<string, string>> = {
  "server-function": "TanStack Start server function",
  "convex-function": "public Convex function",
};

export default createRule<[], MessageId>({
  name: "protect-server-actions",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Require server actions and other RPC functions (TanStack Start server functions, public Convex functions) that write data to check the caller first",
      config: "recommended",
      severity: "critical",
      security: true,
      projectRule: true,
      versions: "@clerk/nextjs >= 5 (v5: sync auth() counts as a check); every version of the other SDKs",
      frameworks: ["next", "tanstack-start", "convex"],
      fix: "Start the action with await auth.protect() or const { userId } = await auth(); if (!userId) throw ... (Convex: ctx.auth.getUserIdentity()).",
    },
    messages: {
      unprotected:
        "Server action `{{name}}` writes data ({{write}}) without first checking who is calling. Server actions are public HTTP endpoints: anyone can call them with any arguments, signed in or not. Before the write, call `await auth.protect()` (or `const { userId } = await auth()` and return/throw when `userId` is null), or a helper of yours that does.",
      unprotectedRpc:
        "{{what}} `{{name}}` writes data ({{write}}) without first checking who is calling. It is a public endpoint: anyone can call it with any arguments, signed in or not. Before the write, {{how}} (or call a helper of yours that does); if only your backend calls it, make it internal.",
      addProtect: "Start the action with `{{call}}`.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const fileServer = facts.directives.has("use server");
    const next = facts.major("@clerk/nextjs") !== undefined && (fileServer || facts.textMatches(/["']use server["']/));
    const rpc = facts.project.isClerkProject && facts.textMatches(/createServerFn|mutation|action/);
    if (!next && !rpc) return {};
    const touches = (node: Node): boolean => {
      const site = writeAt(node, facts);
      return !site || touchesOwnedData(site, facts);
    };
    return {
      Program() {
        const index = getProjectIndex(facts.project.root);
        if (next) {
          const major = facts.major("@clerk/nextjs")!;
          const endpoints = serverActions(facts);
          const env = endpoints.length > 0 ? authEnv(index, facts) : undefined;
          for (const endpoint of endpoints) {
            const writes = unguardedWrites(endpoint, env!);
            if (writes.length === 0) continue;
            context.report({
              node: endpoint.reportNode,
              messageId: "unprotected",
              data: { name: endpoint.name, write: writeSummary(writes[0]!, context.sourceCode) },
              suggest: protectSuggestions(facts, context.sourceCode, endpoint.fn, major),
            });
          }
        }
        if (!rpc) return;
        const endpoints = [...tanstackEndpoints(facts).filter((e) => e.kind === "server-function"), ...convexFunctions(facts).filter((e) => e.kind === "convex-function")];
        for (const e of endpoints) {
          // a public Convex function that appends to a shared table (a demo counter) takes nobody's data
          const writes = unguardedWrites(e, authEnv(index, facts)).filter((w) => e.kind !== "convex-function" || (w.kind !== "http" && (!!w.chain || touches(w.node))));
          if (writes.length === 0 || guardedInFront(index, facts, e)) continue;
          context.report({ node: e.reportNode, messageId: "unprotectedRpc", data: { what: RPC_NAMES[e.kind]!, name: e.name, write: writeSummary(writes[0]!, context.sourceCode), how: authRecipe(e.kind) } });
        }
      },
    };
  },
});
