import type { TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import type { Node } from "../analysis/ast.js";
import { MIDDLEWARE_APIS, NEXT_SERVER_SOURCES } from "../analysis/clerk-api.js";
import { type AuthCall, findAuthCalls } from "../analysis/detectors/clerk-auth.js";
import { firstAuthCaller, routeHandlerCallers } from "../analysis/endpoints.js";
import { getFacts } from "../analysis/file-facts.js";
import {
  type MiddlewareCandidate,
  candidateOf,
  conflictsWithProxy,
  expectedFileName,
  isWellPlaced,
  middlewareCandidates,
  middlewareHome,
  nextConfigMentions,
  nextRuns,
  projectLayout,
} from "../analysis/middleware/location.js";
import { authMiddlewareOnlyOptions, matcherRuns, readMiddleware, readMiddlewareFile } from "../analysis/middleware/reader.js";
import { isTestOrStory, toPosix } from "../analysis/next-files.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

function ext(file: string): string {
  return path.extname(file).slice(1) || "ts";
}

export default createRule({
  name: "require-clerk-middleware",
  meta: {
    type: "problem",
    docs: {
      description: "Require clerkMiddleware() in middleware.ts/proxy.ts when auth() is used",
      config: "recommended",
      severity: "high",
      projectRule: true,
      versions: "all (proxy.ts: next >= 16)",
      fix: "Add proxy.ts (Next 16) or middleware.ts (Next <= 15) at the root or src/ with export default clerkMiddleware() and the standard matcher.",
      warnMessageIds: ["renameToProxy"],
    },
    messages: {
      missingMiddleware:
        "`{{name}}()` needs clerkMiddleware() to have run for the request, but this project has no {{expected}}. Without it `{{name}}()` throws \"auth() was called but Clerk can't detect usage of clerkMiddleware()\". Add {{expected}} with `export default clerkMiddleware()` and the recommended `config.matcher`.",
      notClerkMiddleware:
        "This {{file}} does not run clerkMiddleware(), yet `{{example}}` calls `{{name}}()`, which throws without it. Export `clerkMiddleware()` as the default export, or call `clerkMiddleware(...)(req, event)` from your own middleware function.",
      legacyMiddleware:
        "`{{api}}()` was removed in @clerk/nextjs {{removedIn}} and this project uses @clerk/nextjs {{major}}, so this middleware does not run Clerk and `auth()` cannot work. Export `clerkMiddleware()` instead (every route is public by default; protect with `auth.protect()`).",
      wrongExport:
        "Next.js runs only the default export or a named `{{expected}}` export of {{file}}, so clerkMiddleware() exported as `{{actual}}` never runs. Make it the default export (or name it `{{expected}}`).",
      shadowedDefault:
        "Next.js runs the named `{{expected}}` export of {{file}} when there is one (`mod.{{expected}} || mod.default`), so this export replaces the default export `clerkMiddleware()`, which never runs: Clerk's helpers throw and nothing it protects is protected. Remove this export, or make it call clerkMiddleware.",
      authMiddlewareOptions:
        "`{{option}}` is an option of the removed `authMiddleware()`; `clerkMiddleware()` ignores it{{cast}}, so the routes it lists get no special treatment and nothing is protected by it. Every route is public with clerkMiddleware: protect routes with `createRouteMatcher([...])` and `await auth.protect()` in the handler.",
      misplaced:
        "Next.js does not load {{file}} from here, so clerkMiddleware() never runs and `auth()` throws. Move this file to {{expected}}.",
      proxyNeedsNext16:
        "`{{file}}` is read only by Next.js 16 and later; this project uses Next.js {{next}}, which ignores it, so clerkMiddleware() never runs. Rename it to {{expected}} (same code).",
      bothFiles:
        "Both {{file}} and {{proxy}} exist: Next.js 16 refuses to build with both. Move this middleware into {{proxy}} (with clerkMiddleware()) and delete {{file}}.",
      matcherMissesRoutes:
        "{{subject}} `{{name}}()`, but `config.matcher` does not match {{them}}: Clerk does not run there and `{{name}}()` throws. Add the recommended entry '/(api|trpc)(.*)' (or a pattern that covers {{them}}).",
      renameToProxy:
        "Next.js 16 renamed `middleware.ts` to `proxy.ts`: this file still runs but the convention is deprecated. Rename it to `{{expected}}`{{named}}.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.project.isClerkProject) return {};
    const root = facts.project.root;
    const self = path.resolve(facts.filename);
    const candidate = candidateOf(root, self);
    if (candidate) {
      return {
        Program(program) {
          checkMiddlewareFile(program, candidate);
        },
      };
    }
    if (!facts.importsFrom((s) => NEXT_SERVER_SOURCES.has(s)) || isTestOrStory(facts.role)) return {};
    // Cheap file-system checks first: in a healthy project a middleware exists and this file has nothing to say.
    const { nextApp, pageExtensions, home, candidates } = projectLayout(root);
    if (!nextApp || pageExtensions) return {};
    const nextMajor = facts.major("next");
    // A middleware Next runs is judged when that file is linted.
    if (candidates.some((c) => isWellPlaced(c, home) && nextRuns(c.name, nextMajor))) return {};
    return {
      Program() {
        const calls = findAuthCalls(facts).sort((a: AuthCall, b: AuthCall) => a.node.range[0] - b.node.range[0]);
        if (calls.length === 0) return;
        const index = getProjectIndex(root);
        // A misplaced (or ignored) Clerk middleware reports itself.
        for (const c of candidates) {
          const a = readMiddlewareFile(index, c.file, c.name, facts.project.dependencies);
          if (!a || a.calls.length > 0 || a.opaque) return;
        }
        // Once per project: on the first file (in path order) that calls auth() & co.
        if (firstAuthCaller(index, self)) return;
        const first = calls[0]!;
        context.report({
          node: first.node,
          messageId: "missingMiddleware",
          data: { name: first.name, expected: `\`${expectedFileName(home, nextMajor)}\`` },
        });
      },
    };

    function checkMiddlewareFile(program: TSESTree.Program, candidate: MiddlewareCandidate): void {
      const nextMajor = facts.major("next");
      const home = middlewareHome(root);
      const index = getProjectIndex(root);
      const rel = toPosix(path.relative(root, self));
      const analysis = readMiddleware(facts, candidate.name, { index, dependencies: facts.project.dependencies });
      const isClerk = analysis.calls.length > 0;
      const at = (analysis.exportNode ?? program.body[0] ?? program) as Node;
      if (!isWellPlaced(candidate, home)) {
        if (isClerk) {
          context.report({ node: at, messageId: "misplaced", data: { file: `\`${rel}\``, expected: `\`${expectedFileName(home, nextMajor, ext(self))}\`` } });
        }
        return;
      }
      const siblings = middlewareCandidates(root).filter((c) => c.dir === candidate.dir && c.file !== self);
      if (!nextRuns(candidate.name, nextMajor)) {
        // Next <= 15 ignores proxy.*: fine when a middleware.* sits next to it (it may import this file)
        if (isClerk && !siblings.some((c) => c.name === "middleware")) {
          context.report({
            node: at,
            messageId: "proxyNeedsNext16",
            data: { file: rel, next: String(nextMajor), expected: `\`${expectedFileName(home, nextMajor, ext(self))}\`` },
          });
        }
        return;
      }
      if (conflictsWithProxy(candidate, siblings, nextMajor)) {
        const proxy = siblings.find((c) => c.name === "proxy");
        if (proxy) {
          context.report({
            node: at,
            messageId: "bothFiles",
            data: { file: `\`${rel}\``, proxy: `\`${toPosix(path.relative(root, proxy.file))}\`` },
          });
          return;
        }
      }
      if (!isClerk) {
        if (analysis.misexported && analysis.shadowsDefault && analysis.misexported.exportName === "default") {
          context.report({ node: at, messageId: "shadowedDefault", data: { file: `\`${rel}\``, expected: candidate.name } });
        } else if (analysis.misexported) {
          context.report({
            node: analysis.misexported.node,
            messageId: "wrongExport",
            data: { file: `\`${rel}\``, expected: candidate.name, actual: analysis.misexported.exportName },
          });
        } else if (!analysis.opaque) {
          const example = firstAuthCaller(index);
          if (!example) return;
          context.report({
            node: at,
            messageId: "notClerkMiddleware",
            data: { file: `\`${rel}\``, example: toPosix(path.relative(root, example.file)), name: example.calls[0]!.name },
          });
        }
        return;
      }
      for (const mw of analysis.calls) {
        if (mw.api !== "clerkMiddleware" || mw.module !== facts) continue;
        for (const option of authMiddlewareOnlyOptions(mw.call, facts)) {
          context.report({ node: option.node, messageId: "authMiddlewareOptions", data: { option: option.name, cast: option.cast ? " (the type cast hides the type error that says so)" : "" } });
        }
      }
      if (!analysis.calls.some((c) => c.api === "clerkMiddleware")) {
        const legacy = analysis.calls[0]!;
        const removedIn = MIDDLEWARE_APIS[legacy.api].removedIn!;
        const major = facts.major("@clerk/nextjs");
        if (major !== undefined && major >= removedIn) {
          context.report({
            node: legacy.module === facts ? legacy.call : at,
            messageId: "legacyMiddleware",
            data: { api: legacy.api, removedIn: String(removedIn), major: String(major) },
          });
        }
      }
      if (candidate.name === "middleware" && nextMajor !== undefined && nextMajor >= 16) {
        context.report({
          node: at,
          messageId: "renameToProxy",
          data: {
            expected: toPosix(path.join(candidate.dir, `proxy.${ext(self)}`)),
            named: analysis.exportName === "middleware" ? " and the `middleware` export to `proxy`" : "",
          },
        });
      }
      if (analysis.matcher.kind === "static" && analysis.matcher.node && !nextConfigMentions(root, "i18n")) {
        const uncovered = routeHandlerCallers(index, (url) => matcherRuns(analysis.matcher, url) === false);
        if (uncovered.length > 0) {
          const shown = uncovered.slice(0, 3).map((x) => `\`${x.url.display}\``);
          if (uncovered.length > 3) shown.push(`${uncovered.length - 3} more`);
          context.report({
            node: analysis.matcher.node,
            messageId: "matcherMissesRoutes",
            data: {
              subject: uncovered.length === 1 ? `The route handler at ${shown[0]} calls` : `The route handlers at ${shown.join(", ")} call`,
              them: uncovered.length === 1 ? "it" : "them",
              name: uncovered[0]!.calls[0]!.name,
            },
          });
        }
      }
    }
  },
});
