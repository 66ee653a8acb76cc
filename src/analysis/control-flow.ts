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
