import { authEnv, unguardedWrites, writeSummary } from "../analysis/detectors/auth-checks.js";
import { findVerifyCalls } from "../analysis/detectors/webhooks.js";
import { routeHandlers } from "../analysis/endpoints.js";
import { getFacts } from "../analysis/file-facts.js";
import { type RouteAccess, routeAccess } from "../analysis/middleware/gate.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";
import { protectSuggestions } from "../util/fixes.js";

type MessageId = "unprotected" | "addProtect";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export default createRule<[], MessageId>({
  name: "protect-route-handlers",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Require mutating route handlers to check the caller before writing",
      config: "strict",
      severity: "high",
      security: true,
      projectRule: true,
      versions: "@clerk/nextjs >= 5 (v5: sync auth() counts as a check)",
      fix: "Start the handler with const { userId } = await auth(); if (!userId) return 401 (or await auth.protect()).",
    },
    messages: {
      unprotected:
        "Route handler `{{name}}` writes data ({{write}}) without first checking who is calling, and no middleware protects `{{path}}` or lists it as public. Before the write, call `const { userId } = await auth()` and return a 401 when `userId` is null, or `await auth.protect()`. If the endpoint is public on purpose, list it as public in your middleware or verify the caller another way (signature, API key).",
      addProtect: "Start the handler with `{{call}}`.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (facts.role.appKind !== "route") return {};
    const major = facts.major("@clerk/nextjs");
    if (major === undefined) return {};
    if (!facts.textMatches(/\b(POST|PUT|PATCH|DELETE)\b/)) return {};
    return {
      Program() {
        // Webhooks authenticate the sender by signature: require-webhook-verification judges Clerk's.
        const handlers = routeHandlers(facts).filter((h) => h.reach !== "webhook" && WRITE_METHODS.has(h.name) && h.fn.parent?.type !== "CallExpression");
        if (handlers.length === 0) return;
        const index = getProjectIndex(facts.project.root);
        const env = authEnv(index, facts);
        let access: RouteAccess | undefined;
        for (const h of handlers) {
          if (findVerifyCalls(h.fn, facts).length > 0) continue;
          const writes = unguardedWrites(h, env);
          if (writes.length === 0) continue;
          access ??= routeAccess(index, facts.role, facts.major("next"), facts.project.dependencies);
          if (access !== "open") continue;
          context.report({
            node: h.reportNode,
            messageId: "unprotected",
            data: { name: h.name, path: facts.role.urlPath, write: writeSummary(writes[0]!, context.sourceCode) },
            suggest: protectSuggestions(facts, context.sourceCode, h.fn, major),
          });
        }
      },
    };
  },
});
