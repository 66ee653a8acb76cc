/**
 * Write the files clerk-guard needs from a commit into a scratch directory,
 * straight from git objects (`ls-tree` + `cat-file --batch`): no checkout, no
 * index, no hooks, no filters, and the working tree is never touched. Only code
 * files and the files that feed project facts are written.
 *
 * A commit of a pull request is hostile input: its trees can be crafted
 * (`git hash-object --literally`) with entries named `..`, absolute paths,
 * `.git`, duplicates, or a name that is both a file and a directory. Every path
 * is validated before anything is written, files are created with O_EXCL (never
 * over something that exists, never through a link), and a written path must
 * resolve inside the scratch directory. Symbolic links and gitlinks are never
 * written; blobs over the size cap are never read.
 */
import fs from "node:fs";
import path from "node:path";
import { MAX_FILE_BYTES, inSkippedDir, isCheckedName, isLintable } from "../engine/files.js";
import { isCodeFile } from "../analysis/next-files.js";
import { type TreeEntry, lsTree, readBlobs } from "./git.js";

/** Non-code files that analysis reads: package facts, path aliases, ignore rules, ESLint configs, the baseline. */
const KEEP_NAMES = new Set([
  "package.json",
  "package-lock.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lock",
  "pnpm-workspace.yaml",
  "jsconfig.json",
  ".gitignore",
  ".eslintrc",
  ".eslintrc.json",
  ".eslintrc.yaml",
  ".eslintrc.yml",
]);

const STATE_NAMES = new Set(["package.json", "package-lock.json", "pnpm-lock.yaml", "yarn.lock", "bun.lock", "pnpm-workspace.yaml", ".gitignore"]);

/** Non-code files larger than this are not written (lockfiles of big monorepos stay well under it). */
const MAX_KEPT_BYTES = 64 * 1024 * 1024;

/**
 * A tree path that is safe to write below a directory: relative, made of
 * non-empty segments that are not `.`, `..` or `.git` (any case), without
 * NUL, backslash or control characters.
 */
export function isSafeTreePath(rel: string): boolean {
  if (!rel || rel.length > 4096 || rel.startsWith("/") || /[\u0000-\u001f\\]/.test(rel)) return false;
  return rel.split("/").every((seg) => seg !== "" && seg !== "." && seg !== ".." && seg.toLowerCase() !== ".git" && !/^[a-zA-Z]:/.test(seg));
}

function wanted(rel: string, prefix: string): boolean {
  const inside = !prefix || rel.startsWith(prefix + "/");
  const name = rel.slice(rel.lastIndexOf("/") + 1);
  if (!inside) {
    // package facts of the directories above the project (workspace roots, lockfiles)
    const dir = rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : "";
    return STATE_NAMES.has(name) && (dir === "" || prefix.startsWith(dir + "/"));
  }
  if (rel.endsWith("/.clerk-guard/baseline.json") || rel === ".clerk-guard/baseline.json") return true;
  if (isCheckedName(name)) return isLintable(rel);
  return !inSkippedDir(rel) && (KEEP_NAMES.has(name) || /^tsconfig(\..*)?\.json$/.test(name));
}

export interface Materialized {
  /** Scratch root (mirrors the repository root). */
  dir: string;
  /** Repo-relative path → blob id, for every written file. */
  blobs: Map<string, string>;
  /** Code files over the size cap (repo-relative): never read, never written. */
  tooLarge: Set<string>;
  /** Tree entries refused (unsafe path, duplicate, a name that is a file and a directory), as git spells them. */
  refused: string[];
}

function insideDir(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}

/**
 * Materialize `commit` into `dir` (which must be empty or missing). `prefix`
 * (repo-relative, "" for all) limits it to one project of a monorepo, plus the
 * package facts above it.
 */
export function materialize(repo: string, commit: string, dir: string, prefix = ""): Materialized {
  const refused: string[] = [];
  const tooLarge = new Set<string>();
  const entries: TreeEntry[] = [];
  for (const e of lsTree(repo, commit)) {
    if (e.type !== "blob" || (e.mode !== "100644" && e.mode !== "100755")) continue;
    if (!isSafeTreePath(e.path)) {
      refused.push(e.path);
      continue;
    }
    if (!wanted(e.path, prefix)) continue;
    const limit = isCheckedName(e.path) ? MAX_FILE_BYTES : MAX_KEPT_BYTES;
    if (e.size > limit) {
      if (isCodeFile(e.path)) tooLarge.add(e.path);
      continue;
    }
    entries.push(e);
  }
  const { blobs: contents } = readBlobs(repo, entries.map((e) => e.sha), MAX_KEPT_BYTES);
  const made = new Set<string>();
  const blobs = new Map<string, string>();
  fs.mkdirSync(dir, { recursive: true });
  const root = fs.realpathSync(dir);
  // project-info stops its lockfile walk at a `.git`: mark the root like a checkout
  fs.mkdirSync(path.join(root, ".git"), { recursive: true });
  for (const e of entries) {
    const buf = contents.get(e.sha);
    if (!buf) continue;
    const file = path.join(root, ...e.path.split("/"));
    if (!insideDir(root, file)) {
      refused.push(e.path);
      continue;
    }
    try {
      const parent = path.dirname(file);
      if (!made.has(parent)) {
        fs.mkdirSync(parent, { recursive: true });
        made.add(parent);
      }
      // O_EXCL: never over an existing entry (a duplicate, or a name already used as a directory)
      fs.writeFileSync(file, buf, { flag: "wx" });
      blobs.set(e.path, e.sha);
    } catch {
      refused.push(e.path);
    }
  }
  return { dir: root, blobs, tooLarge, refused };
}
