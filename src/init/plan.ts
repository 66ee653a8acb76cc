/**
 * `clerk-guard init` works in two phases: every step first computes its
 * actions (and every error) without writing anything; only when no step
 * failed are the writes applied. So an invalid settings.json or unbalanced
 * CLAUDE.md markers stop the run before any file is touched.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export class InitError extends Error {}

export type ActionKind = "create" | "update" | "unchanged" | "skip" | "manual";

export interface Write {
  /** Absolute path (symlinks inside the allowed roots already resolved). */
  file: string;
  content: string;
  /** Copy the current file here before writing. */
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
}

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
  // judged on the mode bits, so the answer is the same when running as root
  if ((st.mode & 0o222) === 0) throw new InitError(`${display(ctx, abs)} is read-only; make it writable, or leave that step out (see clerk-guard init --help)`);
  return { path: real, content: fs.readFileSync(real, "utf8") };
}

/** Apply the writes of every action, in order. */
export function apply(actions: readonly Action[]): number {
  let count = 0;
  for (const action of actions) {
    for (const w of action.writes ?? []) {
      fs.mkdirSync(path.dirname(w.file), { recursive: true });
      if (w.backup) fs.copyFileSync(w.file, w.backup);
      fs.writeFileSync(w.file, w.content, w.mode === undefined ? undefined : { mode: w.mode });
      count++;
    }
  }
  return count;
}

/** Line ending and final newline of an existing text, applied to new text. */
export function eolOf(text: string | undefined): string {
  return text && /\r\n/.test(text) ? "\r\n" : "\n";
}
