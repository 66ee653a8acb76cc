/**
 * The data behind `no-legacy-api`: Clerk APIs that were removed or deprecated,
 * per package major. One row per API; the rule reads only this table to decide
 * what to report and how severely, and rules/no-legacy-api.md embeds
 * `renderLegacyTable()` (a test keeps the two in sync).
 *
 * Facts: shared/research/clerk-api.md §0, §1 ("Removed or deprecated in each
 * major"), §3, §5, §9, checked against the shipped @clerk/nextjs 7.9.17,
 * @clerk/backend 3 and @clerk/express 2 typings where they are installed.
 */
import { splitPackage } from "./imports.js";
import { CURRENT_MAJORS, compareVersions } from "./project-info.js";

/**
 * - `export`: importing a named export (report at the import specifier);
 * - `package`: importing anything from a package (report at the module specifier);
 * - `jsx-prop`: a prop on a Clerk component (the element must resolve to the Clerk import);
 * - `env`: reading an environment variable in code (`process.env.NAME`);
 * - `call`: a call or usage shape (`useSignIn()` read as `{ isLoaded }`, `updateUser(id, { publicMetadata })`, `req.auth.userId`).
 */
export type LegacyKind = "export" | "package" | "jsx-prop" | "env" | "call";

/** `fix`: a safe autofix; `suggest`: an editor suggestion only; `none`: the message says what to do. */
export type LegacyFix = "fix" | "suggest" | "none";

export type LegacyStatus = "removed" | "deprecated" | "unsupported";

export interface LegacyTarget {
  /** Module specifiers the API comes from (for `package` entries: the package itself; empty for `env`). */
  sources: readonly string[];
  /** The package whose installed major decides the status. */
  pkg: string;
  /** First major in which it is deprecated (undefined: never deprecated before removal). */
  deprecatedIn?: number;
  /** First major in which it is removed (undefined: not removed yet). */
  removedIn?: number;
  /** The exact release of a deprecation made in a minor version: an earlier installed version of that major stays silent. */
  deprecatedSince?: string;
  /**
   * The exact release of a removal made inside a major (0.x lines): an earlier installed version of that
   * major is current, and an unknown one keeps the check silent.
   */
  removedSince?: string;
  /** End of life: reported whatever the version. */
  unsupported?: true;
  /** A package renamed or deprecated in Core 3: deprecated as soon as the project uses a Core 3 SDK. */
  core3?: true;
  /** Replaces the entry's replacement text for this package. */
  replacement?: string;
}

export interface LegacyEntry {
  /** Stable id (docs anchor and tests). */
  id: string;
  kind: LegacyKind;
  /** Export names, prop names, environment variables, package names, or hook/method names (`call`). */
  names: readonly string[];
  /** `jsx-prop`: the Clerk components (export names) the prop is legacy on. */
  components?: readonly string[];
  /** `call`: the usage shape in words (docs and messages). */
  shape?: string;
  targets: readonly LegacyTarget[];
  /** What to write instead (plain text with `code`; ends with a period). */
  replacement: string;
  fix: LegacyFix;
  /** `jsx-prop` renames (one name: fix; two names: suggestion); `export`: the component that replaces it. */
  renameTo?: readonly string[];
  /** `export` entries fixed to `<Show when="…">`. */
  showWhen?: "signed-in" | "signed-out";
  /** `call` entries: which usage-shape check finds them. */
  check?: "core2-hook-result" | "update-user-metadata" | "req-auth-object" | "nuxt-context-auth-object";
  /** `package` entries: where to import from instead, for the first rule that matches the project. */
  importInstead?: ReadonlyArray<{ pkg: string; minMajor?: number; to: string }>;
}

/** Core 3 majors (2026-03-03): a project depending on any of these is on Core 3. */
export const CORE3_MAJORS: Readonly<Record<string, number>> = {
  "@clerk/nextjs": 7,
  "@clerk/react": 6,
  "@clerk/expo": 3,
  "@clerk/react-router": 3,
  "@clerk/tanstack-react-start": 1,
  "@clerk/astro": 3,
  "@clerk/nuxt": 2,
  "@clerk/vue": 2,
  "@clerk/express": 2,
  "@clerk/backend": 3,
};

/** The control components Core 3 removed, per SDK entry. Never deprecated first: current until removed. */
const CONTROL_COMPONENTS: readonly LegacyTarget[] = [
  { sources: ["@clerk/nextjs"], pkg: "@clerk/nextjs", removedIn: 7 },
  { sources: ["@clerk/react"], pkg: "@clerk/react", removedIn: 6 },
  { sources: ["@clerk/react-router"], pkg: "@clerk/react-router", removedIn: 3 },
  { sources: ["@clerk/tanstack-react-start"], pkg: "@clerk/tanstack-react-start", removedIn: 1 },
  { sources: ["@clerk/expo"], pkg: "@clerk/expo", removedIn: 3 },
  { sources: ["@clerk/astro/react"], pkg: "@clerk/astro", removedIn: 3 },
  // imported in a component's frontmatter or script, used in its template
  { sources: ["@clerk/astro/components"], pkg: "@clerk/astro", removedIn: 3 },
  { sources: ["@clerk/vue"], pkg: "@clerk/vue", removedIn: 2 },
  { sources: ["@clerk/nuxt/components"], pkg: "@clerk/nuxt", removedIn: 2 },
];

/** Redirect and organization props deprecated in Core 2 (v5 typings) and removed in Core 3. */
const CORE2_PROPS: readonly LegacyTarget[] = [
  { sources: ["@clerk/nextjs"], pkg: "@clerk/nextjs", deprecatedIn: 5, removedIn: 7 },
  { sources: ["@clerk/clerk-react"], pkg: "@clerk/clerk-react", deprecatedIn: 5 },
  { sources: ["@clerk/react"], pkg: "@clerk/react", removedIn: 6 },
  { sources: ["@clerk/react-router"], pkg: "@clerk/react-router", deprecatedIn: 0, removedIn: 3 },
  { sources: ["@clerk/tanstack-react-start"], pkg: "@clerk/tanstack-react-start", deprecatedIn: 0, removedIn: 1 },
  { sources: ["@clerk/remix"], pkg: "@clerk/remix", deprecatedIn: 4 },
  { sources: ["@clerk/clerk-expo"], pkg: "@clerk/clerk-expo", deprecatedIn: 1 },
  { sources: ["@clerk/expo"], pkg: "@clerk/expo", removedIn: 3 },
];

const NEXT_ENTRIES = ["@clerk/nextjs", "@clerk/nextjs/server"];

/** Clerk backend clients whose `users.updateUser()` metadata params Core 3 deprecated. */
const CORE3_BACKEND_CLIENTS: readonly LegacyTarget[] = [
  { sources: ["@clerk/nextjs/server"], pkg: "@clerk/nextjs", deprecatedIn: 7 },
  { sources: ["@clerk/backend"], pkg: "@clerk/backend", deprecatedIn: 3 },
  { sources: ["@clerk/express"], pkg: "@clerk/express", deprecatedIn: 2 },
  { sources: ["@clerk/react-router/server"], pkg: "@clerk/react-router", deprecatedIn: 3 },
  { sources: ["@clerk/tanstack-react-start/server"], pkg: "@clerk/tanstack-react-start", deprecatedIn: 1 },
  { sources: ["@clerk/astro/server"], pkg: "@clerk/astro", deprecatedIn: 3 },
  { sources: ["@clerk/nuxt/server"], pkg: "@clerk/nuxt", deprecatedIn: 2 },
];

function prop(id: string, components: readonly string[], name: string, replacement: string, fix: LegacyFix, renameTo?: readonly string[]): LegacyEntry {
  return { id, kind: "jsx-prop", names: [name], components, targets: CORE2_PROPS, replacement, fix, ...(renameTo ? { renameTo } : {}) };
}

export const LEGACY_API: readonly LegacyEntry[] = [
  // ── Middleware and server helpers ───────────────────────────────────────
  {
    id: "auth-middleware",
    kind: "export",
    names: ["authMiddleware"],
    targets: [{ sources: NEXT_ENTRIES, pkg: "@clerk/nextjs", deprecatedIn: 5, removedIn: 6 }],
    replacement: "Use `clerkMiddleware()` from \"@clerk/nextjs/server\" and protect each page, route handler and Server Function with `await auth.protect()`.",
    fix: "none",
  },
  {
    id: "with-clerk-middleware",
    kind: "export",
    names: ["withClerkMiddleware"],
    targets: [{ sources: NEXT_ENTRIES, pkg: "@clerk/nextjs", deprecatedIn: 4, removedIn: 5 }],
    replacement: "Use `clerkMiddleware()` from \"@clerk/nextjs/server\".",
    fix: "none",
  },
  {
    id: "redirect-to-sign-in-import",
    kind: "export",
    names: ["redirectToSignIn", "redirectToSignUp"],
    targets: [{ sources: NEXT_ENTRIES, pkg: "@clerk/nextjs", deprecatedIn: 5, removedIn: 6 }],
    replacement:
      "Use the method of the auth object: `const { redirectToSignIn } = await auth()` on the server (or the `auth` argument of `clerkMiddleware`), `useClerk().redirectToSignIn()` in the browser.",
    fix: "none",
  },
  {
    id: "create-route-matcher",
    kind: "export",
    names: ["createRouteMatcher"],
    targets: [
      { sources: ["@clerk/nextjs/server"], pkg: "@clerk/nextjs", deprecatedIn: 7, deprecatedSince: "7.5.14" },
      {
        sources: ["@clerk/astro/server"],
        pkg: "@clerk/astro",
        removedIn: 4,
        replacement: "Keep `clerkMiddleware()` and check `Astro.locals.auth()` in each page and endpoint that reads protected data.",
      },
      {
        sources: ["@clerk/nuxt/server"],
        pkg: "@clerk/nuxt",
        removedIn: 3,
        replacement: "Keep `clerkMiddleware()` and check `event.context.auth()` in each server route that reads protected data.",
      },
    ],
    replacement:
      "Keep `clerkMiddleware()` (it is still required) and check access where the data is read: `await auth.protect()`, or an early return on `!userId`, in each page, route handler and Server Function.",
    fix: "none",
  },
  // ── Control components (Core 3) ─────────────────────────────────────────
  {
    id: "signed-in",
    kind: "export",
    names: ["SignedIn"],
    targets: CONTROL_COMPONENTS,
    replacement: "Use `<Show when=\"signed-in\">` (same `fallback` prop).",
    fix: "fix",
    renameTo: ["Show"],
    showWhen: "signed-in",
  },
  {
    id: "signed-out",
    kind: "export",
    names: ["SignedOut"],
    targets: CONTROL_COMPONENTS,
    replacement: "Use `<Show when=\"signed-out\">` (same `fallback` prop).",
    fix: "fix",
    renameTo: ["Show"],
    showWhen: "signed-out",
  },
  {
    id: "protect-component",
    kind: "export",
    names: ["Protect"],
    targets: CONTROL_COMPONENTS,
    replacement:
      "Use `<Show when={{ role | permission | feature | plan: … }}>` or `<Show when={(has) => …}>` (same `fallback` prop); it only hides UI, so check `has()` or `auth.protect()` on the server too.",
    fix: "suggest",
    renameTo: ["Show"],
  },
  // ── Redirect and organization props (deprecated in Core 2, removed in Core 3) ──
  prop("sign-in-after-sign-in-url", ["SignIn"], "afterSignInUrl", "Use `fallbackRedirectUrl` (or `forceRedirectUrl`).", "fix", ["fallbackRedirectUrl"]),
  prop("sign-in-after-sign-up-url", ["SignIn"], "afterSignUpUrl", "Use `signUpFallbackRedirectUrl` (or `signUpForceRedirectUrl`).", "fix", ["signUpFallbackRedirectUrl"]),
  prop("sign-in-redirect-url", ["SignIn"], "redirectUrl", "Use `fallbackRedirectUrl` (or `forceRedirectUrl`).", "fix", ["fallbackRedirectUrl"]),
  prop("sign-up-after-sign-in-url", ["SignUp"], "afterSignInUrl", "Use `signInFallbackRedirectUrl` (or `signInForceRedirectUrl`).", "fix", ["signInFallbackRedirectUrl"]),
  prop("sign-up-after-sign-up-url", ["SignUp"], "afterSignUpUrl", "Use `fallbackRedirectUrl` (or `forceRedirectUrl`).", "fix", ["fallbackRedirectUrl"]),
  prop("sign-up-redirect-url", ["SignUp"], "redirectUrl", "Use `fallbackRedirectUrl` (or `forceRedirectUrl`).", "fix", ["fallbackRedirectUrl"]),
  prop("provider-after-sign-in-url", ["ClerkProvider"], "afterSignInUrl", "Use `signInFallbackRedirectUrl` (or `signInForceRedirectUrl`).", "fix", ["signInFallbackRedirectUrl"]),
  prop("provider-after-sign-up-url", ["ClerkProvider"], "afterSignUpUrl", "Use `signUpFallbackRedirectUrl` (or `signUpForceRedirectUrl`).", "fix", ["signUpFallbackRedirectUrl"]),
  prop(
    "provider-redirect-url",
    ["ClerkProvider"],
    "redirectUrl",
    "Use `signInFallbackRedirectUrl` and `signUpFallbackRedirectUrl`.",
    "suggest",
    ["signInFallbackRedirectUrl", "signUpFallbackRedirectUrl"],
  ),
  prop(
    "user-button-after-sign-out-url",
    ["UserButton"],
    "afterSignOutUrl",
    "Set `afterSignOutUrl` on `<ClerkProvider>` instead (or use `<SignOutButton redirectUrl>` / `signOut({ redirectUrl })`).",
    "none",
  ),
  prop(
    "user-button-multi-session-sign-out-url",
    ["UserButton"],
    "afterMultiSessionSingleSignOutUrl",
    "Set `afterSignOutUrl` on `<ClerkProvider>` instead.",
    "none",
  ),
  prop(
    "organization-switcher-after-switch-url",
    ["OrganizationSwitcher"],
    "afterSwitchOrganizationUrl",
    "Use `afterSelectOrganizationUrl`.",
    "fix",
    ["afterSelectOrganizationUrl"],
  ),
  prop(
    "hide-slug",
    ["CreateOrganization", "OrganizationSwitcher", "OrganizationList"],
    "hideSlug",
    "Remove it: the slug field is configured in the Clerk Dashboard (Organizations settings).",
    "suggest",
    [],
  ),
  // ── Environment variables ──────────────────────────────────────────────
  {
    id: "after-sign-in-url-env",
    kind: "env",
    names: ["NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL"],
    targets: [{ sources: [], pkg: "@clerk/nextjs", deprecatedIn: 5, removedIn: 7 }],
    replacement: "@clerk/nextjs 7 no longer reads it: use `NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL` (or `…_SIGN_IN_FORCE_REDIRECT_URL`).",
    fix: "none",
  },
  {
    id: "after-sign-up-url-env",
    kind: "env",
    names: ["NEXT_PUBLIC_CLERK_AFTER_SIGN_UP_URL"],
    targets: [{ sources: [], pkg: "@clerk/nextjs", deprecatedIn: 5, removedIn: 7 }],
    replacement: "@clerk/nextjs 7 no longer reads it: use `NEXT_PUBLIC_CLERK_SIGN_UP_FALLBACK_REDIRECT_URL` (or `…_SIGN_UP_FORCE_REDIRECT_URL`).",
    fix: "none",
  },
  // ── Core 3 call shapes ─────────────────────────────────────────────────
  {
    id: "legacy-sign-in-hooks",
    kind: "call",
    names: ["useSignIn", "useSignUp"],
    shape: "the Core 2 result `{ isLoaded, setActive }` read from the root entry",
    targets: [
      { sources: ["@clerk/nextjs"], pkg: "@clerk/nextjs", removedIn: 7 },
      { sources: ["@clerk/react"], pkg: "@clerk/react", removedIn: 6 },
    ],
    replacement:
      "Import the hook from the `/legacy` entry (e.g. \"@clerk/nextjs/legacy\") to keep this code, or move to the Core 3 API: `const { signIn, errors, fetchStatus } = useSignIn()`.",
    fix: "suggest",
    check: "core2-hook-result",
  },
  {
    id: "update-user-metadata",
    kind: "call",
    names: ["updateUser"],
    shape: "`users.updateUser(id, { publicMetadata | privateMetadata | unsafeMetadata })` on a Clerk backend client",
    targets: CORE3_BACKEND_CLIENTS,
    replacement: "Use `users.updateUserMetadata(id, { … })` (deep merge) or `users.replaceUserMetadata(id, { … })` (full replacement).",
    fix: "none",
    check: "update-user-metadata",
  },
  {
    id: "express-req-auth-object",
    kind: "call",
    names: ["req.auth"],
    shape: "`req.auth` used as an object (`req.auth.userId`, `const { userId } = req.auth`) in a file that imports @clerk/express",
    // `req.auth()` (the function form) first shipped in 1.5.0; before it the object is the only form (clerk-api.md, facts added 2026-12-06)
    targets: [{ sources: ["@clerk/express"], pkg: "@clerk/express", deprecatedIn: 1, deprecatedSince: "1.5.0", removedIn: 2 }],
    replacement: "`req.auth` is a function now: use `getAuth(req)` from \"@clerk/express\".",
    fix: "none",
    check: "req-auth-object",
  },
  {
    id: "nuxt-context-auth-object",
    kind: "call",
    names: ["event.context.auth"],
    shape: "`event.context.auth` read as an object (`event.context.auth.userId`, `const { userId } = event.context.auth`) in a project that uses @clerk/nuxt",
    // a callable Proxy that warns from 1.8.7 (1.7.4 sets a plain object); a plain function from 2.0.0, whose properties are undefined
    targets: [{ sources: ["@clerk/nuxt"], pkg: "@clerk/nuxt", deprecatedIn: 1, deprecatedSince: "1.8.7", removedIn: 2 }],
    replacement: "`event.context.auth` is a function: call `event.context.auth()` and read `userId` from its result.",
    fix: "none",
    check: "nuxt-context-auth-object",
  },
  // ── Other SDKs' server helpers ─────────────────────────────────────────
  {
    id: "express-require-auth",
    kind: "export",
    names: ["requireAuth"],
    // `@deprecated` in @clerk/express 2.1.0's declarations (absent in 2.0.1): it redirects to sign-in instead of answering 401
    targets: [{ sources: ["@clerk/express"], pkg: "@clerk/express", deprecatedIn: 2, deprecatedSince: "2.1.0" }],
    replacement: "Mount `clerkMiddleware()` and answer 401 yourself when `getAuth(req).isAuthenticated` is false (requireAuth() redirects API callers to a sign-in page).",
    fix: "none",
  },
  {
    id: "tanstack-get-auth",
    kind: "export",
    names: ["getAuth", "createClerkHandler"],
    // exported by 0.25.3's /server entry, gone from 0.26.2 (auth() and clerkMiddleware() replace them)
    targets: [{ sources: ["@clerk/tanstack-react-start/server"], pkg: "@clerk/tanstack-react-start", removedIn: 0, removedSince: "0.26.2" }],
    replacement: "Use `await auth()` from \"@clerk/tanstack-react-start/server\" (it takes no request) and `clerkMiddleware()` in `src/start.ts` (`createStart(() => ({ requestMiddleware: [clerkMiddleware()] }))`) instead of `createClerkHandler`.",
    fix: "none",
  },
  {
    id: "nuxt-get-auth",
    kind: "export",
    names: ["getAuth"],
    // `@deprecated` from 1.8.7 ("Use `event.context.auth()` instead."), no longer exported by 2.0.2
    targets: [{ sources: ["@clerk/nuxt/server"], pkg: "@clerk/nuxt", deprecatedIn: 1, deprecatedSince: "1.8.7", removedIn: 2 }],
    replacement: "Call `event.context.auth()` in the event handler.",
    fix: "none",
  },
  // ── Packages ───────────────────────────────────────────────────────────
  {
    id: "clerk-sdk-node",
    kind: "package",
    names: ["@clerk/clerk-sdk-node"],
    targets: [{ sources: ["@clerk/clerk-sdk-node"], pkg: "@clerk/clerk-sdk-node", unsupported: true }],
    replacement: "Migrate to \"@clerk/express\": `app.use(clerkMiddleware())`, `getAuth(req)`, and its `clerkClient` (or `createClerkClient()` from \"@clerk/backend\").",
    fix: "none",
  },
  {
    id: "clerk-express-require-auth",
    kind: "export",
    names: ["ClerkExpressRequireAuth"],
    targets: [{ sources: ["@clerk/clerk-sdk-node"], pkg: "@clerk/clerk-sdk-node", unsupported: true }],
    replacement:
      "Use `app.use(clerkMiddleware())` from \"@clerk/express\" and answer 401 yourself when `getAuth(req).isAuthenticated` is false (its `requireAuth()` is deprecated too: it redirects instead).",
    fix: "none",
  },
  {
    id: "clerk-express-with-auth",
    kind: "export",
    names: ["ClerkExpressWithAuth"],
    targets: [{ sources: ["@clerk/clerk-sdk-node"], pkg: "@clerk/clerk-sdk-node", unsupported: true }],
    replacement: "Use `app.use(clerkMiddleware())` from \"@clerk/express\" and read `getAuth(req)`.",
    fix: "none",
  },
  {
    id: "clerk-react-package",
    kind: "package",
    names: ["@clerk/clerk-react"],
    targets: [{ sources: ["@clerk/clerk-react"], pkg: "@clerk/clerk-react", core3: true }],
    replacement: "Import from \"@clerk/react\", its Core 3 name.",
    fix: "suggest",
    importInstead: [{ pkg: "@clerk/react", minMajor: 6, to: "@clerk/react" }],
  },
  {
    id: "clerk-expo-package",
    kind: "package",
    names: ["@clerk/clerk-expo"],
    targets: [{ sources: ["@clerk/clerk-expo"], pkg: "@clerk/clerk-expo", core3: true }],
    replacement: "Import from \"@clerk/expo\", its Core 3 name.",
    fix: "suggest",
    importInstead: [{ pkg: "@clerk/expo", minMajor: 3, to: "@clerk/expo" }],
  },
  {
    id: "clerk-types-package",
    kind: "package",
    names: ["@clerk/types"],
    targets: [{ sources: ["@clerk/types"], pkg: "@clerk/types", core3: true }],
    replacement: "Import the types from your SDK's `/types` entry (e.g. \"@clerk/nextjs/types\") or from \"@clerk/shared/types\".",
    fix: "suggest",
    importInstead: [
      { pkg: "@clerk/nextjs", minMajor: 7, to: "@clerk/nextjs/types" },
      { pkg: "@clerk/react", minMajor: 6, to: "@clerk/react/types" },
      { pkg: "@clerk/shared", to: "@clerk/shared/types" },
    ],
  },
];

/** What the project looks like to the table: installed majors and whether it is on Core 3. */
export interface VersionContext {
  major(pkg: string): number | undefined;
  /** Installed "x.y.z" when known (lockfile, or the range's lower bound); for entries deprecated in a minor. */
  version?(pkg: string): string | undefined;
  /** The project depends on a Core 3 SDK (known versions only). */
  core3: boolean;
}

export function usesCore3(major: (pkg: string) => number | undefined): boolean {
  return Object.entries(CORE3_MAJORS).some(([pkg, m]) => {
    const installed = major(pkg);
    return installed !== undefined && installed >= m;
  });
}

/**
 * The status of a target for the installed version.
 * - removed: installed major >= removedIn;
 * - deprecated: installed major >= deprecatedIn;
 * - unknown major: deprecated at most, and only when it has been deprecated
 *   before the current major (every line in use warns about it); otherwise silent.
 */
export function legacyStatus(target: LegacyTarget, ctx: VersionContext): LegacyStatus | undefined {
  if (target.unsupported) return "unsupported";
  if (target.core3) return ctx.core3 ? "deprecated" : undefined;
  const major = ctx.major(target.pkg);
  if (major === undefined) {
    const current = CURRENT_MAJORS[target.pkg];
    return target.deprecatedIn !== undefined && current !== undefined && target.deprecatedIn < current ? "deprecated" : undefined;
  }
  if (target.removedIn !== undefined && major >= target.removedIn) {
    if (target.removedSince === undefined || major > target.removedIn) return "removed";
    const installed = ctx.version?.(target.pkg);
    if (installed === undefined) return undefined;
    if (compareVersions(installed, target.removedSince) >= 0) return "removed";
  }
  if (target.deprecatedIn !== undefined && major >= target.deprecatedIn) {
    // deprecated in a minor (createRouteMatcher in 7.5.14): silent on an earlier 7.x the project is known to use
    if (target.deprecatedSince !== undefined && major === target.deprecatedIn) {
      const installed = ctx.version?.(target.pkg);
      if (installed !== undefined && compareVersions(installed, target.deprecatedSince) < 0) return undefined;
    }
    return "deprecated";
  }
  return undefined;
}

// ── Lookups (built once) ──────────────────────────────────────────────────

export interface LegacyHit {
  entry: LegacyEntry;
  target: LegacyTarget;
}

const EXPORTS = new Map<string, Map<string, LegacyHit>>();
const PACKAGES = new Map<string, LegacyHit>();
const PROPS = new Map<string, Map<string, Map<string, LegacyHit>>>();
const ENV = new Map<string, LegacyEntry>();
const CHECKS = new Map<string, LegacyEntry>();

for (const entry of LEGACY_API) {
  for (const target of entry.targets) {
    for (const source of target.sources) {
      if (entry.kind === "export") {
        const byName = EXPORTS.get(source) ?? new Map<string, LegacyHit>();
        for (const name of entry.names) byName.set(name, { entry, target });
        EXPORTS.set(source, byName);
      } else if (entry.kind === "package") {
        PACKAGES.set(source, { entry, target });
      } else if (entry.kind === "jsx-prop") {
        const byComponent = PROPS.get(source) ?? new Map<string, Map<string, LegacyHit>>();
        for (const component of entry.components ?? []) {
          const byProp = byComponent.get(component) ?? new Map<string, LegacyHit>();
          for (const name of entry.names) byProp.set(name, { entry, target });
          byComponent.set(component, byProp);
        }
        PROPS.set(source, byComponent);
      }
    }
  }
  if (entry.kind === "env") for (const name of entry.names) ENV.set(name, entry);
  if (entry.check) CHECKS.set(entry.check, entry);
}

/** Legacy exports of a module specifier, by export name. */
export function legacyExportsOf(source: string): ReadonlyMap<string, LegacyHit> | undefined {
  return EXPORTS.get(source);
}

/**
 * The legacy entry for importing anything from this specifier (a renamed or retired package),
 * its subpaths included: `@clerk/clerk-expo/token-cache` is the old package as much as its root.
 */
export function legacyPackage(source: string): LegacyHit | undefined {
  const hit = PACKAGES.get(source);
  if (hit) return hit;
  const sp = splitPackage(source);
  return sp && sp.entry !== "" ? PACKAGES.get(sp.pkg) : undefined;
}

/** Legacy props of the components a specifier exports: component → prop → hit. */
export function legacyPropsOf(source: string): ReadonlyMap<string, ReadonlyMap<string, LegacyHit>> | undefined {
  return PROPS.get(source);
}

export function legacyEnvVar(name: string): LegacyEntry | undefined {
  return ENV.get(name);
}

/** The entry a usage-shape check reports. */
export function legacyCheck(check: NonNullable<LegacyEntry["check"]>): LegacyEntry {
  return CHECKS.get(check)!;
}
