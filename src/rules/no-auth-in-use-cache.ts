import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "no-auth-in-use-cache",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow auth()/currentUser() inside 'use cache' functions",
      config: "recommended",
      severity: "high",
      versions: "@clerk/nextjs >= 6 with Next 16 cache components",
      fix: "Call auth() outside the cached function and pass userId in as an argument.",
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
