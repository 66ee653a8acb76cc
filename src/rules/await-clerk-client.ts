import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "await-clerk-client",
  meta: {
    type: "problem",
    docs: {
      description: "Require calling and awaiting clerkClient() (@clerk/nextjs >= 6)",
      config: "recommended",
      severity: "high",
      versions: "@clerk/nextjs >= 6",
      fix: "const client = await clerkClient(); await client.users.getUser(id)",
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
