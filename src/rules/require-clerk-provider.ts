import path from "node:path";
import { getFacts } from "../analysis/file-facts.js";
import { exists, listDir } from "../analysis/fs-cache.js";
import { classifyFile, toPosix } from "../analysis/next-files.js";
import { clerkUsage, getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

const LAYOUT = /^layout\.(?:[cm]?[jt]sx?)$/;

/** Is there a layout at `dir` (absolute)? */
function hasLayout(dir: string): string | undefined {
  const name = listDir(dir).find((n) => LAYOUT.test(n));
  return name ? path.join(dir, name) : undefined;
}

export default createRule({
  name: "require-clerk-provider",
  meta: {
    type: "problem",
    docs: {
      description: "Require <ClerkProvider> in the root layout (or pages/_app) when the app uses Clerk components or hooks",
      config: "recommended",
      severity: "high",
      projectRule: true,
      versions: "all",
      fix: "Wrap {children} in <ClerkProvider> inside <body> of app/layout.tsx (or in pages/_app).",
    },
    messages: {
      missingProvider:
        "This root layout does not render <ClerkProvider>, yet {{count}} file(s) use Clerk components or hooks (e.g. {{example}}). They throw \"can only be used within the <ClerkProvider /> component\". Render <ClerkProvider> here, directly or through a providers component.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const role = facts.role;
    const isAppRoot = role.router === "app" && role.isTopLayout;
    const isPagesApp = role.pagesKind === "_app";
    if (!isAppRoot && !isPagesApp) return {};
    const root = facts.project.root;
    const routerDir = path.join(root, role.routerDir!);
    // A route-group layout is a root layout only when app/layout.* does not exist
    // and no outer route-group layout exists.
    if (isAppRoot && role.segments.length > 0) {
      if (hasLayout(routerDir)) return {};
      for (let i = 1; i < role.segments.length; i++) {
        if (hasLayout(path.join(routerDir, ...role.segments.slice(0, i)))) return {};
      }
    }
    return {
      Program(program) {
        const usage = clerkUsage(program, facts);
        if (usage.rendersProvider) return;
        const index = getProjectIndex(root);
        if (index.importedComponentsRenderProvider(facts.filename, program, facts, 0)) return;
        const self = path.resolve(facts.filename);
        // Clerk users this root layout is responsible for
        const layoutDir = path.dirname(self);
        const users = index.clerkClientFiles().filter((file) => {
          if (file === self) return true;
          const r = classifyFile(root, file);
          if (isPagesApp) return r.router === "pages" || (r.router === null && !exists(path.join(root, "app")) && !exists(path.join(root, "src", "app")));
          if (r.router === "pages") return false;
          if (r.router === "app") return file.startsWith(layoutDir + path.sep);
          // shared components: covered when every importer is covered (checked below)
          return true;
        });
        if (usage.usesClientApi && !users.includes(self)) users.push(self);
        const uncovered = users.filter((file) => !coveredByNestedLayout(file, 0));
        if (uncovered.length === 0) return;
        const example = toPosix(path.relative(root, uncovered[0]!));
        context.report({ node: program.body[0] ?? program, loc: { line: 1, column: 0 }, messageId: "missingProvider", data: { count: uncovered.length, example } });

        function coveredByNestedLayout(file: string, depth: number): boolean {
          const r = classifyFile(root, file);
          if (r.router === "app") {
            // a layout between the root layout's directory and the file's directory renders the provider
            let dir = path.dirname(file);
            while (dir.startsWith(layoutDir) && dir !== layoutDir) {
              const layout = hasLayout(dir);
              if (layout && layout !== self && index.rendersProvider(layout)) return true;
              dir = path.dirname(dir);
            }
            return false;
          }
          if (isPagesApp || depth > 3) return false;
          const importers = index.importersOf(file);
          if (importers.length === 0) return false;
          return importers.every((imp) => coveredByNestedLayout(imp, depth + 1) || index.rendersProvider(imp));
        }
      },
    };
  },
});
