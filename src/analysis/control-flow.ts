/**
 * "Does this code leave the function?" — the one set of exit predicates the
 * detectors share (middleware gates, auth checks, webhook verification,
 * swallowed redirects).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, propertyName, unwrap, walk } from "./ast.js";

/** Calls that never return: Next's control-flow throwers, Clerk's redirects, `throwError()`-style helpers. */
const EXIT_CALL =
  /^(redirect|permanentRedirect|notFound|unauthorized|forbidden|redirectToSignIn|redirectToSignUp|unstable_rethrow|protect)$|^(throw|fail|deny|abort)(?:[A-Z_]|$)/;
/** Response senders of Express/Pages API (`res.status(400).json(…)`): the request is answered. */
const RESPONSE_METHODS = /^(status|send|json|end|sendStatus)$/;

/** Does a statement always leave the function (return/throw, or a block or if/else ending in one on every path)? */
export function alwaysExits(st: Node | null | undefined): boolean {
  if (!st) return false;
  if (st.type === "ReturnStatement" || st.type === "ThrowStatement") return true;
  if (st.type === "BlockStatement") return st.body.length > 0 && alwaysExits(st.body[st.body.length - 1]);
  if (st.type === "IfStatement") return alwaysExits(st.consequent) && alwaysExits(st.alternate);
  return false;
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const c = unwrap(call.callee);
  if (c.type === "Identifier") return c.name;
  if (c.type === "MemberExpression") return propertyName(c);
  return undefined;
}

export interface ExitFacts {
  /** Some path leaves: a return, a throw, a never-returning call (or a sent response, when asked). */
  exits: boolean;
  /** It leaves by throwing or redirecting (not a plain `return`). */
  hard: boolean;
}

/**
 * Does code somewhere in `stmt` (not in nested functions) leave the function?
 * `responses`: count `res.status(…).json(…)` as leaving (the request is answered).
 */
export function exitsIn(stmt: Node, options: { responses?: boolean } = {}): ExitFacts {
  let exits = false;
  let hard = false;
  walk(stmt, (node) => {
    if (hard) return false;
    if (node !== stmt && isFunction(node)) return false;
    if (node.type === "ReturnStatement") exits = true;
    else if (node.type === "ThrowStatement") exits = hard = true;
    else if (node.type === "CallExpression") {
      const name = calleeName(node);
      if (name && EXIT_CALL.test(name)) exits = hard = true;
      else if (options.responses && name && RESPONSE_METHODS.test(name) && unwrap(node.callee).type === "MemberExpression") exits = true;
    }
    return undefined;
  });
  return { exits, hard };
}

/** Does the block return unconditionally (a `return` among its top-level statements)? */
export function returnsAtTop(block: TSESTree.BlockStatement): boolean {
  return block.body.some((s) => s.type === "ReturnStatement");
}

const COMPARISON = new Set(["==", "===", "!=", "!==", "<", ">", "<=", ">=", "in"]);
const COLLECTION_TESTS = new Set(["includes", "some", "every", "indexOf", "startsWith", "endsWith", "has", "find", "findIndex"]);
const TS_WRAPPERS = new Set(["TSAsExpression", "TSNonNullExpression", "TSSatisfiesExpression", "TSTypeAssertion", "ChainExpression"]);

export interface Decision {
  /** The statement or expression whose flow the value decides. */
  at: Node;
  kind: "if" | "conditional" | "switch" | "logical" | "loop";
  /** The branch that runs when the tested value does NOT have the tested property (`role !== "admin"` → the consequent). */
  mismatch?: Node;
}

/**
 * How a value decides control flow, if it does: followed up through comparisons,
 * collection tests (`ROLES.includes(x)`, `x.includes(…)`), `!`, and `&&`/`||`
 * chains, to the `if`, `?:`, `switch`, loop or `&&` that uses it.
 */
export function decisionOf(value: Node, negated = false, stored?: (declarator: TSESTree.VariableDeclarator, negative: boolean) => Decision | undefined): Decision | undefined {
  let child: Node = value;
  let negative = negated;
  let boolean = false;
  for (let parent = child.parent, steps = 0; parent && steps < 16; steps++, child = parent, parent = parent.parent) {
    if (TS_WRAPPERS.has(parent.type)) continue;
    switch (parent.type) {
      case "UnaryExpression":
        if (parent.operator !== "!") return undefined;
        negative = !negative;
        boolean = true;
        continue;
      case "BinaryExpression":
        if (boolean || !COMPARISON.has(parent.operator)) return undefined;
        if (parent.operator === "!=" || parent.operator === "!==") negative = !negative;
        boolean = true;
        continue;
      case "MemberExpression": {
        // x.includes("admin")
        const call = parent.parent;
        if (parent.object !== child || !COLLECTION_TESTS.has(propertyName(parent) ?? "") || call?.type !== "CallExpression" || call.callee !== parent) return undefined;
        boolean = true;
        child = parent;
        parent = call;
        continue;
      }
      case "CallExpression": {
        // ADMIN_ROLES.includes(x), Boolean(x)
        const callee = unwrap(parent.callee);
        if (callee.type === "Identifier" && callee.name === "Boolean") continue;
        const method = callee.type === "MemberExpression" ? propertyName(callee) : undefined;
        if (!method || !COLLECTION_TESTS.has(method) || !parent.arguments.includes(child as TSESTree.CallExpressionArgument)) return undefined;
        boolean = true;
        continue;
      }
      case "LogicalExpression": {
        if (parent.operator === "??") return undefined;
        const outer = parent.parent;
        const inTest =
          outer &&
          (outer.type === "LogicalExpression" ||
            (outer.type === "UnaryExpression" && outer.operator === "!") ||
            ((outer.type === "IfStatement" || outer.type === "ConditionalExpression" || outer.type === "WhileStatement" || outer.type === "DoWhileStatement" || outer.type === "ForStatement") && outer.test === parent));
        if (inTest) continue;
        if (parent.left !== child) return undefined;
        // `ok && <Admin/>`, `isAdmin || redirect("/")`: the right side runs on one outcome
        const rightOnMismatch = (parent.operator === "||") !== negative;
        return { at: parent, kind: "logical", mismatch: rightOnMismatch ? parent.right : undefined };
      }
      case "IfStatement":
      case "ConditionalExpression":
        if (parent.test !== child) return undefined;
        return { at: parent, kind: parent.type === "IfStatement" ? "if" : "conditional", mismatch: (negative ? parent.consequent : parent.alternate) ?? undefined };
      case "WhileStatement":
      case "DoWhileStatement":
      case "ForStatement":
        return (parent as { test?: Node | null }).test === child ? { at: parent, kind: "loop" } : undefined;
      case "SwitchStatement":
        return parent.discriminant === child ? { at: parent, kind: "switch" } : undefined;
      case "VariableDeclarator":
        // `const isAdmin = role === "admin"; if (!isAdmin) …`: the decision is made where the flag is used
        return boolean && parent.init === child && stored ? stored(parent, negative) : undefined;
      default:
        return undefined;
    }
  }
  return undefined;
}

/** Navigation away from the current page or request (client routers included). */
const NAVIGATION = /^(push|replace|redirect|permanentRedirect|navigate|notFound|forbidden|unauthorized|redirectToSignIn|redirectToSignUp|assign)$/;

/**
 * Does a branch deny access: navigate away (`router.push("/")`, `redirect()`,
 * `navigate()`, `location.href = …`), throw, or end rendering early (`return null`,
 * `return <Loading/>`, a bare `return`)? Returning a value (`return "/dashboard"`) is not.
 */
export function deniesAccess(branch: Node | undefined): boolean {
  if (!branch) return false;
  let denies = false;
  walk(branch, (node) => {
    if (denies) return false;
    if (node !== branch && isFunction(node)) return false;
    if (node.type === "ThrowStatement") denies = true;
    else if (node.type === "ReturnStatement") {
      const arg = node.argument ? unwrap(node.argument) : undefined;
      if (!arg || (arg.type === "Literal" && arg.value === null) || arg.type === "JSXElement" || arg.type === "JSXFragment") denies = true;
    } else if (node.type === "CallExpression" && NAVIGATION.test(calleeName(node) ?? "")) denies = true;
    else if (node.type === "AssignmentExpression" && node.left.type === "MemberExpression" && /^(href|location)$/.test(propertyName(node.left) ?? "")) denies = true;
    return undefined;
  });
  return denies;
}
