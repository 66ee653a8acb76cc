/**
 * React / Next.js directives, read from the real directive nodes of a directive
 * prologue (ESTree `ExpressionStatement.directive`), never from the file text.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction } from "./ast.js";

export type Directive = "use client" | "use server" | "use cache";
const KNOWN = new Set<string>(["use client", "use server", "use cache"]);

function prologue(statements: readonly TSESTree.ProgramStatement[] | readonly TSESTree.Statement[]): Set<Directive> {
  const found = new Set<Directive>();
  for (const statement of statements) {
    if (statement.type !== "ExpressionStatement" || typeof statement.directive !== "string") break;
    const expr = statement.expression;
    const value = expr.type === "Literal" && typeof expr.value === "string" ? expr.value : statement.directive;
    // `'use cache: private'` and `'use cache: remote'` are cache directives too.
    const normalized = value.startsWith("use cache") ? "use cache" : value;
    if (KNOWN.has(normalized)) found.add(normalized as Directive);
  }
  return found;
}

export function fileDirectives(program: TSESTree.Program): Set<Directive> {
  return prologue(program.body);
}

export function functionDirectives(fn: FunctionNode): Set<Directive> {
  if (fn.body.type !== "BlockStatement") return new Set();
  return prologue(fn.body.body);
}

/** The innermost function carrying `directive` around `node`, if any. */
export function enclosingDirectiveFunction(node: Node, directive: Directive): FunctionNode | undefined {
  let current: Node | undefined = node.parent;
  while (current) {
    if (isFunction(current) && functionDirectives(current).has(directive)) return current;
    current = current.parent;
  }
  return undefined;
}
