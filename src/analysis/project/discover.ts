/**
 * Which files belong to a project: code files under the root, minus
 * dependencies, build output and whatever the root .gitignore excludes.
 */
import fs from "node:fs";
import path from "node:path";
import { overlaysUnder, readText } from "../fs-cache.js";
import { isCodeFile, toPosix } from "../next-files.js";

export const SKIPPED_DIRS = new Set([
  "node_modules",
  ".git",
  ".next",
  ".turbo",
  ".vercel",
  ".clerk",
  ".clerk-guard",
  "dist",
  "build",
  "out",
  "coverage",
  ".output",
  ".nuxt",
  ".svelte-kit",
  ".cache",
]);

export interface IgnoreMatcher {
  ignores(relPath: string, isDir: boolean): boolean;
}

function globToRegex(glob: string): string {
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === "*") {
      if (glob[i + 1] === "*") {
        re += ".*";
        i++;
        if (glob[i + 1] === "/") i++;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if ("\\^$+.()|{}[]".includes(c)) re += "\\" + c;
    else re += c;
  }
  return re;
}

/** A small .gitignore reader: globs, `**`, anchoring, directory-only and negated patterns. */
export function gitignoreMatcher(root: string): IgnoreMatcher {
  const text = readText(path.join(root, ".gitignore")) ?? "";
  const rules: Array<{ re: RegExp; negate: boolean; dirOnly: boolean }> = [];
  for (const raw of text.split(/\r?\n/)) {
    let line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const negate = line.startsWith("!");
    if (negate) line = line.slice(1);
    const dirOnly = line.endsWith("/");
    if (dirOnly) line = line.slice(0, -1);
    const anchored = line.startsWith("/") || line.includes("/");
    if (line.startsWith("/")) line = line.slice(1);
    const body = globToRegex(line);
    const re = new RegExp(anchored ? `^${body}(?:/.*)?$` : `(?:^|/)${body}(?:/.*)?$`);
    rules.push({ re, negate, dirOnly });
  }
  return {
    ignores(relPath: string, isDir: boolean): boolean {
      let ignored = false;
      for (const r of rules) {
        // a directory-only pattern (`generated/`) matches a file only through one of its parent directories
        const subject = r.dirOnly && !isDir ? relPath.slice(0, Math.max(0, relPath.lastIndexOf("/"))) : relPath;
        if (subject && r.re.test(subject)) ignored = !r.negate;
      }
      return ignored;
    },
  };
}

/**
 * List code files under `dir` (absolute paths, sorted). Symlinked directories
 * are not followed, so link loops cannot trap the walk.
 */
export function listCodeFiles(root: string, dir = root, matcher = gitignoreMatcher(root), accept: (name: string) => boolean = isCodeFile): string[] {
  const out: string[] = [];
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const rel = toPosix(path.relative(root, full));
      if (entry.isDirectory()) {
        if (SKIPPED_DIRS.has(entry.name) || matcher.ignores(rel, true)) continue;
        stack.push(full);
      } else if (entry.isFile() && accept(entry.name)) {
        if (matcher.ignores(rel, false)) continue;
        out.push(full);
      }
    }
  }
  // files that exist only as overlays (a Markdown example's project, a staged file deleted on disk)
  for (const file of overlaysUnder(dir)) {
    const rel = toPosix(path.relative(root, file));
    if (accept(file) && !rel.split("/").some((s) => SKIPPED_DIRS.has(s)) && !matcher.ignores(rel, false) && !out.includes(file)) out.push(file);
  }
  return out.sort();
}
