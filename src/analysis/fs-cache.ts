/**
 * Cached file-system reads for project-level facts (package.json, lockfiles,
 * tsconfig, directory listings). Entries are revalidated by mtime and size, so
 * a long-lived process (an editor, `eslint --cache`) never serves stale facts.
 * Virtual overlays let the CLI lint content that is not on disk (`--staged`).
 */
import fs from "node:fs";
import path from "node:path";

interface Entry<T> {
  mtimeMs: number;
  size: number;
  value: T;
}

const textCache = new Map<string, Entry<string | undefined>>();
const overlays = new Map<string, string>();
const notices = new Set<string>();
const noticeListeners: Array<(message: string) => void> = [];

/** Make `content` the text of `file` for every project-level read (absolute path). */
export function setOverlay(file: string, content: string | undefined): void {
  if (content === undefined) overlays.delete(path.resolve(file));
  else overlays.set(path.resolve(file), content);
}

/** Files with an overlay under `dir` that are not on disk (absolute paths): a virtual project's files. */
export function overlaysUnder(dir: string): string[] {
  const prefix = path.resolve(dir) + path.sep;
  const out: string[] = [];
  for (const file of overlays.keys()) if (file.startsWith(prefix) && !statSafe(file)) out.push(file);
  return out;
}

export function clearOverlays(): void {
  overlays.clear();
}

export function statSafe(file: string): fs.Stats | undefined {
  try {
    // throwIfNoEntry: a missing file is the common case here, and exceptions are slow
    return fs.statSync(file, { throwIfNoEntry: false }) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Text of a file, or undefined when missing / unreadable. Cached by mtime and size. */
export function readText(file: string): string | undefined {
  const abs = path.resolve(file);
  const overlay = overlays.get(abs);
  if (overlay !== undefined) return overlay;
  const st = statSafe(abs);
  if (!st || !st.isFile()) {
    textCache.delete(abs);
    return undefined;
  }
  const cached = textCache.get(abs);
  if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.value;
  let value: string | undefined;
  try {
    value = fs.readFileSync(abs, "utf8");
  } catch {
    value = undefined;
  }
  textCache.set(abs, { mtimeMs: st.mtimeMs, size: st.size, value });
  return value;
}

export function exists(file: string): boolean {
  return overlays.has(path.resolve(file)) || statSafe(file) !== undefined || overlayChildren(file).length > 0;
}

/** Names of the entries overlays put directly under `dir` (files, and directories that hold overlays). */
function overlayChildren(dir: string): string[] {
  if (overlays.size === 0) return [];
  const prefix = path.resolve(dir) + path.sep;
  const names = new Set<string>();
  for (const file of overlays.keys()) if (file.startsWith(prefix)) names.add(file.slice(prefix.length).split(path.sep)[0]!);
  return [...names];
}

const jsonCache = new Map<string, { text: string; value: unknown }>();

/**
 * Parse a JSON (or JSONC, for tsconfig) file. A malformed file is reported
 * once through `notice` and treated as absent.
 */
export function readJson(file: string, allowComments = false): unknown {
  const text = readText(file);
  if (text === undefined) return undefined;
  const cached = jsonCache.get(file);
  if (cached && cached.text === text) return cached.value;
  let value: unknown;
  try {
    value = JSON.parse(allowComments ? stripJsonComments(text) : text.replace(/^\uFEFF/, ""));
  } catch (error) {
    notice(`ignoring malformed ${path.basename(file)} at ${file}: ${(error as Error).message}`);
    value = undefined;
  }
  jsonCache.set(file, { text, value });
  return value;
}

/** Remove comments and trailing commas from JSONC, keeping strings intact. */
export function stripJsonComments(text: string): string {
  let out = "";
  let i = 0;
  const s = text.replace(/^\uFEFF/, "");
  while (i < s.length) {
    const ch = s[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < s.length && s[j] !== '"') j += s[j] === "\\" ? 2 : 1;
      out += s.slice(i, j + 1);
      i = j + 1;
    } else if (ch === "/" && s[i + 1] === "/") {
      while (i < s.length && s[i] !== "\n") i++;
    } else if (ch === "/" && s[i + 1] === "*") {
      const end = s.indexOf("*/", i + 2);
      i = end === -1 ? s.length : end + 2;
    } else {
      out += ch;
      i++;
    }
  }
  return out.replace(/,(\s*[}\]])/g, "$1");
}

/** Report a project problem once per process (the CLI prints these to stderr). */
export function notice(message: string): void {
  if (notices.has(message)) return;
  // long-lived processes (hook daemon, editor) would otherwise grow this forever
  if (notices.size >= 1000) notices.clear();
  notices.add(message);
  for (const listener of noticeListeners) listener(message);
}

export function onNotice(listener: (message: string) => void): void {
  noticeListeners.push(listener);
}

const dirCache = new Map<string, Entry<string[]>>();

/** Directory entries (names), cached by the directory's mtime. */
export function listDir(dir: string): string[] {
  const virtual = overlayChildren(dir);
  if (virtual.length > 0) return [...new Set([...listDiskDir(dir), ...virtual])];
  return listDiskDir(dir);
}

function listDiskDir(dir: string): string[] {
  const st = statSafe(dir);
  if (!st || !st.isDirectory()) return [];
  const cached = dirCache.get(dir);
  if (cached && cached.mtimeMs === st.mtimeMs) return cached.value;
  let value: string[];
  try {
    value = fs.readdirSync(dir);
  } catch {
    value = [];
  }
  dirCache.set(dir, { mtimeMs: st.mtimeMs, size: 0, value });
  return value;
}

/** The first file among `stems × extensions` that exists in `dir`. */
export function findWithExtensions(dir: string, stem: string, extensions: readonly string[]): string | undefined {
  const names = new Set(listDir(dir));
  for (const ext of extensions) {
    if (names.has(stem + ext)) return path.join(dir, stem + ext);
    if (overlays.has(path.join(dir, stem + ext))) return path.join(dir, stem + ext);
  }
  return undefined;
}

/** Forget every cached read (benchmarks and long-lived hosts that want a cold start). */
export function clearFsCaches(): void {
  textCache.clear();
  jsonCache.clear();
  dirCache.clear();
}
