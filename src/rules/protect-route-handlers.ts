import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "protect-route-handlers",
  meta: {
    type: "problem",
    docs: {
      description: "Require mutating route handlers to check the caller before writing",
      config: "strict",
      severity: "high",
      security: true,
      versions: "@clerk/nextjs >= 6",
      fix: "Start the handler with const { userId } = await auth(); if (!userId) return 401.",
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
