import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "no-legacy-api",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow Clerk APIs that were removed or deprecated in the installed version",
      config: "recommended",
      severity: "medium",
      versions: "per entry (see the table)",
      fix: "Use the replacement named in the message (e.g. <Show when=\"signed-in\">, clerkMiddleware, fallbackRedirectUrl).",
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
