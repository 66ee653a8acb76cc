/**
 * Where the Next.js middleware lives and which file Next.js runs:
 * `middleware.*` (every version) or `proxy.*` (Next 16+), at the root or in
 * `src/` next to the router directory. The one answer every rule asks for.
 */
import path from "node:path";
import { exists, findWithExtensions, listDir, readJson, readText } from "../fs-cache.js";
import { toPosix } from "../next-files.js";

export type MiddlewareName = "middleware" | "proxy";
/** Directory of a candidate, relative to the project root. */
export type MiddlewareDir = "" | "src" | "app" | "src/app";

export interface MiddlewareCandidate {
  file: string;
  name: MiddlewareName;
  dir: MiddlewareDir;
}

const MIDDLEWARE_FILE = /^(middleware|proxy)\.(?:tsx?|jsx?|mjs)$/;
const CANDIDATE_DIRS: readonly MiddlewareDir[] = ["", "src", "app", "src/app"];

/** `middleware.*` / `proxy.*` files at the root, in src/, app/ or src/app/. */
export function middlewareCandidates(root: string): MiddlewareCandidate[] {
  const out: MiddlewareCandidate[] = [];
  for (const dir of CANDIDATE_DIRS) {
    const abs = dir ? path.join(root, dir) : root;
    for (const entry of listDir(abs).sort()) {
      const m = MIDDLEWARE_FILE.exec(entry);
      if (m) out.push({ file: path.join(abs, entry), name: m[1] as MiddlewareName, dir });
    }
  }
  return out;
}

/** Classify a file as a middleware candidate by its path (no file-system access). */
export function candidateOf(root: string, file: string): MiddlewareCandidate | undefined {
  const base = path.basename(file);
  if (!base.startsWith("middleware.") && !base.startsWith("proxy.")) return undefined;
  const rel = toPosix(path.relative(root, file));
  const m = /^(?:(src\/app|src|app)\/)?(middleware|proxy)\.(?:tsx?|jsx?|mjs)$/.exec(rel);
  if (!m) return undefined;
  return { file, name: m[2] as MiddlewareName, dir: (m[1] ?? "") as MiddlewareDir };
}

/**
 * Where Next.js reads the middleware: next to the router directory. `""` when
 * app/ or pages/ is at the root, `"src"` when only src/app or src/pages exists,
 * undefined when there is no router directory (either place is fine).
 */
export function middlewareHome(root: string): "" | "src" | undefined {
  const isDir = (p: string) => exists(path.join(root, p));
  if (isDir("app") || isDir("pages")) return "";
  if (isDir(path.join("src", "app")) || isDir(path.join("src", "pages"))) return "src";
  return undefined;
}

/** Is the candidate where Next.js looks for it? */
export function isWellPlaced(candidate: MiddlewareCandidate, home: "" | "src" | undefined): boolean {
  if (candidate.dir === "app" || candidate.dir === "src/app") return false;
  return home === undefined || candidate.dir === home;
}

/** Does Next.js run a file of this name? proxy.* only from Next 16 (unknown Next: assume yes). */
export function nextRuns(name: MiddlewareName, nextMajor: number | undefined): boolean {
  return name === "middleware" || nextMajor === undefined || nextMajor >= 16;
}

/** On Next 16 with both `middleware.*` and `proxy.*` in one place the build fails: neither runs. */
export function conflictsWithProxy(candidate: MiddlewareCandidate, all: readonly MiddlewareCandidate[], nextMajor: number | undefined): boolean {
  return candidate.name === "middleware" && nextMajor !== undefined && nextMajor >= 16 && all.some((c) => c.dir === candidate.dir && c.name === "proxy");
}

/** The middleware files Next.js runs for this project (well placed, of a name this Next reads). */
export function runningMiddleware(root: string, nextMajor: number | undefined): MiddlewareCandidate[] {
  const home = middlewareHome(root);
  return middlewareCandidates(root).filter((c) => isWellPlaced(c, home) && nextRuns(c.name, nextMajor));
}

/** The file name Next expects, for messages: `proxy.ts`, `src/middleware.ts`… */
export function expectedFileName(home: "" | "src" | undefined, nextMajor: number | undefined, ext = "ts"): string {
  const dir = home === "src" ? "src/" : "";
  if (nextMajor === undefined) return `${dir}proxy.${ext} (Next.js 16+) or ${dir}middleware.${ext}`;
  return `${dir}${nextMajor >= 16 ? "proxy" : "middleware"}.${ext}`;
}

function nextConfigFile(root: string): string | undefined {
  return findWithExtensions(root, "next.config", [".js", ".mjs", ".cjs", ".ts", ".mts"]);
}

/**
 * Does next.config change how middleware files or matchers are read
 * (custom `pageExtensions`, Pages Router `i18n` locales prefixed to matchers)?
 */
export function nextConfigMentions(root: string, key: "pageExtensions" | "i18n"): boolean {
  const file = nextConfigFile(root);
  const text = file ? readText(file) : undefined;
  return !!text && new RegExp(`\\b${key}\\s*:`).test(text);
}

export interface ProjectLayout {
  /** A complete Next.js app (see isNextAppRoot). */
  nextApp: boolean;
  pageExtensions: boolean;
  home: "" | "src" | undefined;
  candidates: MiddlewareCandidate[];
}

/** File-system facts are re-read after this long, like the project index's file list. */
const LAYOUT_TTL_MS = 2_000;
const layoutCache = new Map<string, { at: number; layout: ProjectLayout }>();

/**
 * The project's layout facts that every file calling auth() asks for, read
 * once per root and reused for a short while (a CLI run, an editor burst).
 */
export function projectLayout(root: string): ProjectLayout {
  const now = Date.now();
  const hit = layoutCache.get(root);
  if (hit && now - hit.at < LAYOUT_TTL_MS) return hit.layout;
  const layout: ProjectLayout = {
    nextApp: isNextAppRoot(root),
    pageExtensions: nextConfigMentions(root, "pageExtensions"),
    home: middlewareHome(root),
    candidates: middlewareCandidates(root),
  };
  if (layoutCache.size > 200) layoutCache.clear();
  layoutCache.set(root, { at: now, layout });
  return layout;
}

/**
 * Is `root` the root of a complete Next.js app (a next.config file, or
 * package.json scripts that run `next`)? Used to avoid reporting a missing
 * middleware for a partial tree (a snippet, a package of shared code).
 */
export function isNextAppRoot(root: string): boolean {
  if (nextConfigFile(root)) return true;
  const pkg = readJson(path.join(root, "package.json")) as { scripts?: Record<string, unknown> } | undefined;
  const scripts = pkg?.scripts && typeof pkg.scripts === "object" ? Object.values(pkg.scripts) : [];
  return scripts.some((s) => typeof s === "string" && /(?:^|[\s&;|])next\s+(?:dev|build|start)\b/.test(s));
}
