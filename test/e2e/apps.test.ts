/**
 * End to end: the built CLI on the fixture apps, asserting the exact findings.
 */
import path from "node:path";
import { ESLint, type Linter } from "eslint";
import { describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { findingsOf, runCli } from "../cli-run.js";
import { APPS } from "../helpers.js";

const CORE = new Set([
  "no-custom-auth",
  "no-server-helpers-in-client",
  "require-clerk-provider",
  "require-webhook-verification",
  "webhook-raw-body",
  "no-user-sync-outside-webhook",
]);
const core = (id: string) => CORE.has(id.replace(/^clerk-guard\//, ""));

describe("clerk-guard check on fixture apps", () => {
  it("finds nothing in the clean Core 3 app", () => {
    const app = path.join(APPS, "core3-clean");
    const run = runCli(["check", app, "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(findingsOf(run.stdout, app)).toEqual([]);
    expect(run.status).toBe(0);
  });

  it("finds every core anti-pattern planted in the AI-written app, and nothing else", () => {
    const app = path.join(APPS, "ai-written");
    const run = runCli(["check", app, "--format", "json"]);
    expect(run.status).toBe(1);
    expect(findingsOf(run.stdout, app, core)).toEqual([
      "app/api/auth/login/route.ts:19 no-custom-auth",
      "app/api/auth/signup/route.ts:30 no-custom-auth",
      "app/api/auth/signup/route.ts:32 no-user-sync-outside-webhook",
      "app/api/clerk-events/route.ts:22 webhook-raw-body",
      "app/api/webhooks/clerk/route.ts:6 require-webhook-verification",
      "app/dashboard/page.tsx:20 no-user-sync-outside-webhook",
      "app/dashboard/profile-card.tsx:5 no-server-helpers-in-client",
      "app/layout.tsx:1 require-clerk-provider",
      "app/onboarding/actions.ts:19 no-user-sync-outside-webhook",
      "components/login-form.tsx:49 no-custom-auth",
      "components/plan-badge.tsx:5 no-server-helpers-in-client",
      "lib/session.ts:14 no-custom-auth",
    ]);
  });

  it.each([
    [
      "ai-written",
      [
        "app/admin/page.tsx:13 no-unsafe-metadata-authz",
        "app/api/auth/login/route.ts:19 no-custom-auth",
        "app/api/auth/signup/route.ts:30 no-custom-auth",
        "app/api/auth/signup/route.ts:32 no-user-sync-outside-webhook",
        "app/api/clerk-events/route.ts:22 webhook-raw-body",
        "app/api/projects/route.ts:6 await-auth",
        "app/api/users/[id]/route.ts:16 await-clerk-client",
        "app/api/webhooks/clerk/route.ts:6 require-webhook-verification",
        "app/dashboard/page.tsx:20 no-user-sync-outside-webhook",
        "app/dashboard/profile-card.tsx:5 no-server-helpers-in-client",
        "app/dashboard/projects/actions.ts:20 protect-server-actions",
        "app/dashboard/projects/actions.ts:6 protect-server-actions",
        "app/layout.tsx:1 require-clerk-provider",
        "app/onboarding/actions.ts:19 no-user-sync-outside-webhook",
        "app/sign-in/[[...sign-in]]/page.tsx:7 no-legacy-api",
        "components/login-form.tsx:49 no-custom-auth",
        "components/plan-badge.tsx:5 no-server-helpers-in-client",
        "components/site-header.tsx:30 no-legacy-api",
        "components/site-header.tsx:4 no-legacy-api",
        "components/site-header.tsx:4 no-legacy-api",
        "lib/session.ts:14 no-custom-auth",
        "middleware.ts:1 no-legacy-api",
        "middleware.ts:5 require-clerk-middleware",
        "middleware.ts:5 require-clerk-middleware (warning)",
        "middleware.ts:6 webhook-route-public",
      ],
    ],
    [
      "v5-app",
      [
        "app/reports/page.tsx:1 no-server-helpers-from-root",
        "app/sign-in/[[...sign-in]]/page.tsx:6 no-legacy-api (warning)",
        "components/account-summary.tsx:4 no-server-helpers-in-client",
        "lib/legacy-middleware.ts:1 no-legacy-api (warning)",
      ],
    ],
    [
      "v6-app",
      [
        ".env.example:6 no-legacy-api (warning)",
        "src/app/api/invoices/route.ts:8 await-auth",
        "src/app/api/members/[id]/route.ts:12 await-clerk-client",
        "src/app/dashboard/invoices/page.tsx:8 await-auth",
        "src/app/sign-in/[[...sign-in]]/page.tsx:6 no-legacy-api (warning)",
        "src/lib/redirects.ts:5 no-legacy-api (warning)",
      ],
    ],
    [
      "v7-app",
      [
        "app/reports/page.tsx:6 no-swallowed-protect",
        "app/usage/page.tsx:10 no-client-hooks-in-server",
        "components/custom-sign-in.tsx:8 no-legacy-api",
        "components/marketing-nav.tsx:2 no-legacy-api",
        "components/marketing-nav.tsx:2 no-legacy-api",
        "components/mobile-nav.tsx:31 no-legacy-api",
        "components/org-card.tsx:5 no-legacy-api (warning)",
        "components/pro-features.tsx:2 no-legacy-api",
        "components/team-switcher.tsx:7 no-legacy-api",
        "lib/clerk-admin.ts:6 no-secret-exposure",
        "lib/stats.ts:9 no-auth-in-use-cache",
      ],
    ],
    ["express-app", ["src/routes/admin.ts:12 no-legacy-api", "src/routes/admin.ts:2 no-legacy-api", "src/routes/admin.ts:9 no-legacy-api"]],
    [
      "express-vite",
      [
        ".env.example:5 no-secret-exposure",
        "server/middleware/with-user.ts:21 no-user-sync-outside-webhook",
        "server/routes/me.ts:12 no-custom-auth",
        "server/routes/org-events.ts:11 webhook-raw-body",
        "server/routes/org-events.ts:7 webhook-raw-body",
        "src/lib/team-admin.ts:1 no-server-helpers-in-client",
        "src/lib/team-admin.ts:4 no-secret-exposure",
        "src/lib/team-admin.ts:4 no-secret-exposure",
      ],
    ],
    [
      "convex-vite",
      ["convex/http.ts:33 require-webhook-verification", "convex/messages.ts:20 protect-server-actions", "convex/users.ts:15 no-user-sync-outside-webhook"],
    ],
    [
      "react-router",
      [
        "app/components/header.tsx:1 no-legacy-api",
        "app/components/header.tsx:1 no-legacy-api",
        "app/routes/api.webhooks.organizations.ts:5 require-webhook-verification",
        "app/routes/dashboard.tsx:14 no-user-sync-outside-webhook",
      ],
    ],
    [
      "tanstack-start",
      [".env.example:5 no-secret-exposure", "src/lib/clerk-admin.ts:5 no-secret-exposure", "src/routes/api/export.ts:1 no-legacy-api", "src/server/habits.ts:31 protect-server-actions"],
    ],
    [
      "expo",
      [
        ".env.example:5 no-secret-exposure",
        "app/_layout.tsx:11 no-secret-exposure",
        "app/api/profile+api.ts:9 no-user-sync-outside-webhook",
        "lib/clerk-admin.ts:1 no-server-helpers-in-client",
        "lib/clerk-admin.ts:3 no-secret-exposure",
        "lib/clerk-admin.ts:3 no-secret-exposure",
      ],
    ],
    ["astro", [".env.example:5 no-secret-exposure", "src/lib/clerk-admin.ts:3 no-secret-exposure", "src/pages/api/webhooks/memberships.ts:5 require-webhook-verification", "src/pages/index.astro:3 no-legacy-api", "src/pages/index.astro:3 no-legacy-api"]],
  ])("reports exactly the expected findings of the whole catalog in %s", (name, expected) => {
    const app = path.join(APPS, name);
    const run = runCli(["check", app, "--format", "json"]);
    expect(findingsOf(run.stdout, app, undefined, true)).toEqual([...expected].sort());
    expect(run.status).toBe(1);
  });

  it.each([
    ["express-vite", ["server/routes/projects.ts:25 protect-route-handlers"]],
    ["convex-vite", []],
    ["react-router", ["app/routes/notes.$noteId.tsx:14 protect-route-handlers"]],
    ["tanstack-start", []],
    ["expo", ["app/api/workouts+api.ts:19 protect-route-handlers"]],
    // the .astro components add nothing under strict; the endpoints and middleware are
    ["astro", ["src/pages/api/bookmarks/[id].ts:5 protect-route-handlers"]],
  ])("the strict config adds exactly the expected findings in %s", async (name, extra) => {
    const app = path.join(APPS, name);
    // the components through the astro/vue processors, as the README's ESLint set-up does
    const eslint = new ESLint({ cwd: app, overrideConfigFile: true, overrideConfig: [plugin.configs.strict, plugin.configs.astro, plugin.configs.vue] as unknown as Linter.Config[] });
    const strict = await eslint.lintFiles(["**/*.{ts,tsx,astro,vue}"]);
    const found = strict.flatMap((r) => r.messages.map((m) => `${path.relative(app, r.filePath).split(path.sep).join("/")}:${m.line} ${(m.ruleId ?? "fatal").replace(/^clerk-guard\//, "")}`));
    const recommended = findingsOf(runCli(["check", app, "--format", "json"]).stdout, app).filter((f) => !f.startsWith(".env"));
    expect(found.sort()).toEqual([...recommended, ...extra].sort());
  });

  it("prints stylish output with docs links and exits 1", () => {
    const app = path.join(APPS, "ai-written");
    const run = runCli(["check", app]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("clerk-guard/require-webhook-verification");
    expect(run.stdout).toContain("rules/require-webhook-verification.md");
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
  });
});
