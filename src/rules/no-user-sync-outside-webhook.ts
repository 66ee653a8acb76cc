import { CREATE_TEXT } from "../analysis/detectors/writes.js";
import { isScriptModule, userSyncFindings } from "../analysis/detectors/user-creates.js";
import { getFacts } from "../analysis/file-facts.js";
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
        "`{{callee}}` creates a user record ({{at}}, through {{chain}}) and is called here, outside the Clerk webhook. Create users from the verified `user.created` webhook handler instead, and only read them here.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.project.isClerkProject || isScriptModule(facts)) return {};
    // a write here, or a call of a project module that may lead to one
    const mayCall = facts.imports.sources.some((s) => s.startsWith(".") || s.startsWith("@/") || s.startsWith("~/") || s.startsWith("#"));
    if (!mayCall && !facts.textMatches(CREATE_TEXT)) return {};
    return {
      Program() {
        for (const finding of userSyncFindings(getProjectIndex(facts.project.root), facts)) {
          if (finding.kind === "direct") context.report({ node: finding.node, messageId: "direct" });
          else {
            context.report({
              node: finding.node,
              messageId: "viaHelper",
              data: { callee: context.sourceCode.getText(finding.callee!), at: finding.at!, chain: finding.chain!.join(" → ") },
            });
          }
        }
      },
    };
  },
});
