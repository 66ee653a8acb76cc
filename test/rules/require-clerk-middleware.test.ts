import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/require-clerk-middleware.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

/** A file of one of the mw-* fixture projects (real files on disk: package.json, next.config, routes). */
const mw = (project: string, rel: string) => path.join(PROJECTS, project, rel);
/** Lint a fixture file as it is on disk. */
const onDisk = (project: string, rel: string) => ({ filename: mw(project, rel), code: fs.readFileSync(mw(project, rel), "utf8") });

const STANDARD_MATCHER = `export const config = {
  matcher: [
    "/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    "/(api|trpc)(.*)",
  ],
};`;

runRuleTests("require-clerk-middleware", rule, {
  valid: [
    { name: "Core 3 proxy.ts with the three-entry matcher", ...onDisk("mw-next16", "proxy.ts") },
    { name: "route handler of a project whose proxy.ts runs clerkMiddleware", ...onDisk("mw-next16", "app/api/projects/route.ts") },
    { name: "page calling auth.protect() in that project", ...onDisk("mw-next16", "app/dashboard/page.tsx") },
    {
      name: "missing middleware is reported once per project: not on the second caller in path order",
      ...onDisk("mw-next16-missing", "app/dashboard/page.tsx"),
    },
    { name: "a partial tree (no next.config, no next scripts) is not judged for a missing middleware", ...onDisk("mw-snippet", "app/account/page.tsx") },
    { name: "v6 src/middleware.ts with a public route list (src/app layout)", ...onDisk("mw-next15-src", "src/middleware.ts") },
    { name: "route handler in the src/ project", ...onDisk("mw-next15-src", "src/app/api/invoices/route.ts") },
    {
      name: "middleware.ts re-exporting clerkMiddleware() from a local module",
      filename: mw("mw-next15-src", "src/middleware.ts"),
      code: `export { default } from "./lib/clerk-middleware";

${STANDARD_MATCHER}`,
    },
    {
      name: "middleware.ts whose default export imports a local clerkMiddleware() wrapper",
      filename: mw("mw-next15-src", "src/middleware.ts"),
      code: `import clerk from "@/lib/clerk-middleware";
import type { NextFetchEvent, NextRequest } from "next/server";

export default function middleware(req: NextRequest, event: NextFetchEvent) {
  return clerk(req, event);
}

${STANDARD_MATCHER}`,
    },
    {
      name: "named `middleware` export on Next 15",
      filename: mw("mw-next15-src", "src/middleware.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export const middleware = clerkMiddleware();

${STANDARD_MATCHER}`,
    },
    {
      name: "older template matcher ['/((?!.*\\\\..*|_next).*)', '/', '/(api|trpc)(.*)']",
      filename: mw("mw-next15-src", "src/middleware.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();

export const config = {
  matcher: ["/((?!.*\\\\..*|_next).*)", "/", "/(api|trpc)(.*)"],
};`,
    },
    {
      name: "matcher with /api/:path* covers the route handlers",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();

export const config = { matcher: ["/dashboard/:path*", "/api/:path*"] };`,
    },
    {
      name: "matcher as a single string that covers everything but static files",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();

export const config = { matcher: "/((?!_next/static|_next/image|favicon.ico).*)" };`,
    },
    {
      name: "matcher read from a const the analysis cannot see through stays silent",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";
import { matchers } from "./lib/matchers";

export default clerkMiddleware();

export const config = { matcher: matchers };`,
    },
    {
      name: "named `proxy` export on Next 16",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export const proxy = clerkMiddleware();`,
    },
    { name: "custom proxy() that runs clerkMiddleware(...)(req, event) for some routes (next-intl)", ...onDisk("mw-intl", "src/proxy.ts") },
    { name: "page under [locale] in that project", ...onDisk("mw-intl", "src/app/[locale]/dashboard/page.tsx") },
    { name: "monorepo: apps/web has its own package.json and src/middleware.ts", ...onDisk("mw-monorepo", "apps/web/src/app/api/me/route.ts") },
    { name: "monorepo: apps/admin page", ...onDisk("mw-monorepo", "apps/admin/src/app/users/page.tsx") },
    { name: "monorepo: apps/web middleware", ...onDisk("mw-monorepo", "apps/web/src/middleware.ts") },
    {
      name: "proxy.ts of a Next 16 app nested beside (not inside) a pnpm workspace whose lockfile pins next 15 for its members",
      ...onDisk("mw-outside-workspace", "examples/cache-demo/src/proxy.ts"),
    },
    { name: "page of that nested Next 16 app", ...onDisk("mw-outside-workspace", "examples/cache-demo/src/app/settings/page.tsx") },
    { name: "v5 authMiddleware is still the middleware of Core 2", ...onDisk("mw-v5", "middleware.ts") },
    { name: "v5 route handler calling sync auth()", ...onDisk("mw-v5", "app/api/projects/route.ts") },
    {
      name: "a route handler of a project with a misplaced Clerk middleware (the middleware file reports)",
      ...onDisk("mw-misplaced", "src/app/api/me/route.ts"),
    },
    {
      name: "a route handler of a Next 15 project with only proxy.ts (the proxy file reports)",
      ...onDisk("mw-next15-proxy", "app/api/me/route.ts"),
    },
    {
      name: "proxy.ts on Next 15 next to a middleware.ts is an ordinary module",
      filename: mw("mw-next15-src", "src/proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();`,
    },
    {
      name: "a non-Clerk middleware in a Clerk project that only uses client components",
      ...onDisk("mw-client-only", "middleware.ts"),
    },
    {
      name: "the sign-in page of that project",
      ...onDisk("mw-client-only", "app/sign-in/[[...sign-in]]/page.tsx"),
    },
    {
      name: "a non-Clerk middleware.ts of Next 15 when nothing calls auth()",
      filename: mw("mw-client-only", "middleware.ts"),
      code: `import { NextResponse } from "next/server";

export function middleware() {
  return NextResponse.next();
}`,
    },
    {
      name: "a middleware built from an unresolvable workspace package is not judged",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { authProxy } from "@acme/auth/proxy";

export default authProxy;`,
    },
    {
      name: "a test file that mocks Clerk is not the app (it would sort before app/)",
      filename: mw("mw-next16-missing", "__tests__/projects-route.test.ts"),
      code: `import { auth } from "@clerk/nextjs/server";
import { expect, test, vi } from "vitest";

vi.mock("@clerk/nextjs/server", () => ({ auth: vi.fn(async () => ({ userId: "user_1" })) }));

test("mocked auth", async () => {
  expect((await auth()).userId).toBe("user_1");
});`,
    },
    {
      name: "v4: authMiddleware from the package root is the middleware of Core 1",
      filename: mw("mw-v4", "middleware.ts"),
      code: `import { authMiddleware } from "@clerk/nextjs";

export default authMiddleware({ publicRoutes: ["/"] });

export const config = { matcher: ["/((?!.*\\..*|_next).*)", "/", "/(api|trpc)(.*)"] };`,
    },
    {
      name: "clerkClient() alone does not need the middleware",
      filename: mw("mw-next16-missing", "app/api/admin/route.ts"),
      code: `import { clerkClient } from "@clerk/nextjs/server";

export async function GET() {
  const client = await clerkClient();
  const { totalCount } = await client.users.getUserList();
  return Response.json({ totalCount });
}`,
    },
    {
      name: "a local function named auth is not Clerk's",
      filename: mw("mw-next16-missing", "app/api/admin/route.ts"),
      code: `async function auth() {
  return { userId: "system" };
}

export async function GET() {
  const { userId } = await auth();
  return Response.json({ userId });
}`,
    },
  ],
  invalid: [
    {
      name: "a named `middleware` export (Auth.js) shadows `export default clerkMiddleware()`",
      ...onDisk("nextauth-beside-clerk", "src/middleware.ts"),
      errors: [{ messageId: "shadowedDefault", line: 10, column: 1, data: { file: "`src/middleware.ts`", expected: "middleware" } }],
    },
    {
      name: "authMiddleware-era options passed to clerkMiddleware (hidden by a cast)",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware({
  publicRoutes: ["/", "/sign-in(.*)", "/sign-up(.*)"],
  ignoredRoutes: ["/api/webhooks(.*)"],
} as any);
${STANDARD_MATCHER}`,
      errors: [
        { messageId: "authMiddlewareOptions", line: 4, column: 3, data: { option: "publicRoutes", cast: " (the type cast hides the type error that says so)" } },
        { messageId: "authMiddlewareOptions", line: 5, column: 3, data: { option: "ignoredRoutes", cast: " (the type cast hides the type error that says so)" } },
      ],
    },
    {
      name: "no middleware at all: reported on the first file (path order) that calls auth()",
      ...onDisk("mw-next16-missing", "app/api/projects/route.ts"),
      errors: [{ messageId: "missingMiddleware", line: 4, column: 28, data: { name: "auth", expected: "`proxy.ts`" } }],
    },
    {
      name: "a file sorting before every caller reports (next 16: proxy.ts expected)",
      filename: mw("mw-next16-missing", "app/account/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server";

export default async function AccountPage() {
  await auth.protect();
  return <p>Account</p>;
}`,
      errors: [{ messageId: "missingMiddleware", line: 4, column: 9, data: { name: "auth.protect", expected: "`proxy.ts`" } }],
    },
    {
      name: "v4: auth() from the package root needs authMiddleware (Next 13: middleware.ts)",
      ...onDisk("mw-v4", "app/api/me/route.ts"),
      errors: [{ messageId: "missingMiddleware", line: 4, column: 22, data: { name: "auth", expected: "`middleware.ts`" } }],
    },
    {
      name: "Pages Router getAuth(req) needs clerkMiddleware too (Next 15: middleware.ts)",
      ...onDisk("mw-pages", "pages/api/me.ts"),
      errors: [{ messageId: "missingMiddleware", line: 5, column: 22, data: { name: "getAuth", expected: "`middleware.ts`" } }],
    },
    {
      name: "middleware.ts at the root while the app lives in src/app",
      ...onDisk("mw-misplaced", "middleware.ts"),
      errors: [{ messageId: "misplaced", line: 3, column: 1, data: { file: "`middleware.ts`", expected: "`src/middleware.ts`" } }],
    },
    {
      name: "middleware.ts inside app/",
      filename: mw("mw-next15-src", "src/app/middleware.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();`,
      errors: [{ messageId: "misplaced", line: 3, column: 1, data: { file: "`src/app/middleware.ts`", expected: "`src/middleware.ts`" } }],
    },
    {
      name: "proxy.ts on Next 15 without a middleware.ts",
      ...onDisk("mw-next15-proxy", "proxy.ts"),
      errors: [{ messageId: "proxyNeedsNext16", line: 3, column: 1, data: { file: "proxy.ts", next: "15", expected: "`middleware.ts`" } }],
    },
    {
      name: "middleware.ts next to proxy.ts on Next 16",
      ...onDisk("mw-next16-both", "middleware.ts"),
      errors: [{ messageId: "bothFiles", line: 3, column: 1, data: { file: "`middleware.ts`", proxy: "`proxy.ts`" } }],
    },
    {
      name: "a middleware that never runs Clerk while route handlers call auth()",
      filename: mw("mw-next15-src", "src/middleware.ts"),
      code: `import createIntlMiddleware from "next-intl/middleware";

export default createIntlMiddleware({ locales: ["en", "de"], defaultLocale: "en" });

export const config = { matcher: ["/((?!_next|.*\\\\..*).*)"] };`,
      errors: [
        {
          messageId: "notClerkMiddleware",
          line: 3,
          column: 1,
          data: { file: "`src/middleware.ts`", example: "src/app/api/invoices/route.ts", name: "auth" },
        },
      ],
    },
    {
      name: "clerkMiddleware() exported as `middleware` from proxy.ts",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export const middleware = clerkMiddleware();`,
      errors: [{ messageId: "wrongExport", line: 3, column: 1, data: { file: "`proxy.ts`", expected: "proxy", actual: "middleware" } }],
    },
    {
      name: "authMiddleware on @clerk/nextjs 6 (removed)",
      filename: mw("mw-next15-src", "src/middleware.ts"),
      code: `import { authMiddleware } from "@clerk/nextjs/server";

export default authMiddleware({ publicRoutes: ["/", "/api/webhooks(.*)"] });

${STANDARD_MATCHER}`,
      errors: [{ messageId: "legacyMiddleware", line: 3, column: 16, data: { api: "authMiddleware", removedIn: "6", major: "6" } }],
    },
    {
      name: "middleware.ts on Next 16: deprecated file name (hint), plus authMiddleware on v7",
      filename: mw("mw-next16-missing", "middleware.ts"),
      code: `import { authMiddleware } from "@clerk/nextjs/server";

export default authMiddleware({ publicRoutes: ["/"] });`,
      errors: [
        { messageId: "renameToProxy", line: 3, column: 1, data: { expected: "proxy.ts", named: "" } },
        { messageId: "legacyMiddleware", line: 3, column: 16, data: { api: "authMiddleware", removedIn: "6", major: "7" } },
      ],
    },
    {
      name: "middleware.ts with a named middleware export on Next 16 (hint names the export too)",
      filename: mw("mw-next16-missing", "middleware.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export const middleware = clerkMiddleware();`,
      errors: [{ messageId: "renameToProxy", line: 3, column: 1, data: { expected: "proxy.ts", named: " and the `middleware` export to `proxy`" } }],
    },
    {
      name: "matcher that excludes /api while route handlers call auth()",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();

export const config = {
  matcher: ["/((?!api|_next/static|_next/image|favicon.ico).*)"],
};`,
      errors: [
        {
          messageId: "matcherMissesRoutes",
          line: 6,
          column: 12,
          data: { subject: "The route handlers at `/api/projects`, `/api/reports/[id]`, `/api/settings/webhooks` call", them: "them", name: "auth" },
        },
      ],
    },
    {
      name: "matcher that misses the one route handler calling auth() (v6, src/)",
      filename: mw("mw-next15-src", "src/middleware.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();

export const config = { matcher: ["/dashboard(.*)", "/api/webhooks/(.*)"] };`,
      errors: [
        {
          messageId: "matcherMissesRoutes",
          line: 5,
          column: 34,
          data: { subject: "The route handler at `/api/invoices` calls", them: "it", name: "auth" },
        },
      ],
    },
    {
      name: "matcher limited to pages",
      filename: mw("mw-next16", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware();

export const config = { matcher: "/dashboard/:path*" };`,
      errors: [
        {
          messageId: "matcherMissesRoutes",
          line: 5,
          column: 34,
          data: { subject: "The route handlers at `/api/projects`, `/api/reports/[id]`, `/api/settings/webhooks` call", them: "them", name: "auth" },
        },
      ],
    },
  ],
});
