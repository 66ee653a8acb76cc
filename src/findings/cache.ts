/**
 * Result cache keyed by content, never by a file's own mtime (git checkouts,
 * lint-staged and agents rewrite mtimes). It stores findings only. Two layers per file:
 *
 *  - single-file rules: valid while the file's text, its path and its package
 *    facts (package.json + lockfiles the version lookup reads) are unchanged;
 *  - cross-file (project) rules: valid only while the whole project is unchanged
 *    (a digest of every code file's identity, package facts and .gitignore).
 *    Otherwise they are re-run on the file, so project-level facts are never served stale.
 *
 * The same class serves `--cache` (persisted) and `ci` (in memory: the base tree
 * reuses the head tree's single-file results for files the pull request did not touch).
 *
 * A persisted cache is signed with a per-user key kept outside the repository
 * ($XDG_CACHE_HOME/clerk-guard/cache-key, 0600): a cache file that a repository
 * commits (or anyone else writes) fails the check and is ignored, so it can
 * never hide a finding or inject text into the output.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileSignature, readBounded } from "../analysis/fs-cache.js";
import type { Finding } from "./model.js";
import { ruleDocs } from "./meta-rules.js";
import { writeInside } from "./safe-io.js";

export const CACHE_VERSION = 2;
export const DEFAULT_CACHE_DIR = path.join(".clerk-guard", "cache");
const CACHE_FILE = "results-v2.json";
const MAX_ENTRIES = 50_000;
const MAX_CACHE_BYTES = 512 * 1024 * 1024;
const MAX_STATE_FILE_BYTES = 64 * 1024 * 1024;

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
  /** Findings of single-file rules. */
  f: StoredFinding[];
  /** Findings eslint-disable comments suppressed. */
  x: StoredFinding[];
  /** Project digest the project-rule part was computed under. */
  p: string;
  /** Findings of project rules. */
  pf: StoredFinding[];
}

export function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

/** The per-user directory of clerk-guard's own state (never inside a repository). */
export function userCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(os.homedir(), ".cache");
  return path.join(base, "clerk-guard");
}

/** The per-user signing key, created on first use; undefined when no private place for it exists. */
function signingKey(env: NodeJS.ProcessEnv): Buffer | undefined {
  const dir = userCacheDir(env);
  const file = path.join(dir, "cache-key");
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    if (!st.isDirectory() || (typeof process.getuid === "function" && st.uid !== process.getuid())) return undefined;
    try {
      fs.writeFileSync(file, randomBytes(32).toString("hex"), { flag: "wx", mode: 0o600 });
    } catch {
      // it exists already (or another process just wrote it)
    }
    const key = fs.lstatSync(file);
    if (!key.isFile() || (key.mode & 0o077) !== 0 || (typeof process.getuid === "function" && key.uid !== process.getuid())) return undefined;
    const text = fs.readFileSync(file, "utf8").trim();
    return /^[0-9a-f]{64}$/.test(text) ? Buffer.from(text, "hex") : undefined;
  } catch {
    return undefined;
  }
}

function mac(key: Buffer, body: string): string {
  return createHmac("sha256", key).update(body).digest("hex");
}

export class ResultCache {
  private entries = new Map<string, CacheEntry>();
  private dirty = false;
  private key: Buffer | undefined;
  hits = 0;
  partialHits = 0;
  misses = 0;
  /** Why a persisted cache was not used (unsigned, signed by someone else, unreadable). */
  rejected?: string;

  constructor(
    /** Identifies tool version, ruleset and settings; a different header discards the stored entries. */
    readonly header: string,
    /** Directory to persist to; undefined keeps the cache in memory. */
    readonly dir?: string,
    /** Directory writes must stay inside (no link on the way is followed). */
    readonly root?: string,
  ) {}

  static load(header: string, dir: string, root: string, env: NodeJS.ProcessEnv = process.env): ResultCache {
    const cache = new ResultCache(header, dir, root);
    cache.key = signingKey(env);
    if (!cache.key) {
      cache.rejected = `no private directory for the cache key (${userCacheDir(env)}); the cache is not used`;
      return cache;
    }
    const read = readBounded(path.join(dir, CACHE_FILE), MAX_CACHE_BYTES, root);
    if (!read.bytes) {
      if (read.failure !== "missing") cache.rejected = `ignoring the cache file in ${dir} (${read.failure})`;
      return cache;
    }
    const text = read.bytes.toString("utf8");
    const nl = text.indexOf("\n");
    const signature = nl === -1 ? "" : text.slice(0, nl);
    const body = nl === -1 ? "" : text.slice(nl + 1);
    const expected = mac(cache.key, body);
    if (signature.length !== expected.length || !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))) {
      cache.rejected = `ignoring the cache file in ${dir}: it was not written by clerk-guard for this user`;
      return cache;
    }
    try {
      const data = JSON.parse(body) as { version?: number; header?: string; entries?: Record<string, CacheEntry> };
      if (data.version === CACHE_VERSION && data.header === header && data.entries) {
        for (const [k, v] of Object.entries(data.entries)) cache.entries.set(k, v);
      }
    } catch {
      // signed but unreadable: start empty
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

  /** Persist (atomically, never through a link) when something changed. Failures are reported, never fatal. */
  save(onError?: (message: string) => void): void {
    if (!this.dir || !this.dirty || !this.key) return;
    try {
      let list = [...this.entries];
      if (list.length > MAX_ENTRIES) list = list.slice(list.length - MAX_ENTRIES);
      const body = JSON.stringify({ version: CACHE_VERSION, header: this.header, entries: Object.fromEntries(list) });
      const root = this.root ?? this.dir;
      writeInside(root, path.join(this.dir, ".gitignore"), "# clerk-guard cache: not for version control\n*\n", { keepExisting: true });
      writeInside(root, path.join(this.dir, CACHE_FILE), `${mac(this.key, body)}\n${body}`);
      this.dirty = false;
    } catch (error) {
      onError?.(`could not write the cache in ${this.dir}: ${(error as Error).message}`);
    }
  }
}

/** Files whose content feeds the package facts (project-info.ts reads these). */
const STATE_FILES = ["package.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "pnpm-workspace.yaml"];

/**
 * Hashes of the inputs besides a file's own text: package facts per package
 * directory, and the whole-project digest per project root. Memoized for one run.
 */
export class StateHasher {
  private pkgDirOf = new Map<string, string | null>();
  private stateOf = new Map<string, string>();
  private digestOf = new Map<string, string>();

  /** `contents`: text that stands in for the disk (staged blobs). */
  constructor(private readonly contents?: ReadonlyMap<string, string>) {}

  private read(file: string): Buffer | string | undefined {
    const given = this.contents?.get(file);
    if (given !== undefined) return given;
    return readBounded(file, MAX_STATE_FILE_BYTES).bytes;
  }

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
        const content = this.read(path.join(dir, name));
        if (content !== undefined) h.update(`\0${depth}/${name}\0`).update(content);
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

  /**
   * Digest of everything project rules of `root` can read: every code file, package
   * facts, .gitignore. Code files count by identity (inode, size, mtime; content for
   * in-memory ones), so the digest costs no read: any touched file re-runs project rules.
   */
  projectDigest(root: string, listFiles: (root: string) => string[]): string {
    const cached = this.digestOf.get(root);
    if (cached) return cached;
    const h = createHash("sha256").update(root).update("\0").update(this.stateHash(path.join(root, "package.json")));
    h.update("\0.gitignore\0").update(this.read(path.join(root, ".gitignore")) ?? "");
    const files = new Set(listFiles(root));
    for (const file of this.contents?.keys() ?? []) files.add(file);
    for (const file of [...files].sort()) {
      const given = this.contents?.get(file);
      h.update("\0").update(path.relative(root, file)).update("\0").update(given !== undefined ? sha256(given) : fileSignature(file));
    }
    const value = h.digest("hex").slice(0, 32);
    this.digestOf.set(root, value);
    return value;
  }
}
