/**
 * Small, dependency-free helpers over ESTree / TSESTree nodes. Shared by the
 * per-file analysis (ESLint's AST) and the project index (typescript-estree).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { visitorKeys } from "@typescript-eslint/visitor-keys";

export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;

/** Strip TypeScript wrappers and optional chains that do not change the value. */
export function unwrap(node: Node): Node {
  let current: Node = node;
  for (;;) {
    switch (current.type) {
      case "TSAsExpression":
      case "TSSatisfiesExpression":
      case "TSNonNullExpression":
      case "TSTypeAssertion":
      case "TSInstantiationExpression":
        current = current.expression;
        continue;
      case "ChainExpression":
        current = current.expression;
        continue;
      default:
        return current;
    }
  }
}

/** The value of a string literal or a template literal without expressions. */
export function staticString(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type === "Literal" && typeof n.value === "string") return n.value;
  if (n.type === "TemplateLiteral" && n.expressions.length === 0) {
    return n.quasis.map((q) => q.value.cooked ?? q.value.raw).join("");
  }
  return undefined;
}

/** Name of a non-computed (or string-computed) member property or object key. */
export function propertyName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === "MemberExpression") {
    if (!node.computed && node.property.type === "Identifier") return node.property.name;
    if (node.property.type === "PrivateIdentifier") return undefined;
    return staticString(node.property);
  }
  if (node.type === "Property" || node.type === "PropertyDefinition" || node.type === "MethodDefinition") {
    if (!node.computed && node.key.type === "Identifier") return node.key.name;
    if (node.key.type === "PrivateIdentifier") return undefined;
    return staticString(node.key);
  }
  if (node.type === "Identifier") return node.name;
  return staticString(node);
}

export function isFunction(
  node: Node,
): node is TSESTree.FunctionDeclaration | TSESTree.FunctionExpression | TSESTree.ArrowFunctionExpression {
  return (
    node.type === "FunctionDeclaration" ||
    node.type === "FunctionExpression" ||
    node.type === "ArrowFunctionExpression"
  );
}

export type FunctionNode =
  | TSESTree.FunctionDeclaration
  | TSESTree.FunctionExpression
  | TSESTree.ArrowFunctionExpression;

export function enclosingFunction(node: Node): FunctionNode | undefined {
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return current;
    current = current.parent;
  }
  return undefined;
}

/** The name a function is known by: its id, the variable, property or export it is assigned to. */
export function functionName(fn: FunctionNode): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (!parent) return undefined;
  if (parent.type === "VariableDeclarator" && parent.id.type === "Identifier") return parent.id.name;
  if (parent.type === "Property" || parent.type === "MethodDefinition" || parent.type === "PropertyDefinition") {
    return propertyName(parent);
  }
  if (parent.type === "AssignmentExpression") {
    if (parent.left.type === "Identifier") return parent.left.name;
    if (parent.left.type === "MemberExpression") return propertyName(parent.left);
  }
  if (parent.type === "ExportDefaultDeclaration") return "default";
  return undefined;
}

/** Callee of a call, seen through wrappers: `a.b.c` → ["a","b","c"] when fully static. */
export function calleePath(node: Node): string[] | undefined {
  const n = unwrap(node);
  if (n.type === "Identifier") return [n.name];
  if (n.type === "ThisExpression") return ["this"];
  if (n.type === "MemberExpression") {
    const name = propertyName(n);
    if (name === undefined) return undefined;
    const object = calleePath(n.object);
    return object ? [...object, name] : undefined;
  }
  if (n.type === "CallExpression") {
    const inner = calleePath(n.callee);
    return inner ? [...inner, "()"] : undefined;
  }
  if (n.type === "AwaitExpression") return calleePath(n.argument);
  return undefined;
}

const keysCache = visitorKeys as Record<string, readonly string[] | undefined>;

/**
 * Depth-first walk over any ESTree subtree. Sets `parent` when missing (the
 * project index parses without ESLint). Return `false` from `enter` to skip
 * a node's children. Iterative, so deeply nested code cannot overflow the stack.
 */
export function walk(root: Node, enter: (node: Node, parent: Node | undefined) => boolean | void): void {
  const stack: Array<[Node, Node | undefined]> = [[root, root.parent]];
  while (stack.length > 0) {
    const [node, parent] = stack.pop()!;
    if (parent && !node.parent) (node as { parent?: Node }).parent = parent;
    if (enter(node, parent) === false) continue;
    const keys = keysCache[node.type];
    if (!keys) continue;
    for (let k = keys.length - 1; k >= 0; k--) {
      const child = (node as unknown as Record<string, unknown>)[keys[k]!];
      if (!child) continue;
      if (Array.isArray(child)) {
        for (let i = child.length - 1; i >= 0; i--) {
          const c = child[i] as Node | null;
          if (c && typeof c.type === "string") stack.push([c, node]);
        }
      } else if (typeof (child as Node).type === "string") {
        stack.push([child as Node, node]);
      }
    }
  }
}

/** True when `inner` lies within `outer` (by source range). */
export function contains(outer: Node, inner: Node): boolean {
  return inner.range[0] >= outer.range[0] && inner.range[1] <= outer.range[1];
}

/** The JSX element name as written: `Foo`, `Foo.Bar`, `foo-bar`. */
export function jsxName(name: TSESTree.JSXTagNameExpression): string {
  switch (name.type) {
    case "JSXIdentifier":
      return name.name;
    case "JSXMemberExpression":
      return `${jsxName(name.object)}.${name.property.name}`;
    case "JSXNamespacedName":
      return `${name.namespace.name}:${name.name.name}`;
    default:
      return "";
  }
}

export function jsxAttribute(
  element: TSESTree.JSXOpeningElement,
  name: string,
): TSESTree.JSXAttribute | undefined {
  for (const attr of element.attributes) {
    if (attr.type === "JSXAttribute" && attr.name.type === "JSXIdentifier" && attr.name.name === name) return attr;
  }
  return undefined;
}

/** Static string value of a JSX attribute (`type="password"` or `type={"password"}`). */
export function jsxAttributeString(attr: TSESTree.JSXAttribute | undefined): string | undefined {
  if (!attr || !attr.value) return undefined;
  if (attr.value.type === "Literal") return typeof attr.value.value === "string" ? attr.value.value : undefined;
  if (attr.value.type === "JSXExpressionContainer" && attr.value.expression.type !== "JSXEmptyExpression") {
    return staticString(attr.value.expression);
  }
  return undefined;
}

/** Is `node` awaited, returned, or otherwise handed on (not left floating)? */
export function isAwaitedOrPassedOn(node: Node): boolean {
  let child: Node = node;
  let parent = node.parent;
  while (parent) {
    switch (parent.type) {
      case "AwaitExpression":
      case "ReturnStatement":
      case "YieldExpression":
        return true;
      case "ArrowFunctionExpression":
        return parent.body === child; // concise body returns it
      case "TSAsExpression":
      case "TSNonNullExpression":
      case "TSSatisfiesExpression":
      case "ChainExpression":
        child = parent;
        parent = parent.parent;
        continue;
      case "MemberExpression":
        // `.then(...)` / `.catch(...)` chains handle the promise
        return parent.object === child && /^(then|catch|finally)$/.test(propertyName(parent) ?? "");
      case "ExpressionStatement":
        return false;
      case "SequenceExpression":
        if (parent.expressions[parent.expressions.length - 1] !== child) return false;
        child = parent;
        parent = parent.parent;
        continue;
      case "ConditionalExpression":
      case "LogicalExpression":
        child = parent;
        parent = parent.parent;
        continue;
      default:
        // assigned, passed as an argument, put in an array...: handed on
        return true;
    }
  }
  return false;
}
