import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "webhook-route-public",
  meta: {
    type: "problem",
    docs: {
      description: "Require the Clerk webhook route to be public in a middleware that protects routes",
      config: "recommended",
      severity: "high",
      projectRule: true,
      versions: "all",
      fix: "Add the webhook path (e.g. '/api/webhooks(.*)') to the public routes, or protect per resource with auth.protect().",
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
