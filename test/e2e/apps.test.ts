/**
 * End to end: the built CLI on the fixture apps, asserting the exact findings.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
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

  it("prints stylish output with docs links and exits 1", () => {
    const app = path.join(APPS, "ai-written");
    const run = runCli(["check", app]);
    expect(run.status).toBe(1);
    expect(run.stdout).toContain("clerk-guard/require-webhook-verification");
    expect(run.stdout).toContain("rules/require-webhook-verification.md");
    expect(run.stdout).toMatch(/✖ \d+ problems \(\d+ errors?, \d+ warnings?\)/);
  });
});
