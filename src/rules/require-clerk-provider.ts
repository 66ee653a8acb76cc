import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import { clerkClientFiles, clerkUsage, hasAppRouter, importedComponentsRenderProvider, isRootLayout, layoutIn, rendersProvider, stackRootOf } from "../analysis/detectors/provider.js";
import { getFacts } from "../analysis/file-facts.js";
import { isTestOrStory, toPosix } from "../analysis/next-files.js";
import { importersOf } from "../analysis/project/call-graph.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

export default createRule({
  name: "require-clerk-provider",
  meta: {
    type: "problem",
    docs: {
      description: "Require <ClerkProvider> at the root of the app (Next.js root layout or pages/_app, React Router root, TanStack root route, Expo root layout, SPA entry) when the app uses Clerk components or hooks",
      config: "recommended",
      severity: "high",
      projectRule: true,
      versions: "all",
      frameworks: ["next", "react-router", "remix", "tanstack-start", "expo", "vite"],
      fix: "Wrap {children} in <ClerkProvider> inside <body> of app/layout.tsx (or in pages/_app).",
    },
    messages: {
      missingProvider:
        "This {{what}} does not render <ClerkProvider>, yet {{count}} file(s) under it use Clerk components or hooks (e.g. {{example}}). They throw \"can only be used within the <ClerkProvider /> component\". Render <ClerkProvider> here ({{where}}), directly or through a providers component.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const role = facts.role;
    const isAppRoot = role.router === "app" && role.isTopLayout;
    const isPagesApp = role.pagesKind === "_app";
    if (!isAppRoot && !isPagesApp) return facts.stack.next ? {} : otherStacks();
    const root = facts.project.root;
    if (isAppRoot && !isRootLayout(root, role)) return {};
    return {
      Program(program) {
        const usage = clerkUsage(facts);
        if (usage.rendersProvider) return;
        const index = getProjectIndex(root);
        if (importedComponentsRenderProvider(index, facts, 0)) return;
        const self = facts.file;
        const layoutDir = path.dirname(self);
        const hasAppDir = hasAppRouter(root);
        // Is this App Router file under this root layout (not under a sibling route-group root)?
        const inDomain = (file: string): boolean => file.startsWith(layoutDir + path.sep);
        // this file is judged by what is being linted, every other file from disk
        const uncovered = clerkClientFiles(index).filter((file) => {
          if (file === self) return false;
          const mod = index.module(file);
          return !!mod && !isTestOrStory(mod.role) && uncoveredUse(file, 0);
        });
        if (usage.usesClientApi) uncovered.unshift(self);
        if (uncovered.length === 0) return;
        const example = toPosix(path.relative(root, uncovered[0]!));
        context.report({ node: program.body[0] ?? program, loc: { line: 1, column: 0 }, messageId: "missingProvider", data: { what: isPagesApp ? "pages/_app" : "root layout", count: uncovered.length, example, where: "inside <body>" } });

        /**
         * Does `file` use Clerk (itself, or by being imported) somewhere this root layout
         * is responsible for, with no <ClerkProvider> in between?
         */
        function uncoveredUse(file: string, depth: number): boolean {
          const r = index.module(file)?.role;
          if (!r) return false;
          if (r.router === "app") return !isPagesApp && inDomain(file) && !coveredByNestedLayout(file);
          if (r.router === "pages") return isPagesApp;
          // a shared module: judged where it is imported (stories and tests have their own wrappers)
          if (depth > 3) return false;
          const importers = importersOf(index, file).filter((imp) => !isTestOrStory(imp.role));
          if (importers.length === 0) {
            // used nowhere we can see: this layout answers for it only when it is the app's single root
            return isPagesApp ? !hasAppDir : role.segments.length === 0;
          }
          return importers.some((imp) => !rendersProvider(index, imp.file) && uncoveredUse(imp.file, depth + 1));
        }

        /** A layout between this root layout's directory and the file renders the provider. */
        function coveredByNestedLayout(file: string): boolean {
          let dir = path.dirname(file);
          while (dir.startsWith(layoutDir + path.sep)) {
            const layout = layoutIn(dir);
            if (layout && layout !== self && rendersProvider(index, layout)) return true;
            dir = path.dirname(dir);
          }
          return false;
        }
      },
    };

    /** React Router root, TanStack root route, Expo root layout, SPA entry: the provider must wrap the whole app there. */
    function otherStacks() {
      if (!facts.project.isClerkProject || !facts.textMatches(/\b(export|render|createRoot|createRootRoute|function)\b/)) return {};
      return {
        Program(program: TSESTree.Program) {
          const root = facts.project.root;
          const index = getProjectIndex(root);
          const stackRoot = stackRootOf(index, facts, root);
          if (!stackRoot) return;
          const usage = clerkUsage(facts);
          if (usage.rendersProvider || importedComponentsRenderProvider(index, facts, 0)) return;
          const uncovered = clerkClientFiles(index).filter((file) => file !== facts.file && stackRoot.covers(file) && !isTestOrStory(index.module(file)!.role));
          if (usage.usesClientApi) uncovered.unshift(facts.file);
          if (uncovered.length === 0) return;
          const example = toPosix(path.relative(root, uncovered[0]!));
          context.report({ node: program.body[0] ?? program, loc: { line: 1, column: 0 }, messageId: "missingProvider", data: { what: stackRoot.what, count: uncovered.length, example, where: "around everything it renders" } });
        },
      };
    }
  },
});
