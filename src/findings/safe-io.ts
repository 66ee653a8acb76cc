/**
 * Writing into a project that may be hostile. A repository can commit a
 * symbolic link where clerk-guard writes (`clerk-guard.sarif`, `report.json`,
 * `.clerk-guard/` itself) to make it write elsewhere; so every output path
 * inside the project is checked component by component with lstat, a link is
 * refused, and the file is replaced by renaming a fresh temporary file over it
 * (rename replaces the directory entry, it never follows a link). Paths outside
 * the project are the user's own choice and written as given.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A write clerk-guard refuses; the CLI prints the message as its one line (exit 2). */
export class UnsafeWriteError extends Error {}

function lstat(p: string): fs.Stats | undefined {
  return fs.lstatSync(p, { throwIfNoEntry: false }) ?? undefined;
}

function within(root: string, file: string): string | undefined {
  const rel = path.relative(root, file);
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : undefined;
}

export interface WriteOptions {
  /** Leave an existing regular file alone (e.g. a .gitignore). */
  keepExisting?: boolean;
}

/**
 * Write `content` to `file`. Inside `root`, no component of the path may be a
 * symbolic link (missing directories are created one by one), and the file is
 * written to a temporary sibling first and renamed over the target.
 */
export function writeInside(root: string, file: string, content: string | Buffer, options: WriteOptions = {}): void {
  const absRoot = path.resolve(root);
  const abs = path.resolve(file);
  const rel = within(absRoot, abs);
  if (rel === undefined) {
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
    return;
  }
  const parts = rel.split(path.sep);
  let dir = absRoot;
  for (const part of parts.slice(0, -1)) {
    dir = path.join(dir, part);
    let st = lstat(dir);
    if (!st) {
      try {
        fs.mkdirSync(dir);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
      st = lstat(dir);
    }
    if (st?.isSymbolicLink()) throw new UnsafeWriteError(`refusing to write ${rel.split(path.sep).join("/")}: ${path.relative(absRoot, dir).split(path.sep).join("/")} is a symbolic link`);
    if (!st?.isDirectory()) throw new UnsafeWriteError(`refusing to write ${rel.split(path.sep).join("/")}: ${path.relative(absRoot, dir).split(path.sep).join("/")} is not a directory`);
  }
  const existing = lstat(abs);
  if (existing?.isSymbolicLink()) throw new UnsafeWriteError(`refusing to write ${rel.split(path.sep).join("/")}: it is a symbolic link`);
  if (existing && !existing.isFile()) throw new UnsafeWriteError(`refusing to write ${rel.split(path.sep).join("/")}: it is not a regular file`);
  if (existing && options.keepExisting) return;
  const tmp = path.join(dir, `.${path.basename(abs)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  fs.writeFileSync(tmp, content, { flag: "wx" });
  try {
    fs.renameSync(tmp, abs);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
