import { createRule } from "../util/create-rule.js";

// TODO(issue 3): implement. Stub so the registry, configs and docs table are stable.
export default createRule({
  name: "no-next-auth",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow NextAuth/Auth.js in a Clerk project",
      config: "recommended",
      severity: "medium",
      versions: "all (Clerk projects)",
      fix: "Remove next-auth; use Clerk's auth() on the server and useAuth()/useSession() from @clerk/nextjs on the client.",
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
