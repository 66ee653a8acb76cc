/**
 * `clerk-guard init` works in two phases: every step first computes its
 * actions (and every error) without writing anything; only when no step
 * failed are the writes applied. So an invalid settings.json or unbalanced
 * CLAUDE.md markers stop the run before any file is touched.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { isProcessAlive } from "../util/process.js";

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export class InitError extends Error {}

export type ActionKind = "create" | "update" | "unchanged" | "skip" | "manual";

export interface Write {
  /** Absolute path (symlinks inside the allowed roots already resolved). */
  file: string;
  content: string;
  /** Copy the current file here before writing (a new file: an existing backup is never overwritten). */
  backup?: string;
  mode?: number;
}

export interface Action {
  kind: ActionKind;
  /** Display path, relative to the project (or ~ for --global). */
  target: string;
  summary: string;
  /** Extra lines printed under the action (snippets to add by hand). */
  details?: string[];
  writes?: Write[];
}

/** A directory init may write in, as given and as its real path (/tmp is a symlink on macOS). */
export interface Root {
  lexical: string;
  real: string;
}

export interface InitContext {
  project: string;
  /** The project, and ~/.claude with --global. */
  roots: Root[];
  home: string;
  force: boolean;
  /** Time stamp of this run, in backup names (e.g. 2026-05-04T10-20-30Z). */
  stamp: string;
}

/** A file-name-safe UTC time stamp. */
export function stampOf(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, "Z").replace(/:/g, "-");
}

/** Where backups of project files go: a folder that ignores itself in git (like .clerk-guard/cache). */
export const BACKUP_DIR = path.join(".clerk-guard", "backups");

export function rootOf(dir: string): Root {
  const lexical = path.resolve(dir);
  let real = lexical;
  try {
    real = fs.realpathSync(lexical);
  } catch {
    // not created yet
  }
  return { lexical, real };
}

export function display(ctx: InitContext, file: string): string {
  const bases: Array<[string, string]> = [
    [ctx.project, ""],
    [ctx.roots[0]?.real ?? ctx.project, ""],
    [ctx.home, "~/"],
  ];
  for (const [base, prefix] of bases) {
    const rel = path.relative(base, file);
    if (!rel.startsWith("..") && !path.isAbsolute(rel)) return prefix + (rel.split(path.sep).join("/") || ".");
  }
  return file;
}

function inside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

/**
 * Check that `file` may be written: lexically inside an allowed root, no
 * symlink on the way (or the file itself) pointing outside the allowed roots,
 * not a directory, not read-only. Returns the path to write to (through an
 * in-project symlink, its target), and the current content when it exists.
 */
export function target(ctx: InitContext, file: string): { path: string; content?: string } {
  const abs = path.resolve(file);
  let base: string | undefined;
  for (const r of ctx.roots) {
    if (inside(abs, r.lexical)) base = r.lexical;
    else if (inside(abs, r.real)) base = r.real;
    if (base) break;
  }
  if (!base) throw new InitError(`${display(ctx, abs)} is outside the project; clerk-guard init writes only inside it`);
  const allowed = (p: string) => ctx.roots.some((r) => inside(p, r.real));
  let current = base;
  for (const part of path.relative(base, abs).split(path.sep).filter(Boolean)) {
    current = path.join(current, part);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(current);
    } catch {
      break; // the rest does not exist yet
    }
    if (!st.isSymbolicLink()) continue;
    let real: string;
    try {
      real = fs.realpathSync(current);
    } catch {
      throw new InitError(`${display(ctx, current)} is a broken symlink; clerk-guard init does not write through it`);
    }
    if (!allowed(real)) throw new InitError(`${display(ctx, current)} is a symlink to ${real}, outside the project; clerk-guard init does not write through it`);
  }
  let real = abs;
  try {
    real = fs.realpathSync(abs);
  } catch {
    // does not exist: written at its own path
  }
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(real);
  } catch {
    st = undefined;
  }
  if (!st) return { path: real };
  if (!st.isFile()) throw new InitError(`${display(ctx, abs)} exists and is not a file`);
  // a write would change every other name of the file, possibly outside the project
  if (st.nlink > 1) {
    throw new InitError(
      `${display(ctx, abs)} has ${st.nlink} hard links; clerk-guard init does not write through a hard link (the other copies would change). Make it a file of its own (cp ${display(ctx, abs)} x && mv x ${display(ctx, abs)}), or leave that step out`,
    );
  }
  // judged on the mode bits, so the answer is the same when running as root
  if ((st.mode & 0o222) === 0) throw new InitError(`${display(ctx, abs)} is read-only; make it writable, or leave that step out (see clerk-guard init --help)`);
  return { path: real, content: fs.readFileSync(real, "utf8") };
}

/**
 * The backup path of `file` (resolved, inside an allowed root): under the project's
 * .clerk-guard/backups/ (or ~/.claude/.clerk-guard-backups/ for --global files),
 * mirroring the file's path, with the run's time stamp.
 */
export function backupOf(ctx: InitContext, file: string): { path: string; display: string; folder: string } {
  const project = ctx.roots[0]!;
  const root = inside(file, project.real) ? project : (ctx.roots.find((r) => inside(file, r.real)) ?? project);
  const dir = root === project ? path.join(project.real, BACKUP_DIR) : path.join(root.real, ".clerk-guard-backups");
  const t = target(ctx, path.join(dir, `${path.relative(root.real, file)}.${ctx.stamp}.bak`));
  return { path: t.path, display: display(ctx, t.path), folder: `${display(ctx, dir)}/` };
}

/** Copy `from` to a new file `to` (never over an existing one: `to.1`, `to.2`, … then). */
function backup(from: string, to: string): void {
  fs.mkdirSync(path.dirname(to), { recursive: true });
  // the backups folder ignores itself, so `git add -A` never commits a backup
  const parts = to.split(path.sep);
  const at = parts.findIndex((p, i) => (p === "backups" && parts[i - 1] === ".clerk-guard") || p === ".clerk-guard-backups");
  if (at !== -1) {
    const ignore = path.join(parts.slice(0, at + 1).join(path.sep) || path.sep, ".gitignore");
    try {
      // "wx": never through a link that is already there (even one that points nowhere yet)
      fs.writeFileSync(ignore, "# backups of files that clerk-guard init changed\n*\n", { flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  for (let n = 0; ; n++) {
    try {
      fs.copyFileSync(from, n === 0 ? to : `${to}.${n}`, fs.constants.COPYFILE_EXCL);
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || n > 100) throw error;
    }
  }
}

/**
 * Write `content` to `file` atomically: a temporary file in the same folder, renamed over it.
 * A crash never leaves half a settings.json, and a write never goes through a link.
 */
function writeAtomic(file: string, content: string, mode: number | undefined): void {
  let keep = mode;
  try {
    keep ??= fs.statSync(file).mode & 0o7777;
  } catch {
    // a new file
  }
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.clerk-guard-${process.pid}.tmp`);
  try {
    fs.writeFileSync(tmp, content, { flag: "wx", mode: keep ?? 0o666 });
    if (keep !== undefined) fs.chmodSync(tmp, keep);
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

/** Apply the writes of every action, in order. */
export function apply(actions: readonly Action[]): number {
  let count = 0;
  for (const action of actions) {
    for (const w of action.writes ?? []) {
      fs.mkdirSync(path.dirname(w.file), { recursive: true });
      if (w.backup) backup(w.file, w.backup);
      writeAtomic(w.file, w.content, w.mode);
      count++;
    }
  }
  return count;
}

export const LOCK_FILE = path.join(".clerk-guard", "init.lock");

function removeIfEmpty(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // it holds something now (backups)
  }
}

/**
 * One `init` at a time per project: two concurrent runs would each plan from the same
 * original files, and the second would back up the first one's output. Waits up to
 * `waitMs` for another run, takes over the lock of a process that no longer exists,
 * and returns the release function.
 */
export async function lock(ctx: InitContext, waitMs = 5000): Promise<() => void> {
  const file = target(ctx, path.join(ctx.project, LOCK_FILE)).path;
  const dir = path.dirname(file);
  const createdDir = !fs.existsSync(dir);
  const cannot = (error: unknown) =>
    new InitError(`cannot create the lock file ${display(ctx, file)} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); is the project writable?`);
  try {
    fs.mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw cannot(error);
  }
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      fs.writeFileSync(file, `${process.pid}\n`, { flag: "wx" });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        if (createdDir) removeIfEmpty(dir);
        throw cannot(error);
      }
    }
    let held: string;
    let age: number;
    try {
      held = fs.readFileSync(file, "utf8");
      age = Date.now() - fs.statSync(file).mtimeMs;
    } catch {
      continue; // released meanwhile
    }
    const pid = Number.parseInt(held, 10);
    const valid = Number.isInteger(pid) && pid > 0;
    // a lock without a pid is being written (young) or was left half-written (old)
    if (valid ? !isProcessAlive(pid) : age > 2000) {
      fs.rmSync(file, { force: true }); // left by a run that was killed
      continue;
    }
    if (Date.now() >= deadline) {
      if (createdDir) removeIfEmpty(dir);
      throw new InitError(`another clerk-guard init is running in this project (${valid ? `pid ${pid}, ` : ""}${display(ctx, file)}); run it again when that one has finished`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return () => {
    fs.rmSync(file, { force: true });
    if (createdDir) removeIfEmpty(dir);
  };
}

/** Line ending and final newline of an existing text, applied to new text. */
export function eolOf(text: string | undefined): string {
  return text && /\r\n/.test(text) ? "\r\n" : "\n";
}
