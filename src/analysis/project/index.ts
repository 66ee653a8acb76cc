/**
 * The project index: cross-file facts (who imports what, which functions a
 * module exports and what they do), built without a type checker. One index
 * per project root, shared by every rule and every file of a run; each module
 * summary is cached by file content, so edits are picked up and nothing is
 * parsed twice.
 */
import { parse } from "@typescript-eslint/typescript-estree";
import type { TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import { type FunctionNode, type Node, isFunction, unwrap, walk } from "../ast.js";
import { CLERK_PROVIDER_NAMES, isClerkClientEntry, needsProvider } from "../clerk-api.js";
import { findUserCreates, insideConvexInternal } from "../detectors/db-writes.js";
import { findVerifyCalls, isClerkWebhookFile } from "../detectors/webhooks.js";
import { fileDirectives } from "../directives.js";
import { exists, listDir, readText } from "../fs-cache.js";
import { type ImportBinding, type ModuleImports, collectImports } from "../imports.js";
import { type FileRole, classifyFile } from "../next-files.js";
import { type Provenance, TopLevelProvenance } from "../resolver.js";
import { listCodeFiles } from "./discover.js";
import { resolveLocal } from "./resolve.js";

export interface ModuleSummary {
  file: string;
  role: FileRole;
  program: TSESTree.Program;
  imports: ModuleImports;
  prov: Provenance;
  directives: Set<string>;
  /** Top-level functions by local name. */
  functions: Map<string, FunctionNode>;
  /** Exported name → local name (`default` included). */
  exports: Map<string, string>;
  /** Uses Clerk hooks or components that need <ClerkProvider> above them. */
  usesClerkClientApi: boolean;
  /** Renders <ClerkProvider> itself. */
  rendersProvider: boolean;
  isClerkWebhook: boolean;
}

const MAX_BYTES = 1_000_000;
const LAYOUT_FILE = /^layout\.(?:[cm]?[jt]sx?)$/;

function parseModule(file: string, text: string): TSESTree.Program | undefined {
  if (text.length > MAX_BYTES) return undefined;
  try {
    return parse(text, {
      jsx: !/\.(m|c)?ts$/.test(file),
      range: true,
      loc: true,
      comment: false,
      tokens: false,
      errorOnUnknownASTType: false,
      allowInvalidAST: true,
      suppressDeprecatedPropertyWarnings: true,
    } as Parameters<typeof parse>[1]);
  } catch {
    return undefined;
  }
}

/** Facts about Clerk UI usage in a program, from its provenance. */
export function clerkUsage(program: TSESTree.Program, prov: Provenance): { usesClientApi: boolean; rendersProvider: boolean } {
  let usesClientApi = false;
  let rendersProvider = false;
  walk(program, (node) => {
    if (node.type === "JSXOpeningElement") {
      const nameNode = node.name.type === "JSXIdentifier" ? ({ type: "Identifier", name: node.name.name, parent: node } as unknown as Node) : undefined;
      const origin = nameNode ? prov.exportOf(nameNode) : jsxMemberOrigin(node, prov);
      if (origin && isClerkClientEntry(origin.binding.source)) {
        if (CLERK_PROVIDER_NAMES.has(origin.exportName)) rendersProvider = true;
        else if (needsProvider(origin.exportName)) usesClientApi = true;
      }
    } else if (node.type === "CallExpression") {
      const origin = prov.exportOf(unwrap(node.callee));
      if (origin && isClerkClientEntry(origin.binding.source) && /^use[A-Z]/.test(origin.exportName)) usesClientApi = true;
    }
    return undefined;
  });
  return { usesClientApi, rendersProvider };
}

/**
 * `<Clerk.ClerkProvider>` → the export it names. The stand-in nodes carry a parent
 * chain into the real tree, so scope-aware provenance (FileFacts) can place them.
 */
function jsxMemberOrigin(element: TSESTree.JSXOpeningElement, prov: Provenance) {
  const name = element.name;
  if (name.type !== "JSXMemberExpression" || name.object.type !== "JSXIdentifier") return undefined;
  const fake = { type: "MemberExpression", computed: false, parent: element } as unknown as TSESTree.MemberExpression;
  Object.assign(fake, {
    object: { type: "Identifier", name: name.object.name, parent: fake },
    property: { type: "Identifier", name: name.property.name, parent: fake },
  });
  return prov.exportOf(fake);
}

function topLevelFunctions(program: TSESTree.Program): { functions: Map<string, FunctionNode>; exports: Map<string, string> } {
  const functions = new Map<string, FunctionNode>();
  const exports = new Map<string, string>();
  const addDecl = (decl: Node, exported: boolean) => {
    if (decl.type === "FunctionDeclaration" && decl.id) {
      functions.set(decl.id.name, decl);
      if (exported) exports.set(decl.id.name, decl.id.name);
    } else if (decl.type === "VariableDeclaration") {
      for (const d of decl.declarations) {
        if (d.id.type !== "Identifier" || !d.init) continue;
        let init = unwrap(d.init);
        if (init.type === "CallExpression") {
          // export const action = withAuth(async () => ...) / cache(async () => ...)
          const fn = init.arguments.map((a) => unwrap(a)).find((a) => isFunction(a));
          if (fn) init = fn;
        }
        if (isFunction(init)) functions.set(d.id.name, init);
        if (exported) exports.set(d.id.name, d.id.name);
      }
    }
  };
  for (const st of program.body) {
    if (st.type === "ExportNamedDeclaration") {
      if (st.declaration) addDecl(st.declaration, true);
      else if (!st.source) {
        for (const spec of st.specifiers) {
          if (spec.local.type === "Identifier" && spec.exported.type === "Identifier") exports.set(spec.exported.name, spec.local.name);
        }
      }
    } else if (st.type === "ExportDefaultDeclaration") {
      const d = st.declaration as Node;
      if ((d.type === "FunctionDeclaration" || d.type === "FunctionExpression" || d.type === "ArrowFunctionExpression")) {
        const name = d.type !== "ArrowFunctionExpression" && d.id ? d.id.name : "<default>";
        functions.set(name, d as FunctionNode);
        exports.set("default", name);
      } else if (d.type === "Identifier") exports.set("default", d.name);
    } else {
      addDecl(st, false);
    }
  }
  return { functions, exports };
}

export class ProjectIndex {
  readonly root: string;
  private fileList: string[] | undefined;
  private readonly summaries = new Map<string, { text: string; summary: ModuleSummary | undefined }>();
  private readonly memo = new Map<string, unknown>();

  constructor(root: string) {
    this.root = root;
  }

  /** All code files of the project (walked once per index). */
  files(): string[] {
    if (!this.fileList) this.fileList = listCodeFiles(this.root);
    return this.fileList;
  }

  resolve(fromFile: string, specifier: string): string | undefined {
    return resolveLocal(this.root, fromFile, specifier);
  }

  text(file: string): string | undefined {
    return readText(file);
  }

  /** Parsed summary of a module, or undefined when unreadable or unparsable. */
  module(file: string): ModuleSummary | undefined {
    const text = readText(file);
    if (text === undefined) return undefined;
    const cached = this.summaries.get(file);
    if (cached && cached.text === text) return cached.summary;
    // any content change invalidates derived (cross-file) answers
    if (cached) this.memo.clear();
    const program = parseModule(file, text);
    let summary: ModuleSummary | undefined;
    if (program) {
      const imports = collectImports(program, text.includes("import(") || text.includes("require("));
      const prov = new TopLevelProvenance(imports.bindings);
      const role = classifyFile(this.root, file);
      const { functions, exports } = topLevelFunctions(program);
      const usage = text.includes("@clerk/") ? clerkUsage(program, prov) : { usesClientApi: false, rendersProvider: false };
      summary = {
        file,
        role,
        program,
        imports,
        prov,
        directives: fileDirectives(program),
        functions,
        exports,
        usesClerkClientApi: usage.usesClientApi,
        rendersProvider: usage.rendersProvider,
        isClerkWebhook: isClerkWebhookFile(program, role, imports.bindings, text),
      };
    }
    this.summaries.set(file, { text, summary });
    return summary;
  }

  /** Resolve an import binding of `file` to the local module and export it names. */
  target(file: string, binding: ImportBinding): { file: string; exportName: string } | undefined {
    const resolved = this.resolve(file, binding.source);
    if (!resolved) return undefined;
    return { file: resolved, exportName: binding.imported };
  }

  private memoize<T>(key: string, compute: () => T): T {
    if (this.memo.has(key)) return this.memo.get(key) as T;
    this.memo.set(key, undefined); // cycle guard: a recursive query sees "no"
    const value = compute();
    this.memo.set(key, value);
    return value;
  }

  /**
   * Does the exported function `exportName` of `file` create a user record,
   * directly or through the local and imported functions it calls?
   * Returns the chain of calls that leads to the insert, or undefined.
   */
  exportCreatesUser(file: string, exportName: string, depth = 0): string[] | undefined {
    if (depth > 4) return undefined;
    return this.memoize(`user:${file}#${exportName}`, () => {
      const mod = this.module(file);
      if (!mod) return undefined;
      const local = mod.exports.get(exportName) ?? (exportName === "*" ? undefined : undefined);
      if (local === undefined) {
        // re-export: export { x } from "./y"
        for (const re of mod.imports.reExports) {
          const target = this.resolve(file, re.source);
          if (!target) continue;
          const inner = re.names.get(exportName) ?? (re.star ? exportName : undefined);
          if (inner) {
            const chain = this.exportCreatesUser(target, inner, depth + 1);
            if (chain) return chain;
          }
        }
        return undefined;
      }
      return this.localCreatesUser(mod, local, depth);
    });
  }

  /** Same question for a top-level function of a parsed module. */
  localCreatesUser(mod: ModuleSummary, localName: string, depth: number, seen = new Set<string>()): string[] | undefined {
    if (seen.has(localName)) return undefined;
    seen.add(localName);
    const fn = mod.functions.get(localName);
    const where = `${path.relative(this.root, mod.file).split(path.sep).join("/")}:${localName}`;
    if (!fn) {
      // exported binding that is itself imported: export { createUser } after import
      const b = mod.imports.bindings.find((x) => x.local === localName);
      if (b) {
        const t = this.target(mod.file, b);
        if (t) {
          const chain = this.exportCreatesUser(t.file, t.exportName, depth + 1);
          return chain ? [where, ...chain] : undefined;
        }
      }
      return undefined;
    }
    const sites = findUserCreates(fn).filter((s) => !insideConvexInternal(s.node));
    if (sites.length > 0) return [where];
    return this.callsThatCreateUsers(mod, fn, depth, seen)[0]?.chain.map((c, i) => (i === 0 ? `${where} → ${c}` : c));
  }

  /** Calls inside `scope` (of module `mod`) that reach a user insert in another function. */
  callsThatCreateUsers(
    mod: { file: string; functions: Map<string, FunctionNode>; prov: Provenance; imports: ModuleImports },
    scope: Node,
    depth: number,
    seen = new Set<string>(),
  ): Array<{ call: TSESTree.CallExpression; chain: string[] }> {
    const out: Array<{ call: TSESTree.CallExpression; chain: string[] }> = [];
    walk(scope, (node) => {
      if (node.type !== "CallExpression") return;
      const callee = unwrap(node.callee);
      if (callee.type === "Identifier" && mod.functions.has(callee.name) && "exports" in mod) {
        const chain = this.localCreatesUser(mod as ModuleSummary, callee.name, depth + 1, seen);
        if (chain) out.push({ call: node, chain });
        return;
      }
      const origin = mod.prov.exportOf(callee);
      if (!origin) return;
      const target = this.target(mod.file, { ...origin.binding, imported: origin.exportName });
      if (!target) return;
      const chain = this.exportCreatesUser(target.file, target.exportName, depth + 1);
      if (chain) out.push({ call: node, chain });
    });
    return out;
  }

  /** Does the module render <ClerkProvider>, itself or through local components it imports? */
  rendersProvider(file: string, depth = 0): boolean {
    if (depth > 4) return false;
    return this.memoize(`provider:${file}`, () => {
      const mod = this.module(file);
      if (!mod) return false;
      if (mod.rendersProvider) return true;
      // a barrel (`export * from "./providers"`, `export { Providers } from "./providers"`)
      for (const re of mod.imports.reExports) {
        const target = this.resolve(file, re.source);
        if (target && this.rendersProvider(target, depth + 1)) return true;
      }
      return this.importedComponentsRenderProvider(mod.file, mod.program, mod.prov, depth);
    });
  }

  /** Any JSX element in `program` bound to a local module that renders the provider. */
  importedComponentsRenderProvider(file: string, program: TSESTree.Program, prov: Provenance, depth: number): boolean {
    let found = false;
    walk(program, (node) => {
      if (found) return false;
      if (node.type !== "JSXOpeningElement") return undefined;
      const name = node.name.type === "JSXIdentifier" ? node.name.name : node.name.type === "JSXMemberExpression" && node.name.object.type === "JSXIdentifier" ? node.name.object.name : undefined;
      if (!name || !/^[A-Z]/.test(name)) return undefined;
      // a stand-in Identifier with a parent in the real tree, so scope-aware provenance can place it
      const binding = prov.bindingOf({ type: "Identifier", name, parent: node } as unknown as TSESTree.Identifier);
      if (!binding || binding.typeOnly) return undefined;
      const target = this.resolve(file, binding.source);
      if (target && this.rendersProvider(target, depth + 1)) found = true;
      return undefined;
    });
    return found;
  }

  /** Does a module (or a helper it imports) verify webhooks? Used to accept `await verifyClerk(req)`. */
  exportVerifiesWebhook(file: string, exportName: string, depth = 0): boolean {
    if (depth > 3) return false;
    return this.memoize(`verify:${file}#${exportName}`, () => {
      const mod = this.module(file);
      if (!mod) return false;
      const local = mod.exports.get(exportName);
      const fn = local ? mod.functions.get(local) : undefined;
      if (!fn) {
        if (local !== undefined) return false;
        // a barrel: export { verify } from "./verify" / export * from "./svix"
        return mod.imports.reExports.some((re) => {
          const inner = re.names.get(exportName) ?? (re.star ? exportName : undefined);
          const target = inner === undefined ? undefined : this.resolve(file, re.source);
          return !!target && this.exportVerifiesWebhook(target, inner!, depth + 1);
        });
      }
      return findVerifyCalls(fn, mod.program, mod.prov, (call) => {
        const origin = mod.prov.exportOf(unwrap(call.callee));
        if (!origin) return false;
        const t = this.target(mod.file, { ...origin.binding, imported: origin.exportName });
        return !!t && this.exportVerifiesWebhook(t.file, t.exportName, depth + 1);
      }).length > 0;
    });
  }

  /** Files that use Clerk hooks/components needing a provider (prefiltered by text). */
  clerkClientFiles(): string[] {
    return this.memoize("clerkClientFiles", () => {
      const out: string[] = [];
      for (const file of this.files()) {
        const text = readText(file);
        if (!text || !text.includes("@clerk/")) continue;
        if (this.module(file)?.usesClerkClientApi) out.push(file);
      }
      return out;
    });
  }

  /** Local modules that import `file` (prefiltered by the file's stem in their text). */
  importersOf(file: string): string[] {
    return this.memoize(`importers:${file}`, () => {
      const stem = path.basename(file).replace(/\.[^.]+$/, "");
      const needle = stem === "index" ? path.basename(path.dirname(file)) : stem;
      const out: string[] = [];
      for (const other of this.files()) {
        if (other === file) continue;
        const text = readText(other);
        if (!text || !text.includes(needle)) continue;
        const mod = this.module(other);
        if (!mod) continue;
        if (mod.imports.sources.some((s) => this.resolve(other, s) === file)) out.push(other);
      }
      return out;
    });
  }

  /** The `layout.*` file directly in `dir`, if any (App Router). */
  layoutIn(dir: string): string | undefined {
    const name = listDir(dir).find((n) => LAYOUT_FILE.test(n));
    return name ? path.join(dir, name) : undefined;
  }

  /** Does the project use the App Router (`app/` or `src/app/`)? */
  hasAppRouter(): boolean {
    return exists(path.join(this.root, "app")) || exists(path.join(this.root, "src", "app"));
  }

  /**
   * Is this top layout (`app/layout.*` or `app/(group)/layout.*`) a root layout? A route-group
   * layout is one only when neither `app/layout.*` nor an outer route-group layout exists.
   */
  isRootLayout(role: FileRole): boolean {
    if (role.router !== "app" || !role.isTopLayout || !role.routerDir) return false;
    const routerDir = path.join(this.root, role.routerDir);
    for (let i = 0; i < role.segments.length; i++) {
      if (this.layoutIn(path.join(routerDir, ...role.segments.slice(0, i)))) return false;
    }
    return true;
  }

  /** Drop derived answers (the file list and cross-file memo). */
  invalidate(): void {
    this.fileList = undefined;
    this.memo.clear();
  }
}

const indexes = new Map<string, { index: ProjectIndex; at: number }>();
/** How long a file list is trusted in a long-lived process (editors); a CLI run is shorter. */
const FILE_LIST_TTL_MS = 5_000;

/** The shared index for a project root. */
export function getProjectIndex(root: string): ProjectIndex {
  const now = Date.now();
  let entry = indexes.get(root);
  if (!entry) {
    entry = { index: new ProjectIndex(root), at: now };
    indexes.set(root, entry);
  } else if (now - entry.at > FILE_LIST_TTL_MS) {
    entry.index.invalidate();
    entry.at = now;
  }
  return entry.index;
}

export function resetProjectIndexes(): void {
  indexes.clear();
}
