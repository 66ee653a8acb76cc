/**
 * Write the files clerk-guard needs from a commit into a scratch directory,
 * straight from git objects (`ls-tree` + one `cat-file --batch`): no checkout,
 * no index, no hooks, no filters, and the working tree is never touched.
 * Only code files and the files that feed project facts are written.
 */
import fs from "node:fs";
import path from "node:path";
import { SKIPPED_DIRS } from "../analysis/project/discover.js";
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

function wanted(rel: string, prefix: string): boolean {
  const inside = !prefix || rel.startsWith(prefix + "/");
  const name = rel.slice(rel.lastIndexOf("/") + 1);
  if (!inside) {
    // package facts of the directories above the project (workspace roots, lockfiles)
    const dir = rel.includes("/") ? rel.slice(0, rel.lastIndexOf("/")) : "";
    return STATE_NAMES.has(name) && (dir === "" || prefix.startsWith(dir + "/"));
  }
  if (rel.endsWith("/.clerk-guard/baseline.json") || rel === ".clerk-guard/baseline.json") return true;
  const segments = rel.split("/").slice(0, -1);
  if (segments.some((s) => SKIPPED_DIRS.has(s))) return false;
  return isCodeFile(name) || KEEP_NAMES.has(name) || /^tsconfig(\..*)?\.json$/.test(name);
}

export interface Materialized {
  /** Scratch root (mirrors the repository root). */
  dir: string;
  /** Repo-relative path → blob id, for every written file. */
  blobs: Map<string, string>;
}

/**
 * Materialize `commit` into `dir`. `prefix` (repo-relative, "" for all) limits
 * it to one project of a monorepo, plus the package facts above it.
 */
export function materialize(repo: string, commit: string, dir: string, prefix = ""): Materialized {
  const entries = lsTree(repo, commit).filter(
    (e: TreeEntry) => e.type === "blob" && (e.mode === "100644" || e.mode === "100755") && wanted(e.path, prefix),
  );
  const contents = readBlobs(repo, entries.map((e) => e.sha));
  const made = new Set<string>();
  const blobs = new Map<string, string>();
  fs.mkdirSync(dir, { recursive: true });
  // project-info stops its lockfile walk at a `.git`: mark the root like a checkout
  fs.mkdirSync(path.join(dir, ".git"), { recursive: true });
  for (const e of entries) {
    const buf = contents.get(e.sha);
    if (!buf) continue;
    const file = path.join(dir, ...e.path.split("/"));
    const parent = path.dirname(file);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    fs.writeFileSync(file, buf);
    blobs.set(e.path, e.sha);
  }
  return { dir, blobs };
}
