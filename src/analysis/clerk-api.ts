/**
 * What the Clerk SDKs export, as far as the rules need to know. Facts from
 * the research notes (shared/research/clerk-api.md), kept in one table.
 */
import { splitPackage } from "./imports.js";
import type { Stack } from "./stack.js";

/** Packages whose root entry exports React components and hooks. */
export const CLERK_REACT_PACKAGES = new Set([
  "@clerk/nextjs",
  "@clerk/react",
  "@clerk/clerk-react",
  "@clerk/remix",
  "@clerk/react-router",
  "@clerk/tanstack-react-start",
  "@clerk/expo",
  "@clerk/clerk-expo",
  "@clerk/chrome-extension",
  "@clerk/astro",
  "@clerk/vue",
  "@clerk/nuxt",
]);

/** A client-side Clerk entry: root, `/legacy`, `/experimental`, `/internal`, `/errors` of a React SDK. */
export function isClerkClientEntry(source: string): boolean {
  const sp = splitPackage(source);
  if (!sp || !CLERK_REACT_PACKAGES.has(sp.pkg)) return false;
  return sp.entry === "" || sp.entry === "legacy" || sp.entry === "experimental" || sp.entry === "internal" || sp.entry === "components";
}

export const CLERK_PROVIDER_NAMES = new Set(["ClerkProvider"]);

/**
 * Higher-order components that wrap the app in `<ClerkProvider>`: `export default ClerkApp(App)`
 * in a Remix root (`@clerk/remix`, and `@clerk/react-router` before 3, which removed it).
 */
export const CLERK_PROVIDER_WRAPPERS = new Set(["ClerkApp"]);

/** Exports that need `<ClerkProvider>` above them when rendered or called. */
export function needsProvider(exportName: string): boolean {
  if (exportName === "ClerkProvider") return false;
  if (/^use[A-Z]/.test(exportName)) return true;
  // Components are PascalCase; exclude error helpers and constants.
  return /^[A-Z][A-Za-z]+$/.test(exportName) && !/Error|ErrorCode|Status$/.test(exportName);
}

/** Clerk entry points that are server-only. */
export const NEXT_SERVER = "@clerk/nextjs/server";

export const CLERK_EVENT_RE =
  /^(user|session|organization|organizationMembership|organizationInvitation|organizationDomain|email|sms|role|permission|waitlistEntry)\.(created|updated|deleted|ended|removed|revoked|pending|accepted|active)$/;

/** The `/webhooks` entry (with `verifyWebhook`) of each stack's Clerk SDK; `@clerk/backend/webhooks` serves the others. */
export function webhooksEntry(clerk: ReadonlySet<string>): string {
  for (const pkg of ["@clerk/nextjs", "@clerk/express", "@clerk/fastify", "@clerk/hono", "@clerk/react-router", "@clerk/tanstack-react-start", "@clerk/astro", "@clerk/nuxt"]) {
    if (clerk.has(pkg)) return `${pkg}/webhooks`;
  }
  return "@clerk/backend/webhooks";
}

/** How server code of a stack reads the signed-in user, for messages. */
export function callerReadFor(stack: Stack): string {
  const fw = stack.frameworks;
  if (fw.has("next") || stack.next) return "`const { userId } = await auth()`";
  if (fw.has("hono")) return "`getAuth(c)`";
  if (fw.has("react-router") || fw.has("remix")) return "`await getAuth(args)`";
  if (fw.has("tanstack-start")) return "`await auth()`";
  if (fw.has("astro")) return "`locals.auth()`";
  if (fw.has("nuxt")) return "`event.context.auth()`";
  return "`getAuth(req)`";
}

/** How an endpoint of each kind reads its caller, for messages. */
export function authRecipe(kind: string, framework?: string): string {
  switch (kind) {
    case "server-route":
      return framework === "hono" ? "`const auth = getAuth(c)` (@hono/clerk-auth) and return 401 when `auth?.userId` is null" : "`const { userId } = getAuth(req)` and answer 401 when `userId` is null";
    case "loader":
    case "action":
      return "`const { userId } = await getAuth(args)` (\"@clerk/react-router/server\") and return a 401 (or redirect) when `userId` is null";
    case "server-function":
    case "file-route-handler":
      return "`const { userId } = await auth()` (\"@clerk/tanstack-react-start/server\") and throw or return 401 when `userId` is null";
    case "astro-endpoint":
      return "`const { userId } = locals.auth()` and return 401 when `userId` is null";
    case "nuxt-handler":
      return "`const { userId } = event.context.auth()` and throw a 401 `createError` when `userId` is null";
    case "expo-api":
      return "verify the session token the app sends (`verifyToken()` or `authenticateRequest()` from \"@clerk/backend\") and return 401 without one";
    case "convex-function":
      return "`const identity = await ctx.auth.getUserIdentity()` and throw when it is null";
    default:
      return "read the signed-in user with Clerk and stop when there is none";
  }
}

/** Types that only a Clerk webhook handler imports. */
export const CLERK_WEBHOOK_TYPES = new Set([
  "WebhookEvent",
  "UserJSON",
  "UserWebhookEvent",
  "OrganizationJSON",
  "OrganizationMembershipJSON",
  "SessionJSON",
  "DeletedObjectJSON",
  "WebhookEventType",
]);

// ── Next.js server entry points and helpers ─────────────────────────────

/** Where Next's server helpers come from: `/server` (v5+) and the root (v4 exported them there). */
export const NEXT_SERVER_SOURCES: ReadonlySet<string> = new Set([NEXT_SERVER, "@clerk/nextjs"]);

/** Request-bound helpers that need clerkMiddleware() to have run. */
export const REQUEST_AUTH_HELPERS: ReadonlySet<string> = new Set(["auth", "currentUser", "getAuth"]);

/** Middleware factories of @clerk/nextjs, with the major that removed each. */
export const MIDDLEWARE_APIS: Readonly<Record<"clerkMiddleware" | "authMiddleware" | "withClerkMiddleware", { removedIn?: number }>> = {
  clerkMiddleware: {},
  // deprecated in v5, removed in v6 (clerk-api.md §3)
  authMiddleware: { removedIn: 6 },
  // the v4 edge helper, removed in v5
  withClerkMiddleware: { removedIn: 5 },
};
export type MiddlewareApi = keyof typeof MIDDLEWARE_APIS;

/** Options of `authMiddleware` that `clerkMiddleware` does not take (it ignores them: every route stays public). */
export const AUTH_MIDDLEWARE_ONLY_OPTIONS: ReadonlySet<string> = new Set([
  "publicRoutes",
  "ignoredRoutes",
  "apiRoutes",
  "afterAuth",
  "beforeAuth",
  "default",
]);

/** `createRouteMatcher` builds a request predicate from route patterns. */
export const ROUTE_MATCHER = "createRouteMatcher";

/**
 * Server helpers the v4 root entry exported and that moved to `@clerk/nextjs/server`
 * in v5 (the root no longer exports them). `authMiddleware` moved too, but only for v5:
 * it was removed in v6.
 */
export const NEXT_SERVER_HELPERS_MOVED_IN_V5: ReadonlySet<string> = new Set([
  "auth",
  "currentUser",
  "clerkClient",
  "clerkMiddleware",
  "getAuth",
  "createRouteMatcher",
  "buildClerkProps",
  "verifyToken",
  "createClerkClient",
]);
export const NEXT_V5_ONLY_SERVER_HELPERS: ReadonlySet<string> = new Set(["authMiddleware"]);

/** Auth accessors of other SDKs that return a Promise in every version that has them. */
export const ALWAYS_ASYNC_AUTH: ReadonlyArray<{ sources: readonly string[]; exports: readonly string[]; pkg: string }> = [
  { sources: ["@clerk/tanstack-react-start/server"], exports: ["auth"], pkg: "@clerk/tanstack-react-start" },
  { sources: ["@clerk/react-router/server", "@clerk/react-router/ssr.server"], exports: ["getAuth"], pkg: "@clerk/react-router" },
  { sources: ["@clerk/remix/ssr.server"], exports: ["getAuth"], pkg: "@clerk/remix" },
];

/** @clerk/nextjs majors from which `auth()` and `clerkClient()` return Promises. */
export const NEXT_ASYNC_AUTH_SINCE = 6;
