import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "prefer-permission-checks",
  meta: {
    type: "problem",
    docs: {
      description: "Prefer has({ permission }) / has({ role }) over comparing orgRole strings",
      config: "strict",
      severity: "low",
      versions: "@clerk/nextjs >= 5",
      fix: "if (has({ permission: 'org:invoices:manage' })) ...",
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
