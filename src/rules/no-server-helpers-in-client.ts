import path from "node:path";
import { bundleEntryOf, importedOnlyByClient, inClientBundle } from "../analysis/client-boundary.js";
import { getFacts } from "../analysis/file-facts.js";
import { toPosix } from "../analysis/next-files.js";
import { importersOf } from "../analysis/project/call-graph.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { isServerOnlyClerkSource } from "../analysis/imports.js";
import { createRule } from "../util/create-rule.js";

export default createRule({
  name: "no-server-helpers-in-client",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow server-only Clerk helpers (auth, currentUser, clerkClient, webhooks) in client code ('use client' modules, SPA and Expo app bundles, script tags of Astro components, Vue components)",
      config: "recommended",
      severity: "critical",
      security: true,
      projectRule: true,
      versions: "all",
      frameworks: ["next", "vite", "expo", "astro", "nuxt", "vue"],
      fix: "Call auth()/currentUser() in a Server Component or Server Action and pass the data down; use useAuth()/useUser() on the client.",
    },
    messages: {
      serverImport:
        "`{{name}}` comes from \"{{source}}\", which is server-only, but this module is 'use client'. Call it in a Server Component or Server Action and pass the result down, or use useAuth()/useUser() in the client.",
      serverImportInClientGraph:
        "`{{name}}` comes from \"{{source}}\", which is server-only, but this module is client code: it has no 'use client' of its own, and every module that imports it is client code ({{importer}}), so it ships to the browser with them. Call it in a Server Component or Server Action and pass the result down, or use useAuth()/useUser() here.",
      serverImportInComponent:
        "`{{name}}` comes from \"{{source}}\", which is server-only, but this is {{where}}: it ships to every user's browser, where there is no secret key to call Clerk's Backend API with. {{instead}}",
      serverImportInBundle:
        "`{{name}}` comes from \"{{source}}\", which is server-only, but this module is part of the {{app}} bundle (reachable from {{entry}}): it ships to every user's {{device}}, where there is no secret key to call Clerk's Backend API with. Call it from your server (an API route that checks the caller) and fetch the result; use the hooks of your Clerk SDK (useAuth(), useUser()) here.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (facts.directives.has("use server") || !facts.importsFrom(isServerOnlyClerkSource)) return {};
    return {
      Program() {
        const offending = facts.imports.bindings.filter((b) => isServerOnlyClerkSource(b.source) && !facts.isEffectivelyTypeOnly(b));
        if (offending.length === 0) return;
        const sfc = facts.sfcPart;
        if (sfc?.client) {
          const instead = sfc.part.startsWith("astro")
            ? "Call it in the component's frontmatter (`---`, it runs on the server) or an endpoint, and pass the result to the script (a data attribute or `define:vars`); use `$authStore`/`Clerk` from @clerk/astro/client here."
            : "Call it in a server route (server/api/) that checks the caller and fetch the result; use useAuth()/useUser() from your Clerk Vue SDK here.";
          for (const b of offending) context.report({ node: b.id.parent ?? b.id, messageId: "serverImportInComponent", data: { name: b.imported === "*" || b.imported === "default" ? b.local : b.imported, source: b.source, where: sfc.label, instead } });
          return;
        }
        let importer: string | undefined;
        if (!facts.isClientModule) {
          const index = getProjectIndex(facts.project.root);
          if (inClientBundle(index, facts)) {
            const expo = facts.stack.frameworks.has("expo");
            const entry = bundleEntryOf(index, facts.project.root, facts.file);
            const data = { app: expo ? "Expo app" : "single-page app", device: expo ? "device" : "browser", entry: entry ? toPosix(path.relative(facts.project.root, entry)) : "its entry" };
            for (const b of offending) context.report({ node: b.id.parent ?? b.id, messageId: "serverImportInBundle", data: { ...data, name: b.imported === "*" || b.imported === "default" ? b.local : b.imported, source: b.source } });
            return;
          }
          if (!importedOnlyByClient(index, facts)) return;
          importer = toPosix(path.relative(facts.project.root, importersOf(index, facts.file)[0]!.file));
        }
        for (const b of offending) {
          context.report({
            node: b.id.parent ?? b.id,
            messageId: importer ? "serverImportInClientGraph" : "serverImport",
            data: { name: b.imported === "*" || b.imported === "default" ? b.local : b.imported, source: b.source, importer: importer ?? "" },
          });
        }
      },
    };
  },
});
