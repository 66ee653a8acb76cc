import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "no-server-helpers-from-root",
  meta: {
    type: "problem",
    docs: {
      description: "Import server helpers from @clerk/nextjs/server, not the package root (v5+)",
      config: "recommended",
      severity: "medium",
      versions: "@clerk/nextjs >= 5",
      fix: "import { auth, currentUser } from '@clerk/nextjs/server'",
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
