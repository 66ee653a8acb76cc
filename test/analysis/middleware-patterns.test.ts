import { describe, expect, it } from "vitest";
import { nextMatcherRegExp, routeMatcherRegExp } from "../../src/analysis/middleware/path-pattern.js";
import { listMatches } from "../../src/analysis/middleware/patterns.js";
import { type RouteUrl, classifyFile, routeUrl } from "../../src/analysis/next-files.js";

const CLERK_MATCHER = "/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)";

describe("Next.js config.matcher patterns", () => {
  const cases: Array<[pattern: string, path: string, matches: boolean]> = [
    [CLERK_MATCHER, "/api/webhooks/clerk", true],
    [CLERK_MATCHER, "/dashboard", true],
    [CLERK_MATCHER, "/_next/static/chunks/main.js", false],
    [CLERK_MATCHER, "/logo.png", false],
    [CLERK_MATCHER, "/data.json", true],
    ["/(api|trpc)(.*)", "/api/webhooks/clerk", true],
    ["/(api|trpc)(.*)", "/trpc/user.list", true],
    ["/(api|trpc)(.*)", "/dashboard", false],
    ["/__clerk/(.*)", "/__clerk/v1/client", true],
    ["/__clerk/(.*)", "/dashboard", false],
    ["/((?!.*\\..*|_next).*)", "/api/projects", true],
    ["/((?!.*\\..*|_next).*)", "/favicon.ico", false],
    ["/((?!.+\\.[\\w]+$|_next).*)", "/api/projects", true],
    ["/", "/", true],
    ["/", "/api", false],
    ["/api/:path*", "/api", true],
    ["/api/:path*", "/api/a/b", true],
    ["/api/:path*", "/apis", false],
    ["/dashboard/:path+", "/dashboard", false],
    ["/dashboard/:path+", "/dashboard/a", true],
    ["/blog/:slug", "/blog/hello/", true],
    ["/((?!api|_next/static|_next/image|favicon.ico).*)", "/api/projects", false],
    ["/((?!api|_next/static|_next/image|favicon.ico).*)", "/settings", true],
    ["/:locale/dashboard(.*)", "/fr/dashboard/billing", true],
    ["/Dashboard", "/dashboard", false],
  ];
  it.each(cases)("%s on %s → %s", (pattern, path, matches) => {
    const re = nextMatcherRegExp(pattern);
    expect(re, `${pattern} should compile`).toBeDefined();
    expect(re!.test(path)).toBe(matches);
  });

  it("rejects what path-to-regexp rejects (capturing groups inside a pattern)", () => {
    expect(nextMatcherRegExp("/((api)|trpc)(.*)")).toBeUndefined();
    expect(nextMatcherRegExp("/:")).toBeUndefined();
  });
});

describe("createRouteMatcher patterns", () => {
  it("are case-insensitive and allow a trailing slash", () => {
    expect(routeMatcherRegExp("/api/webhooks(.*)")!.test("/API/Webhooks/clerk")).toBe(true);
    expect(routeMatcherRegExp("/sign-in(.*)")!.test("/sign-in")).toBe(true);
    expect(routeMatcherRegExp("/api/webhooks/clerk")!.test("/api/webhooks/clerk/")).toBe(true);
    expect(routeMatcherRegExp("/api/webhook")!.test("/api/webhooks/clerk")).toBe(false);
    expect(routeMatcherRegExp("/api/webhooks/(.*)")!.test("/api/webhooks")).toBe(false);
  });
});

describe("route URLs and lists", () => {
  const url = (rel: string): RouteUrl => routeUrl(classifyFile("/p", `/p/${rel}`));
  const list = (...sources: string[]) => ({
    node: { type: "ArrayExpression" } as never,
    entries: sources.map((source) => ({ source, re: routeMatcherRegExp(source) })),
    complete: true,
  });

  it("fills dynamic segments and drops route groups and optional catch-alls", () => {
    expect(url("app/(api)/api/webhooks/[provider]/route.ts")).toMatchObject({
      display: "/api/webhooks/[provider]",
      sample: "/api/webhooks/sample-1",
      staticPrefix: "/api/webhooks/",
      dynamic: true,
    });
    expect(url("src/app/api/files/[[...path]]/route.ts").sample).toBe("/api/files");
    expect(url("pages/api/webhooks/clerk.ts")).toMatchObject({ display: "/api/webhooks/clerk", dynamic: false });
  });

  it("answers true/false, or undefined when a dynamic route may match only some values", () => {
    expect(listMatches(list("/", "/api/webhooks(.*)"), url("app/api/webhooks/clerk/route.ts"))).toBe(true);
    expect(listMatches(list("/", "/sign-in(.*)"), url("app/api/webhooks/clerk/route.ts"))).toBe(false);
    expect(listMatches(list("/api/webhooks/clerk"), url("app/api/webhooks/[provider]/route.ts"))).toBeUndefined();
    expect(listMatches({ ...list("/"), complete: false }, url("app/api/webhooks/clerk/route.ts"))).toBeUndefined();
  });
});
