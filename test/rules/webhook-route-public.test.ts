import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/webhook-route-public.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

/**
 * mw-next16 (Next 16, @clerk/nextjs 7) has webhook handlers at app/api/webhooks/clerk
 * (verifyWebhook) and app/api/webhooks/stripe; mw-next15-src (v6, src/) has
 * src/app/api/webhooks/clerk (svix); mw-v5 has app/api/webhooks/clerk.
 */
const mw = (project: string, rel: string) => path.join(PROJECTS, project, rel);
const onDisk = (project: string, rel: string) => ({ filename: mw(project, rel), code: fs.readFileSync(mw(project, rel), "utf8") });
const proxy16 = mw("mw-next16", "proxy.ts");
const middleware15 = mw("mw-next15-src", "src/middleware.ts");

const MATCHER = `export const config = {
  matcher: [
    "/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)",
    "/(api|trpc)(.*)",
  ],
};`;

const BOTH_HOOKS = "`/api/webhooks/clerk`, `/api/webhooks/stripe`";
/** Message data for one webhook route, and for both routes of mw-next16. */
const one = (route: string) => ({ subject: `The webhook route \`${route}\` is`, routes: `\`${route}\``, pattern: "'/api/webhooks(.*)'" });
const both = { subject: `The webhook routes ${BOTH_HOOKS} are`, routes: BOTH_HOOKS, pattern: "'/api/webhooks(.*)'" };

runRuleTests("webhook-route-public", rule, {
  valid: [
    { name: "plain clerkMiddleware() protects nothing globally", ...onDisk("mw-next16", "proxy.ts") },
    { name: "public list that includes /api/webhooks(.*)", ...onDisk("mw-next15-src", "src/middleware.ts") },
    { name: "v5 authMiddleware with the webhook in publicRoutes", ...onDisk("mw-v5", "middleware.ts") },
    { name: "custom proxy() with a protect list (next-intl)", ...onDisk("mw-intl", "src/proxy.ts") },
    {
      name: "protect-list style: only the listed routes are protected",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isProtectedRoute = createRouteMatcher(["/dashboard(.*)", "/api/projects(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect();
});

${MATCHER}`,
    },
    {
      name: "matcher that excludes the webhook path entirely",
      filename: proxy16,
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware(async (auth) => {
  await auth.protect();
});

export const config = {
  matcher: ["/((?!api/webhooks|_next|.*\\\\..*).*)"],
};`,
    },
    {
      name: "early return for public routes, list read from a const array, webhook listed",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const publicRoutes = ["/", "/pricing", "/api/webhooks/(.*)"] as const;
const isPublicRoute = createRouteMatcher([...publicRoutes, "/sign-in(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  if (isPublicRoute(req)) return;
  await auth.protect();
});

${MATCHER}`,
    },
    {
      name: "public list given as RegExp literals",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher([/^\\/$/, /^\\/api\\/webhooks\\//]);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) await auth.protect();
});`,
    },
    {
      name: "public list partly imported from elsewhere: cannot tell, stays silent",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";
import { marketingRoutes } from "@acme/config/routes";

const isPublicRoute = createRouteMatcher(["/", ...marketingRoutes]);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) await auth.protect();
});`,
    },
    {
      name: "a condition the analysis cannot evaluate stays silent",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req) && req.headers.get("x-internal") !== process.env.INTERNAL_TOKEN) {
    await auth.protect();
  }
});`,
    },
    {
      name: "pathname check that lets webhooks through before protecting",
      filename: proxy16,
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware(async (auth, req) => {
  if (req.nextUrl.pathname.startsWith("/api/webhooks")) return;
  await auth.protect();
});`,
    },
    {
      name: "signed-in redirect away from the sign-in page is not a gate",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";
import { NextResponse } from "next/server";

const isAuthPage = createRouteMatcher(["/sign-in(.*)", "/sign-up(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  const { userId } = await auth();
  if (userId && isAuthPage(req)) return NextResponse.redirect(new URL("/dashboard", req.url));
});`,
    },
    {
      name: "clerkMiddleware(options) without a handler",
      filename: proxy16,
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware({ signInUrl: "/login", debug: process.env.NODE_ENV === "development" });`,
    },
    {
      name: "handler imported from another package: cannot tell",
      filename: proxy16,
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";
import { handler } from "@acme/auth/middleware";

export default clerkMiddleware(handler);`,
    },
    {
      name: "authMiddleware with the webhook in ignoredRoutes (v5)",
      filename: mw("mw-v5", "middleware.ts"),
      code: `import { authMiddleware } from "@clerk/nextjs/server";

export default authMiddleware({
  publicRoutes: ["/"],
  ignoredRoutes: ["/api/webhooks/(.*)"],
});`,
    },
    {
      name: "authMiddleware with afterAuth decides itself (v5)",
      filename: mw("mw-v5", "middleware.ts"),
      code: `import { authMiddleware, redirectToSignIn } from "@clerk/nextjs/server";

export default authMiddleware({
  publicRoutes: ["/"],
  afterAuth(auth, req) {
    if (!auth.userId && req.nextUrl.pathname.startsWith("/dashboard")) return redirectToSignIn({ returnBackUrl: req.url });
  },
});`,
    },
    {
      name: "proxy.ts on Next 15 never runs (require-clerk-middleware reports it)",
      filename: mw("mw-next15-proxy", "proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware(async (auth) => {
  await auth.protect();
});`,
    },
    {
      name: "a misplaced middleware never runs",
      filename: mw("mw-next15-src", "middleware.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware(async (auth) => {
  await auth.protect();
});`,
    },
  ],
  invalid: [
    {
      name: "authMiddleware publicRoutes with a near-miss entry: /api/webhook/(.*) for app/api/webhooks/clerk",
      filename: mw("mw-v5", "middleware.ts"),
      code: `import { authMiddleware } from "@clerk/nextjs/server";

export default authMiddleware({
  publicRoutes: [
    "/",
    "/sign-in(.*)",
    "/api/webhook/(.*)",
  ],
});

export const config = {
  matcher: ["/((?!.+\\.[\\w]+$|_next).*)", "/", "/(api|trpc)(.*)"],
};`,
      errors: [
        {
          messageId: "nearMiss",
          line: 7,
          column: 5,
          data: { ...one("/api/webhooks/clerk"), entry: "/api/webhook/(.*)", them: "it" },
        },
      ],
    },
    {
      name: "public list without the webhook path (v6, src/)",
      filename: middleware15,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)", "/sign-up(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) {
    await auth.protect();
  }
});

${MATCHER}`,
      errors: [
        {
          messageId: "notPublic",
          line: 3,
          column: 42,
          endColumn: 79,
          data: one("/api/webhooks/clerk"),
        },
      ],
    },
    {
      name: "two webhook routes, early-return style (v7)",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher(["/", "/pricing", "/sign-in(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  if (isPublicRoute(req)) return;
  await auth.protect();
});

${MATCHER}`,
      errors: [{ messageId: "notPublic", line: 3, column: 42, data: both }],
    },
    {
      name: "redirectToSignIn() for signed-out users outside the public list",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  const { userId, redirectToSignIn } = await auth();
  if (!userId && !isPublicRoute(req)) {
    return redirectToSignIn({ returnBackUrl: req.url });
  }
});`,
      errors: [{ messageId: "notPublic", line: 3, column: 42, data: both }],
    },
    {
      name: "hand-written sign-in redirect for signed-out users outside the public list",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";
import { NextResponse } from "next/server";

const isPublic = createRouteMatcher(["/", "/sign-in(.*)", "/api/health"]);

export default clerkMiddleware(async (auth, req) => {
  const session = await auth();
  const isPublicPath = isPublic(req);
  if (!session.userId && !isPublicPath) {
    return NextResponse.redirect(new URL("/sign-in", req.url));
  }
  return NextResponse.next();
});`,
      errors: [{ messageId: "notPublic", line: 4, column: 37, data: both }],
    },
    {
      name: "v5: auth().protect() outside the public list",
      filename: mw("mw-v5", "middleware.ts"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)"]);

export default clerkMiddleware((auth, req) => {
  if (!isPublicRoute(req)) auth().protect();
});`,
      errors: [{ messageId: "notPublic", line: 3, column: 42, data: one("/api/webhooks/clerk") }],
    },
    {
      name: "a protected-routes list that catches the webhook",
      filename: proxy16,
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isProtectedRoute = createRouteMatcher(["/dashboard(.*)", "/api(.*)"]);

export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect();
});`,
      errors: [{ messageId: "protectedByList", line: 3, column: 45, data: both }],
    },
    {
      name: "auth.protect() on every route",
      filename: proxy16,
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";

export default clerkMiddleware(async (auth) => {
  await auth.protect();
});

${MATCHER}`,
      errors: [{ messageId: "protectsAll", line: 4, column: 9, data: both }],
    },
    {
      name: "v5 authMiddleware whose publicRoutes miss the webhook",
      filename: mw("mw-v5", "middleware.ts"),
      code: `import { authMiddleware } from "@clerk/nextjs/server";

const publicRoutes = ["/", "/pricing", "/sign-in(.*)"];

export default authMiddleware({ publicRoutes });

export const config = {
  matcher: ["/((?!.+\\\\.[\\\\w]+$|_next).*)", "/", "/(api|trpc)(.*)"],
};`,
      errors: [{ messageId: "notPublic", line: 5, column: 33, data: one("/api/webhooks/clerk") }],
    },
    {
      name: "Pages Router webhook (pages/api/webhooks/clerk.ts) outside the public list",
      filename: mw("mw-pages", "middleware.ts"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";

const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)", "/api/health"]);

export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) await auth.protect();
});`,
      errors: [{ messageId: "notPublic", line: 3, column: 42, data: one("/api/webhooks/clerk") }],
    },
    {
      name: "v5 authMiddleware() without publicRoutes protects everything",
      filename: mw("mw-v5", "middleware.ts"),
      code: `import { authMiddleware } from "@clerk/nextjs/server";

export default authMiddleware({ debug: true });`,
      errors: [{ messageId: "protectsAll", line: 3, column: 31, data: one("/api/webhooks/clerk") }],
    },
  ],
});
