/**
 * One parsed module, as every part of the core sees it: its program and text,
 * its imports, its directives, its top-level declarations and exports, and
 * scope-aware import provenance ("which export of which module does this
 * identifier denote?"). The file being linted (FileFacts, over ESLint's scope
 * manager) and every other project file (the project index, over a scope
 * manager built on demand) are both a `Module`, so a detector asks one
 * interface wherever the code lives.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, unwrap } from "./ast.js";
import { type Directive, fileDirectives } from "./directives.js";
import { type ImportBinding, type ModuleImports, collectImports, isClerkSource } from "./imports.js";
import type { FileRole } from "./next-files.js";
import { type Stack, UNKNOWN_STACK } from "./stack.js";
import { type SfcPartInfo, sfcPartOf } from "./sfc.js";

export type Scope = TSESLint.Scope.Scope;
export type Variable = TSESLint.Scope.Variable;
export type Reference = TSESLint.Scope.Reference;

/** What a module needs from a scope analysis (ESLint's SourceCode has both). */
export interface ScopeSource {
  getScope(node: Node): Scope;
  getDeclaredVariables(node: Node): readonly Variable[];
}

export interface ExportUse {
  /** The expression that denotes the export: an Identifier or `ns.name` MemberExpression (JSX element names are not uses). */
  node: TSESTree.Identifier | TSESTree.MemberExpression;
  exportName: string;
  binding: ImportBinding;
}

export interface UseFilter {
  /** Exact module specifiers, e.g. "@clerk/nextjs/server". */
  sources?: readonly string[];
  /** Match by predicate instead of (or in addition to) exact sources. */
  source?: (source: string) => boolean;
  /** Export names; omit for all. */
  exports?: readonly string[];
}

/** A top-level declaration of a module. */
export type TopLevelDecl =
  | { kind: "function"; name: string; node: FunctionNode; statement: Node }
  | {
      kind: "variable";
      name: string;
      node: TSESTree.VariableDeclarator;
      statement: Node;
      constant: boolean;
      /** For a destructured name (`const { a: { b } } = init`): the properties read from the initializer. */
      path: string[];
    }
  | { kind: "class"; name: string; node: TSESTree.ClassDeclaration; statement: Node }
  | { kind: "import"; name: string; binding: ImportBinding; statement: Node };

/** What an export name of a module denotes. */
export type ExportEntry =
  /** Declared here: `export function f`, `export const f = …`, `export { f }`, `export default …`. */
  | {
      kind: "local";
      local: string | undefined;
      value: Node | undefined;
      statement: Node;
      /** The value is this property path of `value` (`export const { handlers } = NextAuth(…)` → ["handlers"]). */
      path?: string[];
    }
  /** `export { f } from "./x"` / `export { default as f } from "./x"`. */
  | { kind: "reexport"; source: string; imported: string; statement: Node };

export interface ModuleShape {
  decls: Map<string, TopLevelDecl>;
  exports: Map<string, ExportEntry>;
  /** `export * from "…"` sources, in order. */
  starSources: string[];
}

/** The name an export specifier uses (`export { a as "b-c" }` allows string names). */
export function exportName(node: TSESTree.Identifier | TSESTree.StringLiteral | TSESTree.Node): string {
  if (node.type === "Identifier") return node.name;
  return node.type === "Literal" ? String(node.value) : "";
}

/** Every name a binding pattern declares, with the property path it is read from. */
export function patternBindings(pattern: Node, path: string[] = [], out: Array<{ id: TSESTree.Identifier; path: string[] }> = []): Array<{ id: TSESTree.Identifier; path: string[] }> {
  const p = pattern.type === "AssignmentPattern" ? pattern.left : pattern;
  if (p.type === "Identifier") out.push({ id: p, path });
  else if (p.type === "ObjectPattern") {
    for (const prop of p.properties) {
      if (prop.type === "RestElement") patternBindings(prop.argument, path, out);
      else {
        const key = prop.computed ? undefined : prop.key.type === "Identifier" ? prop.key.name : prop.key.type === "Literal" ? String(prop.key.value) : undefined;
        patternBindings(prop.value as Node, key === undefined ? [...path, "?"] : [...path, key], out);
      }
    }
  } else if (p.type === "ArrayPattern") {
    p.elements.forEach((el, i) => {
      if (el) patternBindings(el, [...path, String(i)], out);
    });
  }
  return out;
}

function addDeclaration(decls: Map<string, TopLevelDecl>, d: Node | null | undefined, statement: Node): void {
  if (!d) return;
  if (d.type === "FunctionDeclaration" && d.id) decls.set(d.id.name, { kind: "function", name: d.id.name, node: d, statement });
  else if (d.type === "ClassDeclaration" && d.id) decls.set(d.id.name, { kind: "class", name: d.id.name, node: d, statement });
  else if (d.type === "VariableDeclaration") {
    for (const v of d.declarations) {
      for (const b of patternBindings(v.id)) decls.set(b.id.name, { kind: "variable", name: b.id.name, node: v, statement, constant: d.kind === "const", path: b.path });
    }
  }
}

/** `module.exports` / `exports` as written (`module.exports.x` → "x" under it). */
function commonJsTarget(node: Node): { whole: boolean; name?: string } | undefined {
  const isModuleExports = (n: Node) =>
    n.type === "MemberExpression" && !n.computed && n.object.type === "Identifier" && n.object.name === "module" && n.property.type === "Identifier" && n.property.name === "exports";
  if (isModuleExports(node)) return { whole: true };
  if (node.type !== "MemberExpression" || node.computed || node.property.type !== "Identifier") return undefined;
  const obj = node.object;
  if ((obj.type === "Identifier" && obj.name === "exports") || isModuleExports(obj)) return { whole: false, name: node.property.name };
  return undefined;
}

/**
 * CommonJS exports at the top level: `module.exports = x` is the default export (and, for an
 * object literal, each property a named one, as `const { a } = require()` reads them);
 * `exports.a = …` / `module.exports.a = …` a named one. An ES module's own exports win.
 */
function commonJsExport(assignment: TSESTree.AssignmentExpression, statement: Node, exports: Map<string, ExportEntry>): void {
  const target = commonJsTarget(assignment.left);
  if (!target) return;
  const entryOf = (value: Node): ExportEntry => {
    const v = value.type === "Identifier" ? undefined : value;
    return { kind: "local", local: value.type === "Identifier" ? value.name : undefined, value: v, statement };
  };
  const right = assignment.right as Node;
  if (!target.whole) {
    if (!exports.has(target.name!)) exports.set(target.name!, entryOf(right));
    return;
  }
  if (!exports.has("default")) exports.set("default", entryOf(right));
  if (right.type !== "ObjectExpression") return;
  for (const p of right.properties) {
    if (p.type !== "Property" || p.computed) continue;
    const key = p.key.type === "Identifier" ? p.key.name : p.key.type === "Literal" ? String(p.key.value) : undefined;
    if (key !== undefined && !exports.has(key)) exports.set(key, entryOf(p.value as Node));
  }
}

/** Top-level declarations and exports of a program (one pass over the statements). */
export function moduleShape(program: TSESTree.Program, imports: ModuleImports): ModuleShape {
  const decls = new Map<string, TopLevelDecl>();
  const exports = new Map<string, ExportEntry>();
  const starSources: string[] = [];
  for (const b of imports.bindings) {
    if (b.kind === "static") decls.set(b.local, { kind: "import", name: b.local, binding: b, statement: b.id.parent?.parent ?? b.id });
  }
  for (const st of program.body) {
    if (st.type === "ExportNamedDeclaration") {
      if (st.declaration) {
        addDeclaration(decls, st.declaration, st);
        const d = st.declaration;
        if ((d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id) {
          exports.set(d.id.name, { kind: "local", local: d.id.name, value: d, statement: st });
        } else if (d.type === "VariableDeclaration") {
          for (const v of d.declarations) {
            for (const b of patternBindings(v.id)) exports.set(b.id.name, { kind: "local", local: b.id.name, value: v.init ?? undefined, statement: st, path: b.path });
          }
        }
        continue;
      }
      for (const spec of st.specifiers) {
        const local = exportName(spec.local);
        const exported = exportName(spec.exported);
        if (st.source) exports.set(exported, { kind: "reexport", source: st.source.value, imported: local, statement: st });
        else exports.set(exported, { kind: "local", local, value: undefined, statement: st });
      }
    } else if (st.type === "ExportDefaultDeclaration") {
      const d = st.declaration as Node;
      addDeclaration(decls, d, st);
      const local = d.type === "Identifier" ? d.name : (d.type === "FunctionDeclaration" || d.type === "ClassDeclaration") && d.id ? d.id.name : undefined;
      exports.set("default", { kind: "local", local, value: d.type === "Identifier" ? undefined : d, statement: st });
    } else if (st.type === "ExportAllDeclaration") {
      if (st.exported === null) starSources.push(st.source.value);
      else {
        const name = exportName(st.exported);
        exports.set(name, { kind: "reexport", source: st.source.value, imported: "*", statement: st });
      }
    } else if (st.type === "ExpressionStatement" && st.expression.type === "AssignmentExpression" && st.expression.operator === "=") {
      commonJsExport(st.expression, st, exports);
    } else {
      addDeclaration(decls, st, st);
    }
  }
  // `export { f }` / `export default f`: the value is the declaration of `f`
  for (const entry of exports.values()) {
    if (entry.kind !== "local" || entry.value || entry.local === undefined) continue;
    const decl = decls.get(entry.local);
    if (decl?.kind === "function" || decl?.kind === "class") entry.value = decl.node;
    else if (decl?.kind === "variable") {
      entry.value = decl.node.init ?? undefined;
      entry.path = decl.path;
    }
  }
  return { decls, exports, starSources };
}

/**
 * The function a value denotes: a function expression, a function declaration,
 * or the function wrapped by a call (`cache(async () => …)`, `withAuth(handler)`).
 */
export function functionOf(value: Node | null | undefined): FunctionNode | undefined {
  if (!value) return undefined;
  const v = unwrap(value);
  if (isFunction(v)) return v;
  if (v.type === "CallExpression") {
    for (const a of v.arguments) {
      const fn = unwrap(a);
      if (isFunction(fn)) return fn;
    }
  }
  return undefined;
}

function matchesSource(source: string, filter: UseFilter): boolean {
  if (filter.sources && filter.sources.includes(source)) return true;
  if (filter.source && filter.source(source)) return true;
  return !filter.sources && !filter.source;
}

function declOwner(node: Node): Node {
  // For patterns (`const { a } = await import(...)`) the declarator owns the variables.
  let current: Node = node;
  while (current.parent && current.type !== "VariableDeclarator" && !current.type.startsWith("Import")) current = current.parent;
  return current;
}

export class Module {
  readonly file: string;
  readonly program: TSESTree.Program;
  readonly text: string;
  readonly imports: ModuleImports;
  readonly directives: Set<Directive>;
  /** The file's role in its project (Next.js file conventions; none outside a Next.js project). */
  readonly role: FileRole;
  /** The frameworks of the project the file belongs to (its nearest package.json). */
  readonly stack: Stack;
  private readonly scopeSource: () => ScopeSource;
  private readonly bindingById = new Map<Node, ImportBinding>();
  private readonly variableCache = new Map<ImportBinding, Variable | null>();
  private readonly textTests = new Map<string, boolean>();
  private shapeCache: ModuleShape | undefined;
  private sfcCache: SfcPartInfo | null | undefined;

  constructor(file: string, program: TSESTree.Program, text: string, role: FileRole, scopes: () => ScopeSource, stack: Stack = UNKNOWN_STACK) {
    this.file = file;
    this.role = role;
    this.stack = stack;
    this.program = program;
    this.text = text;
    this.scopeSource = scopes;
    this.directives = fileDirectives(program);
    const mayHaveDynamic = text.includes("import(") || text.includes("require(");
    this.imports = collectImports(program, mayHaveDynamic);
    for (const b of this.imports.bindings) this.bindingById.set(b.id, b);
  }

  /** Top-level declarations and exports (computed once). */
  get shape(): ModuleShape {
    this.shapeCache ??= moduleShape(this.program, this.imports);
    return this.shapeCache;
  }

  /** Client code by itself: `'use client'`, or a script part of a component that ships to the browser (analysis/sfc.ts). */
  get isClientModule(): boolean {
    return this.directives.has("use client") || this.sfcPart?.client === true;
  }

  /** The part of an `.astro`/`.vue` component this code is (its frontmatter, a `<script>`), or undefined. */
  get sfcPart(): SfcPartInfo | undefined {
    if (this.sfcCache === undefined) this.sfcCache = sfcPartOf(this.file) ?? null;
    return this.sfcCache ?? undefined;
  }

  /** The source text of a node of this module. */
  getText(node: Node): string {
    return this.text.slice(node.range[0], node.range[1]);
  }

  /** Cached regular-expression test over the file text: a cheap relevance gate only. */
  textMatches(re: RegExp): boolean {
    const key = re.source + "/" + re.flags;
    let v = this.textTests.get(key);
    if (v === undefined) {
      re.lastIndex = 0;
      v = re.test(this.text);
      this.textTests.set(key, v);
    }
    return v;
  }

  importsFrom(pred: (source: string) => boolean): boolean {
    return this.imports.sources.some(pred);
  }

  get importsClerk(): boolean {
    return this.imports.sources.some(isClerkSource);
  }

  /** Bindings whose module matches the filter (type-only included). */
  bindings(filter: UseFilter): ImportBinding[] {
    return this.imports.bindings.filter((b) => matchesSource(b.source, filter) && (!filter.exports || b.imported === "*" || filter.exports.includes(b.imported)));
  }

  getScope(node: Node): Scope {
    return this.scopeSource().getScope(node);
  }

  declaredVariables(node: Node): readonly Variable[] {
    return this.scopeSource().getDeclaredVariables(node);
  }

  /** The variable a name refers to at `at` (its innermost declaration), through scopes. */
  lookup(name: string, at: Node): Variable | undefined {
    let scope: Scope | null = this.getScope(at);
    while (scope) {
      const v = scope.set.get(name);
      if (v) return v;
      scope = scope.upper;
    }
    return undefined;
  }

  resolveVariable(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): Variable | undefined {
    return this.lookup(identifier.name, identifier);
  }

  /** The import a reference identifier resolves to, through scopes (shadowing-aware). */
  bindingOf(identifier: TSESTree.Identifier | TSESTree.JSXIdentifier): ImportBinding | undefined {
    if (!this.imports.bindings.some((b) => b.local === identifier.name)) return undefined;
    const variable = this.resolveVariable(identifier);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      const b = this.bindingById.get(def.name as Node);
      if (b) return b;
    }
    return undefined;
  }

  /** Which export of which module an expression denotes (`auth`, `clerk.auth`, `<Clerk.Provider>`). */
  exportOf(node: Node): { binding: ImportBinding; exportName: string } | undefined {
    if (node.type === "Identifier" || node.type === "JSXIdentifier") {
      const b = this.bindingOf(node);
      if (b && b.imported !== "*" && !b.typeOnly) return { binding: b, exportName: b.imported };
      return undefined;
    }
    if (node.type === "MemberExpression" && !node.computed && node.object.type === "Identifier" && node.property.type === "Identifier") {
      const b = this.bindingOf(node.object);
      if (b && b.imported === "*" && !b.typeOnly) return { binding: b, exportName: node.property.name };
    }
    if (node.type === "JSXMemberExpression" && node.object.type === "JSXIdentifier") {
      const b = this.bindingOf(node.object);
      if (b && b.imported === "*" && !b.typeOnly) return { binding: b, exportName: node.property.name };
    }
    return undefined;
  }

  /** Every value use of the matching exports, found through the import's references. */
  uses(filter: UseFilter): ExportUse[] {
    const out: ExportUse[] = [];
    for (const binding of this.imports.bindings) {
      if (binding.typeOnly || !matchesSource(binding.source, filter)) continue;
      if (binding.imported !== "*" && filter.exports && !filter.exports.includes(binding.imported)) continue;
      for (const ref of this.valueReferences(binding)) {
        if (ref.identifier.type !== "Identifier") continue;
        const id = ref.identifier;
        if (binding.imported !== "*") {
          out.push({ node: id, exportName: binding.imported, binding });
          continue;
        }
        const parent = id.parent;
        if (parent?.type === "MemberExpression" && parent.object === id) {
          const name = !parent.computed && parent.property.type === "Identifier" ? parent.property.name : undefined;
          if (name && (!filter.exports || filter.exports.includes(name))) out.push({ node: parent, exportName: name, binding });
        }
      }
    }
    return out;
  }

  /** References to an import binding that read its value (not type positions, not the declaration). */
  valueReferences(binding: ImportBinding): Reference[] {
    const variable = this.variableOf(binding);
    if (!variable) return [];
    return variable.references.filter((r) => !r.init && (r as Reference & { isValueReference?: boolean }).isValueReference !== false);
  }

  /** A value import whose every reference is in a type position behaves as `import type`. */
  isEffectivelyTypeOnly(binding: ImportBinding): boolean {
    if (binding.typeOnly) return true;
    const variable = this.variableOf(binding);
    if (!variable) return false;
    const refs = variable.references.filter((r) => !r.init);
    return refs.length > 0 && refs.every((r) => (r as Reference & { isValueReference?: boolean }).isValueReference === false);
  }

  variableOf(binding: ImportBinding): Variable | undefined {
    let v = this.variableCache.get(binding);
    if (v === undefined) {
      v = null;
      const decl = binding.id.parent;
      if (decl) v = this.declaredVariables(declOwner(decl)).find((x) => x.name === binding.local) ?? null;
      this.variableCache.set(binding, v);
    }
    return v ?? undefined;
  }

  /** The function a top-level name denotes in this module (declaration, `const f = () => …`, `const f = cache(…)`). */
  topLevelFunction(name: string): FunctionNode | undefined {
    const decl = this.shape.decls.get(name);
    if (decl?.kind === "function") return decl.node;
    if (decl?.kind === "variable" && decl.path.length === 0) return functionOf(decl.node.init);
    return undefined;
  }

  /**
   * The function a callee identifier denotes when it is declared at the top level of
   * this module (scope-aware: a parameter or local of the same name shadows it).
   */
  localFunction(callee: TSESTree.Identifier): FunctionNode | undefined {
    const variable = this.resolveVariable(callee);
    if (!variable || (variable.scope.type !== "module" && variable.scope.type !== "global")) return undefined;
    const def = variable.defs[0];
    if (!def) return undefined;
    if (def.node.type === "FunctionDeclaration") return def.node;
    if (def.node.type === "VariableDeclarator") return functionOf(def.node.init);
    return undefined;
  }
}

/** ESLint's `SourceCode.getScope` semantics over a bare scope manager (for modules parsed outside ESLint). */
export function scopeSourceOf(manager: { acquire(node: Node, inner?: boolean): Scope | null; getDeclaredVariables(node: Node): Variable[] }): ScopeSource {
  const cache = new WeakMap<Node, Scope>();
  return {
    getScope(node: Node): Scope {
      const hit = cache.get(node);
      if (hit) return hit;
      const inner = node.type !== "Program";
      for (let current: Node | undefined = node; current; current = current.parent) {
        const scope = manager.acquire(current, inner);
        if (scope) {
          const result = scope.type === "function-expression-name" ? scope.childScopes[0]! : scope;
          cache.set(node, result);
          return result;
        }
      }
      throw new Error("no scope for node");
    },
    getDeclaredVariables: (node: Node) => manager.getDeclaredVariables(node),
  };
}
