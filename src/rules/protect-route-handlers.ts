import { authRecipe } from "../analysis/clerk-api.js";
import { authEnv, unguardedWrites, writeSummary } from "../analysis/detectors/auth-checks.js";
import { guardedInFront } from "../analysis/detectors/stack-guards.js";
import { findVerifyCalls } from "../analysis/detectors/webhooks.js";
import { type Endpoint, endpointsOf, routeHandlers, serverRoutes } from "../analysis/endpoints.js";
import { getFacts } from "../analysis/file-facts.js";
import { type RouteAccess, routeAccess } from "../analysis/middleware/gate.js";
import { relPath } from "../analysis/project/exports.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";
import { protectSuggestions } from "../util/fixes.js";

type MessageId = "unprotected" | "unprotectedRoute" | "addProtect";

const WRITE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);
/** Request handlers of other stacks, judged here (server functions and Convex functions are RPC: protect-server-actions). */
const ROUTE_KINDS = new Set<Endpoint["kind"]>(["server-route", "action", "file-route-handler", "expo-api", "astro-endpoint", "nuxt-handler"]);
const ROUTE_TEXT = /\b(POST|PUT|PATCH|DELETE|post|put|patch|delete|all|action|defineEventHandler|route)\b/;

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
      versions: "@clerk/nextjs >= 5 (v5: sync auth() counts as a check); every version of the other SDKs",
      frameworks: ["next", "express", "fastify", "hono", "react-router", "remix", "tanstack-start", "expo", "astro", "nuxt"],
      fix: "Start the handler with const { userId } = await auth(); if (!userId) return 401 (or await auth.protect()); getAuth(req) in Express.",
    },
    messages: {
      unprotected:
        "Route handler `{{name}}` writes data ({{write}}) without first checking who is calling, and no middleware protects `{{path}}` or lists it as public. Before the write, call `const { userId } = await auth()` and return a 401 when `userId` is null, or `await auth.protect()`. If the endpoint is public on purpose, list it as public in your middleware or verify the caller another way (signature, API key).",
      unprotectedRoute:
        "`{{name}}` writes data ({{write}}) without first checking who is calling, and nothing in front of it requires a signed-in user. Before the write, {{how}}. If the endpoint is public on purpose, verify the caller another way (signature, API key).",
      addProtect: "Start the handler with `{{call}}`.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (facts.role.appKind === "route") return nextRoutes();
    if (!facts.project.isClerkProject || !facts.textMatches(ROUTE_TEXT)) return {};
    return {
      Program() {
        const index = getProjectIndex(facts.project.root);
        const endpoints = [...endpointsOf(facts).filter((e) => ROUTE_KINDS.has(e.kind) && !(e.kind === "server-route" && e.module)), ...serverRoutes(facts, index).filter((e) => e.module)];
        for (const e of endpoints) {
          if (e.reach === "webhook" || !ROUTE_KINDS.has(e.kind)) continue;
          if (e.method && !WRITE_METHODS.has(e.method) && e.method !== "ALL") continue;
          const mod = e.module ?? facts;
          if (findVerifyCalls(e.fn, mod).length > 0) continue;
          const writes = unguardedWrites(e, authEnv(index, mod));
          if (writes.length === 0 || guardedInFront(index, facts, e)) continue;
          context.report({ node: e.reportNode, messageId: "unprotectedRoute", data: { name: e.name, write: writeSummary(writes[0]!, mod, e.module ? relPath(index, mod.file) : undefined), how: authRecipe(e.kind, e.route?.framework) } });
        }
      },
    };

    function nextRoutes() {
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
              suggest: protectSuggestions(facts, context.sourceCode, h.fn, major!),
            });
          }
        },
      };
    }
  },
});
