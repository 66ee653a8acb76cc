import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "await-auth",
  meta: {
    type: "problem",
    docs: {
      description: "Require await on auth() and auth.protect() where they are async (@clerk/nextjs >= 6)",
      config: "recommended",
      severity: "high",
      security: true,
      versions: "@clerk/nextjs >= 6; @clerk/tanstack-react-start auth; @clerk/react-router getAuth",
      fix: "const { userId } = await auth(); await auth.protect();",
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
