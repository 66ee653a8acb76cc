import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "no-unsafe-metadata-authz",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow authorization decisions on unsafeMetadata, which users can write",
      config: "recommended",
      severity: "critical",
      security: true,
      versions: "all",
      fix: "Store roles in publicMetadata and read sessionClaims.metadata, or use has({ role | permission }).",
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
