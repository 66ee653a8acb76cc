/**
 * Next.js file conventions: which role a file plays, relative to its project root.
 */
import path from "node:path";

export type AppFileKind =
  | "page"
  | "layout"
  | "template"
  | "default"
  | "route"
  | "loading"
  | "error"
  | "global-error"
  | "not-found";

export interface FileRole {
  /** Path relative to the project root, with forward slashes. */
  relPath: string;
  router: "app" | "pages" | null;
  /** `app` or `src/app` (or `pages`/`src/pages`) when the file is under a router directory. */
  routerDir: string | null;
  /** App Router special file kind, when the file is one. */
  appKind: AppFileKind | null;
  /** Pages Router: `_app`, `_document`, `api` (under pages/api) or `page`. */
  pagesKind: "_app" | "_document" | "api" | "page" | null;
  /** `middleware.*` or `proxy.*` at the root or in `src/`. */
  middleware: "middleware" | "proxy" | null;
  /** Route segments between the router dir and the file, route groups included. */
  segments: string[];
  /** URL path the file serves (route groups and private folders removed). */
  urlPath: string;
  /** A layout directly under the router dir or directly under route groups only. */
  isTopLayout: boolean;
}

const CODE_EXT = /\.(?:[cm]?[jt]sx?)$/;
const APP_KINDS = new Set<string>([
  "page",
  "layout",
  "template",
  "default",
  "route",
  "loading",
  "error",
  "global-error",
  "not-found",
]);

export function toPosix(p: string): string {
  return p.split(path.sep).join("/");
}

export function isCodeFile(file: string): boolean {
  return CODE_EXT.test(file) && !file.endsWith(".d.ts") && !/\.d\.[cm]ts$/.test(file);
}

export function classifyFile(projectRoot: string, filename: string): FileRole {
  const rel = toPosix(path.relative(projectRoot, filename));
  const role: FileRole = {
    relPath: rel,
    router: null,
    routerDir: null,
    appKind: null,
    pagesKind: null,
    middleware: null,
    segments: [],
    urlPath: "/",
    isTopLayout: false,
  };
  if (rel.startsWith("..") || path.isAbsolute(rel)) return role;
  const parts = rel.split("/");
  const base = parts[parts.length - 1]!;
  const stem = base.replace(CODE_EXT, "");
  if (!CODE_EXT.test(base)) return role;

  // middleware.ts / proxy.ts at the root or in src/
  if ((parts.length === 1 || (parts.length === 2 && parts[0] === "src")) && (stem === "middleware" || stem === "proxy")) {
    role.middleware = stem;
    return role;
  }

  let start = 0;
  if (parts[0] === "src") start = 1;
  const dir = parts[start];
  if (dir !== "app" && dir !== "pages") return role;
  role.routerDir = parts.slice(0, start + 1).join("/");
  const segments = parts.slice(start + 1, -1);
  role.segments = segments;
  const urlSegments = segments.filter((s) => !/^\(.*\)$/.test(s) && !s.startsWith("@") && !s.startsWith("_"));

  if (dir === "app") {
    role.router = "app";
    if (APP_KINDS.has(stem)) role.appKind = stem as AppFileKind;
    role.urlPath = "/" + urlSegments.join("/");
    role.isTopLayout = stem === "layout" && segments.every((s) => /^\(.*\)$/.test(s));
  } else {
    role.router = "pages";
    if (segments.length === 0 && stem === "_app") role.pagesKind = "_app";
    else if (segments.length === 0 && stem === "_document") role.pagesKind = "_document";
    else if (segments[0] === "api") role.pagesKind = "api";
    else role.pagesKind = "page";
    role.urlPath = "/" + [...segments, ...(stem === "index" ? [] : [stem])].join("/");
  }
  return role;
}

/** Route handler: `app/**​/route.*` or `pages/api/**`. */
export function isRouteHandler(role: FileRole): boolean {
  return role.appKind === "route" || role.pagesKind === "api";
}

/** App Router server entry points that run on the server unless marked `'use client'`. */
export function isAppServerEntry(role: FileRole): boolean {
  return (
    role.appKind === "page" ||
    role.appKind === "layout" ||
    role.appKind === "template" ||
    role.appKind === "default" ||
    role.appKind === "route"
  );
}

const TEST_DIR = /(?:^|\/)(?:__tests__|__mocks__|tests?|e2e|cypress|playwright|\.storybook)\//;
const TEST_FILE = /\.(?:test|spec|stories|story|e2e)\.[cm]?[jt]sx?$/;

/**
 * Tests, mocks and stories run Clerk against mocks or their own wrappers; they say
 * nothing about the running app. (A `tests/` folder inside app/ or pages/ is a route.)
 */
export function isTestOrStory(role: FileRole): boolean {
  if (TEST_FILE.test(role.relPath)) return true;
  return role.router === null && TEST_DIR.test(role.relPath);
}

export interface RouteUrl {
  /** As written in the file tree: `/api/webhooks/[provider]`. */
  display: string;
  /** A concrete pathname to test patterns with (dynamic segments filled in). */
  sample: string;
  /** The part before the first dynamic segment. */
  staticPrefix: string;
  dynamic: boolean;
}

/** The URL a route file serves, with a sample path to test route patterns against. */
export function routeUrl(role: FileRole): RouteUrl {
  const parts = role.urlPath.split("/").filter(Boolean);
  const sample: string[] = [];
  const prefix: string[] = [];
  let dynamic = false;
  for (const part of parts) {
    const optionalCatchAll = /^\[\[\.\.\..+\]\]$/.test(part);
    const isDynamic = /^\[.+\]$/.test(part);
    if (isDynamic) dynamic = true;
    if (!dynamic) prefix.push(part);
    if (optionalCatchAll) continue;
    sample.push(isDynamic ? "sample-1" : part);
  }
  return {
    display: role.urlPath,
    sample: "/" + sample.join("/"),
    staticPrefix: "/" + prefix.join("/") + (dynamic && prefix.length ? "/" : ""),
    dynamic,
  };
}
