/**
 * try/catch reasoning for code that works by throwing: Next.js control-flow
 * errors (redirect, notFound, unauthorized, forbidden) and the Clerk helpers
 * built on them (`auth.protect()`, `redirectToSignIn()`).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, propertyName, unwrap, walk } from "../ast.js";
import type { Module } from "../module.js";

/** next/navigation functions that always throw a control-flow error. */
const NEXT_THROWERS = new Set(["redirect", "permanentRedirect", "notFound", "unauthorized", "forbidden"]);
/** Clerk auth-object methods that throw a redirect. */
const CLERK_THROWERS = new Set(["redirectToSignIn", "redirectToSignUp"]);

function calleeName(callee: Node): string | undefined {
  const c = unwrap(callee);
  if (c.type === "Identifier") return c.name;
  if (c.type === "MemberExpression") return propertyName(c);
  return undefined;
}

/**
 * `NextResponse.redirect(…)`, `Response.redirect(…)`, a 3xx/401/403 response: the catch
 * sends the user away (to sign-in, or with a denial) itself, as the check would have.
 */
function isRedirectResponse(node: Node): boolean {
  let n = unwrap(node);
  if (n.type === "AwaitExpression") n = unwrap(n.argument);
  if (n.type !== "CallExpression" && n.type !== "NewExpression") return false;
  const callee = unwrap(n.callee);
  if (n.type === "CallExpression" && callee.type === "MemberExpression" && propertyName(callee) === "redirect") return true;
  // new Response(null, { status: 302, headers: { Location } }), NextResponse.json(…, { status: 401 })
  const isResponse = (n.type === "NewExpression" && callee.type === "Identifier" && /Response$/.test(callee.name)) || (callee.type === "MemberExpression" && propertyName(callee) === "json");
  const init = isResponse && n.arguments[1] ? unwrap(n.arguments[1]) : undefined;
  if (init?.type !== "ObjectExpression") return false;
  for (const p of init.properties) {
    if (p.type !== "Property" || propertyName(p) !== "status") continue;
    const v = unwrap(p.value as Node);
    return v.type === "Literal" && typeof v.value === "number" && ((v.value >= 300 && v.value < 400) || v.value === 401 || v.value === 403);
  }
  return false;
}

/**
 * Can an error caught here leave again? True when the code (not counting nested
 * functions) has any `throw`, calls `unstable_rethrow(…)`, calls a throwing
 * `next/navigation` helper, or Clerk's `redirectToSignIn()`/`redirectToSignUp()`,
 * or returns a redirect response of its own (`return NextResponse.redirect(…)`).
 * Conditional rethrows (`if (isRedirectError(e)) throw e`) count.
 */
export function propagatesErrors(body: Node, prov: Module): boolean {
  let found = false;
  walk(body, (node) => {
    if (found) return false;
    if (node !== body && isFunction(node)) return false;
    if (node.type === "ThrowStatement") {
      found = true;
      return false;
    }
    if (node.type === "ReturnStatement" && node.argument && isRedirectResponse(node.argument)) {
      found = true;
      return false;
    }
    if (node.type === "CallExpression") {
      const name = calleeName(node.callee);
      if (name === "unstable_rethrow" || (name !== undefined && CLERK_THROWERS.has(name))) found = true;
      else if (name !== undefined && NEXT_THROWERS.has(name)) {
        const origin = prov.exportOf(unwrap(node.callee));
        if (origin && origin.binding.source === "next/navigation") found = true;
      }
    }
    return undefined;
  });
  return found;
}

/**
 * The try statement that would catch an exception thrown at `node` and keep it:
 * walks out through the enclosing `try` blocks (a catch that rethrows hands the
 * error to the next one) and stops at the enclosing function.
 */
export function swallowingTry(node: Node, prov: Module): TSESTree.TryStatement | undefined {
  let child: Node = node;
  let current = node.parent;
  while (current) {
    if (isFunction(current)) return undefined;
    if (current.type === "TryStatement" && current.block === child && current.handler) {
      if (!propagatesErrors(current.handler.body, prov)) return current;
    }
    child = current;
    current = current.parent;
  }
  return undefined;
}

/**
 * `promise.catch(handler)` where the handler is an inline function that keeps
 * the error: the `.catch(...)` call, or undefined.
 */
export function swallowingCatchCall(promise: Node, prov: Module): TSESTree.CallExpression | undefined {
  let expr = promise;
  let parent = promise.parent;
  while (parent && (parent.type === "TSAsExpression" || parent.type === "TSNonNullExpression" || parent.type === "ChainExpression")) {
    expr = parent;
    parent = parent.parent;
  }
  if (parent?.type !== "MemberExpression" || parent.object !== expr || propertyName(parent) !== "catch") return undefined;
  const call = parent.parent;
  if (call?.type !== "CallExpression" || call.callee !== parent) return undefined;
  const handler = call.arguments[0] ? unwrap(call.arguments[0]) : undefined;
  if (!handler || !isFunction(handler)) return undefined;
  return propagatesErrors(handler, prov) ? undefined : call;
}
