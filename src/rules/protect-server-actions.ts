import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "protect-server-actions",
  meta: {
    type: "problem",
    docs: {
      description: "Require server actions that write data to check the caller first",
      config: "recommended",
      severity: "critical",
      security: true,
      versions: "@clerk/nextjs >= 6",
      fix: "Start the action with await auth.protect() or const { userId } = await auth(); if (!userId) throw ...",
    },
    messages: {
      todo: "not implemented",
    },
    schema: [],
    defaultOptions: [],
  },
  create() {
    return {};
  },
});
