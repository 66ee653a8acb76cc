import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "require-clerk-middleware",
  meta: {
    type: "problem",
    docs: {
      description: "Require clerkMiddleware() in middleware.ts/proxy.ts when auth() is used",
      config: "recommended",
      severity: "high",
      projectRule: true,
      versions: "all (proxy.ts: next >= 16)",
      fix: "Add proxy.ts (Next 16) or middleware.ts (Next <= 15) at the root or src/ with export default clerkMiddleware() and the standard matcher.",
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
