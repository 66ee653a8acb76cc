/**
 * Which files a `check` run lints, decided without loading ESLint (the no-op
 * path must stay fast): path arguments as lint-staged, lefthook or pre-commit
 * pass them, or the staged entries of the git index.
 */
import fs from "node:fs";
import path from "node:path";
import { IgnoreRules, listCheckedFiles } from "../engine/files.js";

/** Nearest directory containing `.git` (a directory, or a file in worktrees), without spawning git. */
export function findGitRoot(dir: string): string | undefined {
  let current = path.resolve(dir);
  for (;;) {
    if (fs.existsSync(path.join(current, ".git"))) return current;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export interface Collected {
  files: string[];
  missing: string[];
}

/**
 * Expand path arguments: directories are walked (their own .gitignore applies,
 * as in a project run); files are kept when they are code and not ignored.
 */
export function collectPaths(args: readonly string[], cwd: string, ignoreRoot: string): Collected {
  const files = new Set<string>();
  const missing: string[] = [];
  const rules = new IgnoreRules(ignoreRoot);
  for (const arg of args) {
    const abs = path.resolve(cwd, arg);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      missing.push(arg);
      continue;
    }
    if (st.isDirectory()) for (const f of listCheckedFiles(abs)) files.add(f);
    else if (st.isFile() && !rules.skips(abs)) files.add(abs);
  }
  return { files: [...files].sort(), missing };
}
