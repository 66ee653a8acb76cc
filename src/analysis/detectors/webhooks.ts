/**
 * Webhook handlers: is a file a Clerk webhook handler, and how (whether) its
 * request handlers verify the signature over the raw body.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, isFunction, propertyName, unwrap, walk } from "../ast.js";
import { CLERK_EVENT_RE, CLERK_WEBHOOK_TYPES } from "../clerk-api.js";
import { exitsIn } from "../control-flow.js";
import { type ImportBinding, splitPackage } from "../imports.js";
import type { Module } from "../module.js";
import { isRouteHandler } from "../next-files.js";

/** Text gate for the literals isClerkWebhookFile looks for (the AST walk decides). */
const CLERK_EVENT_TEXT = /["'`](?:user|session|organization|organizationMembership|organizationInvitation|organizationDomain|email|sms|role|permission|waitlistEntry)\.[a-z]+["'`]/;
const SIGNATURE_HEADERS = /^(svix|webhook)-(id|timestamp|signature)$/i;
const BODY_READERS = new Set(["json", "text", "formData", "arrayBuffer", "blob", "bytes"]);

function isClerkWebhookType(b: ImportBinding): boolean {
  return b.source.startsWith("@clerk/") && CLERK_WEBHOOK_TYPES.has(b.imported);
}

/** Does this route handler file receive Clerk webhooks? */
export function isClerkWebhookFile(mod: Module): boolean {
  const { program, role, text } = mod;
  const bindings = mod.imports.bindings;
  if (!isRouteHandler(role)) return false;
  if (bindings.some(isClerkWebhookType)) return true;
  if (bindings.some((b) => isClerkVerifyWebhookSource(b.source))) return true;
  if ((/svix-/i.test(text) || CLERK_EVENT_TEXT.test(text)) && readsWebhookSignal(program)) return true;
  const inWebhookPath = role.segments.some((s) => /webhook/i.test(s)) || /webhook/i.test(role.relPath.split("/").pop() ?? "");
  if (!inWebhookPath) return false;
  // `webhooks/clerk/route.ts`, or a generic webhook route verifying with svix/standardwebhooks.
  // Importing other Clerk helpers (a Stripe webhook that updates Clerk metadata) is no signal.
  return /clerk/i.test(role.relPath) || bindings.some((b) => b.source === "svix" || b.source === "standardwebhooks");
}

/** Does code under `root` read a svix signature header, or branch on a Clerk event type? */
function readsWebhookSignal(root: Node): boolean {
  let signal = false;
  walk(root, (node) => {
    if (signal) return false;
    if (node.type === "Literal" && typeof node.value === "string") {
      if (SIGNATURE_HEADERS.test(node.value) && node.value.toLowerCase().startsWith("svix")) signal = true;
      else if (CLERK_EVENT_RE.test(node.value) && isBranchOperand(node)) signal = true;
    }
    return undefined;
  });
  return signal;
}

/**
 * Does a request handler outside Next.js (an Express/Fastify/Hono route, a React Router
 * action, a TanStack server route, an Expo API route, a Convex httpAction) receive Clerk
 * webhooks? It verifies a webhook signature, reads svix headers or branches on Clerk
 * event types; or its path names a webhook and the path or file names Clerk, or the
 * module brings a webhook verifier.
 */
export function isClerkWebhookHandler(fn: Node, mod: Module, routePath?: string): boolean {
  if (mod.textMatches(/svix-|webhook|Webhook/) || mod.textMatches(CLERK_EVENT_TEXT)) {
    if (readsWebhookSignal(fn)) return true;
    if (findVerifyCalls(fn, mod).length > 0) return true;
  }
  const inPath = (routePath ?? "").split("/").some((s) => /webhook/i.test(s)) || /webhook/i.test(mod.file.split(/[\\/]/).pop() ?? "");
  if (!inPath) return false;
  const bindings = mod.imports.bindings;
  return /clerk/i.test(routePath ?? "") || /clerk/i.test(mod.file.split(/[\\/]/).slice(-2).join("/")) || bindings.some((b) => b.source === "svix" || b.source === "standardwebhooks" || isClerkWebhookType(b) || isClerkVerifyWebhookSource(b.source));
}

/**
 * Is an event-type literal something the code branches on: `evt.type === "user.created"`,
 * `case "user.created":`, `["user.created", …].includes(evt.type)`? A literal in a type,
 * a query filter or a log line is not.
 */
function isBranchOperand(literal: Node): boolean {
  const parent = literal.parent;
  if (!parent) return false;
  if (parent.type === "SwitchCase") return parent.test === literal;
  if (parent.type === "BinaryExpression") return /^[!=]==?$/.test(parent.operator);
  if (parent.type === "ArrayExpression") {
    const outer = parent.parent;
    return outer?.type === "MemberExpression" && outer.object === parent && propertyName(outer) === "includes";
  }
  return false;
}

export function isClerkVerifyWebhookSource(source: string): boolean {
  const sp = splitPackage(source);
  return !!sp && sp.pkg.startsWith("@clerk/") && (sp.entry === "webhooks" || (sp.pkg === "@clerk/backend" && sp.entry === ""));
}

export interface VerifyCall {
  call: TSESTree.CallExpression;
  kind: "verifyWebhook" | "manual" | "helper";
}

/** `new Webhook(secret)` with Webhook from svix or standardwebhooks. */
function isWebhookConstruction(node: Node, mod: Module): boolean {
  const n = unwrap(node);
  if (n.type !== "NewExpression") return false;
  const origin = mod.exportOf(unwrap(n.callee));
  return !!origin && (origin.binding.source === "svix" || origin.binding.source === "standardwebhooks") && origin.exportName === "Webhook";
}

/**
 * Verification calls inside `scope`: Clerk's `verifyWebhook(...)`, a manual
 * `new Webhook(secret).verify(...)`, a call of a function of the same module that
 * verifies, or a call of a helper that `isVerifier` says verifies.
 */
export function findVerifyCalls(scope: Node, mod: Module, isVerifier?: (call: TSESTree.CallExpression) => boolean): VerifyCall[] {
  const webhookVars = new Set<string>();
  walk(mod.program, (node) => {
    if (node.type === "VariableDeclarator" && node.id.type === "Identifier" && node.init && isWebhookConstruction(node.init, mod)) webhookVars.add(node.id.name);
    if (node.type === "AssignmentExpression" && node.left.type === "Identifier" && isWebhookConstruction(node.right, mod)) webhookVars.add(node.left.name);
  });
  const verdicts = new Map<Node, boolean>([[scope, false]]);
  /** A function of this module (`async function verify(req) { … verifyWebhook(req) … }`) that verifies. */
  const localVerifies = (fn: FunctionNode): boolean => {
    const known = verdicts.get(fn);
    if (known !== undefined) return known;
    verdicts.set(fn, false); // cycle guard
    const verdict = findIn(fn, []).length > 0;
    verdicts.set(fn, verdict);
    return verdict;
  };
  const verifyKind = (node: TSESTree.CallExpression): VerifyCall["kind"] | undefined => {
    const callee = unwrap(node.callee);
    const origin = mod.exportOf(callee);
    if (origin && origin.exportName === "verifyWebhook" && isClerkVerifyWebhookSource(origin.binding.source)) return "verifyWebhook";
    if (callee.type === "MemberExpression" && propertyName(callee) === "verify") {
      const obj = unwrap(callee.object);
      if (isWebhookConstruction(obj, mod) || (obj.type === "Identifier" && webhookVars.has(obj.name))) return "manual";
    }
    if (callee.type === "Identifier" && !origin) {
      const fn = mod.localFunction(callee);
      if (fn && localVerifies(fn)) return "helper";
    }
    if (isVerifier && isVerifier(node)) return "helper";
    return undefined;
  };
  const findIn = (root: Node, into: VerifyCall[]): VerifyCall[] => {
    walk(root, (node) => {
      if (node.type !== "CallExpression") return;
      const kind = verifyKind(node);
      if (kind) into.push({ call: node, kind });
    });
    return into;
  };
  return findIn(scope, []);
}

/**
 * `req.json()`-style body reads on `requestName` inside `scope`. A handler without a
 * request parameter reads no body (`Response.json(...)` is not a read).
 */
export function bodyReads(scope: Node, requestName: string | undefined): TSESTree.CallExpression[] {
  const out: TSESTree.CallExpression[] = [];
  if (requestName === undefined) return out;
  walk(scope, (node) => {
    if (node.type !== "CallExpression") return;
    const callee = unwrap(node.callee);
    if (callee.type !== "MemberExpression") return;
    const method = propertyName(callee);
    if (!method || !BODY_READERS.has(method)) return;
    const obj = unwrap(callee.object);
    if (obj.type === "Identifier" && obj.name === requestName) out.push(node);
  });
  return out;
}

/**
 * Reads of the request payload in a handler of any stack: `req.json()`/`text()`/… on the
 * request (a parameter, `{ request }` destructured from it, Convex's second parameter),
 * Hono's `c.req.json()`, Express/Fastify's `req.body`, Nuxt's `readBody(event)`.
 */
export function payloadReads(fn: FunctionNode, mod: Module): Node[] {
  const names = new Set<string>();
  const honoContexts = new Set<string>();
  fn.params.forEach((p, i) => {
    const n = p.type === "AssignmentPattern" ? p.left : p;
    if (n.type === "Identifier" && i <= 1) {
      names.add(n.name);
      if (i === 0) honoContexts.add(n.name);
    } else if (n.type === "ObjectPattern" && i === 0) {
      for (const prop of n.properties) {
        if (prop.type === "Property" && /^(request|req)$/.test(propertyName(prop) ?? "") && prop.value.type === "Identifier") names.add(prop.value.name);
      }
    }
  });
  const out: Node[] = [];
  walk(fn, (node) => {
    if (node.type === "CallExpression") {
      const callee = unwrap(node.callee);
      if (callee.type === "MemberExpression" && BODY_READERS.has(propertyName(callee) ?? "")) {
        const obj = unwrap(callee.object);
        if (obj.type === "Identifier" && names.has(obj.name)) out.push(node);
        else if (obj.type === "MemberExpression" && propertyName(obj) === "req" && unwrap(obj.object).type === "Identifier" && honoContexts.has((unwrap(obj.object) as TSESTree.Identifier).name)) out.push(node);
      } else if (callee.type === "Identifier" && /^(readBody|readRawBody|readValidatedBody)$/.test(callee.name) && mod.exportOf(callee)?.binding.source.match(/^(h3|#imports|nuxt\/app)$/)) out.push(node);
      else if (callee.type === "Identifier" && /^(readBody|readRawBody|readValidatedBody)$/.test(callee.name) && !mod.resolveVariable(callee) && mod.stack.frameworks.has("nuxt")) out.push(node); // Nuxt auto-imports
    } else if (node.type === "MemberExpression" && propertyName(node) === "body") {
      const obj = unwrap(node.object);
      if (obj.type === "Identifier" && names.has(obj.name) && fn.params.length >= 1) out.push(node);
    }
    return undefined;
  });
  return out;
}

/** The first parameter's name of a handler (`req`, `request`). */
export function requestParamName(fn: FunctionNode): string | undefined {
  const p = fn.params[0];
  if (!p) return undefined;
  const n = p.type === "AssignmentPattern" ? p.left : p;
  return n.type === "Identifier" ? n.name : undefined;
}

/**
 * Does a catch clause leave the handler (a return or throw somewhere in it, or an
 * Express `res.status(400).json()`)? A failed verification must stop the handler.
 */
export function catchExits(handler: TSESTree.CatchClause): boolean {
  return exitsIn(handler.body, { responses: true }).exits;
}

/** The try statement whose block contains `node` (innermost, within `limit`). */
export function enclosingTry(node: Node, limit: Node): TSESTree.TryStatement | undefined {
  let child: Node = node;
  let current = node.parent;
  while (current && current !== limit) {
    if (current.type === "TryStatement" && current.block === child) return current;
    if (isFunction(current)) return undefined;
    child = current;
    current = current.parent;
  }
  return undefined;
}

/** `JSON.stringify(...)` call, or undefined. */
export function asJsonStringify(node: Node | undefined): TSESTree.CallExpression | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  if (n.type !== "CallExpression") return undefined;
  const c = unwrap(n.callee);
  if (c.type === "MemberExpression" && c.object.type === "Identifier" && c.object.name === "JSON" && propertyName(c) === "stringify") return n;
  return undefined;
}
