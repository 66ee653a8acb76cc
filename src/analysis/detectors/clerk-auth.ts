/**
 * Clerk's request-auth helpers in Next.js (and their async cousins in other
 * SDKs): where `auth` / `auth.protect` / `clerkClient` are used, what the
 * `auth` parameter of a `clerkMiddleware` callback refers to, and whether a
 * promise-returning call is used as if it had been awaited.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, propertyName, unwrap, walk } from "../ast.js";
import { NEXT_SERVER, NEXT_SERVER_SOURCES, REQUEST_AUTH_HELPERS } from "../clerk-api.js";
import { awaitedOrSelf, callOf, memberOf, valueSite } from "../value-flow.js";
import type { Module } from "../module.js";


type SourceCode = Readonly<TSESLint.SourceCode>;

const PROMISE_METHODS = new Set(["then", "catch", "finally"]);

export type PromiseMisuse =
  /** `auth().userId`, `clerkClient().users`: a property read on the promise. */
  | { kind: "member"; member: TSESTree.MemberExpression; property: string | undefined }
  /** `const { userId } = auth()`: destructuring the promise. */
  | { kind: "destructure"; pattern: Node }
  /** `const a = auth(); a.userId`: the promise is stored, then read as if resolved. */
  | { kind: "variable"; name: string; use: Node };

function isPattern(node: Node): boolean {
  return node.type === "ObjectPattern" || node.type === "ArrayPattern";
}

/**
 * How the result of a promise-returning call is misused as the resolved value,
 * if it is. Awaiting, returning, passing on, `.then()` chains: no misuse.
 */
export function promiseMisuse(call: Node, sourceCode: SourceCode): PromiseMisuse | undefined {
  const { expr, parent } = valueSite(call);
  if (!parent) return undefined;
  if (parent.type === "MemberExpression" && parent.object === expr) {
    const property = propertyName(parent);
    if (property !== undefined && PROMISE_METHODS.has(property)) return undefined;
    return { kind: "member", member: parent, property };
  }
  if (parent.type === "VariableDeclarator" && parent.init === expr) {
    if (isPattern(parent.id)) return { kind: "destructure", pattern: parent.id };
    if (parent.id.type !== "Identifier") return undefined;
    const variable = sourceCode.getDeclaredVariables(parent).find((v) => v.name === (parent.id as TSESTree.Identifier).name);
    // Reassigned (`s = await s`): which value a later read sees is beyond this check.
    if (!variable || variable.references.some((r) => r.isWrite() && !r.init)) return undefined;
    for (const ref of variable.references) {
      if (ref.init) continue;
      const id = ref.identifier as TSESTree.Identifier;
      const member = memberOf(id);
      if (member) {
        const property = propertyName(member);
        if (property === undefined || !PROMISE_METHODS.has(property)) return { kind: "variable", name: id.name, use: member };
        continue;
      }
      const site = valueSite(id);
      if (site.parent?.type === "VariableDeclarator" && site.parent.init === site.expr && isPattern(site.parent.id)) {
        return { kind: "variable", name: id.name, use: site.parent.id };
      }
    }
    return undefined;
  }
  if (parent.type === "AssignmentExpression" && parent.right === expr && isPattern(parent.left)) {
    return { kind: "destructure", pattern: parent.left };
  }
  return undefined;
}

/** A `clerkMiddleware(handler)` call with the handler function it receives. */
export interface MiddlewareHandler {
  call: TSESTree.CallExpression;
  fn: FunctionNode;
  /** The handler's first parameter (`auth`), when it is a plain identifier. */
  authParam: TSESTree.Identifier | undefined;
}

/** Handlers passed to Clerk's `clerkMiddleware` (from `sources`). */
export function clerkMiddlewareHandlers(facts: Module, sources: readonly string[] = [NEXT_SERVER]): MiddlewareHandler[] {
  const out: MiddlewareHandler[] = [];
  for (const use of facts.uses({ sources, exports: ["clerkMiddleware"] })) {
    const call = callOf(use.node);
    const arg = call?.arguments[0];
    if (!call || !arg || arg.type === "SpreadElement") continue;
    const value = unwrap(arg);
    const fn = isFunction(value) ? value : value.type === "Identifier" ? facts.localFunction(value) : undefined;
    if (!fn) continue;
    const first = fn.params[0];
    const param = first && first.type === "AssignmentPattern" ? first.left : first;
    out.push({ call, fn, authParam: param?.type === "Identifier" ? param : undefined });
  }
  return out;
}

/** Value references to a function parameter, inside the function. */
export function parameterReferences(fn: FunctionNode, param: TSESTree.Identifier, sourceCode: SourceCode): TSESTree.Identifier[] {
  const variable = sourceCode.getDeclaredVariables(fn).find((v) => v.name === param.name);
  if (!variable) return [];
  return variable.references.filter((r) => !r.init).map((r) => r.identifier as TSESTree.Identifier);
}

/** One reference to a Clerk request-auth function: the `auth` import, or a middleware callback's `auth` parameter. */
export interface AuthRef {
  node: TSESTree.Identifier | TSESTree.MemberExpression;
  origin: "import" | "middleware";
  /** The import binding's source, or the clerkMiddleware import's source. */
  source: string;
}

/** Every reference to Next's `auth`: the `@clerk/nextjs/server` import and the `clerkMiddleware` callback parameter. */
export function nextAuthRefs(facts: Module, sourceCode: SourceCode): AuthRef[] {
  const out: AuthRef[] = [];
  for (const use of facts.uses({ sources: [NEXT_SERVER], exports: ["auth"] })) {
    out.push({ node: use.node, origin: "import", source: use.binding.source });
  }
  for (const handler of clerkMiddlewareHandlers(facts)) {
    if (!handler.authParam) continue;
    for (const id of parameterReferences(handler.fn, handler.authParam, sourceCode)) {
      out.push({ node: id, origin: "middleware", source: NEXT_SERVER });
    }
  }
  return out;
}

/**
 * Calls of a method carried by the object an `auth()` call resolves to:
 * `const { redirectToSignIn } = await auth(); redirectToSignIn()`,
 * `const session = await auth(); session.redirectToSignIn()`,
 * `(await auth()).redirectToSignIn()`, and (sync v5) `auth().protect()`.
 */
export function authResultMethodCalls(
  authCall: TSESTree.CallExpression,
  methods: ReadonlySet<string>,
  sourceCode: SourceCode,
): Array<{ call: TSESTree.CallExpression; method: string }> {
  const out: Array<{ call: TSESTree.CallExpression; method: string }> = [];
  const value = awaitedOrSelf(authCall);
  const { expr, parent } = valueSite(value);
  if (!parent) return out;
  if (parent.type === "MemberExpression" && parent.object === expr) {
    const name = propertyName(parent);
    const call = name && methods.has(name) ? callOf(parent) : undefined;
    if (call && name) out.push({ call, method: name });
    return out;
  }
  if (parent.type !== "VariableDeclarator" || parent.init !== expr) return out;
  for (const variable of sourceCode.getDeclaredVariables(parent)) {
    const def = variable.defs[0];
    if (!def) continue;
    const declaredId = def.name as TSESTree.Identifier;
    if (parent.id.type === "Identifier") {
      for (const ref of variable.references) {
        if (ref.init) continue;
        const member = memberOf(ref.identifier as TSESTree.Identifier);
        const name = member && propertyName(member);
        const call = member && name && methods.has(name) ? callOf(member) : undefined;
        if (call && name) out.push({ call, method: name });
      }
      continue;
    }
    // Destructured: which key was this variable bound from?
    const prop = declaredId.parent;
    const property = prop?.type === "Property" ? prop : prop?.type === "AssignmentPattern" && prop.parent?.type === "Property" ? prop.parent : undefined;
    const key = property && property.parent === parent.id ? propertyName(property) : undefined;
    if (!key || !methods.has(key)) continue;
    for (const ref of variable.references) {
      if (ref.init) continue;
      const call = callOf(ref.identifier as TSESTree.Identifier);
      if (call) out.push({ call, method: key });
    }
  }
  return out;
}

/** A call of Clerk's request-bound Next.js helpers, which need clerkMiddleware() to have run. */
export interface AuthCall {
  node: TSESTree.CallExpression;
  /** `auth`, `auth.protect`, `currentUser` or `getAuth`. */
  name: string;
}

/** Calls of `auth()`, `auth.protect()`, `currentUser()` and `getAuth()` from @clerk/nextjs in a module. */
export function findAuthCalls(mod: Module): AuthCall[] {
  const out: AuthCall[] = [];
  const helperOf = (node: Node): string | undefined => {
    const origin = mod.exportOf(node);
    return origin && NEXT_SERVER_SOURCES.has(origin.binding.source) && REQUEST_AUTH_HELPERS.has(origin.exportName) ? origin.exportName : undefined;
  };
  walk(mod.program, (node) => {
    if (node.type !== "CallExpression") return;
    const callee = unwrap(node.callee);
    const direct = helperOf(callee);
    if (direct) out.push({ node, name: direct });
    else if (callee.type === "MemberExpression" && propertyName(callee) === "protect" && helperOf(unwrap(callee.object)) === "auth") out.push({ node, name: "auth.protect" });
  });
  return out;
}
