/**
 * Result cache keyed by content, never by mtime (git checkouts, lint-staged and
 * agents rewrite mtimes). Two layers per file:
 *
 *  - single-file rules: valid while the file's text, its path and its package
 *    facts (package.json + lockfiles the version lookup reads) are unchanged;
 *  - cross-file (project) rules: valid only while the whole project is unchanged
 *    (a digest of every code file, package facts and .gitignore). Otherwise they
 *    are re-run on the file, so project-level facts are never served stale.
 *
 * The same class serves `--cache` (persisted in .clerk-guard/cache) and `ci`
 * (in memory: the base tree reuses the head tree's single-file results for files
 * the pull request did not touch).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { LintMessage } from "../engine/lint.js";
import type { Finding } from "./model.js";
import { ruleDocs } from "./model.js";

export const CACHE_VERSION = 1;
export const DEFAULT_CACHE_DIR = path.join(".clerk-guard", "cache");
const CACHE_FILE = "results-v1.json";
const MAX_ENTRIES = 50_000;

/**
 * Rules that read files other than their own (the project index, directory
 * listings) without declaring docs.projectRule. test/findings/cache.test.ts
 * scans the rule sources and fails when a rule reads other files and is not
 * covered here or by docs.projectRule.
 */
export const READS_OTHER_FILES: ReadonlySet<string> = new Set(["require-webhook-verification"]);

export function isProjectDependent(ruleId: string): boolean {
  return ruleDocs(ruleId)?.projectRule === true || READS_OTHER_FILES.has(ruleId);
}

export type StoredFinding = Omit<Finding, "filePath">;

export interface CacheEntry {
  /** sha256 of the text. */
  c: string;
  /** Package-facts hash. */
  s: string;
  /** Single-file rules: messages and findings. */
  m: LintMessage[];
  f: StoredFinding[];
  /** Messages suppressed by eslint-disable comments (ESLint's suppressedMessages). */
  sm: LintMessage[];
  /** Project digest the project-rule part was computed under. */
  p: string;
  pm: LintMessage[];
  pf: StoredFinding[];
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

export class ResultCache {
  private entries = new Map<string, CacheEntry>();
  private dirty = false;
  hits = 0;
  partialHits = 0;
  misses = 0;

  constructor(
    /** Identifies tool version, ruleset and settings; a different header discards the stored entries. */
    readonly header: string,
    /** Directory to persist to; undefined keeps the cache in memory. */
    readonly dir?: string,
  ) {}

  static load(header: string, dir: string): ResultCache {
    const cache = new ResultCache(header, dir);
    try {
      const data = JSON.parse(fs.readFileSync(path.join(dir, CACHE_FILE), "utf8")) as { version?: number; header?: string; entries?: Record<string, CacheEntry> };
      if (data.version === CACHE_VERSION && data.header === header && data.entries) {
        for (const [k, v] of Object.entries(data.entries)) cache.entries.set(k, v);
      }
    } catch {
      // no cache yet, or unreadable: start empty
    }
    return cache;
  }

  get(key: string): CacheEntry | undefined {
    return this.entries.get(key);
  }

  set(key: string, entry: CacheEntry): void {
    this.entries.delete(key); // re-insert: most recent last
    this.entries.set(key, entry);
    this.dirty = true;
  }

  /** Persist (atomically) when something changed. Failures are reported, never fatal. */
  save(onError?: (message: string) => void): void {
    if (!this.dir || !this.dirty) return;
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      const ignore = path.join(this.dir, ".gitignore");
      if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, "# clerk-guard cache: not for version control\n*\n");
      let list = [...this.entries];
      if (list.length > MAX_ENTRIES) list = list.slice(list.length - MAX_ENTRIES);
      const file = path.join(this.dir, CACHE_FILE);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify({ version: CACHE_VERSION, header: this.header, entries: Object.fromEntries(list) }));
      fs.renameSync(tmp, file);
      this.dirty = false;
    } catch (error) {
      onError?.(`could not write the cache in ${this.dir}: ${(error as Error).message}`);
    }
  }
}

/** Files whose content feeds the package facts (project-info.ts reads these). */
const STATE_FILES = ["package.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "pnpm-workspace.yaml"];

function readMaybe(file: string, contents?: Map<string, string>): string | undefined {
  const given = contents?.get(file);
  if (given !== undefined) return given;
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Hashes of the inputs besides a file's own text: package facts per package
 * directory, and the whole-project digest per project root. Memoized for one run.
 */
export class StateHasher {
  private pkgDirOf = new Map<string, string | null>();
  private stateOf = new Map<string, string>();
  private digestOf = new Map<string, string>();

  constructor(private readonly contents?: Map<string, string>) {}

  private nearestPackageDir(dir: string): string | undefined {
    const visited: string[] = [];
    let current = dir;
    let found: string | undefined;
    for (;;) {
      const cached = this.pkgDirOf.get(current);
      if (cached !== undefined) {
        found = cached ?? undefined;
        break;
      }
      visited.push(current);
      if (!current.split(path.sep).includes("node_modules") && fs.existsSync(path.join(current, "package.json"))) {
        found = current;
        break;
      }
      const parent = path.dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const v of visited) this.pkgDirOf.set(v, found ?? null);
    return found;
  }

  /** Hash of the package facts a file's single-file rules can see. */
  stateHash(file: string): string {
    const pkgDir = this.nearestPackageDir(path.dirname(path.resolve(file)));
    const key = pkgDir ?? "<none>";
    const cached = this.stateOf.get(key);
    if (cached) return cached;
    const h = createHash("sha256").update(key);
    let dir = pkgDir;
    for (let depth = 0; dir && depth < 6; depth++) {
      for (const name of STATE_FILES) {
        const text = readMaybe(path.join(dir, name), this.contents);
        if (text !== undefined) h.update(`\0${depth}/${name}\0`).update(text);
      }
      if (fs.existsSync(path.join(dir, ".git"))) break;
      const up = path.dirname(dir);
      if (up === dir) break;
      dir = up;
    }
    const value = h.digest("hex").slice(0, 32);
    this.stateOf.set(key, value);
    return value;
  }

  /** Digest of everything project rules of `root` can read: every code file, package facts, .gitignore. */
  projectDigest(root: string, listFiles: (root: string) => string[]): string {
    const cached = this.digestOf.get(root);
    if (cached) return cached;
    const h = createHash("sha256").update(root).update("\0").update(this.stateHash(path.join(root, "package.json")));
    h.update("\0.gitignore\0").update(readMaybe(path.join(root, ".gitignore"), this.contents) ?? "");
    for (const file of listFiles(root)) {
      const text = readMaybe(file, this.contents) ?? "";
      h.update("\0").update(path.relative(root, file)).update("\0").update(sha256(text));
    }
    const value = h.digest("hex").slice(0, 32);
    this.digestOf.set(root, value);
    return value;
  }
}
