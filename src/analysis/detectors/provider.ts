/**
 * `<ClerkProvider>` across the project: which modules use Clerk components or
 * hooks that need it, and which modules render it (themselves, or through a
 * local component or a barrel that does).
 */
import path from "node:path";
import { type Node, unwrap, walk } from "../ast.js";
import { CLERK_PROVIDER_NAMES, CLERK_PROVIDER_WRAPPERS, isClerkClientEntry, needsProvider } from "../clerk-api.js";
import { exists, listDir } from "../fs-cache.js";
import type { Module } from "../module.js";
import type { FileRole } from "../next-files.js";
import { clientBundle, clientEntries } from "../client-boundary.js";
import { followImport } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";

const LAYOUT_FILE = /^layout\.(?:[cm]?[jt]sx?)$/;

/** Facts about Clerk UI usage in a module, from its provenance. */
export function clerkUsage(mod: Module): { usesClientApi: boolean; rendersProvider: boolean } {
  let usesClientApi = false;
  let rendersProvider = false;
  if (!mod.text.includes("@clerk/")) return { usesClientApi, rendersProvider };
  walk(mod.program, (node) => {
    if (node.type === "JSXOpeningElement") {
      const origin = mod.exportOf(node.name as Node);
      if (origin && isClerkClientEntry(origin.binding.source)) {
        if (CLERK_PROVIDER_NAMES.has(origin.exportName)) rendersProvider = true;
        else if (needsProvider(origin.exportName)) usesClientApi = true;
      }
    } else if (node.type === "CallExpression") {
      const origin = mod.exportOf(unwrap(node.callee));
      if (origin && isClerkClientEntry(origin.binding.source)) {
        if (CLERK_PROVIDER_WRAPPERS.has(origin.exportName)) rendersProvider = true;
        else if (/^use[A-Z]/.test(origin.exportName)) usesClientApi = true;
      }
    }
    return undefined;
  });
  return { usesClientApi, rendersProvider };
}

/** Does the module render <ClerkProvider>, itself or through local components it imports? */
export function rendersProvider(index: ProjectIndex, file: string, depth = 0): boolean {
  if (depth > 4) return false;
  return (
    index.memo(`provider:${file}`, () => {
      const mod = index.module(file);
      if (!mod) return false;
      if (clerkUsage(mod).rendersProvider) return true;
      // a barrel (`export * from "./providers"`, `export { Providers } from "./providers"`)
      for (const [, entry] of mod.shape.exports) {
        if (entry.kind !== "reexport") continue;
        const target = index.resolve(file, entry.source);
        if (target && rendersProvider(index, target, depth + 1)) return true;
      }
      for (const source of mod.shape.starSources) {
        const target = index.resolve(file, source);
        if (target && rendersProvider(index, target, depth + 1)) return true;
      }
      return importedComponentsRenderProvider(index, mod, depth);
    }) ?? false
  );
}

/** Any JSX element of `mod` bound to a local module that renders the provider. */
export function importedComponentsRenderProvider(index: ProjectIndex, mod: Module, depth: number): boolean {
  let found = false;
  walk(mod.program, (node) => {
    if (found) return false;
    if (node.type !== "JSXOpeningElement") return undefined;
    const name = node.name.type === "JSXIdentifier" ? node.name : node.name.type === "JSXMemberExpression" && node.name.object.type === "JSXIdentifier" ? node.name.object : undefined;
    if (!name || !/^[A-Z]/.test(name.name)) return undefined;
    const binding = mod.bindingOf(name);
    if (!binding || binding.typeOnly) return undefined;
    const target = index.resolve(mod.file, binding.source);
    if (target && rendersProvider(index, target, depth + 1)) found = true;
    // a named import through a barrel: follow the export to the module that declares it
    if (!found && target && binding.imported !== "*") {
      const declared = followImport(index, mod, binding);
      if (declared && declared.module.file !== target && rendersProvider(index, declared.module.file, depth + 1)) found = true;
    }
    return undefined;
  });
  return found;
}

/** Files that use Clerk hooks/components needing a provider (prefiltered by text). */
export function clerkClientFiles(index: ProjectIndex): string[] {
  return (
    index.memo("clerkClientFiles", () => {
      const out: string[] = [];
      for (const file of index.files()) {
        const text = index.text(file);
        if (!text || !text.includes("@clerk/")) continue;
        const mod = index.module(file);
        if (mod && clerkUsage(mod).usesClientApi) out.push(file);
      }
      return out;
    }) ?? []
  );
}

/** The `layout.*` file directly in `dir`, if any (App Router). */
export function layoutIn(dir: string): string | undefined {
  const name = listDir(dir).find((n) => LAYOUT_FILE.test(n));
  return name ? path.join(dir, name) : undefined;
}

/** Does the project use the App Router (`app/` or `src/app/`)? */
export function hasAppRouter(root: string): boolean {
  return exists(path.join(root, "app")) || exists(path.join(root, "src", "app"));
}

/**
 * Is this top layout (`app/layout.*` or `app/(group)/layout.*`) a root layout? A route-group
 * layout is one only when neither `app/layout.*` nor an outer route-group layout exists.
 */
export function isRootLayout(root: string, role: FileRole): boolean {
  if (role.router !== "app" || !role.isTopLayout || !role.routerDir) return false;
  const routerDir = path.join(root, role.routerDir);
  for (let i = 0; i < role.segments.length; i++) {
    if (layoutIn(path.join(routerDir, ...role.segments.slice(0, i)))) return false;
  }
  return true;
}

// ── the root of other stacks ─────────────────────────────────────────────

export interface StackRoot {
  /** How messages name it: "React Router root (app/root.tsx)". */
  what: string;
  /** Does a file of the project fall under this root (its Clerk UI renders inside it)? */
  covers(file: string): boolean;
}

/**
 * Is `mod` the root component of its stack, the one place `<ClerkProvider>` must be
 * rendered for the whole app? React Router's `app/root.tsx`, TanStack Start/Router's
 * `routes/__root.tsx`, Expo Router's `app/_layout.tsx`, a SPA's entry module (what
 * `index.html` loads).
 */
export function stackRootOf(index: ProjectIndex, mod: Module, root: string): StackRoot | undefined {
  const rel = path.relative(root, mod.file).split(path.sep).join("/");
  const fw = mod.stack.frameworks;
  const under = (prefix: RegExp) => (file: string) => prefix.test(path.relative(root, file).split(path.sep).join("/"));
  if ((fw.has("react-router") || fw.has("remix")) && /^app\/root\.[cm]?[jt]sx?$/.test(rel)) {
    // A layout route may render <ClerkProvider loaderData> for the routes nested in it
    // (`layout("routes/_auth/layout.tsx", [...])`): which routes nest where is the route
    // config's business, so with such a provider in the app the root answers for nothing.
    const nested = nestedProviders(index, root, mod.file);
    return { what: `React Router root (${rel})`, covers: (f) => nested.length === 0 && under(/^app\//)(f) };
  }
  if (/^(src\/)?(app\/)?routes\/__root\.[cm]?[jt]sx?$/.test(rel) && mod.importsFrom((s) => /^@tanstack\/(react|solid)-(router|start)/.test(s))) {
    return { what: `root route (${rel})`, covers: under(/^(src|app)\//) };
  }
  if (fw.has("expo") && /^(src\/)?app\/_layout\.[cm]?[jt]sx?$/.test(rel)) return { what: `Expo Router root layout (${rel})`, covers: (f) => clientBundle(index, root).has(f) };
  if (fw.has("expo") && /^(src\/)?App\.[cm]?[jt]sx?$/.test(rel) && !exists(path.join(root, "app")) && !exists(path.join(root, "src", "app"))) {
    return { what: `Expo app root (${rel})`, covers: (f) => clientBundle(index, root).has(f) };
  }
  if (mod.stack.spa && clientEntries(index, root).includes(mod.file)) return { what: `app entry (${rel})`, covers: (f) => clientBundle(index, root).has(f) };
  return undefined;
}

/** Modules under `app/` other than the root that render `<ClerkProvider>` themselves (a layout route's provider). */
function nestedProviders(index: ProjectIndex, root: string, rootFile: string): string[] {
  return (
    index.memo(`nestedProviders:${rootFile}`, () => {
      const appDir = path.join(root, "app") + path.sep;
      const out: string[] = [];
      for (const file of index.files()) {
        if (file === rootFile || !file.startsWith(appDir)) continue;
        const text = index.text(file);
        if (!text || !text.includes("@clerk/")) continue;
        const mod = index.module(file);
        if (mod && clerkUsage(mod).rendersProvider) out.push(file);
      }
      return out;
    }) ?? []
  );
}
