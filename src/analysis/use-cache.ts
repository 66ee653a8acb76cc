/**
 * Which `'use cache'` variant governs a node. directives.ts folds every
 * `'use cache…'` into one kind; the variants differ for request data:
 * `'use cache: private'` may read cookies()/headers() (and so Clerk's auth()),
 * `'use cache'`, `'use cache: remote'` and custom handlers may not.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction } from "./ast.js";

function cacheDirectiveOf(statements: readonly TSESTree.ProgramStatement[] | readonly TSESTree.Statement[]): string | undefined {
  for (const statement of statements) {
    if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") break;
    const expr = statement.expression;
    const raw = expr.type === "Literal" && typeof expr.value === "string" ? expr.value : statement.directive;
    if (raw === "use cache" || raw.startsWith("use cache:")) return raw.replace(/\s*:\s*/, ": ");
  }
  return undefined;
}

/**
 * The exact cache directive (`use cache`, `use cache: private`, `use cache: remote`, …)
 * of the innermost function around `node` that has one, else of the file; undefined when none.
 */
export function cacheDirectiveAt(node: Node, program: TSESTree.Program): string | undefined {
  let current: Node | undefined = node.parent;
  while (current) {
    if (isFunction(current) && current.body.type === "BlockStatement") {
      const d = cacheDirectiveOf(current.body.body);
      if (d) return d;
    }
    current = current.parent;
  }
  return cacheDirectiveOf(program.body);
}

/** Is this a shared cache scope, where request data (headers, cookies) is unavailable? */
export function isSharedCacheDirective(directive: string | undefined): boolean {
  return directive !== undefined && directive !== "use cache: private";
}
