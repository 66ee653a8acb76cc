import { webhooksEntry } from "../analysis/clerk-api.js";
import { verifierHelper } from "../analysis/detectors/webhook-verifiers.js";
import { bodyReads, catchExits, enclosingTry, findVerifyCalls, payloadReads, requestParamName } from "../analysis/detectors/webhooks.js";
import { webhookEndpoints } from "../analysis/endpoints.js";
import { getFacts } from "../analysis/file-facts.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

/** Text a webhook handler of any stack contains (a gate before building the endpoint model). */
const WEBHOOK_TEXT = /webhook|svix|["'`](?:user|session|organization\w*|email|sms|role|permission|waitlistEntry)\.[a-z]+["'`]/i;

export default createRule({
  name: "require-webhook-verification",
  meta: {
    type: "problem",
    docs: {
      description: "Require Clerk webhook handlers to verify the signature (verifyWebhook) before using the payload",
      config: "recommended",
      severity: "critical",
      security: true,
      projectRule: true,
      versions: "all (verifyWebhook: @clerk/nextjs >= 6.13, @clerk/backend >= 1.26)",
      frameworks: ["next", "express", "fastify", "hono", "react-router", "tanstack-start", "expo", "astro", "nuxt", "convex"],
      fix: "const evt = await verifyWebhook(req) from your Clerk SDK's /webhooks entry inside try/catch that returns 400.",
    },
    messages: {
      unverified:
        "This Clerk webhook handler uses the request payload without verifying its signature, so anyone can forge user.created/deleted events. Call `await verifyWebhook(req)` from \"{{entry}}\" (in try/catch, 400 on failure) before touching the payload.",
      failureIgnored:
        "Webhook verification failure is caught but the handler carries on. Return a 400 response (or rethrow) from this catch so unverified payloads are never processed.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.role.appKind && !facts.role.pagesKind && !facts.textMatches(WEBHOOK_TEXT)) return {};
    return {
      Program() {
        const index = getProjectIndex(facts.project.root);
        const entry = webhooksEntry(facts.stack.clerk);
        for (const handler of webhookEndpoints(facts, index)) {
          const mod = handler.module ?? facts;
          const isNextRoute = handler.kind === "route-handler" || handler.kind === "api-route";
          const reads = isNextRoute ? bodyReads(handler.fn, requestParamName(handler.fn)) : payloadReads(handler.fn, mod);
          const verifies = findVerifyCalls(handler.fn, mod, verifierHelper(index, mod));
          const readsPayload = reads.length > 0 || verifies.length > 0 || (facts.role.pagesKind === "api" && facts.textMatches(/\.body\b/));
          if (!readsPayload) continue;
          if (verifies.length === 0) {
            context.report({ node: handler.reportNode, messageId: "unverified", data: { entry } });
            continue;
          }
          for (const v of verifies) {
            const tryStmt = enclosingTry(v.call, handler.fn);
            if (tryStmt?.handler && !catchExits(tryStmt.handler)) {
              context.report({ node: tryStmt.handler, messageId: "failureIgnored" });
            }
          }
        }
      },
    };
  },
});
