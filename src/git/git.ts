/**
 * The one git wrapper of the CLI (check --staged, ci, baseline, the Claude Code
 * hook), read-only: repository root, refs, trees, blobs (`git cat-file --batch`),
 * staged entries, diffs and the working tree's status. Nothing here checks out,
 * stashes or writes to the working tree or the index, and no program the
 * repository configures ever runs: every call disables fsmonitor, hooks, pagers,
 * external diff and textconv drivers, and every clean/smudge/process filter the
 * configuration names, and GIT_OPTIONAL_LOCKS=0 keeps `status` from rewriting
 * the index (which would also fire post-index-change).
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

/** A git problem the user can fix; the CLI prints `message` as its one line and exits 2. */
export class GitError extends Error {}

/** Flags that keep git from running repository-configured programs or paging. */
const SAFE = [
  "-c", "core.quotePath=false",
  "-c", "diff.noprefix=false",
  "-c", "core.fsmonitor=false",
  "-c", "core.untrackedCache=false",
  "-c", `core.hooksPath=${process.platform === "win32" ? "NUL" : "/dev/null"}`,
  "--no-pager",
];

export interface GitRun {
  status: number;
  stdout: Buffer;
  stderr: string;
}

function gitEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" };
  delete env.GIT_EXTERNAL_DIFF;
  return env;
}

function spawnGit(cwd: string, args: readonly string[], input?: string | Buffer, maxBuffer = 1024 * 1024 * 1024): GitRun {
  const r = spawnSync("git", args, {
    cwd,
    input,
    maxBuffer,
    env: gitEnv(),
    stdio: [input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    windowsHide: true,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new GitError(code === "ENOENT" ? "git is not installed or not on PATH" : `git failed: ${r.error.message}`);
  }
  return { status: r.status ?? 1, stdout: r.stdout ?? Buffer.alloc(0), stderr: (r.stderr ?? Buffer.alloc(0)).toString("utf8") };
}

const filterFlags = new Map<string, string[]>();

/**
 * `-c filter.<name>.clean= …` for every filter driver the configuration of the
 * repository at `cwd` names: an empty command disables a driver, `required=false`
 * keeps git from failing without it. Reading the configuration runs nothing.
 */
function disabledFilters(cwd: string): string[] {
  const cached = filterFlags.get(cwd);
  if (cached) return cached;
  const r = spawnGit(cwd, [...SAFE, "config", "-z", "--name-only", "--get-regexp", "^filter\\."]);
  const names = new Set<string>();
  if (r.status === 0) {
    for (const key of r.stdout.toString("utf8").split("\0")) {
      const m = /^filter\.(.+)\.[^.]+$/.exec(key);
      if (m) names.add(m[1]!);
    }
  }
  const flags = [...names].flatMap((n) => ["-c", `filter.${n}.clean=`, "-c", `filter.${n}.smudge=`, "-c", `filter.${n}.process=`, "-c", `filter.${n}.required=false`]);
  if (filterFlags.size > 100) filterFlags.clear();
  filterFlags.set(cwd, flags);
  return flags;
}

export function gitRaw(cwd: string, args: readonly string[], input?: string | Buffer, maxBuffer?: number): GitRun {
  return spawnGit(cwd, [...SAFE, ...disabledFilters(cwd), ...args], input, maxBuffer);
}

/** Run git and return stdout as text; throw GitError (with git's first stderr line) on failure. */
export function git(cwd: string, args: readonly string[], input?: string | Buffer): string {
  const r = gitRaw(cwd, args, input);
  if (r.status !== 0) throw new GitError(`git ${args[0]} failed: ${firstLine(r.stderr) || `exit ${r.status}`}`);
  return r.stdout.toString("utf8");
}

function firstLine(s: string): string {
  return s.split("\n").map((l) => l.trim()).find(Boolean) ?? "";
}

/** The top-level directory of the work tree containing `cwd`, or undefined outside a repository. */
export function repoRoot(cwd: string): string | undefined {
  const r = gitRaw(cwd, ["rev-parse", "--show-toplevel"]);
  if (r.status !== 0) return undefined;
  const out = r.stdout.toString("utf8").replace(/\n$/, "");
  return out || undefined;
}

export function isShallow(cwd: string): boolean {
  const r = gitRaw(cwd, ["rev-parse", "--is-shallow-repository"]);
  return r.status === 0 && r.stdout.toString("utf8").trim() === "true";
}

/** The commit a ref names, or undefined when it does not exist here. */
export function resolveCommit(cwd: string, ref: string): string | undefined {
  if (!ref || ref.startsWith("-")) return undefined;
  const r = gitRaw(cwd, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`]);
  if (r.status !== 0) return undefined;
  return r.stdout.toString("utf8").trim() || undefined;
}

export function mergeBase(cwd: string, a: string, b: string): string | undefined {
  const r = gitRaw(cwd, ["merge-base", a, b]);
  if (r.status !== 0) return undefined;
  return r.stdout.toString("utf8").trim() || undefined;
}

export interface TreeEntry {
  mode: string;
  type: "blob" | "tree" | "commit";
  sha: string;
  /** Blob size in bytes (-1 for trees and gitlinks). */
  size: number;
  /** Path relative to the repository root, forward slashes, as the tree spells it (unvalidated). */
  path: string;
}

/** Every entry of a commit's tree (recursively), optionally under `prefix` (a repo-relative dir, "" for all). */
export function lsTree(cwd: string, commit: string, prefix = ""): TreeEntry[] {
  const args = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit];
  if (prefix) args.push("--", prefix.replace(/\/?$/, "/"));
  const out = gitRaw(cwd, args);
  if (out.status !== 0) throw new GitError(`git ls-tree failed: ${firstLine(out.stderr) || `exit ${out.status}`}`);
  const entries: TreeEntry[] = [];
  // split the raw bytes, so a name that is not UTF-8 keeps its bytes until it is validated
  for (const rec of out.stdout.toString("latin1").split("\0")) {
    if (!rec) continue;
    const tab = rec.indexOf("\t");
    if (tab === -1) continue;
    const [mode, type, sha, size] = rec.slice(0, tab).split(/ +/);
    const name = Buffer.from(rec.slice(tab + 1), "latin1").toString("utf8");
    entries.push({ mode: mode!, type: type as TreeEntry["type"], sha: sha!, size: size === "-" ? -1 : Number(size), path: name });
  }
  return entries;
}

/** Sizes of objects by id (`git cat-file --batch-check`); missing objects are left out. */
export function blobSizes(cwd: string, shas: Iterable<string>): Map<string, number> {
  const unique = [...new Set(shas)];
  const out = new Map<string, number>();
  if (unique.length === 0) return out;
  const r = gitRaw(cwd, ["cat-file", "--batch-check"], unique.join("\n") + "\n");
  if (r.status !== 0) throw new GitError(`git cat-file failed: ${firstLine(r.stderr) || `exit ${r.status}`}`);
  for (const line of r.stdout.toString("utf8").split("\n")) {
    const [sha, type, size] = line.split(" ");
    if (sha && type === "blob" && size !== undefined) out.set(sha, Number(size));
  }
  return out;
}

/** Blobs read per `git cat-file --batch` process: bounds the memory one read holds. */
const BATCH_BYTES = 64 * 1024 * 1024;

/**
 * Read blobs by object id with `git cat-file --batch`, in batches of bounded
 * size. Blobs larger than `maxBytes` are never read: they are listed in
 * `oversized`. Returns sha → content; missing objects are left out.
 */
export function readBlobs(cwd: string, shas: Iterable<string>, maxBytes = Number.MAX_SAFE_INTEGER): { blobs: Map<string, Buffer>; oversized: Set<string> } {
  const sizes = blobSizes(cwd, shas);
  const blobs = new Map<string, Buffer>();
  const oversized = new Set<string>();
  let batch: string[] = [];
  let batchBytes = 0;
  const flush = () => {
    if (batch.length === 0) return;
    const r = gitRaw(cwd, ["cat-file", "--batch"], batch.join("\n") + "\n", batchBytes + batch.length * 128 + 1024);
    if (r.status !== 0) throw new GitError(`git cat-file failed: ${firstLine(r.stderr) || `exit ${r.status}`}`);
    const buf = r.stdout;
    let pos = 0;
    while (pos < buf.length) {
      const nl = buf.indexOf(10, pos);
      if (nl === -1) break;
      const parts = buf.subarray(pos, nl).toString("utf8").split(" ");
      pos = nl + 1;
      if (parts[1] === "missing" || parts.length < 3) continue;
      const size = Number(parts[2]);
      blobs.set(parts[0]!, buf.subarray(pos, pos + size));
      pos += size + 1; // content + trailing LF
    }
    batch = [];
    batchBytes = 0;
  };
  for (const [sha, size] of sizes) {
    if (size > maxBytes) {
      oversized.add(sha);
      continue;
    }
    if (batchBytes + size > BATCH_BYTES) flush();
    batch.push(sha);
    batchBytes += size;
  }
  flush();
  return { blobs, oversized };
}

export interface StagedEntry {
  /** Repo-relative path (forward slashes). */
  path: string;
  mode: string;
  /** Blob id of the staged (index) content. */
  sha: string;
  status: string;
}

/**
 * Staged added/copied/modified/renamed files (renames reported as their new
 * path), read from the index with `git diff --cached --raw`. `pathspec`
 * limits the listing (e.g. "." for the current directory).
 */
export function stagedEntries(cwd: string, pathspec?: string): StagedEntry[] {
  const args = ["diff", "--cached", "--raw", "-z", "--no-renames", "--no-ext-diff", "--no-textconv", "--diff-filter=ACMR", "--abbrev=40"];
  if (pathspec) args.push("--", pathspec);
  const out = git(cwd, args);
  const parts = out.split("\0");
  const entries: StagedEntry[] = [];
  for (let i = 0; i < parts.length - 1; i++) {
    const meta = parts[i]!;
    if (!meta.startsWith(":")) continue;
    const [, dstMode, , dstSha, status] = meta.slice(1).split(" ");
    const file = parts[++i]!;
    entries.push({ path: file, mode: dstMode!, sha: dstSha!, status: status! });
  }
  return entries;
}

export interface ChangedFile {
  status: "A" | "M" | "D" | "R" | "C" | "T";
  /** Path at head (for D: the deleted path). */
  path: string;
  /** Path at base for renames and copies. */
  from?: string;
}

/** Files that differ between two commits (renames detected), optionally under a prefix. */
export function changedFiles(cwd: string, base: string, head: string, prefix = ""): ChangedFile[] {
  const args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", base, head];
  if (prefix) args.push("--", prefix);
  const out = git(cwd, args);
  const parts = out.split("\0");
  const files: ChangedFile[] = [];
  for (let i = 0; i < parts.length - 1; i++) {
    const code = parts[i]!;
    if (!code) continue;
    const status = code[0] as ChangedFile["status"];
    if (status === "R" || status === "C") {
      const from = parts[++i]!;
      const to = parts[++i]!;
      files.push({ status, path: to, from });
    } else {
      files.push({ status, path: parts[++i]! });
    }
  }
  return files;
}

/** Unquote a path as git prints it in patch headers when it needs C-style quoting. */
export function unquotePath(s: string): string {
  if (!s.startsWith('"') || !s.endsWith('"')) return s;
  const body = s.slice(1, -1);
  const bytes: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c !== "\\") {
      for (const b of Buffer.from(c, "utf8")) bytes.push(b);
      continue;
    }
    const n = body[++i]!;
    if (/[0-7]/.test(n)) {
      bytes.push(parseInt(body.slice(i, i + 3), 8));
      i += 2;
    } else {
      const map: Record<string, number> = { n: 10, t: 9, r: 13, a: 7, b: 8, f: 12, v: 11, '"': 34, "\\": 92 };
      bytes.push(map[n] ?? n.charCodeAt(0));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

/**
 * Added line numbers (head side) per head path, from `git diff -U0 base head`.
 * Pure deletions add nothing.
 */
export function addedLines(cwd: string, base: string, head: string, prefix = ""): Map<string, Set<number>> {
  const args = ["diff", "-U0", "-M", "--no-color", "--no-ext-diff", "--no-textconv", "--src-prefix=a/", "--dst-prefix=b/", base, head];
  if (prefix) args.push("--", prefix);
  const out = git(cwd, args);
  const result = new Map<string, Set<number>>();
  let current: Set<number> | undefined;
  for (const line of out.split("\n")) {
    if (line.startsWith("+++ ")) {
      const name = line.slice(4);
      if (name === "/dev/null") {
        current = undefined;
        continue;
      }
      const p = unquotePath(name.replace(/\t$/, ""));
      const rel = p.startsWith("b/") ? p.slice(2) : p;
      current = new Set<number>();
      result.set(rel, current);
    } else if (line.startsWith("@@ ") && current) {
      const m = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!m) continue;
      const start = Number(m[1]);
      const count = m[2] === undefined ? 1 : Number(m[2]);
      for (let k = 0; k < count; k++) current.add(start + k);
    }
  }
  return result;
}

/** The bytes of `file` at HEAD (at most `maxBytes`), or undefined when it is not in HEAD, is larger, or git cannot tell. */
export function headVersion(file: string, maxBytes: number): Buffer | undefined {
  try {
    const dir = path.dirname(file);
    const spec = `HEAD:./${path.basename(file)}`;
    const check = gitRaw(dir, ["cat-file", "--batch-check"], spec + "\n");
    const [, type, size] = check.stdout.toString("utf8").trim().split(" ");
    if (check.status !== 0 || type !== "blob" || Number(size) > maxBytes) return undefined;
    const r = gitRaw(dir, ["cat-file", "blob", spec], undefined, maxBytes + 1024);
    return r.status === 0 ? r.stdout : undefined;
  } catch {
    return undefined;
  }
}

/** Absolute paths of the files under `dir` that differ from HEAD or are untracked (not ignored); undefined when git cannot tell. */
export function workingTreeChanges(dir: string): string[] | undefined {
  try {
    const top = gitRaw(dir, ["rev-parse", "--show-toplevel"]);
    const root = top.status === 0 ? top.stdout.toString("utf8").trim() : "";
    if (!root) return undefined;
    const r = gitRaw(dir, ["status", "--porcelain=v1", "-z", "--untracked-files=all", "--ignore-submodules=all", "--no-renames", "--", "."], undefined, 256 * 1024 * 1024);
    if (r.status !== 0) return undefined;
    const files: string[] = [];
    for (const entry of r.stdout.toString("utf8").split("\0")) {
      if (entry.length < 4) continue;
      if (entry[0] === "D" || entry[1] === "D") continue;
      files.push(path.resolve(root, entry.slice(3)));
    }
    return files;
  } catch {
    return undefined;
  }
}
