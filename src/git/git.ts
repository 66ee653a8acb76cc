/**
 * The git plumbing clerk-guard needs, read-only: repository root, refs, trees,
 * blobs (`git cat-file --batch`), staged entries and diffs. Nothing here checks
 * out, stashes or writes to the working tree or the index, and no hook, filter
 * or external diff driver of the repository is ever run.
 */
import { spawnSync } from "node:child_process";

/** A git problem the user can fix; the CLI prints `message` as its one line and exits 2. */
export class GitError extends Error {}

/** Flags that keep git from running repository-configured programs or paging. */
const SAFE = ["-c", "core.quotePath=false", "-c", "diff.noprefix=false", "-c", "core.fsmonitor=false", "--no-pager"];

export interface GitRun {
  status: number;
  stdout: Buffer;
  stderr: string;
}

export function gitRaw(cwd: string, args: readonly string[], input?: string | Buffer): GitRun {
  const r = spawnSync("git", [...SAFE, ...args], {
    cwd,
    input,
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" },
    windowsHide: true,
  });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    throw new GitError(code === "ENOENT" ? "git is not installed or not on PATH" : `git failed: ${r.error.message}`);
  }
  return { status: r.status ?? 1, stdout: r.stdout ?? Buffer.alloc(0), stderr: (r.stderr ?? Buffer.alloc(0)).toString("utf8") };
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
  /** Path relative to the repository root, forward slashes. */
  path: string;
}

/** Every entry of a commit's tree (recursively), optionally under `prefix` (a repo-relative dir, "" for all). */
export function lsTree(cwd: string, commit: string, prefix = ""): TreeEntry[] {
  const args = ["ls-tree", "-r", "-z", "--full-tree", commit];
  if (prefix) args.push("--", prefix.replace(/\/?$/, "/"));
  const out = git(cwd, args);
  const entries: TreeEntry[] = [];
  for (const rec of out.split("\0")) {
    if (!rec) continue;
    const tab = rec.indexOf("\t");
    const [mode, type, sha] = rec.slice(0, tab).split(" ");
    entries.push({ mode: mode!, type: type as TreeEntry["type"], sha: sha!, path: rec.slice(tab + 1) });
  }
  return entries;
}

/**
 * Read blobs by object id with one `git cat-file --batch` process. Returns
 * sha → content; missing objects are left out.
 */
export function readBlobs(cwd: string, shas: Iterable<string>): Map<string, Buffer> {
  const unique = [...new Set(shas)];
  const out = new Map<string, Buffer>();
  if (unique.length === 0) return out;
  const r = gitRaw(cwd, ["cat-file", "--batch"], unique.join("\n") + "\n");
  if (r.status !== 0) throw new GitError(`git cat-file failed: ${firstLine(r.stderr) || `exit ${r.status}`}`);
  const buf = r.stdout;
  let pos = 0;
  while (pos < buf.length) {
    const nl = buf.indexOf(10, pos);
    if (nl === -1) break;
    const header = buf.subarray(pos, nl).toString("utf8");
    pos = nl + 1;
    const parts = header.split(" ");
    if (parts[1] === "missing" || parts.length < 3) continue;
    const size = Number(parts[2]);
    out.set(parts[0]!, buf.subarray(pos, pos + size));
    pos += size + 1; // content + trailing LF
  }
  return out;
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
