/**
 * Value flow: where a value goes, and where a value comes from, inside a
 * module, without a type checker. One implementation of "follow this value
 * through variables, destructuring, awaits, TypeScript wrappers, spreads and
 * object properties" for every rule that needs it.
 *
 * - `valueSite(node)`: the outermost expression that still denotes a node's value.
 * - `resolveConst(node, mod)`: the initializer a `const` name stands for (scope-aware).
 * - `forwardUses(node, mod)`: every read of a value and of its properties (with the
 *   property path from the value), through variables and destructuring, and one hop
 *   into a local function that receives it as an argument.
 * - `originsOf(expr, mod, sources)`: the sources (data, see `Source`) an expression
 *   derives from: the Clerk identity, a request body, unsafe metadata…, with the path
 *   read from each (`user.emailAddresses`), through variables, destructuring,
 *   awaits, object literals and spreads, and one hop into a local function's return.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, propertyName, unwrap, walk } from "./ast.js";
import type { Module, Variable } from "./module.js";

/** Wrappers that do not change a value (TS casts, `?.` chains). `await` is handled where it matters. */
const VALUE_WRAPPERS = new Set([
  "TSAsExpression",
  "TSNonNullExpression",
  "TSSatisfiesExpression",
  "TSTypeAssertion",
  "TSInstantiationExpression",
  "ChainExpression",
]);

/** The outermost expression that still denotes `node`'s value (TS wrappers, `?.` chains), and its parent. */
export function valueSite(node: Node): { expr: Node; parent: Node | undefined } {
  let expr = node;
  let parent = node.parent;
  while (parent && VALUE_WRAPPERS.has(parent.type)) {
    expr = parent;
    parent = parent.parent;
  }
  return { expr, parent };
}

/** Like valueSite, but also through `await` (the awaited value of a promise-returning source). */
export function awaitedSite(node: Node): { expr: Node; parent: Node | undefined } {
  let { expr, parent } = valueSite(node);
  while (parent?.type === "AwaitExpression") ({ expr, parent } = valueSite(parent));
  return { expr, parent };
}

/** The single declarator of a variable that is never reassigned, or undefined. */
export function constDeclarator(variable: Variable | undefined): TSESTree.VariableDeclarator | undefined {
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  if (def.type !== "Variable") return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  const kind = (declarator.parent as TSESTree.VariableDeclaration | undefined)?.kind;
  if (kind !== "const" && variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
  return declarator;
}

/**
 * The expression a name stands for when it is a `const` (or a never-reassigned
 * `let`) bound to the whole initializer: `const list = [...]` → the array.
 * Scope-aware; follows chains of names up to a few hops.
 */
export function resolveConst(node: Node, mod: Module, depth = 0): Node {
  const n = unwrap(node);
  if (n.type !== "Identifier" || depth > 4) return n;
  const declarator = constDeclarator(mod.resolveVariable(n));
  if (!declarator || declarator.id.type !== "Identifier" || !declarator.init) return n;
  return resolveConst(declarator.init, mod, depth + 1);
}

// ── forward: where does a value go? ───────────────────────────────────────

export interface ForwardUse {
  /** An expression whose value is the source value read at `path`. */
  node: Node;
  /** Properties read from the source value to get here (`["publicMetadata", "role"]`). */
  path: string[];
  /** Where the first property of `path` was read (`meta.role`, the `{ role }` pattern property). */
  head?: Node;
}

export interface ForwardOptions {
  /** Follow the value into a top-level function of the module that receives it as an argument (one hop). */
  intoCalls?: boolean;
  /** Look through `await` (the value is a promise of the interesting value). */
  throughAwait?: boolean;
  maxDepth?: number;
}

interface ForwardCtx {
  mod: Module;
  out: ForwardUse[];
  seen: Set<Node>;
  options: ForwardOptions;
}

function patternUses(pattern: Node, path: string[], head: Node | undefined, ctx: ForwardCtx, depth: number): void {
  const p = pattern.type === "AssignmentPattern" ? pattern.left : pattern;
  if (p.type === "Identifier") {
    const variable = p.parent?.type === "VariableDeclarator" && p.parent.id === p ? ctx.mod.declaredVariables(p.parent).find((v) => v.name === p.name) : ctx.mod.resolveVariable(p);
    for (const ref of variable?.references ?? []) if (!ref.init && ref.identifier !== p) forwardFrom(ref.identifier as Node, path, head, ctx, depth + 1);
    return;
  }
  if (p.type === "ObjectPattern") {
    for (const prop of p.properties) {
      if (prop.type === "RestElement") {
        patternUses(prop.argument, path, head, ctx, depth);
        continue;
      }
      const key = propertyName(prop);
      if (key === undefined) continue;
      const h = head ?? prop;
      ctx.out.push({ node: prop, path: [...path, key], head: h });
      patternUses(prop.value as Node, [...path, key], h, ctx, depth);
    }
  }
}

function forwardFrom(node: Node, path: string[], head: Node | undefined, ctx: ForwardCtx, depth: number): void {
  if (ctx.seen.has(node) || depth > (ctx.options.maxDepth ?? 6)) return;
  ctx.seen.add(node);
  const { expr, parent } = ctx.options.throughAwait ? awaitedSite(node) : valueSite(node);
  ctx.out.push({ node: expr, path, head });
  if (!parent) return;
  if (parent.type === "MemberExpression" && parent.object === expr) {
    const key = propertyName(parent);
    if (key !== undefined) forwardFrom(parent, [...path, key], head ?? parent, ctx, depth + 1);
    return;
  }
  if (parent.type === "LogicalExpression" && (parent.operator === "??" || parent.operator === "||") && parent.left === expr) {
    forwardFrom(parent, path, head, ctx, depth + 1);
    return;
  }
  if (parent.type === "VariableDeclarator" && parent.init === expr) {
    patternUses(parent.id, path, head, ctx, depth);
    return;
  }
  if (parent.type === "AssignmentExpression" && parent.right === expr && parent.left.type === "ObjectPattern") {
    patternUses(parent.left, path, head, ctx, depth);
    return;
  }
  if (ctx.options.intoCalls && parent.type === "CallExpression" && parent.callee !== expr) {
    const callee = unwrap(parent.callee);
    const fn = callee.type === "Identifier" ? ctx.mod.localFunction(callee) : undefined;
    const i = parent.arguments.indexOf(expr as TSESTree.CallExpressionArgument);
    const param = fn && i >= 0 ? fn.params[i] : undefined;
    if (param && param.type !== "RestElement" && param.type !== "TSParameterProperty") patternUses(param, path, head, { ...ctx, options: { ...ctx.options, intoCalls: false } }, depth);
  }
}

/** Every read of the value `node` produces, and of its properties, with the property path. */
export function forwardUses(node: Node, mod: Module, options: ForwardOptions = {}): ForwardUse[] {
  const ctx: ForwardCtx = { mod, out: [], seen: new Set(), options };
  forwardFrom(node, [], undefined, ctx, 0);
  return ctx.out;
}

/** The uses of a pattern's bindings (`const { role } = x` → the reads of `role`), with paths from the pattern's value. */
export function patternForwardUses(pattern: Node, mod: Module, options: ForwardOptions = {}): ForwardUse[] {
  const ctx: ForwardCtx = { mod, out: [], seen: new Set(), options };
  patternUses(pattern, [], undefined, ctx, 0);
  return ctx.out;
}

// ── backward: where does a value come from? ──────────────────────────────

/** A kind of value rules care about: matched on an expression, with the path it yields. */
export interface Source {
  id: string;
  /**
   * Does this expression produce the source value? Return the path of the source it
   * denotes (`[]` for the value itself), or undefined.
   */
  match(expr: Node, mod: Module): string[] | undefined;
}

export interface Origin {
  source: string;
  /** The expression that matched the source. */
  node: Node;
  /** Properties read from the source value (`["emailAddresses", "0", "emailAddress"]`). */
  path: string[];
}

interface BackCtx {
  mod: Module;
  sources: readonly Source[];
  out: Origin[];
  /** node → the property paths already followed from it (one node is reached with several paths). */
  seen: Map<Node, Set<string>>;
  depth: number;
}

function matchSources(expr: Node, suffix: string[], ctx: BackCtx): boolean {
  for (const s of ctx.sources) {
    const path = s.match(expr, ctx.mod);
    if (path) {
      ctx.out.push({ source: s.id, node: expr, path: [...path, ...suffix] });
      return true;
    }
  }
  return false;
}

/** Follow a destructured or assigned name back to the value it was taken from. */
function fromBinding(id: TSESTree.Identifier, suffix: string[], ctx: BackCtx): void {
  const variable = ctx.mod.resolveVariable(id);
  if (!variable) return;
  for (const def of variable.defs) {
    if (def.type === "Variable") {
      const declarator = def.node as TSESTree.VariableDeclarator;
      if (!declarator.init) continue;
      const keys = pathInPattern(declarator.id, def.name as Node);
      if (keys) back(declarator.init, [...keys, ...suffix], ctx);
    } else if (def.type === "Parameter") {
      // a parameter destructured from a value we can see only when the function is called here (one hop)
      const fn = def.node as FunctionNode;
      const index = fn.params.findIndex((p) => p.range[0] <= (def.name as Node).range[0] && (def.name as Node).range[1] <= p.range[1]);
      const param = fn.params[index];
      const keys = param ? pathInPattern(param as Node, def.name as Node) : undefined;
      if (keys) for (const arg of argumentsAt(fn, index, ctx.mod)) back(arg, [...keys, ...suffix], ctx);
    }
  }
  // `x = value` assignments after the declaration
  for (const ref of variable.references) {
    if (!ref.isWrite() || ref.init) continue;
    const parent = (ref.identifier as Node).parent;
    if (parent?.type === "AssignmentExpression" && parent.left === (ref.identifier as Node)) back(parent.right, suffix, ctx);
  }
}

/** The property path from the root of a pattern to `target` inside it (`{ a: { b } }` → ["a","b"]). */
function pathInPattern(pattern: Node, target: Node): string[] | undefined {
  const p = pattern.type === "AssignmentPattern" ? pattern.left : pattern;
  if (p === target) return [];
  if (p.type === "ObjectPattern") {
    for (const prop of p.properties) {
      if (prop.type === "RestElement") {
        const inner = pathInPattern(prop.argument, target);
        if (inner) return inner;
        continue;
      }
      const key = propertyName(prop);
      const inner = pathInPattern(prop.value as Node, target);
      if (inner && key !== undefined) return [key, ...inner];
    }
  } else if (p.type === "ArrayPattern") {
    for (let i = 0; i < p.elements.length; i++) {
      const el = p.elements[i];
      const inner = el ? pathInPattern(el, target) : undefined;
      if (inner) return [String(i), ...inner];
    }
  }
  return undefined;
}

/** The arguments passed at position `index` wherever a top-level function of the module is called in it. */
function argumentsAt(fn: FunctionNode, index: number, mod: Module): Node[] {
  const declarator: Node | undefined = fn.type === "FunctionDeclaration" ? fn : fn.parent?.type === "VariableDeclarator" ? fn.parent : undefined;
  if (!declarator || index < 0) return [];
  const out: Node[] = [];
  for (const v of mod.declaredVariables(declarator)) {
    for (const ref of v.references) {
      const { expr, parent } = valueSite(ref.identifier as Node);
      if (parent?.type === "CallExpression" && parent.callee === expr && parent.arguments[index]) out.push(parent.arguments[index]!);
    }
  }
  return out;
}

/** The value expressions a local function returns (one hop into a callee of the same module). */
function returnedValues(fn: FunctionNode): Node[] {
  if (fn.body.type !== "BlockStatement") return [fn.body];
  const out: Node[] = [];
  walk(fn.body, (node) => {
    if (node !== fn && isFunction(node)) return false;
    if (node.type === "ReturnStatement" && node.argument) out.push(node.argument);
    return undefined;
  });
  return out;
}

function back(node: Node, suffix: string[], ctx: BackCtx): void {
  const n = unwrap(node);
  const key = suffix.join(".");
  const paths = ctx.seen.get(n) ?? new Set<string>();
  if (paths.has(key) || ctx.depth > 24) return;
  paths.add(key);
  ctx.seen.set(n, paths);
  ctx.depth++;
  try {
    if (matchSources(n, suffix, ctx)) return;
    switch (n.type) {
      case "AwaitExpression":
        back(n.argument, suffix, ctx);
        return;
      case "Identifier":
        fromBinding(n, suffix, ctx);
        return;
      case "MemberExpression": {
        const key = propertyName(n);
        back(n.object, key === undefined ? suffix : [key, ...suffix], ctx);
        return;
      }
      case "LogicalExpression":
        back(n.left, suffix, ctx);
        back(n.right, suffix, ctx);
        return;
      case "ConditionalExpression":
        back(n.consequent, suffix, ctx);
        back(n.alternate, suffix, ctx);
        return;
      case "TemplateLiteral":
        for (const e of n.expressions) back(e, [], ctx);
        return;
      case "BinaryExpression":
        if (n.operator === "+") {
          back(n.left as Node, [], ctx);
          back(n.right, [], ctx);
        }
        return;
      case "ObjectExpression":
        for (const p of n.properties) {
          if (p.type === "SpreadElement") back(p.argument, suffix, ctx);
          else if (suffix.length === 0 || propertyName(p) === suffix[0]) back(p.value as Node, suffix.slice(1), ctx);
        }
        return;
      case "ArrayExpression":
        for (const e of n.elements) if (e) back(e.type === "SpreadElement" ? e.argument : e, suffix.slice(1), ctx);
        return;
      case "CallExpression": {
        const callee = unwrap(n.callee);
        // String(x), x.trim(), x.toLowerCase(): the same data
        if (callee.type === "MemberExpression" && /^(trim|toLowerCase|toUpperCase|toString|slice|substring|split|join|at|find|filter|map)$/.test(propertyName(callee) ?? "")) {
          back(callee.object, [], ctx);
          return;
        }
        if (callee.type === "Identifier" && /^(String|Number|Boolean)$/.test(callee.name)) {
          for (const a of n.arguments) back(a, [], ctx);
          return;
        }
        // one hop into a local function's return value
        const fn = callee.type === "Identifier" ? ctx.mod.localFunction(callee) : undefined;
        if (fn && ctx.depth < 12) for (const r of returnedValues(fn)) back(r, suffix, ctx);
        return;
      }
      default:
        return;
    }
  } finally {
    ctx.depth--;
  }
}

/** The sources `expr` derives from (empty when none), with the path read from each. */
export function originsOf(expr: Node, mod: Module, sources: readonly Source[]): Origin[] {
  const ctx: BackCtx = { mod, sources, out: [], seen: new Map(), depth: 0 };
  back(expr, [], ctx);
  return ctx.out;
}

// ── value sites ──────────────────────────────────────────────────────────

/** `node(...)`: the call whose callee is `node`, if any. */
export function callOf(node: Node): TSESTree.CallExpression | undefined {
  const { expr, parent } = valueSite(node);
  return parent?.type === "CallExpression" && parent.callee === expr ? parent : undefined;
}

/** `node.name`: the member expression reading `name` of `node`, if any. */
export function memberOf(node: Node, name?: string): TSESTree.MemberExpression | undefined {
  const { expr, parent } = valueSite(node);
  if (parent?.type !== "MemberExpression" || parent.object !== expr) return undefined;
  if (name !== undefined && propertyName(parent) !== name) return undefined;
  return parent;
}

/** `node.name(...)`: the method call on `node`, if any. */
export function methodCallOf(node: Node, name: string): TSESTree.CallExpression | undefined {
  const member = memberOf(node, name);
  return member ? callOf(member) : undefined;
}

/** Is this expression's value awaited directly (`await x`, through TS wrappers)? */
export function isDirectlyAwaited(node: Node): boolean {
  return valueSite(node).parent?.type === "AwaitExpression";
}

/** The `await` around `node`, or `node` itself when it is not awaited. */
export function awaitedOrSelf(node: Node): Node {
  const { parent } = valueSite(node);
  return parent?.type === "AwaitExpression" ? parent : node;
}


// ── object shapes ──────────────────────────────────────────────────────────

/**
 * The object literals a value may be: itself, the initializer or assigned values of a
 * variable, through awaits and TS wrappers. `{ ...a, b }` contributes its own literal
 * and, through the spread, `a`'s literals.
 */
export function objectLiteralsOf(expr: Node, mod: Module, depth = 0, seen = new Set<Node>()): TSESTree.ObjectExpression[] {
  const n = unwrap(expr);
  if (seen.has(n) || depth > 4) return [];
  seen.add(n);
  if (n.type === "ObjectExpression") {
    const out = [n];
    for (const p of n.properties) if (p.type === "SpreadElement") out.push(...objectLiteralsOf(p.argument, mod, depth + 1, seen));
    return out;
  }
  if (n.type === "AwaitExpression") return objectLiteralsOf(n.argument, mod, depth + 1, seen);
  if (n.type === "ConditionalExpression") return [...objectLiteralsOf(n.consequent, mod, depth + 1, seen), ...objectLiteralsOf(n.alternate, mod, depth + 1, seen)];
  if (n.type !== "Identifier") return [];
  const variable = mod.resolveVariable(n);
  if (!variable) return [];
  const out: TSESTree.ObjectExpression[] = [];
  for (const def of variable.defs) {
    if (def.type === "Variable" && def.node.type === "VariableDeclarator" && def.node.id === (def.name as Node) && def.node.init) {
      out.push(...objectLiteralsOf(def.node.init, mod, depth + 1, seen));
    }
  }
  for (const ref of variable.references) {
    if (!ref.isWrite() || ref.init) continue;
    const parent = (ref.identifier as Node).parent;
    if (parent?.type === "AssignmentExpression" && parent.left === (ref.identifier as Node)) out.push(...objectLiteralsOf(parent.right, mod, depth + 1, seen));
  }
  return out;
}

/**
 * Is the value handed in when the code runs, never fixed in the source or the build: every
 * part of it is read from a parameter of the enclosing function (`c.env.CLERK_SECRET_KEY`,
 * `context.env.KEY ?? await context.env.KEY.get()` on a Worker's bindings)? Such a value is not
 * in a bundle that contains the code.
 */
export function passedInAtRuntime(expr: Node, mod: Module, depth = 0): boolean {
  if (depth > 12) return false;
  const n = unwrap(expr);
  switch (n.type) {
    case "LogicalExpression":
      return passedInAtRuntime(n.left, mod, depth + 1) && passedInAtRuntime(n.right, mod, depth + 1);
    case "ConditionalExpression":
      return passedInAtRuntime(n.consequent, mod, depth + 1) && passedInAtRuntime(n.alternate, mod, depth + 1);
    case "AwaitExpression":
      return passedInAtRuntime(n.argument, mod, depth + 1);
    case "CallExpression":
      return n.callee.type === "MemberExpression" && passedInAtRuntime(n.callee.object, mod, depth + 1);
    case "MemberExpression":
      return passedInAtRuntime(n.object, mod, depth + 1);
    case "Identifier":
      return mod.resolveVariable(n)?.defs.some((d) => d.type === "Parameter") === true;
    default:
      return false;
  }
}
