import { getFacts } from "../analysis/file-facts.js";
import { isServerOnlyClerkSource } from "../analysis/imports.js";
import { createRule } from "../util/create-rule.js";

export default createRule({
  name: "no-server-helpers-in-client",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow server-only Clerk helpers (auth, currentUser, clerkClient, webhooks) in 'use client' modules",
      config: "recommended",
      severity: "critical",
      security: true,
      versions: "all",
      fix: "Call auth()/currentUser() in a Server Component or Server Action and pass the data down; use useAuth()/useUser() on the client.",
    },
    messages: {
      serverImport:
        "`{{name}}` comes from \"{{source}}\", which is server-only, but this module is 'use client'. Call it in a Server Component or Server Action and pass the result down, or use useAuth()/useUser() in the client.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.isClientModule) return {};
    const offending = facts.imports.bindings.filter((b) => isServerOnlyClerkSource(b.source) && !facts.isEffectivelyTypeOnly(b));
    if (offending.length === 0) return {};
    return {
      Program() {
        for (const b of offending) {
          context.report({
            node: b.id.parent ?? b.id,
            messageId: "serverImport",
            data: { name: b.imported === "*" || b.imported === "default" ? b.local : b.imported, source: b.source },
          });
        }
      },
    };
  },
});
