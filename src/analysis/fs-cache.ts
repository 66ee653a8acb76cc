/**
 * Cached file-system reads for project-level facts (package.json, lockfiles,
 * tsconfig, directory listings). Entries are revalidated by inode, mtime and
 * size, so a long-lived process (an editor, the hook's background process)
 * never serves stale facts. Virtual overlays let the CLI lint content that is
 * not on disk (`--staged`).
 *
 * Every read is bounded: only regular files are opened (never a device, FIFO
 * or socket), their size is checked before reading, at most the size `stat`
 * reported is read (so /proc files read as empty), and a symbolic link is
 * followed only when its target stays inside the project (the nearest
 * directory holding `.git`, else the link's own directory).
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

interface Entry<T> {
  ino: number;
  mtimeMs: number;
  size: number;
  value: T;
}

const textCache = new Map<string, Entry<string | undefined>>();
const overlays = new Map<string, string>();
const notices = new Set<string>();
const noticeListeners: Array<(message: string) => void> = [];

/** Largest project file (package.json, lockfile, tsconfig, source) read for facts. */
export const MAX_PROJECT_FILE_BYTES = 64 * 1024 * 1024;

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

function lstatSafe(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file, { throwIfNoEntry: false }) ?? undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a file's content depends on, as a string that changes whenever the file
 * does: inode, size and mtime of the file (a link's target), its overlay's
 * content when one is set, "-" when it is missing.
 */
export function fileSignature(file: string): string {
  const abs = path.resolve(file);
  const overlay = overlays.get(abs);
  if (overlay !== undefined) return `o:${createHash("sha1").update(overlay).digest("hex")}`;
  const st = statSafe(abs);
  return st ? `${st.ino}:${st.size}:${st.mtimeMs}` : "-";
}

const boundaryCache = new Map<string, string>();

/** The directory a link in `dir` may point into: the nearest ancestor holding `.git`, else `dir` itself. */
export function linkBoundary(dir: string): string {
  const start = path.resolve(dir);
  const cached = boundaryCache.get(start);
  if (cached !== undefined) return cached;
  let current = start;
  let found = start;
  for (;;) {
    if (lstatSafe(path.join(current, ".git"))) {
      found = current;
      break;
    }
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  if (boundaryCache.size > 10_000) boundaryCache.clear();
  boundaryCache.set(start, found);
  return found;
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === "" || (!rel.startsWith("..") && !path.isAbsolute(rel));
}

export type ReadFailure = "missing" | "not-regular" | "too-large" | "outside" | "unreadable";

export interface BoundedRead {
  bytes?: Buffer;
  failure?: ReadFailure;
  /** Size stat reported (when known). */
  size?: number;
}

/**
 * Read a project file safely: a regular file (a symbolic link only when its
 * target is a regular file inside `boundary`, by default `linkBoundary` of the
 * link's directory), at most `maxBytes`, stat before reading, never more bytes
 * than stat reported.
 */
export function readBounded(file: string, maxBytes: number, boundary?: string): BoundedRead {
  const abs = path.resolve(file);
  const lst = lstatSafe(abs);
  if (!lst) return { failure: "missing" };
  let st = lst;
  if (lst.isSymbolicLink()) {
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch {
      return { failure: "missing" };
    }
    let limit = boundary ?? linkBoundary(path.dirname(abs));
    try {
      limit = fs.realpathSync(limit);
    } catch {
      return { failure: "outside" };
    }
    if (!isInside(real, limit)) return { failure: "outside" };
    const target = statSafe(real);
    if (!target) return { failure: "missing" };
    st = target;
  }
  if (!st.isFile()) return { failure: "not-regular" };
  if (st.size > maxBytes) return { failure: "too-large", size: st.size };
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch {
    return { failure: "unreadable" };
  }
  try {
    const opened = fs.fstatSync(fd);
    if (!opened.isFile()) return { failure: "not-regular" };
    if (opened.size > maxBytes) return { failure: "too-large", size: opened.size };
    const bytes = Buffer.allocUnsafe(opened.size);
    let read = 0;
    while (read < bytes.length) {
      const n = fs.readSync(fd, bytes, read, bytes.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return { bytes: read === bytes.length ? bytes : bytes.subarray(0, read), size: opened.size };
  } catch {
    return { failure: "unreadable" };
  } finally {
    fs.closeSync(fd);
  }
}

/** Text of a file, or undefined when missing, unreadable or unsafe (see `readBounded`). Cached by inode, mtime and size. */
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
  if (cached && cached.ino === st.ino && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached.value;
  const read = readBounded(abs, MAX_PROJECT_FILE_BYTES);
  const value = read.bytes?.toString("utf8");
  textCache.set(abs, { ino: st.ino, mtimeMs: st.mtimeMs, size: st.size, value });
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
  } catch {
    // never the parser's message: it quotes the file's text, which may be anything a link points to
    notice(`ignoring malformed ${path.basename(file)} at ${file}: not valid JSON`);
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
  if (cached && cached.ino === st.ino && cached.mtimeMs === st.mtimeMs) return cached.value;
  let value: string[];
  try {
    value = fs.readdirSync(dir);
  } catch {
    value = [];
  }
  dirCache.set(dir, { ino: st.ino, mtimeMs: st.mtimeMs, size: 0, value });
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
  boundaryCache.clear();
}
