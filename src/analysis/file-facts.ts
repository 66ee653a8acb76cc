/**
 * Per-file facts, computed once per linted file and shared by every rule:
 * project, role, directives, imports and scope-aware import provenance.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import type { Node } from "./ast.js";
import { isClerkWebhookFile } from "./detectors/webhooks.js";
import { type Directive, fileDirectives } from "./directives.js";
import { type ImportBinding, type ModuleImports, collectImports, isClerkSource, splitPackage } from "./imports.js";
import { type FileRole, classifyFile } from "./next-files.js";
import { type ProjectInfo, projectInfoFor, readSettings } from "./project-info.js";

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;
type Reference = TSESLint.Scope.Reference;

export interface ExportUse {
  /** The expression that denotes the export: an Identifier or `ns.name` MemberExpression. */
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

export class FileFacts {
  readonly filename: string;
  readonly program: TSESTree.Program;
  readonly text: string;
  readonly project: ProjectInfo;
  readonly role: FileRole;
  readonly directives: Set<Directive>;
  readonly imports: ModuleImports;
  private readonly sourceCode: TSESLint.SourceCode;
  private readonly textTests = new Map<string, boolean>();
  private readonly bindingById = new Map<TSESTree.Identifier, ImportBinding>();
  private readonly variableCache = new Map<ImportBinding, Variable | null>();

  constructor(context: AnyContext) {
    const sourceCode = context.sourceCode;
    this.sourceCode = sourceCode;
    this.filename = context.filename;
    this.program = sourceCode.ast;
    this.text = sourceCode.text;
    const settings = readSettings(context.settings);
    this.project = projectInfoFor(this.filename, settings, context.cwd);
    this.role = classifyFile(this.project.root, path.resolve(this.filename));
    this.directives = fileDirectives(this.program);
    const mayHaveDynamic = this.text.includes("import(") || this.text.includes("require(");
    this.imports = collectImports(this.program, mayHaveDynamic);
    for (const b of this.imports.bindings) this.bindingById.set(b.id, b);
  }

  private webhook: boolean | undefined;

  /** Is this a route handler that receives Clerk webhooks? (computed once per file) */
  get isClerkWebhook(): boolean {
    this.webhook ??= isClerkWebhookFile(this.program, this.role, this.imports.bindings, this.text);
    return this.webhook;
  }

  get isClientModule(): boolean {
    return this.directives.has("use client");
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

  /** The import a reference identifier resolves to, through scopes (shadowing-aware). */
  bindingOf(identifier: TSESTree.Identifier): ImportBinding | undefined {
    const variable = this.resolveVariable(identifier);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      const b = this.bindingById.get(def.name as TSESTree.Identifier);
      if (b) return b;
    }
    return undefined;
  }

  /** Which export of which module an expression denotes (`auth`, `clerk.auth`). */
  exportOf(node: Node): { binding: ImportBinding; exportName: string } | undefined {
    if (node.type === "Identifier") {
      const b = this.bindingOf(node);
      if (b && b.imported !== "*") return { binding: b, exportName: b.imported };
      return undefined;
    }
    if (node.type === "MemberExpression" && !node.computed && node.object.type === "Identifier" && node.property.type === "Identifier") {
      const b = this.bindingOf(node.object);
      if (b && b.imported === "*") return { binding: b, exportName: node.property.name };
      if (b && b.imported === "default" && b.kind === "static") return undefined;
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
        const id = ref.identifier as TSESTree.Identifier;
        if (binding.imported !== "*") {
          out.push({ node: id, exportName: binding.imported, binding });
          continue;
        }
        const parent = id.parent;
        if (parent?.type === "MemberExpression" && parent.object === id) {
          const name = !parent.computed && parent.property.type === "Identifier" ? parent.property.name : undefined;
          if (name && (!filter.exports || filter.exports.includes(name))) {
            out.push({ node: parent, exportName: name, binding });
          }
        }
      }
    }
    return out;
  }

  /** References to an import binding that read its value (not type positions, not the declaration). */
  valueReferences(binding: ImportBinding): Reference[] {
    const variable = this.variableOf(binding);
    if (!variable) return [];
    return variable.references.filter((r) => {
      if (r.init) return false;
      const typed = r as Reference & { isValueReference?: boolean };
      return typed.isValueReference !== false;
    });
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
      if (decl) {
        const declared = this.sourceCode.getDeclaredVariables(declOwner(decl));
        v = declared.find((x) => x.name === binding.local) ?? null;
      }
      this.variableCache.set(binding, v);
    }
    return v ?? undefined;
  }

  scopeOf(node: Node): Scope {
    return this.sourceCode.getScope(node);
  }

  resolveVariable(identifier: TSESTree.Identifier): Variable | undefined {
    let scope: Scope | null = this.sourceCode.getScope(identifier);
    while (scope) {
      const v = scope.set.get(identifier.name);
      if (v) return v;
      scope = scope.upper;
    }
    return undefined;
  }

  /** Installed major for a package of this project (undefined when unknown). */
  major(pkg: string): number | undefined {
    return this.project.major(pkg);
  }

  /** Major of the Clerk package an import comes from. */
  majorOfSource(source: string): number | undefined {
    const sp = splitPackage(source);
    return sp ? this.project.major(sp.pkg) : undefined;
  }
}

function declOwner(node: Node): Node {
  // For patterns (`const { a } = await import(...)`) the declarator owns the variables.
  let current: Node = node;
  while (current.parent && current.type !== "VariableDeclarator" && current.type !== "ImportDeclaration" && !current.type.startsWith("Import")) {
    current = current.parent;
  }
  return current;
}

function matchesSource(source: string, filter: UseFilter): boolean {
  if (filter.sources && filter.sources.includes(source)) return true;
  if (filter.source && filter.source(source)) return true;
  return !filter.sources && !filter.source;
}

const factsCache = new WeakMap<object, FileFacts>();

/** The facts for the file a rule is linting; computed once per file for all rules. */
export function getFacts(context: AnyContext): FileFacts {
  const key = context.sourceCode.ast;
  let facts = factsCache.get(key);
  if (!facts) {
    facts = new FileFacts(context);
    factsCache.set(key, facts);
  }
  return facts;
}
