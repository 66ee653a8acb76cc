/**
 * The project a file belongs to: its root (the directory of the nearest
 * package.json), its dependencies, and the installed major of each Clerk
 * package (lockfile first, then the declared range, then settings).
 */
import path from "node:path";
import { exists as fsExists, fileSignature, readJson as fsReadJson, readText as fsReadText } from "./fs-cache.js";

/**
 * Every file a cached answer came from, with its signature when it was read
 * (fs-cache `fileSignature`: inode, size, mtime, or "-" when missing). Reads go
 * through the three helpers below, which record into the answer being computed.
 */
type Sources = Map<string, string>;
let recording: Sources | undefined;

function record(file: string): void {
  if (recording && !recording.has(file)) recording.set(file, fileSignature(file));
}

function exists(file: string): boolean {
  record(file);
  return fsExists(file);
}

function readText(file: string): string | undefined {
  record(file);
  return fsReadText(file);
}

function readJson(file: string): unknown {
  record(file);
  return fsReadJson(file);
}

function recordingInto<T>(sources: Sources, fn: () => T): T {
  const outer = recording;
  recording = sources;
  try {
    return fn();
  } finally {
    recording = outer;
  }
}

function unchanged(sources: Sources): boolean {
  for (const [file, signature] of sources) if (fileSignature(file) !== signature) return false;
  return true;
}

export interface ClerkGuardSettings {
  /** A number means the @clerk/nextjs major; an object maps package → major. */
  clerkVersion?: number | string | Record<string, number | string>;
  /** The Next.js major, when it cannot be read from package.json. */
  nextVersion?: number | string;
  /** Project root override (directory containing app/ or src/app/). */
  rootDir?: string;
}

export interface ProjectInfo {
  root: string;
  packageJson?: string;
  /** All declared dependency ranges (dependencies, devDependencies, peer). */
  dependencies: Map<string, string>;
  isClerkProject: boolean;
  /** Installed major of a package, or undefined when it cannot be known. */
  major(pkg: string): number | undefined;
  /**
   * Installed version ("7.3.3") of a package: the lockfile's, else the lowest
   * version the declared range names. Undefined when only a major is known.
   */
  version(pkg: string): string | undefined;
}

/** Majors of the current Clerk line (Core 3), used for docs and examples. */
export const CURRENT_MAJORS: Readonly<Record<string, number>> = {
  "@clerk/nextjs": 7,
  "@clerk/react": 6,
  "@clerk/express": 2,
  "@clerk/backend": 3,
  "@clerk/shared": 4,
  "@clerk/react-router": 3,
  "@clerk/tanstack-react-start": 1,
  "@clerk/astro": 4,
  "@clerk/expo": 3,
  "@clerk/nuxt": 3,
  "@clerk/vue": 2,
  "@clerk/fastify": 3,
};

function nearestPackageJson(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    const candidate = path.join(current, "package.json");
    if (exists(candidate) && !current.split(path.sep).includes("node_modules")) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/** Lowest major a semver range admits, when it is unambiguous. */
export function majorFromRange(range: string | undefined): number | undefined {
  if (!range) return undefined;
  const r = range.trim();
  if (/^(npm:|workspace:|file:|link:|git|http|github:)/.test(r) && !r.startsWith("npm:")) return undefined;
  const spec = r.startsWith("npm:") ? r.replace(/^npm:(@?[^@]+)@/, "") : r;
  const alternatives = spec.split("||").map((s) => s.trim());
  const majors = new Set<number>();
  for (const alt of alternatives) {
    const m = /^(?:\^|~|>=|=|v)?\s*(\d+)(?:\.|$|\s)/.exec(alt);
    if (!m) return undefined;
    majors.add(Number(m[1]));
  }
  return majors.size === 1 ? [...majors][0] : undefined;
}

/** Lowest version a range names ("^7.3.3" → "7.3.3"), or undefined when it names only a major or several alternatives. */
export function versionFromRange(range: string | undefined): string | undefined {
  if (!range) return undefined;
  const r = range.trim();
  if (/^(npm:|workspace:|file:|link:|git|http|github:)/.test(r) && !r.startsWith("npm:")) return undefined;
  const spec = r.startsWith("npm:") ? r.replace(/^npm:(@?[^@]+)@/, "") : r;
  if (spec.includes("||")) return undefined;
  const m = /^(?:\^|~|>=|=|v)?\s*(\d+)\.(\d+)(?:\.(\d+))?/.exec(spec);
  return m ? `${m[1]}.${m[2]}.${m[3] ?? "0"}` : undefined;
}

/** Compare two "x.y.z" versions numerically (prerelease tags ignored). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split(/[.-]/).slice(0, 3).map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
}

/** Workspace globs (`packages/*`, `apps/**`, `!apps/legacy`) matched against a relative path. */
function matchesWorkspaceGlobs(globs: readonly string[], rel: string): boolean {
  let matched = false;
  for (const raw of globs) {
    const negated = raw.startsWith("!");
    const glob = (negated ? raw.slice(1) : raw).replace(/^\.\//, "").replace(/\/+$/, "");
    const re = new RegExp(
      "^" +
        glob
          .split("/")
          .map((seg) => (seg === "**" ? "(?:.*)" : seg.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")))
          .join("/")
          .replace(/\/\(\?:\.\*\)/g, "(?:/.*)?") +
        "$",
    );
    if (re.test(rel)) matched = !negated;
  }
  return matched;
}

/** `packages:` entries of a pnpm-workspace.yaml (a small YAML list reader). */
function pnpmWorkspaceGlobs(text: string): string[] {
  const out: string[] = [];
  const block = /^packages:\s*\n((?:[ \t]+-[^\n]*\n?|[ \t]*#[^\n]*\n?|[ \t]*\n)*)/m.exec(text);
  if (!block) return out;
  for (const line of block[1]!.split("\n")) {
    const m = /^\s+-\s*['"]?([^'"#\s]+)['"]?/.exec(line);
    if (m) out.push(m[1]!);
  }
  return out;
}

/** The `importers:` section of a pnpm lockfile for one project (`.` for the root), or the whole text for a single-project lockfile. */
function pnpmImporterSection(pnpm: string, rel: string): string | undefined {
  if (!/^importers:/m.test(pnpm)) return rel ? undefined : pnpm;
  const key = (rel || ".").replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  const start = new RegExp(`^  ['"]?${key}['"]?:[ \\t]*$`, "m").exec(pnpm);
  if (!start) return undefined;
  const rest = pnpm.slice(start.index + start[0].length);
  const end = /^(?: {2}\S|\S)/m.exec(rest);
  return end ? rest.slice(0, end.index) : rest;
}

/**
 * Does the lockfile of a parent directory speak for the project at `pkgDir`?
 * Only when that directory is a workspace root listing the project; otherwise
 * (a project nested in another repo, a fixture inside a tool's own checkout)
 * the parent's lockfile describes someone else's dependencies.
 */
function isWorkspaceRootOf(dir: string, pkgDir: string): boolean {
  const rel = path.relative(dir, pkgDir).split(path.sep).join("/");
  const npmLock = readJson(path.join(dir, "package-lock.json")) as { packages?: Record<string, unknown> } | undefined;
  if (npmLock?.packages?.[rel] !== undefined) return true;
  // pnpm: the lockfile's importers list the workspace's projects; a folder the workspace globs leave out
  // (Clerk's own integration templates under a packages/* workspace) is someone else's project.
  const pnpm = readText(path.join(dir, "pnpm-lock.yaml"));
  if (pnpm && /^importers:/m.test(pnpm)) return pnpmImporterSection(pnpm, rel) !== undefined;
  const pnpmWorkspace = readText(path.join(dir, "pnpm-workspace.yaml"));
  if (pnpmWorkspace !== undefined) return matchesWorkspaceGlobs(pnpmWorkspaceGlobs(pnpmWorkspace), rel);
  const rootPkg = readJson(path.join(dir, "package.json")) as { workspaces?: unknown } | undefined;
  const ws = rootPkg?.workspaces;
  const globs = Array.isArray(ws) ? ws : ws && typeof ws === "object" && Array.isArray((ws as { packages?: unknown }).packages) ? (ws as { packages: unknown[] }).packages : undefined;
  return globs !== undefined && matchesWorkspaceGlobs(globs.filter((g): g is string => typeof g === "string"), rel);
}

/** Installed version ("7.3.3") from a lockfile near the package.json. */
function versionFromLockfiles(pkgDir: string, pkg: string): string | undefined {
  let dir = pkgDir;
  for (let depth = 0; depth < 5; depth++) {
    if (dir !== pkgDir && !isWorkspaceRootOf(dir, pkgDir)) {
      if (exists(path.join(dir, ".git"))) break;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
      continue;
    }
    const npmLock = readJson(path.join(dir, "package-lock.json")) as
      | { packages?: Record<string, { version?: string }>; dependencies?: Record<string, { version?: string }> }
      | undefined;
    if (npmLock) {
      const rel = path.relative(dir, pkgDir).split(path.sep).join("/");
      const keys = [rel ? `${rel}/node_modules/${pkg}` : "", `node_modules/${pkg}`].filter(Boolean);
      for (const key of keys) {
        const v = npmLock.packages?.[key]?.version;
        if (v) return v;
      }
      const v1 = npmLock.dependencies?.[pkg]?.version;
      if (v1) return v1;
    }
    const escaped = pkg.replace(/[/.]/g, (c) => "\\" + c);
    const pnpm = readText(path.join(dir, "pnpm-lock.yaml"));
    const section = pnpm ? pnpmImporterSection(pnpm, path.relative(dir, pkgDir).split(path.sep).join("/")) : undefined;
    if (section) {
      const m = new RegExp(`['"]?${escaped}['"]?:\\s*\\n\\s*specifier:[^\\n]*\\n\\s*version:\\s*['"]?(\\d+\\.\\d+\\.\\d+)`).exec(section);
      if (m) return m[1];
    }
    const yarn = readText(path.join(dir, "yarn.lock"));
    if (yarn) {
      const m = new RegExp(`^"?${escaped}@[^\\n]*:\\n\\s+version:?\\s+"?(\\d+\\.\\d+\\.\\d+)`, "m").exec(yarn);
      if (m) return m[1];
    }
    const bun = readText(path.join(dir, "bun.lock"));
    if (bun) {
      const m = new RegExp(`"${escaped}@(\\d+\\.\\d+\\.\\d+)`).exec(bun);
      if (m) return m[1];
    }
    if (exists(path.join(dir, ".git"))) break;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return undefined;
}

function settingsVersion(settings: ClerkGuardSettings | undefined, pkg: string): string | undefined {
  const cv = settings?.clerkVersion;
  if (cv === undefined) return undefined;
  const v = typeof cv === "number" || typeof cv === "string" ? (pkg === "@clerk/nextjs" ? cv : undefined) : cv[pkg];
  return v === undefined ? undefined : versionFromRange(String(v));
}

function settingsMajor(settings: ClerkGuardSettings | undefined, pkg: string): number | undefined {
  const cv = settings?.clerkVersion;
  if (cv === undefined) return undefined;
  if (typeof cv === "number" || typeof cv === "string") {
    if (pkg !== "@clerk/nextjs") return undefined;
    return majorFromRange(String(cv));
  }
  const v = cv[pkg];
  return v === undefined ? undefined : majorFromRange(String(v));
}

export function readSettings(settings: unknown): ClerkGuardSettings | undefined {
  if (!settings || typeof settings !== "object") return undefined;
  const s = (settings as Record<string, unknown>)["clerk-guard"];
  return s && typeof s === "object" ? (s as ClerkGuardSettings) : undefined;
}

function settingsKey(settings: ClerkGuardSettings | undefined): string {
  return settings ? JSON.stringify(settings) : "";
}

/**
 * Project facts for a file, cached per directory and settings. An answer is
 * reused while every file it came from (each package.json looked for on the way
 * up, the package.json read, every lockfile and workspace file consulted) has
 * the same inode, size and mtime, so a warm process answers as a cold one would.
 * Within one analysis run (`beginFactsRun`) and for at most a second, a checked
 * answer is trusted without stat calls: linting a project asks this for every file.
 */
const TRUST_MS = 1_000;

interface CachedInfo {
  info: ProjectInfo;
  sources: Sources;
  checkedRun: number;
  checkedAt: number;
}

const byDir = new Map<string, CachedInfo>();
let run = 0;

/** Start a new analysis run: cached project facts are revalidated (by stat) before their next use. */
export function beginFactsRun(): void {
  run++;
}

export function projectInfoFor(filename: string, settings?: ClerkGuardSettings, cwd?: string): ProjectInfo {
  const dir = path.dirname(path.resolve(filename));
  const key = `${dir}\0${settingsKey(settings)}\0${cwd ?? ""}`;
  const hit = byDir.get(key);
  const now = Date.now();
  if (hit) {
    if (hit.checkedRun === run && now - hit.checkedAt < TRUST_MS) return hit.info;
    if (unchanged(hit.sources)) {
      hit.checkedRun = run;
      hit.checkedAt = now;
      return hit.info;
    }
  }
  const sources: Sources = new Map();
  const info = recordingInto(sources, () => computeProjectInfo(dir, sources, settings, cwd));
  byDir.set(key, { info, sources, checkedRun: run, checkedAt: now });
  return info;
}

function computeProjectInfo(dir: string, sources: Sources, settings?: ClerkGuardSettings, cwd?: string): ProjectInfo {
  const pkgPath = nearestPackageJson(dir);
  const pkg = pkgPath ? (readJson(pkgPath) as Record<string, unknown> | undefined) : undefined;
  const dependencies = new Map<string, string>();
  for (const field of ["peerDependencies", "devDependencies", "dependencies"]) {
    const deps = pkg?.[field];
    if (deps && typeof deps === "object") {
      for (const [name, range] of Object.entries(deps as Record<string, unknown>)) {
        if (typeof range === "string") dependencies.set(name, range);
      }
    }
  }
  const root = settings?.rootDir
    ? path.resolve(cwd ?? process.cwd(), settings.rootDir)
    : pkgPath
      ? path.dirname(pkgPath)
      : path.resolve(cwd ?? process.cwd());
  const hasClerkDep = [...dependencies.keys()].some((d) => d.startsWith("@clerk/"));
  const majors = new Map<string, number | undefined>();
  const versions = new Map<string, string | undefined>();
  // read lazily (most files never ask), still recorded as sources of this answer
  const lockVersion = (name: string): string | undefined => {
    if (!versions.has(name)) {
      versions.set(name, pkgPath && dependencies.has(name) ? recordingInto(sources, () => versionFromLockfiles(path.dirname(pkgPath), name)) : undefined);
    }
    return versions.get(name);
  };
  const info: ProjectInfo = {
    root,
    packageJson: pkgPath,
    dependencies,
    isClerkProject: hasClerkDep || settings?.clerkVersion !== undefined,
    major(name: string): number | undefined {
      if (majors.has(name)) return majors.get(name);
      let m = settingsMajor(settings, name);
      if (m === undefined && name === "next" && settings?.nextVersion !== undefined) {
        m = majorFromRange(String(settings.nextVersion));
      }
      if (m === undefined && dependencies.has(name) && pkgPath) {
        m = majorFromRange(lockVersion(name)) ?? majorFromRange(dependencies.get(name));
      }
      majors.set(name, m);
      return m;
    },
    version(name: string): string | undefined {
      const major = info.major(name);
      if (major === undefined) return undefined;
      const fromSettings = settingsVersion(settings, name);
      if (settingsMajor(settings, name) !== undefined) return fromSettings;
      const v = versionFromRange(lockVersion(name)) ?? versionFromRange(dependencies.get(name));
      // a range of another major than the one resolved (settings, lockfile) says nothing about this one
      return v !== undefined && majorFromRange(v) === major ? v : undefined;
    },
  };
  return info;
}

export function clearProjectInfoCaches(): void {
  byDir.clear();
}
