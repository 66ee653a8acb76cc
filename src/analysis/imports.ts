/**
 * Import provenance: which local names are bound to which export of which module.
 * Works on any ESTree program (ESLint's or the project index's), covering
 * static imports, re-exports, `await import("x")` and `require("x")`.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, staticString, unwrap, walk } from "./ast.js";

export interface ImportBinding {
  /** The local identifier node the binding declares. */
  id: TSESTree.Identifier;
  local: string;
  source: string;
  /** Export name, `default`, or `*` for a namespace / whole-module binding. */
  imported: string;
  typeOnly: boolean;
  kind: "static" | "dynamic" | "require";
}

export interface ReExport {
  source: string;
  /** exported name → imported name (`*` for `export * from`). */
  names: Map<string, string>;
  star: boolean;
}

export interface ModuleImports {
  bindings: ImportBinding[];
  /** Every module specifier the file loads (value or type), in order. */
  sources: string[];
  reExports: ReExport[];
}

function bindPattern(
  pattern: TSESTree.Node,
  source: string,
  kind: ImportBinding["kind"],
  out: ImportBinding[],
): void {
  const p = unwrap(pattern);
  if (p.type === "Identifier") {
    out.push({ id: p, local: p.name, source, imported: "*", typeOnly: false, kind });
    return;
  }
  if (p.type !== "ObjectPattern") return;
  for (const prop of p.properties) {
    if (prop.type !== "Property") continue;
    const key = propertyName(prop);
    if (key === undefined) continue;
    let value: TSESTree.Node = prop.value;
    if (value.type === "AssignmentPattern") value = value.left;
    if (value.type === "Identifier") {
      out.push({ id: value, local: value.name, source, imported: key, typeOnly: false, kind });
    }
  }
}

/** `await import("x")`, `import("x")`, `require("x")` → the specifier. */
function dynamicSource(node: Node): { source: string; kind: "dynamic" | "require" } | undefined {
  let n = unwrap(node);
  if (n.type === "AwaitExpression") n = unwrap(n.argument);
  if (n.type === "ImportExpression") {
    const s = staticString(n.source);
    return s === undefined ? undefined : { source: s, kind: "dynamic" };
  }
  if (
    n.type === "CallExpression" &&
    n.callee.type === "Identifier" &&
    n.callee.name === "require" &&
    n.arguments.length === 1
  ) {
    const s = staticString(n.arguments[0]);
    return s === undefined ? undefined : { source: s, kind: "require" };
  }
  return undefined;
}

/**
 * Collect the imports of a program. `mayHaveDynamic` lets callers skip the
 * full-tree walk for dynamic imports when the text cannot contain one.
 */
export function collectImports(program: TSESTree.Program, mayHaveDynamic: boolean): ModuleImports {
  const bindings: ImportBinding[] = [];
  const sources: string[] = [];
  const reExports: ReExport[] = [];
  for (const statement of program.body) {
    if (statement.type === "ImportDeclaration") {
      const source = statement.source.value;
      sources.push(source);
      const declType = statement.importKind === "type";
      for (const spec of statement.specifiers) {
        if (spec.type === "ImportDefaultSpecifier") {
          bindings.push({ id: spec.local, local: spec.local.name, source, imported: "default", typeOnly: declType, kind: "static" });
        } else if (spec.type === "ImportNamespaceSpecifier") {
          bindings.push({ id: spec.local, local: spec.local.name, source, imported: "*", typeOnly: declType, kind: "static" });
        } else {
          const imported = spec.imported.type === "Identifier" ? spec.imported.name : String(spec.imported.value);
          bindings.push({
            id: spec.local,
            local: spec.local.name,
            source,
            imported,
            typeOnly: declType || spec.importKind === "type",
            kind: "static",
          });
        }
      }
    } else if (statement.type === "ExportNamedDeclaration" && statement.source) {
      const source = statement.source.value;
      sources.push(source);
      const names = new Map<string, string>();
      for (const spec of statement.specifiers) {
        const local = spec.local.type === "Identifier" ? spec.local.name : String(spec.local.value);
        const exported = spec.exported.type === "Identifier" ? spec.exported.name : String(spec.exported.value);
        names.set(exported, local);
      }
      reExports.push({ source, names, star: false });
    } else if (statement.type === "ExportAllDeclaration") {
      sources.push(statement.source.value);
      reExports.push({ source: statement.source.value, names: new Map(), star: statement.exported === null });
    }
  }
  if (mayHaveDynamic) {
    walk(program, (node) => {
      if (node.type === "VariableDeclarator" && node.init) {
        const dyn = dynamicSource(node.init);
        if (dyn) {
          sources.push(dyn.source);
          bindPattern(node.id, dyn.source, dyn.kind, bindings);
        }
      } else if (node.type === "ImportExpression") {
        const s = staticString(node.source);
        if (s !== undefined && !sources.includes(s)) sources.push(s);
      }
      return undefined;
    });
  }
  return { bindings, sources, reExports };
}

/** `@clerk/nextjs/server` → { pkg: "@clerk/nextjs", entry: "server" }. */
export function splitPackage(source: string): { pkg: string; entry: string } | undefined {
  if (source.startsWith(".") || source.startsWith("/")) return undefined;
  const parts = source.split("/");
  if (source.startsWith("@")) {
    if (parts.length < 2) return undefined;
    return { pkg: `${parts[0]}/${parts[1]}`, entry: parts.slice(2).join("/") };
  }
  return { pkg: parts[0]!, entry: parts.slice(1).join("/") };
}

export function isClerkSource(source: string): boolean {
  return source.startsWith("@clerk/");
}

/** Server-only Clerk entry points: never valid as a value import in a client module. */
export function isServerOnlyClerkSource(source: string): boolean {
  const sp = splitPackage(source);
  if (!sp || !sp.pkg.startsWith("@clerk/")) return false;
  if (sp.pkg === "@clerk/backend" || sp.pkg === "@clerk/express" || sp.pkg === "@clerk/fastify") return true;
  if (sp.pkg === "@clerk/clerk-sdk-node") return true;
  const first = sp.entry.split("/")[0];
  return first === "server" || first === "webhooks" || first === "api.server" || first === "ssr.server";
}

/** A specifier that names a module of the project (relative, absolute, or a common alias such as `@/`, `~/`, `#`). */
export function isLocalSource(source: string): boolean {
  return source.startsWith(".") || source.startsWith("/") || source.startsWith("@/") || source.startsWith("~/") || source.startsWith("#");
}
