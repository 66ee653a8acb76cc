/**
 * The git facts the hook needs: a file's HEAD version, and the files changed
 * against HEAD (untracked included). Every failure (no git, not a repository,
 * no commit yet) reads as "unknown", never as an exception.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";

const MAX_BUFFER = 64 * 1024 * 1024;

function git(args: string[], cwd: string): Buffer | undefined {
  try {
    const r = spawnSync("git", args, { cwd, maxBuffer: MAX_BUFFER, stdio: ["ignore", "pipe", "ignore"], windowsHide: true });
    if (r.error || r.status !== 0) return undefined;
    return r.stdout;
  } catch {
    return undefined;
  }
}

/** The text of `file` at HEAD, or undefined when it is not in HEAD (new, untracked, no repository). */
export function headVersion(file: string): string | undefined {
  const out = git(["show", `HEAD:./${path.basename(file)}`], path.dirname(file));
  return out?.toString("utf8");
}

/** Absolute paths of the files under `dir` that differ from HEAD or are untracked (not ignored). */
export function changedFiles(dir: string): string[] | undefined {
  const top = git(["rev-parse", "--show-toplevel"], dir)?.toString("utf8").trim();
  if (!top) return undefined;
  const out = git(["status", "--porcelain=v1", "-z", "--untracked-files=all", "--", "."], dir);
  if (!out) return undefined;
  const entries = out.toString("utf8").split("\0");
  const files: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i]!;
    if (entry.length < 4) continue;
    const status = entry.slice(0, 2);
    files.push(path.resolve(top, entry.slice(3)));
    // renames and copies are followed by their source path
    if (status.includes("R") || status.includes("C")) i++;
  }
  return files;
}
