import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "no-client-hooks-in-server",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow Clerk React hooks in server entry points, server actions and middleware",
      config: "recommended",
      severity: "high",
      versions: "all",
      fix: "On the server use await auth()/currentUser(); hooks belong in 'use client' components.",
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
