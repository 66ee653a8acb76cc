import type { TSESLint } from "@typescript-eslint/utils";
import type { Node } from "../analysis/ast.js";
import { getFacts } from "../analysis/file-facts.js";
import { isClerkSource } from "../analysis/imports.js";
import { type LegacyStatus, type LegacyTarget, type VersionContext, legacyStatus, usesCore3 } from "../analysis/legacy-api-table.js";
import { createRule } from "../util/create-rule.js";
import { type Report, importChecks } from "./no-legacy-api/checks.js";
import { usageChecks } from "./no-legacy-api/usage.js";

type MessageIds = "removed" | "deprecated" | "unsupported" | "suggestion";

const ENV_RE = /NEXT_PUBLIC_CLERK_AFTER_SIGN_(?:IN|UP)_URL/;

// ── Message data ────────────────────────────────────────────────────────────

function statusData(target: LegacyTarget, status: LegacyStatus, ctx: VersionContext): Record<string, string> {
  const major = ctx.major(target.pkg);
  // a removal inside a major names the exact version (`0.26.2`), never the bare major (`0`)
  const data: Record<string, string> = { pkg: target.pkg, removedIn: target.removedSince ?? String(target.removedIn ?? "") };
  if (status === "removed") {
    if (major !== target.removedIn) data.installed = `; this project uses ${major}`;
    else data.installed = target.removedSince === undefined ? ", the version this project uses" : `; this project uses a later ${major}.x`;
  }
  if (status === "deprecated") {
    if (target.core3) data.detail = "replaced in Clerk Core 3, which this project uses";
    else if (major === undefined) {
      data.detail = `since ${target.pkg} ${target.deprecatedIn}${target.removedIn !== undefined ? `, removed in ${target.removedIn}` : ""}; the installed version could not be determined`;
    } else {
      const since = target.deprecatedSince ?? String(target.deprecatedIn && target.deprecatedIn > 0 ? target.deprecatedIn : major);
      data.detail = `since ${target.pkg} ${since}; ${target.removedIn !== undefined ? `removed in ${target.removedIn}` : "it will be removed in a future major"}`;
    }
  }
  return data;
}

export default createRule<[], MessageIds>({
  name: "no-legacy-api",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow Clerk APIs that were removed or deprecated in the installed version",
      config: "recommended",
      severity: "high",
      versions: "per entry and package major (see the table)",
      frameworks: ["next", "express", "react-router", "remix", "tanstack-start", "expo", "astro", "nuxt", "vite", "vue"],
      fix: "Use the replacement named in the message (e.g. <Show when=\"signed-in\">, clerkMiddleware, fallbackRedirectUrl).",
      warnMessageIds: ["deprecated"],
    },
    fixable: "code",
    hasSuggestions: true,
    messages: {
      removed: "{{what}} was removed in {{pkg}} {{removedIn}}{{installed}}. {{replacement}}",
      deprecated: "{{what}} is deprecated ({{detail}}). {{replacement}}",
      unsupported: "{{what}}: this SDK reached end of life and Clerk no longer supports it. {{replacement}}",
      suggestion: "{{desc}}",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const clerkImports = facts.imports.sources.some(isClerkSource);
    const envGate =
      facts.project.isClerkProject && facts.textMatches(ENV_RE) && (facts.project.dependencies.has("@clerk/nextjs") || facts.major("@clerk/nextjs") !== undefined);
    // Nuxt server routes read the auth state Clerk's module puts on the event, without importing Clerk
    const nuxtGate = facts.stack.clerk.has("@clerk/nuxt") && facts.textMatches(/\.context\.auth\b/);
    if (!clerkImports && !envGate && !nuxtGate) return {};

    let core3: boolean | undefined;
    const ctx: VersionContext = {
      major: (pkg) => facts.major(pkg),
      version: (pkg) => facts.project.version(pkg),
      get core3() {
        core3 ??= usesCore3((pkg) => facts.major(pkg));
        return core3;
      },
    };

    /** Report a legacy API at `node` with the status the installed version gives it; false when it is current there. */
    const report: Report = (node: Node, hit, what, extra) => {
      const status = legacyStatus(hit.target, ctx);
      if (!status) return false;
      const replacement = hit.target.replacement ?? hit.entry.replacement;
      context.report({
        node,
        messageId: status,
        data: { what, replacement, ...statusData(hit.target, status, ctx) },
        ...(extra?.fix ? { fix: extra.fix } : {}),
        ...(extra?.suggest?.length ? { suggest: extra.suggest.map((s) => ({ messageId: "suggestion" as const, data: { desc: s.desc }, fix: s.fix })) } : {}),
      });
      return true;
    };
    const checks = { ...importChecks(facts, context.sourceCode, report), ...usageChecks(facts, context.sourceCode, ctx, report) };

    const listeners: TSESLint.RuleListener = {};
    if (clerkImports) {
      listeners.Program = (program) => {
        const packageReported = checks.checkPackages(program);
        checks.checkExports(program, packageReported);
        checks.checkProps();
        checks.checkHooks();
      };
      if (facts.textMatches(/\bupdateUser\b/)) listeners.CallExpression = (call) => checks.checkUpdateUser(call);
      if (facts.imports.sources.includes("@clerk/express") && facts.textMatches(/\.auth\b/)) listeners.MemberExpression = (member) => checks.checkReqAuth(member);
    }
    if (envGate) listeners["Program:exit"] = () => checks.checkEnv();
    if (nuxtGate) {
      const previous = listeners.MemberExpression;
      listeners.MemberExpression = (member) => {
        previous?.(member);
        checks.checkNuxtContextAuth(member);
      };
    }
    return listeners;
  },
});
