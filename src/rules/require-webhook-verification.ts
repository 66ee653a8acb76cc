import { verifierHelper } from "../analysis/detectors/webhook-verifiers.js";
import { bodyReads, catchExits, enclosingTry, findVerifyCalls, requestParamName } from "../analysis/detectors/webhooks.js";
import { routeHandlers } from "../analysis/endpoints.js";
import { getFacts } from "../analysis/file-facts.js";
import { isRouteHandler } from "../analysis/next-files.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

export default createRule({
  name: "require-webhook-verification",
  meta: {
    type: "problem",
    docs: {
      description: "Require Clerk webhook handlers to verify the signature (verifyWebhook) before using the payload",
      config: "recommended",
      severity: "critical",
      security: true,
      versions: "all (verifyWebhook: @clerk/nextjs >= 6.13, @clerk/backend >= 1.26)",
      fix: "const evt = await verifyWebhook(req) from '@clerk/nextjs/webhooks' inside try/catch that returns 400.",
    },
    messages: {
      unverified:
        "This Clerk webhook handler uses the request payload without verifying its signature, so anyone can forge user.created/deleted events. Call `await verifyWebhook(req)` from \"@clerk/nextjs/webhooks\" (in try/catch, 400 on failure) before touching the payload.",
      failureIgnored:
        "Webhook verification failure is caught but the handler carries on. Return a 400 response (or rethrow) from this catch so unverified payloads are never processed.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!isRouteHandler(facts.role)) return {};
    return {
      Program() {
        if (!facts.isClerkWebhook) return;
        const isVerifierHelper = verifierHelper(getProjectIndex(facts.project.root), facts);
        for (const handler of routeHandlers(facts)) {
          const reqName = requestParamName(handler.fn);
          const reads = bodyReads(handler.fn, reqName);
          const verifies = findVerifyCalls(handler.fn, facts, isVerifierHelper);
          const readsPayload = reads.length > 0 || verifies.length > 0 || (facts.role.pagesKind === "api" && facts.textMatches(/\.body\b/));
          if (!readsPayload) continue;
          if (verifies.length === 0) {
            context.report({ node: handler.reportNode, messageId: "unverified" });
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
