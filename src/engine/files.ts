/**
 * Which files clerk-guard lints, and how it reads them: one module for every
 * entry point (check's paths, --staged, ci's trees, the Claude Code hook and the
 * engine), so the size cap and the notion of a lintable file are defined once.
 * Light on purpose (node built-ins and path helpers): the no-op path of `check`
 * and the hook's main thread decide without loading ESLint.
 */
import path from "node:path";
import { isEnvFile } from "../analysis/env-files.js";
import { readBounded } from "../analysis/fs-cache.js";
import { SKIPPED_DIRS, gitignoreMatcher, type IgnoreMatcher, listCodeFiles } from "../analysis/project/discover.js";
import { isCodeFile, toPosix } from "../analysis/next-files.js";
import { CODE_LANGS } from "../markdown/blocks.js";
import { SECRET_PREFIXES } from "../analysis/secrets.js";
import { isInertSfc } from "../analysis/sfc.js";

/** Larger files are generated or minified code: not linted. */
export const MAX_FILE_BYTES = 1_000_000;

export type SkipReason = "too-large" | "binary" | "not-utf8" | "unreadable";

/** How a skipped file is described ("skipped 2 file(s) that are …"). */
export const SKIP_LABEL: Readonly<Record<SkipReason, string>> = {
  "too-large": "larger than 1 MB",
  binary: "binary",
  "not-utf8": "not UTF-8",
  unreadable: "unreadable (not a regular file, or a link that leaves the project)",
};

/** Is the file in a dependency or build-output directory (`node_modules`, `.next`, `dist`, …)? */
export function inSkippedDir(file: string): boolean {
  const posix = toPosix(file);
  return posix.slice(0, Math.max(0, posix.lastIndexOf("/"))).split("/").some((segment) => SKIPPED_DIRS.has(segment));
}

/**
 * What clerk-guard checks: JS/TS code; the script parts of Astro and Vue components; Markdown
 * (`.md`, `.mdx`, Cursor's `.mdc`), whose fenced code examples agents learn from; dotenv files,
 * for committed Clerk secrets.
 */
export type FileKind = "code" | "astro" | "vue" | "markdown" | "env";

/** Kinds that hold code of the app (a file of these kinds that cannot be read is code left unchecked). */
export const isAppCodeKind = (kind: FileKind | undefined): boolean => kind === "code" || kind === "astro" || kind === "vue";

const MARKDOWN_NAME = /\.(?:md|mdx|mdc|markdown)$/i;

/** The kind of a file by its name, or undefined when clerk-guard does not check it. */
export function kindOf(file: string): FileKind | undefined {
  const name = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  if (isCodeFile(name)) return "code";
  if (/\.astro$/i.test(name)) return "astro";
  if (/\.vue$/i.test(name)) return "vue";
  if (MARKDOWN_NAME.test(name)) return "markdown";
  if (isEnvFile(name)) return "env";
  return undefined;
}

export const isCheckedName = (file: string): boolean => kindOf(file) !== undefined;

/** A file clerk-guard checks, outside dependency and build-output directories (a path relative to the project, or absolute). */
export function isLintable(file: string): boolean {
  const posix = toPosix(file);
  return isCheckedName(posix) && !inSkippedDir(posix);
}

/** Every file clerk-guard checks under `dir` (code, components, Markdown, dotenv), minus ignored ones. */
export function listCheckedFiles(dir: string): string[] {
  return listCodeFiles(dir, dir, undefined, isCheckedName);
}

const FENCE_LANG = /^[ \t]*(?:`{3,}|~{3,})[ \t]*([\w-]+)/gm;

/**
 * Can this text give no finding at all, decided without parsing? A Markdown file with no
 * JS/TS fence has nothing to lint; a dotenv file that names no Clerk variable and holds no Clerk
 * key has nothing to report, and neither has an `.astro`/`.vue` component (its processor lints
 * no part of it). Lets `check` keep its no-op path (ESLint never loaded) for a commit that touches
 * only such files. Code files are never inert.
 */
export function isInertText(file: string, text: string): boolean {
  const kind = kindOf(file);
  if (kind === "markdown") {
    for (const m of text.matchAll(FENCE_LANG)) if (CODE_LANGS.has(m[1]!.toLowerCase())) return false;
    return true;
  }
  if (kind === "env") return !/clerk/i.test(text) && !SECRET_PREFIXES.some((p) => text.includes(p));
  if (kind === "astro" || kind === "vue") return isInertSfc(text);
  return false;
}

export type Source = { text: string } | { skip: SkipReason };

/** Decode file bytes for linting, or say why they are not linted. */
export function decodeSource(bytes: Buffer): Source {
  if (bytes.length > MAX_FILE_BYTES) return { skip: "too-large" };
  if (bytes.includes(0)) return { skip: "binary" };
  try {
    return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { skip: "not-utf8" };
  }
}

/**
 * Read a file for linting: `given` content (staged blobs, the hook's HEAD
 * versions) or the disk, checked with stat before a byte is read (a regular
 * file within the size cap; a link only when it stays inside the project).
 */
export function readSource(file: string, given?: Buffer | string): Source {
  if (typeof given === "string") return Buffer.byteLength(given, "utf8") > MAX_FILE_BYTES ? { skip: "too-large" } : given.includes("\0") ? { skip: "binary" } : { text: given };
  if (given) return decodeSource(given);
  const read = readBounded(file, MAX_FILE_BYTES);
  if (read.failure === "too-large") return { skip: "too-large" };
  if (!read.bytes) return { skip: "unreadable" };
  return decodeSource(read.bytes);
}

/** The root .gitignore of a project, applied as git does (a file is ignored when it or one of its directories is). */
export class IgnoreRules {
  private matcher: IgnoreMatcher | undefined;
  constructor(private readonly root: string) {}

  /** Is this file (absolute) ignored by the root's .gitignore? Files outside the root are not. */
  ignores(file: string): boolean {
    const rel = toPosix(path.relative(this.root, file));
    if (!rel || rel.startsWith("../") || rel === ".." || path.isAbsolute(rel)) return false;
    this.matcher ??= gitignoreMatcher(this.root);
    const parts = rel.split("/");
    // ancestors as directories (dir-only patterns such as `generated/`), then the file itself
    for (let i = 1; i < parts.length; i++) if (this.matcher.ignores(parts.slice(0, i).join("/"), true)) return true;
    return this.matcher.ignores(rel, false);
  }

  /** Is this file (absolute) left out: not lintable, or ignored? */
  skips(file: string): boolean {
    const rel = toPosix(path.relative(this.root, file));
    const inside = rel && !rel.startsWith("../") && rel !== ".." && !path.isAbsolute(rel);
    return !isLintable(inside ? rel : file) || this.ignores(file);
  }
}
