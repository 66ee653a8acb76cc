/**
 * How a detector learns where a name came from. ESLint rules answer with
 * scope analysis (FileFacts); the project index answers from top-level imports.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import type { Node } from "./ast.js";
import type { ImportBinding } from "./imports.js";

export interface Provenance {
  exportOf(node: Node): { binding: ImportBinding; exportName: string } | undefined;
  bindingOf(identifier: TSESTree.Identifier): ImportBinding | undefined;
}

/** Name-based provenance over a file's top-level imports (shadowing ignored). */
export class TopLevelProvenance implements Provenance {
  private readonly byName = new Map<string, ImportBinding>();
  constructor(bindings: readonly ImportBinding[]) {
    for (const b of bindings) if (!this.byName.has(b.local)) this.byName.set(b.local, b);
  }
  bindingOf(identifier: TSESTree.Identifier): ImportBinding | undefined {
    return this.byName.get(identifier.name);
  }
  exportOf(node: Node): { binding: ImportBinding; exportName: string } | undefined {
    if (node.type === "Identifier") {
      const b = this.byName.get(node.name);
      return b && b.imported !== "*" && !b.typeOnly ? { binding: b, exportName: b.imported } : undefined;
    }
    if (node.type === "MemberExpression" && !node.computed && node.object.type === "Identifier" && node.property.type === "Identifier") {
      const b = this.byName.get(node.object.name);
      if (b && b.imported === "*" && !b.typeOnly) return { binding: b, exportName: node.property.name };
    }
    return undefined;
  }
}
