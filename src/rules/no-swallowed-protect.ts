import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "no-swallowed-protect",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow auth.protect()/redirectToSignIn() inside a try whose catch swallows the redirect",
      config: "recommended",
      severity: "high",
      security: true,
      versions: "@clerk/nextjs >= 6",
      fix: "Move await auth.protect() out of the try, or rethrow in the catch (unstable_rethrow(error)).",
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
