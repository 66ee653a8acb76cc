/**
 * Which files the hook looks at, decided before ESLint is loaded: lintable code
 * files (engine/files.ts) inside the project, not .gitignored, regular files on
 * disk under the size cap, and inside a package (a package.json between the file
 * and the project root). Only node built-ins and the light path helpers are imported here.
 */
import fs from "node:fs";
import path from "node:path";
import { IgnoreRules, MAX_FILE_BYTES, isCheckedName, isInertText, isLintable, kindOf, readSource } from "../engine/files.js";
import { toPosix } from "../analysis/next-files.js";

export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * The directories a session's files may live in: the project directory Claude Code
 * was started in, and the hook's cwd when it is elsewhere (a worktree).
 */
export function projectRoots(env: NodeJS.ProcessEnv, inputCwd: string | undefined): string[] {
  const roots: string[] = [];
  const add = (dir: string | undefined) => {
    if (!dir || !path.isAbsolute(dir)) return;
    const abs = path.resolve(dir);
    if (!roots.some((r) => isInside(abs, r))) roots.push(abs);
  };
  add(env.CLAUDE_PROJECT_DIR);
  add(inputCwd);
  if (roots.length === 0) add(process.cwd());
  return roots;
}

/** The root a file belongs to, or undefined when it is outside all of them. */
export function rootOf(file: string, roots: readonly string[]): string | undefined {
  return roots.find((r) => isInside(file, r));
}

function nearestPackageDir(file: string, stopAt: string): string | undefined {
  let dir = path.dirname(file);
  for (;;) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (dir === stopAt || !isInside(dir, stopAt)) return undefined;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export type SkipReason = "not-code" | "outside" | "ignored" | "missing" | "too-large" | "no-package" | "nothing-to-check";

/** Why the hook leaves `file` alone, or undefined when it should be checked. */
export function skipReason(file: string, root: string | undefined): SkipReason | undefined {
  if (!isCheckedName(file)) return "not-code";
  if (!root) return "outside";
  if (!isLintable(toPosix(path.relative(root, file)))) return "ignored";
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return "missing";
  }
  if (!st.isFile()) return "missing";
  if (st.size > MAX_FILE_BYTES) return "too-large";
  const pkgDir = nearestPackageDir(file, root);
  if (!pkgDir) return "no-package";
  for (const base of new Set([root, pkgDir])) if (new IgnoreRules(base).ignores(file)) return "ignored";
  if (kindOf(file) !== "code") {
    // Markdown without a JS/TS example, a dotenv file without Clerk: answered without starting the linter
    const source = readSource(file);
    if ("text" in source && isInertText(file, source.text)) return "nothing-to-check";
  }
  return undefined;
}
