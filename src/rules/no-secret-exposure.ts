import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "no-secret-exposure",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow exposing Clerk secret keys to the browser or committing them",
      config: "recommended",
      severity: "critical",
      security: true,
      versions: "all",
      fix: "Keep CLERK_SECRET_KEY and CLERK_WEBHOOK_SIGNING_SECRET in server-only env vars (no NEXT_PUBLIC_ prefix).",
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
