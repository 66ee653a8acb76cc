import path from "node:path";
import { type Node, unwrap } from "../analysis/ast.js";
import { findUserCreates, insideConvexInternal, isSeedOrScript, USER_WRITE_TEXT } from "../analysis/detectors/db-writes.js";
import { isUnderDirective } from "../analysis/directives.js";
import { getFacts } from "../analysis/file-facts.js";
import { isAppServerEntry, isRouteHandler } from "../analysis/next-files.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

export default createRule({
  name: "no-user-sync-outside-webhook",
  meta: {
    type: "problem",
    docs: {
      description: "Create user records in your database only from the Clerk webhook (user.created), not from pages, actions or routes",
      config: "recommended",
      severity: "high",
      projectRule: true,
      versions: "all",
      fix: "Upsert users keyed by the Clerk user id in the verified user.created/user.updated webhook handler; read them elsewhere.",
    },
    messages: {
      direct:
        "A user record is created here, outside the Clerk webhook. Clerk owns sign-up: create and update users from the verified `user.created`/`user.updated` webhook (an upsert keyed by the Clerk user id), and only read them here.",
      viaHelper:
        "`{{callee}}` creates a user record ({{chain}}) and is called here, outside the Clerk webhook. Create users from the verified `user.created` webhook handler instead.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.project.isClerkProject) return {};
    const role = facts.role;
    if (isSeedOrScript(role.relPath)) return {};
    if (facts.textMatches(/^\s*$/)) return {};
    const isEntry =
      isAppServerEntry(role) ||
      isRouteHandler(role) ||
      role.middleware !== null ||
      role.pagesKind === "page" ||
      facts.directives.has("use server");
    const mayWrite = facts.textMatches(USER_WRITE_TEXT);
    if (!isEntry && !mayWrite) return {};
    return {
      Program(program) {
        if (isRouteHandler(role) && facts.isClerkWebhook) return;
        if (isEntry) {
          if (mayWrite) {
            for (const site of findUserCreates(program)) {
              if (!insideConvexInternal(site.node)) context.report({ node: site.node, messageId: "direct" });
            }
          }
          // calls of local helpers (imported from this project) that create users
          const index = getProjectIndex(facts.project.root);
          const self = path.resolve(facts.filename);
          const reachesInsert = facts.imports.bindings.some((b) => {
            if (b.typeOnly) return false;
            const target = index.resolve(self, b.source);
            return !!target && (b.imported === "*" || !!index.exportCreatesUser(target, b.imported));
          });
          if (!reachesInsert) return;
          const functions = new Map<string, never>();
          for (const hit of index.callsThatCreateUsers(
            { file: self, functions, prov: facts, imports: facts.imports },
            program,
            0,
          )) {
            const callee = unwrap(hit.call.callee) as Node;
            context.report({
              node: hit.call,
              messageId: "viaHelper",
              data: { callee: context.sourceCode.getText(callee), chain: hit.chain.join(" → ") },
            });
          }
          return;
        }
        // Helper modules are judged at their callers, except inline server actions ('use server' functions).
        for (const site of findUserCreates(program)) {
          if (isUnderDirective(site.node, "use server", program) && !insideConvexInternal(site.node)) {
            context.report({ node: site.node, messageId: "direct" });
          }
        }
      },
    };
  },
});
