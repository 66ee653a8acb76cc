import { metadataFindings } from "../analysis/detectors/metadata.js";
import { isClientCode } from "../analysis/client-boundary.js";
import { getFacts } from "../analysis/file-facts.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

type MessageId = "readGuard" | "write" | "roleFromRequest";

export default createRule<[], MessageId>({
  name: "no-unsafe-metadata-authz",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow authorization decisions on unsafeMetadata, which users can write",
      config: "recommended",
      severity: "critical",
      security: true,
      projectRule: true,
      versions: "all",
      fix: "Store roles in publicMetadata and read sessionClaims.metadata, or use has({ role | permission }).",
    },
    messages: {
      readGuard:
        "`unsafeMetadata.{{key}}` decides access here, but the signed-in user can write unsafeMetadata from the browser (`user.update()` / `user.updateMetadata()`), so anyone can grant themselves `{{key}}`. Keep roles and plans in publicMetadata (written only by your backend) and read them from `sessionClaims.metadata`, or use `has({ role | permission | plan })`.",
      roleFromRequest:
        "`{{key}}` is written into the user's metadata from the request body, and nothing here checks that the caller may grant it: any signed-in user can send `{ \"{{key}}\": \"admin\" }` (and any user id) and escalate their own privileges. Check the caller's authorization first (`await auth.protect({ role: \"org:admin\" })`, `has({ permission })`, or an admin check on `sessionClaims.metadata`), and never take the role from the client unchecked.",
      write:
        "`{{key}}` is stored in unsafeMetadata, which the signed-in user can overwrite from the browser, so it cannot be trusted for authorization. Set it from your backend with `clerkClient().users.updateUserMetadata(userId, { publicMetadata: { {{key}} } })` (or use Organization roles), and keep unsafeMetadata for UI preferences.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.textMatches(/unsafe_?[mM]etadata|(public|private)_?[mM]etadata/)) return {};
    if (!facts.project.isClerkProject && !facts.importsClerk) return {};
    return {
      Program() {
        const client = facts.isClientModule || (facts.textMatches(/unsafe_?[mM]etadata/) && isClientCode(getProjectIndex(facts.project.root), facts));
        for (const f of metadataFindings(facts, client)) context.report({ node: f.node, messageId: f.kind, data: { key: f.key } });
      },
    };
  },
});
