/**
 * The client boundary: which modules end up in the browser (or app) bundle.
 *
 * - In a React Server Components app (Next.js), as React draws it: a `'use client'`
 *   module is client code, and so is a module that only client modules import (it
 *   ends up in the browser bundle with them), however many hops away. `'use server'`
 *   modules stop the boundary (the client gets an RPC reference, not the code), and
 *   so do the entry files a framework runs on the server.
 * - In a single-page app (Vite, Create React App) and in an Expo app, as the bundler
 *   draws it: every module reachable by imports from the bundle's entry files (the
 *   scripts `index.html` loads, `src/index.*`, Expo Router's `app/` screens and the
 *   app entry) ships to the client. Server code of the same package (an Express API
 *   beside the Vite client, Expo API routes) is not reachable from there.
 */
import path from "node:path";
import { exists, readJson, readText } from "./fs-cache.js";
import { isTestOrStory } from "./next-files.js";
import type { Module } from "./module.js";
import { importersOf } from "./project/call-graph.js";
import type { ProjectIndex } from "./project/index.js";
import { projectInfoFor } from "./project-info.js";

const MAX_DEPTH = 5;
/** Expo Router files that run on a server: API routes, server middleware, the web HTML shell. */
const EXPO_SERVER_FILE = /\+(api|middleware|html)\.[cm]?[jt]sx?$/;

/** Is `mod` client code: `'use client'` itself, imported only by client code, or bundled from a SPA/Expo entry? */
export function isClientCode(index: ProjectIndex, mod: Module): boolean {
  if (mod.directives.has("use client")) return true;
  if (inClientBundle(index, mod)) return true;
  return importedOnlyByClient(index, mod, 0);
}

/** Is the client code of this module's project what its bundler reaches from entry files (SPA, Expo)? */
function bundledFromEntries(mod: Module): boolean {
  return mod.stack.spa || mod.stack.frameworks.has("expo");
}

/** A module without a directive that only client modules import (directly or through other such modules). */
export function importedOnlyByClient(index: ProjectIndex, mod: Module, depth = 0): boolean {
  if (mod.directives.has("use server") || mod.directives.has("use client")) return mod.directives.has("use client");
  // a SPA or Expo bundle is drawn by reachability from its entries (inClientBundle), not by directives
  if (bundledFromEntries(mod)) return false;
  const role = mod.role;
  if (role.appKind !== null || role.pagesKind === "api" || role.middleware !== null) return false;
  if (depth >= MAX_DEPTH) return false;
  return (
    index.memo(`client-only:${mod.file}`, () => {
      const importers = importersOf(index, mod.file).filter((m) => !isTestOrStory(m.role));
      if (importers.length === 0) return false;
      return importers.every((m) => m.directives.has("use client") || importedOnlyByClient(index, m, depth + 1));
    }) ?? false
  );
}

/** Is `mod` part of the client bundle of a SPA or an Expo app (reachable from its entries)? */
export function inClientBundle(index: ProjectIndex, mod: Module): boolean {
  if (!bundledFromEntries(mod)) return false;
  const root = projectInfoFor(mod.file).root;
  // the quick walk (module records) first; a module it finds is confirmed by the exact one,
  // which drops imports used only as types (a Hono RPC client's `hc<AppType>` of the worker)
  return clientBundle(index, root).has(mod.file) && exactClientBundle(index, root).has(mod.file);
}

/** The client bundle walked over parsed modules (see `ProjectIndex.exactValueImports`), for the few files a rule asks about. */
function exactClientBundle(index: ProjectIndex, root: string): ReadonlySet<string> {
  return (
    index.memo(`client-bundle-exact:${root}`, () => new Set(walkBundle(index, root, (file) => index.exactValueImports(file)).keys())) ?? new Set<string>()
  );
}

const SCRIPT_SRC = /<script\b[^>]*\btype\s*=\s*["']module["'][^>]*\bsrc\s*=\s*["']([^"']+)["']|<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["'][^>]*\btype\s*=\s*["']module["']/gi;
const CODE_EXTENSIONS = [".tsx", ".ts", ".jsx", ".js", ".mjs"];

/** The files a project's client bundle starts from (memoized per project: every file of a SPA asks whether it is an entry). */
export function clientEntries(index: ProjectIndex, root: string): readonly string[] {
  return index.memo(`client-entries:${root}`, () => findClientEntries(index, root));
}

function findClientEntries(index: ProjectIndex, root: string): string[] {
  const stack = projectInfoFor(path.join(root, "package.json")).stack;
  const out: string[] = [];
  const firstExisting = (base: string) => CODE_EXTENSIONS.map((e) => base + e).find((f) => exists(f));
  if (stack.frameworks.has("expo")) {
    // Expo Router screens and layouts (API routes and the web HTML shell run on the server)
    for (const file of index.files()) {
      const rel = path.relative(root, file).split(path.sep).join("/");
      if (/^(src\/)?app\//.test(rel) && !EXPO_SERVER_FILE.test(rel)) out.push(file);
    }
    const main = (readJson(path.join(root, "package.json")) as { main?: unknown } | undefined)?.main;
    if (typeof main === "string" && !main.startsWith("expo-router")) {
      const entry = exists(path.join(root, main)) ? path.join(root, main) : firstExisting(path.join(root, main.replace(/\.[cm]?[jt]sx?$/, "")));
      if (entry) out.push(entry);
    }
    for (const base of ["App", "index"]) {
      const f = firstExisting(path.join(root, base));
      if (f) out.push(f);
    }
  }
  if (stack.spa) {
    // Vite: the module scripts of index.html (at the root, or a client folder of its own)
    for (const html of [path.join(root, "index.html"), path.join(root, "src", "client", "index.html"), path.join(root, "client", "index.html")]) {
      const text = readText(html);
      if (!text) continue;
      SCRIPT_SRC.lastIndex = 0;
      for (let m = SCRIPT_SRC.exec(text); m; m = SCRIPT_SRC.exec(text)) {
        const src = (m[1] ?? m[2])!;
        if (/^(https?:)?\/\//.test(src)) continue;
        const file = src.startsWith("/") ? path.join(path.dirname(html), src) : path.resolve(path.dirname(html), src);
        if (exists(file)) out.push(file);
      }
    }
    // Create React App
    if (stack.frameworks.has("cra")) {
      const f = firstExisting(path.join(root, "src", "index"));
      if (f) out.push(f);
    }
  }
  return [...new Set(out)];
}

/** Every project module reachable by (value) imports from the client entries, memoized per project. */
export function clientBundle(index: ProjectIndex, root: string): ReadonlySet<string> {
  return index.memo(`client-bundle:${root}`, () => new Set(bundleReach(index, root).keys())) ?? new Set<string>();
}

/** A client entry that reaches `file` by imports (an Expo app has one per screen), when `file` is in the bundle. */
export function bundleEntryOf(index: ProjectIndex, root: string, file: string): string | undefined {
  return bundleReach(index, root).get(file);
}

/** Walk the imports (`importsOf`) from each client entry in order: every module reached → the entry that first reached it. */
function walkBundle(index: ProjectIndex, root: string, importsOf: (file: string) => readonly string[]): Map<string, string> {
  const seen = new Map<string, string>();
  for (const entry of clientEntries(index, root)) {
    const queue = [entry];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.set(file, entry);
      for (const source of importsOf(file)) {
        const target = index.resolve(file, source);
        if (target && !seen.has(target) && !EXPO_SERVER_FILE.test(target)) queue.push(target);
      }
    }
  }
  return seen;
}

/** Each module of the client bundle → the entry it was first reached from (entries in order, each walked in full). */
function bundleReach(index: ProjectIndex, root: string): ReadonlyMap<string, string> {
  return (
    // value, side-effect and re-export imports (module records, no trees); `import type` never ships
    index.memo(`client-bundle-reach:${root}`, () => walkBundle(index, root, (file) => index.valueImports(file))) ?? new Map<string, string>()
  );
}
