import type { Node } from "../analysis/ast.js";
import { webhookRoutes } from "../analysis/endpoints.js";
import { getFacts } from "../analysis/file-facts.js";
import { type GateResult, mayGate, routeGate } from "../analysis/middleware/gate.js";
import { nearMissEntry } from "../analysis/middleware/patterns.js";
import { candidateOf, conflictsWithProxy, isWellPlaced, middlewareCandidates, middlewareHome, nextConfigMentions, nextRuns } from "../analysis/middleware/location.js";
import { readMiddleware } from "../analysis/middleware/reader.js";
import type { RouteUrl } from "../analysis/next-files.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

/** A public-route pattern that covers the webhook route: `/api/webhooks/clerk` → `/api/webhooks(.*)`. */
function suggestedPattern(url: RouteUrl): string {
  const parts = url.display.split("/").filter(Boolean);
  const hook = parts.findIndex((p) => /webhook/i.test(p));
  const dyn = parts.findIndex((p) => p.startsWith("["));
  let keep = hook >= 0 ? hook + 1 : parts.length;
  if (dyn >= 0 && dyn < keep) keep = dyn;
  return "/" + parts.slice(0, keep).join("/") + "(.*)";
}

const MESSAGE_FOR: Record<NonNullable<GateResult["reason"]>, "notPublic" | "protectedByList" | "protectsAll"> = {
  "not-in-public-list": "notPublic",
  "in-protected-list": "protectedByList",
  "protects-all": "protectsAll",
};

export default createRule({
  name: "webhook-route-public",
  meta: {
    type: "problem",
    docs: {
      description: "Require the Clerk webhook route to be public in a middleware that protects routes",
      config: "recommended",
      severity: "high",
      projectRule: true,
      versions: "all",
      fix: "Add the webhook path (e.g. '/api/webhooks(.*)') to the public routes, or protect per resource with auth.protect().",
    },
    messages: {
      nearMiss:
        "{{subject}} not matched by `{{entry}}`, the public-route entry that looks written for {{them}}, so the middleware requires a signed-in user there. Webhook senders have no session: they get a 404 or a sign-in redirect and the handler never runs. Fix the pattern (e.g. {{pattern}}); the handler verifies the signature itself.",
      notPublic:
        "{{subject}} not in this public route list, so the middleware requires a signed-in user there. Webhook senders have no session: they get a 404 or a sign-in redirect and the handler never runs. Add {{pattern}} to the public routes (the handler verifies the signature itself).",
      protectedByList:
        "{{subject}} matched by this list of protected routes, so the middleware requires a signed-in user there. Webhook senders have no session: they get a 404 or a sign-in redirect and the handler never runs. Narrow the list so it leaves {{routes}} out.",
      protectsAll:
        "This middleware requires a signed-in user on every route, including {{routes}}. Webhook senders have no session: they get a 404 or a sign-in redirect and the handler never runs. Skip the check for {{pattern}}, or protect each page and handler with `auth.protect()` instead.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.project.isClerkProject) return {};
    const root = facts.project.root;
    const candidate = candidateOf(root, facts.file);
    if (!candidate || !isWellPlaced(candidate, middlewareHome(root))) return {};
    const nextMajor = facts.major("next");
    if (!nextRuns(candidate.name, nextMajor)) return {};
    return {
      Program(program) {
        // With both files on Next 16 the build fails; require-clerk-middleware reports that.
        if (conflictsWithProxy(candidate, middlewareCandidates(root), nextMajor)) return;
        const index = getProjectIndex(root);
        const analysis = readMiddleware(facts, candidate.name, { index, dependencies: facts.project.dependencies });
        if (!mayGate(analysis, index)) return;
        // Pages Router i18n prefixes a locale to every matcher: too uncertain to judge which paths run
        if (analysis.matcher.kind === "static" && nextConfigMentions(root, "i18n")) return;
        const hooks = webhookRoutes(index);
        if (hooks.length === 0) return;
        const groups = new Map<Node, { reason: NonNullable<GateResult["reason"]>; urls: RouteUrl[]; entry?: string }>();
        for (const hook of hooks) {
          const gate = routeGate(analysis, hook.url, index);
          if (gate.status !== "protected" || !gate.reason) continue;
          let node = gate.node && gate.module === facts ? gate.node : ((analysis.exportNode ?? program) as Node);
          const miss = gate.reason === "not-in-public-list" && gate.list && gate.module === facts ? nearMissEntry(gate.list, hook.url, /webhook/i) : undefined;
          if (miss?.node) node = miss.node;
          const group = groups.get(node) ?? { reason: gate.reason, urls: [], entry: miss?.source };
          if (!group.urls.some((u) => u.display === hook.url.display)) group.urls.push(hook.url);
          groups.set(node, group);
        }
        for (const [node, group] of groups) {
          const plural = group.urls.length > 1;
          const routes = group.urls.map((u) => `\`${u.display}\``).join(", ");
          context.report({
            node,
            messageId: group.entry !== undefined ? "nearMiss" : MESSAGE_FOR[group.reason],
            data: {
              entry: group.entry ?? "",
              them: plural ? "them" : "it",
              subject: `The webhook route${plural ? "s" : ""} ${routes} ${plural ? "are" : "is"}`,
              routes,
              pattern: [...new Set(group.urls.map(suggestedPattern))].map((p) => `'${p}'`).join(" and "),
            },
          });
        }
      },
    };
  },
});
