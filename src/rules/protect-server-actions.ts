import { authEnv, unguardedWrites, writeSummary } from "../analysis/detectors/auth-checks.js";
import { serverActions } from "../analysis/endpoints.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { protectSuggestions } from "../util/fixes.js";
import { getFacts } from "../analysis/file-facts.js";
import { createRule } from "../util/create-rule.js";

type MessageId = "unprotected" | "addProtect";

export default createRule<[], MessageId>({
  name: "protect-server-actions",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Require server actions that write data to check the caller first",
      config: "recommended",
      severity: "critical",
      security: true,
      projectRule: true,
      versions: "@clerk/nextjs >= 5 (v5: sync auth() counts as a check)",
      fix: "Start the action with await auth.protect() or const { userId } = await auth(); if (!userId) throw ...",
    },
    messages: {
      unprotected:
        "Server action `{{name}}` writes data ({{write}}) without first checking who is calling. Server actions are public HTTP endpoints: anyone can call them with any arguments, signed in or not. Before the write, call `await auth.protect()` (or `const { userId } = await auth()` and return/throw when `userId` is null), or a helper of yours that does.",
      addProtect: "Start the action with `{{call}}`.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const major = facts.major("@clerk/nextjs");
    if (major === undefined) return {};
    const fileServer = facts.directives.has("use server");
    if (!fileServer && !facts.textMatches(/["']use server["']/)) return {};
    return {
      Program() {
        const endpoints = serverActions(facts);
        if (endpoints.length === 0) return;
        const env = authEnv(getProjectIndex(facts.project.root), facts);
        for (const endpoint of endpoints) {
          const writes = unguardedWrites(endpoint, env);
          if (writes.length === 0) continue;
          context.report({
            node: endpoint.reportNode,
            messageId: "unprotected",
            data: { name: endpoint.name, write: writeSummary(writes[0]!, context.sourceCode) },
            suggest: protectSuggestions(facts, context.sourceCode, endpoint.fn, major),
          });
        }
      },
    };
  },
});
