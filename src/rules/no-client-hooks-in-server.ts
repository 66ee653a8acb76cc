import { isClerkClientEntry } from "../analysis/clerk-api.js";
import { callOf } from "../analysis/value-flow.js";
import { enclosingDirectiveFunction } from "../analysis/directives.js";
import { getFacts } from "../analysis/file-facts.js";
import { splitPackage } from "../analysis/imports.js";
import { isAppServerEntry } from "../analysis/next-files.js";
import { createRule } from "../util/create-rule.js";

const HOOK = /^use[A-Z]/;

/** Where a hook call runs on the server. */
type ServerContext = "component" | "route" | "action" | "middleware";

/** Client-side Clerk entries whose `use*` exports are React hooks. */
function isHookSource(source: string): boolean {
  return isClerkClientEntry(source) || source === "@clerk/shared/react";
}

/** The standalone, browser-only `getToken` of a Clerk SDK root entry (Core 3). */
function isRootGetToken(source: string, exportName: string): boolean {
  return exportName === "getToken" && isClerkClientEntry(source) && splitPackage(source)?.entry === "";
}

export default createRule({
  name: "no-client-hooks-in-server",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow Clerk React hooks in server entry points, server actions and middleware",
      config: "recommended",
      severity: "high",
      versions: "all (the standalone getToken: Core 3)",
      fix: "On the server use await auth()/currentUser(); hooks belong in 'use client' components.",
    },
    messages: {
      hookInServerComponent:
        "`{{name}}()` is a Clerk client hook, but this {{kind}} is a Server Component (no 'use client'), where hooks cannot run. Read the session with `await auth()` or `await currentUser()` from \"@clerk/nextjs/server\", or move the hook into a 'use client' component.",
      hookInServerCode:
        "`{{name}}()` is a Clerk client hook and cannot run in {{where}}. Use `await auth()` (or `currentUser()`) from \"@clerk/nextjs/server\" here.",
      getTokenOnServer:
        "The standalone `{{name}}()` from \"{{source}}\" is browser-only and throws `clerk_runtime_not_browser` in {{where}}. On the server use `(await auth()).getToken()`.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const bindings = facts.imports.bindings.filter(
      (b) => !b.typeOnly && isHookSource(b.source) && (b.imported === "*" || HOOK.test(b.imported) || isRootGetToken(b.source, b.imported)),
    );
    if (bindings.length === 0) return {};

    const role = facts.role;
    const isClient = facts.directives.has("use client");
    let fileContext: ServerContext | undefined;
    if (role.middleware) fileContext = "middleware";
    else if (facts.directives.has("use server")) fileContext = "action";
    else if (!isClient && role.router === "app" && (isAppServerEntry(role) || role.appKind === "loading" || role.appKind === "not-found")) {
      fileContext = role.appKind === "route" ? "route" : "component";
    }
    const mayHaveInlineActions = !isClient && facts.textMatches(/["']use server["']/);
    if (!fileContext && !mayHaveInlineActions) return {};

    const describe = (ctx: ServerContext): string => {
      switch (ctx) {
        case "middleware":
          return `the ${role.middleware} file, which runs on the server before every request`;
        case "route":
          return "a route handler, which runs on the server";
        case "action":
          return "a server action ('use server'), which runs on the server";
        default:
          return "server code";
      }
    };

    return {
      Program() {
        const sources = new Set(bindings.map((b) => b.source));
        for (const use of facts.uses({ source: (s) => sources.has(s) })) {
          const isHook = HOOK.test(use.exportName);
          const isGetToken = isRootGetToken(use.binding.source, use.exportName);
          if (!isHook && !isGetToken) continue;
          const call = callOf(use.node);
          if (!call) continue;
          const ctx: ServerContext | undefined = fileContext ?? (enclosingDirectiveFunction(call, "use server") ? "action" : undefined);
          if (!ctx) continue;
          const name = context.sourceCode.getText(use.node);
          if (isGetToken) {
            context.report({ node: call, messageId: "getTokenOnServer", data: { name, source: use.binding.source, where: ctx === "component" ? "a Server Component" : describe(ctx) } });
          } else if (ctx === "component") {
            context.report({ node: call, messageId: "hookInServerComponent", data: { name, kind: role.appKind ?? "file" } });
          } else {
            context.report({ node: call, messageId: "hookInServerCode", data: { name, where: describe(ctx) } });
          }
        }
      },
    };
  },
});
