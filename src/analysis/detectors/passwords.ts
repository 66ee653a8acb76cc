/**
 * Home-grown credential handling: password hashing, password forms and
 * self-issued session tokens.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, enclosingFunction, functionName, isFunction, jsxAttribute, jsxAttributeString, jsxName, propertyName, staticString, unwrap, walk } from "../ast.js";
import type { Module } from "../module.js";
import { REQUEST_BODY } from "../sources.js";
import { objectLiteralsOf, originsOf } from "../value-flow.js";
import { routeHandlers } from "../endpoints.js";
import { classifyFile, isRouteHandler } from "../next-files.js";
import { calleeTarget } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";
import { checksAuthorization } from "./auth-checks.js";
import { writeAt } from "./writes.js";

export const PASSWORD_HASH_SOURCES = new Set(["bcrypt", "bcryptjs", "argon2", "@node-rs/argon2", "@node-rs/bcrypt"]);
export const CRYPTO_SOURCES = new Set(["crypto", "node:crypto"]);
export const SESSION_TOKEN_SOURCES = new Set(["jsonwebtoken", "jose"]);
export const SESSION_LIBRARY_SOURCES = new Set(["iron-session", "lucia", "@lucia-auth/adapter-prisma", "@lucia-auth/adapter-drizzle", "next-iron-session"]);

export const HASH_FUNCTIONS = new Set(["hash", "hashSync", "compare", "compareSync", "verify", "verifySync"]);
export const KDF_FUNCTIONS = new Set(["scrypt", "scryptSync", "pbkdf2", "pbkdf2Sync"]);

const PASSWORD_WORD = /pass(?:word|wd|phrase)?(?![a-z]*key)|pwd|credential/i;
const NOT_CREDENTIAL = /cvv|cvc|csc|card|pin\b|otp|one[-_]?time|code|api[-_]?key|apikey|token|secret|wifi|vault|encryption/i;

/** Does an expression carry password data (by its names, or one hop through a local variable)? */
export function looksLikePassword(node: Node, depth = 0): boolean {
  let found = false;
  walk(node, (n) => {
    if (found) return false;
    if (n.type === "Identifier" && PASSWORD_WORD.test(n.name) && !NOT_CREDENTIAL.test(n.name)) found = true;
    else if (n.type === "Literal" && typeof n.value === "string" && /^(password|passwd|pwd|new-?password|current-?password)$/i.test(n.value)) found = true;
    else if (n.type === "Identifier" && depth === 0) {
      const init = localInit(n);
      if (init && looksLikePassword(init, depth + 1)) found = true;
      else if (!init && isParamOfPasswordFunction(n)) found = true;
    }
    return undefined;
  });
  return found;
}

/** `function hashPassword(plain) { … plain … }`: a parameter of a function named for passwords. */
function isParamOfPasswordFunction(id: TSESTree.Identifier): boolean {
  let current: Node | undefined = id.parent;
  while (current) {
    if (isFunction(current)) {
      if (declaresParam(current, id.name)) {
        const name = functionName(current);
        return !!name && PASSWORD_WORD.test(name) && !NOT_CREDENTIAL.test(name);
      }
    }
    current = current.parent;
  }
  return false;
}

function declaresParam(fn: FunctionNode, name: string): boolean {
  return fn.params.some((p) => {
    const target = p.type === "AssignmentPattern" ? p.left : p.type === "TSParameterProperty" ? p.parameter : p;
    return patternDeclares(target, name);
  });
}

/** Initializer of the local const/let declaring `id` in an enclosing block (name-based, one hop). */
function localInit(id: TSESTree.Identifier): Node | undefined {
  let scope: Node | undefined = id.parent;
  while (scope) {
    if (scope.type === "BlockStatement" || scope.type === "Program") {
      for (const st of scope.body) {
        if (st.type === "VariableDeclaration") {
          for (const d of st.declarations) {
            if (d.init && patternDeclares(d.id, id.name) && d.id !== id) return d.init;
          }
        }
      }
    }
    scope = scope.parent;
  }
  return undefined;
}

function patternDeclares(pattern: Node, name: string): boolean {
  if (pattern.type === "Identifier") return pattern.name === name;
  if (pattern.type === "ObjectPattern") {
    return pattern.properties.some((p) =>
      p.type === "Property" ? patternDeclares(p.value.type === "AssignmentPattern" ? p.value.left : p.value, name) : p.type === "RestElement" && patternDeclares(p.argument, name),
    );
  }
  if (pattern.type === "ArrayPattern") return pattern.elements.some((e) => !!e && patternDeclares(e, name));
  return false;
}

/** Text of an attribute value, expression source included, for name matching. */
function attributeText(attr: TSESTree.JSXAttribute | TSESTree.JSXSpreadAttribute): string {
  const parts: string[] = [];
  walk(attr, (n) => {
    if (n.type === "Identifier" || n.type === "JSXIdentifier") parts.push(n.name);
    if (n.type === "Literal" && typeof n.value === "string") parts.push(n.value);
    if (n.type === "TemplateElement") parts.push(n.value.raw);
  });
  return parts.join(" ");
}

/** Static strings an attribute can take: `type="password"`, `type={show ? "text" : "password"}`. */
function attributeStrings(attr: TSESTree.JSXAttribute | undefined): string[] {
  if (!attr || !attr.value) return [];
  const direct = jsxAttributeString(attr);
  if (direct !== undefined) return [direct];
  if (attr.value.type !== "JSXExpressionContainer" || attr.value.expression.type === "JSXEmptyExpression") return [];
  const out: string[] = [];
  const visit = (node: Node): void => {
    const n = unwrap(node);
    const s = staticString(n);
    if (s !== undefined) out.push(s);
    else if (n.type === "ConditionalExpression") {
      visit(n.consequent);
      visit(n.alternate);
    } else if (n.type === "LogicalExpression") {
      visit(n.left);
      visit(n.right);
    }
  };
  visit(attr.value.expression);
  return out;
}

/**
 * Text that names the field an input belongs to, outside the input itself: the
 * `name`/`id`/`htmlFor` of enclosing field wrappers up to four JSX levels
 * (`<FormField name="cvc" render={({ field }) => …}>`, `<Field name="password">`),
 * and the text of the element that directly wraps it (`<label>CVV <input …/></label>`).
 */
function enclosingFieldText(element: TSESTree.JSXOpeningElement): string {
  const parts: string[] = [];
  let levels = 0;
  let current: Node | undefined = element.parent?.parent;
  while (current && levels < 4) {
    if (current.type === "JSXElement") {
      const opening = current.openingElement;
      for (const key of ["name", "id", "htmlFor"]) {
        const v = jsxAttributeString(jsxAttribute(opening, key));
        if (v) parts.push(v);
      }
      if (levels === 0) for (const child of current.children) if (child.type === "JSXText") parts.push(child.value);
      levels++;
    } else if (current.type === "Program" || (isFunction(current) && current.parent?.type !== "JSXExpressionContainer")) {
      // a component boundary; render props (`render={({ field }) => …}`) stay inside the field
      break;
    }
    current = current.parent;
  }
  return parts.join(" ");
}

/** `<input type="password" …>` (or a design-system `<Input type="password">`) that collects a sign-in credential. */
export function isCredentialInput(element: TSESTree.JSXOpeningElement, fileHasIdentityField: boolean): boolean {
  const name = jsxName(element.name);
  if (name !== "input" && !/(^|\.)(Input|PasswordInput|TextField)$/.test(name)) return false;
  const types = attributeStrings(jsxAttribute(element, "type"));
  const isPasswordComponent = /PasswordInput$/.test(name);
  if (!types.includes("password") && !isPasswordComponent) return false;
  const own = element.attributes.filter((a) => !(a.type === "JSXAttribute" && a.name.name === "type")).map(attributeText).join(" ");
  if (NOT_CREDENTIAL.test(own)) return false;
  if (PASSWORD_WORD.test(own)) return true;
  const around = enclosingFieldText(element);
  if (NOT_CREDENTIAL.test(around)) return false;
  if (PASSWORD_WORD.test(around)) return true;
  return fileHasIdentityField;
}

/** Does the file have an email/username field (a sign-in form shape)? */
export function hasIdentityField(program: TSESTree.Program): boolean {
  let found = false;
  walk(program, (n) => {
    if (found) return false;
    if (n.type === "JSXOpeningElement") {
      const type = jsxAttributeString(jsxAttribute(n, "type"));
      const nameAttr = jsxAttributeString(jsxAttribute(n, "name")) ?? jsxAttributeString(jsxAttribute(n, "autoComplete")) ?? "";
      if (type === "email" || /^(email|username|login|identifier)$/i.test(nameAttr)) found = true;
    }
    return undefined;
  });
  return found;
}

/** Calls that write a cookie: `cookies().set`, `res.cookies.set`, `setCookie`, `Set-Cookie` headers, `serialize`. */
export function writesCookie(program: TSESTree.Program): boolean {
  let found = false;
  walk(program, (n) => {
    if (found) return false;
    if (n.type === "CallExpression") {
      const callee = unwrap(n.callee);
      const method = callee.type === "MemberExpression" ? propertyName(callee) : callee.type === "Identifier" ? callee.name : undefined;
      if (method === "set" && callee.type === "MemberExpression") {
        const objName = receiverName(callee.object);
        if (objName && /cookie/i.test(objName)) found = true;
      }
      if (method && /^(setCookie|serialize|setHeader|append)$/.test(method)) {
        const first = staticString(n.arguments[0]);
        // `serialize` from the `cookie` package (`serialize(...)`, `cookie.serialize(...)`), not superjson's
        const cookieSerialize =
          method === "serialize" && (callee.type === "Identifier" || /cookie/i.test(receiverName((callee as TSESTree.MemberExpression).object) ?? ""));
        if (method === "setCookie" || cookieSerialize || (first && /^set-cookie$/i.test(first))) found = true;
      }
    }
    if (n.type === "Literal" && typeof n.value === "string" && /^set-cookie$/i.test(n.value)) found = true;
    return undefined;
  });
  return found;
}

/** The name a receiver is known by: `cookieStore`, `res.cookies`, `cookies()`, `(await cookies())`. */
function receiverName(node: Node): string | undefined {
  let obj = unwrap(node);
  if (obj.type === "AwaitExpression") obj = unwrap(obj.argument);
  if (obj.type === "MemberExpression") return propertyName(obj);
  if (obj.type === "CallExpression") {
    const c = unwrap(obj.callee);
    return c.type === "Identifier" ? c.name : propertyName(c);
  }
  if (obj.type === "Identifier") return obj.name;
  return undefined;
}

/** `users.createUser({ password })` / `users.updateUser(id, { password })` on a Clerk Backend API client. */
function clerkPasswordCall(node: Node): TSESTree.CallExpression | undefined {
  if (node.type !== "CallExpression") return undefined;
  const callee = unwrap(node.callee);
  if (callee.type !== "MemberExpression" || !/^(createUser|updateUser)$/.test(propertyName(callee) ?? "")) return undefined;
  const users = unwrap(callee.object);
  return users.type === "MemberExpression" && propertyName(users) === "users" ? node : undefined;
}

/** The `password` property of a Clerk password call's arguments, with where its value comes from. */
function passwordArgument(call: TSESTree.CallExpression, mod: Module): TSESTree.Property | undefined {
  for (const arg of call.arguments) {
    for (const obj of objectLiteralsOf(arg, mod)) {
      for (const p of obj.properties) if (p.type === "Property" && propertyName(p) === "password") return p;
    }
  }
  return undefined;
}

/**
 * Own sign-up endpoints that relay a plaintext password from the request body to
 * Clerk's Backend API (`clerkClient.users.createUser({ password })`) without checking
 * that the caller may create users: they bypass Clerk's sign-up flow (email
 * verification, bot protection, breached-password checks). An admin endpoint that
 * checks the caller's role first is user management, not sign-up.
 */
export function passwordRelays(mod: Module): Node[] {
  const out: Node[] = [];
  walk(mod.program, (node) => {
    const call = clerkPasswordCall(node);
    const password = call && passwordArgument(call, mod);
    if (!call || !password || originsOf(password.value as Node, mod, [REQUEST_BODY]).length === 0) return undefined;
    const fn = enclosingFunction(call);
    if (fn && !checksAuthorization(fn, mod)) out.push(call);
    return undefined;
  });
  return out;
}

/** Does a function hand a password to Clerk's Backend API (the credential ends with Clerk)? */
function passesPasswordToClerk(fn: FunctionNode, mod: Module): boolean {
  let found = false;
  walk(fn, (node) => {
    if (found) return false;
    const call = clerkPasswordCall(node);
    if (call && passwordArgument(call, mod)) found = true;
    return undefined;
  });
  return found;
}

// ── does a password field's form send the credential anywhere? ────────────

/** Calls that send a credential somewhere: an auth call by name, a mutation, a form submit. */
const SUBMIT_CALL = /^(sign_?in|sign_?up|log_?in|register|authenticate|create_?(user|account)|reset_?password|change_?password|update_?password|set_?password|submit\w*|mutate|mutateAsync|post|put|send\w*|request)$/i;
const FORM_ELEMENT = /^(form|Form)$/;
const BUTTON_ELEMENT = /(^|\.)(button|Button|SubmitButton)$/;

type Handler = { fn: FunctionNode } | { action: Node };

/** What a JSX handler attribute denotes: a function (inline, local, `handleSubmit(onSubmit)`), or an action (an imported server action, a URL). */
function handlerOf(attr: TSESTree.JSXAttribute | undefined, mod: Module): Handler | undefined {
  if (!attr?.value) return undefined;
  if (attr.value.type === "Literal") return typeof attr.value.value === "string" && attr.value.value ? { action: attr.value } : undefined;
  if (attr.value.type !== "JSXExpressionContainer" || attr.value.expression.type === "JSXEmptyExpression") return undefined;
  const resolve = (expr: Node, depth: number): Handler | undefined => {
    const e = unwrap(expr);
    if (isFunction(e)) return { fn: e };
    if (e.type === "Identifier") {
      if (mod.bindingOf(e)) return { action: e }; // an imported server action or API helper
      const variable = mod.resolveVariable(e);
      const def = variable?.defs[0];
      if (def?.node.type === "FunctionDeclaration") return { fn: def.node };
      if (def?.node.type === "VariableDeclarator" && def.node.init && depth < 2) return resolve(def.node.init, depth + 1);
      return undefined;
    }
    // handleSubmit(onSubmit) (react-hook-form), useCallback(fn, deps)
    if (e.type === "CallExpression" && e.arguments[0] && depth < 2) return resolve(e.arguments[0], depth + 1);
    if (e.type === "MemberExpression") return { action: e };
    return undefined;
  };
  return resolve(attr.value.expression, 0);
}

export interface Submission {
  /** The handler sends data somewhere (a network write, an auth or submit call, a server action). */
  sends: boolean;
  /** Where it sends it hands the password to Clerk's Backend API (a server action or project route): Clerk checks it. */
  toClerk: boolean;
}

/** The project route a URL names (`/api/admin/users` → app/api/admin/users/route.ts). */
function routeFor(index: ProjectIndex, url: string): Module | undefined {
  const path = url.split(/[?#]/)[0]!;
  if (!path.startsWith("/")) return undefined;
  for (const file of index.files()) {
    if (!/[/\\](route|[^/\\]+)\.[cm]?[jt]sx?$/.test(file) || !file.includes("api")) continue;
    const role = classifyFile(index.root, file);
    if (isRouteHandler(role) && role.urlPath === path) return index.module(file);
  }
  return undefined;
}

/** Does the project code an action or a URL leads to pass the password to Clerk? */
function leadsToClerk(target: Node, mod: Module, index: ProjectIndex | undefined): boolean {
  if (!index) return false;
  const url = staticString(target) ?? (target.type === "TemplateLiteral" ? target.quasis[0]?.value.cooked ?? undefined : undefined);
  if (url !== undefined) {
    const route = routeFor(index, url);
    return !!route && routeHandlers(route).some((h) => passesPasswordToClerk(h.fn, route));
  }
  const callee = calleeTarget(index, mod, target);
  return !!callee && passesPasswordToClerk(callee.fn, callee.module);
}

/** What a handler does with the form's data, one hop into local functions. */
function submission(fn: FunctionNode, mod: Module, index: ProjectIndex | undefined, depth = 0): Submission {
  const out: Submission = { sends: false, toClerk: false };
  walk(fn.body, (node) => {
    if (node.type !== "CallExpression") return undefined;
    const callee = unwrap(node.callee);
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? propertyName(callee) : undefined;
    const write = writeAt(node, mod);
    if (write || (name && SUBMIT_CALL.test(name))) {
      out.sends = true;
      if (write?.kind === "http" && node.arguments[0] && leadsToClerk(unwrap(node.arguments[0]), mod, index)) out.toClerk = true;
    }
    if (callee.type === "Identifier" && mod.bindingOf(callee) && leadsToClerk(callee, mod, index)) out.sends = out.toClerk = true;
    else if (callee.type === "Identifier" && depth < 1) {
      const local = mod.localFunction(callee);
      const inner = local ? submission(local, mod, index, depth + 1) : undefined;
      if (inner?.sends) out.sends = true;
      if (inner?.toClerk) out.toClerk = true;
    }
    return undefined;
  });
  return out;
}

/**
 * The submit handler that serves a password field: the enclosing `<form>`'s `onSubmit`
 * or `action`, else a button's `onClick` next to it (within a few JSX levels).
 */
function submitHandlerOf(input: TSESTree.JSXOpeningElement, mod: Module): Handler | undefined {
  let element: Node | undefined = input.parent;
  for (let level = 0; element && level < 6; element = element.parent) {
    if (element.type !== "JSXElement") continue;
    level++;
    const opening = element.openingElement;
    if (FORM_ELEMENT.test(jsxName(opening.name))) return handlerOf(jsxAttribute(opening, "onSubmit") ?? jsxAttribute(opening, "action"), mod);
    let found: Handler | undefined;
    walk(element, (n) => {
      if (found) return false;
      if (n.type === "JSXOpeningElement" && BUTTON_ELEMENT.test(jsxName(n.name))) found = handlerOf(jsxAttribute(n, "onClick"), mod);
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * What this password field's form does with the credential: undefined when its handler
 * cannot be found (the parent component submits); `index` lets it follow server actions
 * and `fetch("/api/…")` into the project to see whether the password ends with Clerk.
 */
export function credentialSubmission(input: TSESTree.JSXOpeningElement, mod: Module, index?: ProjectIndex): Submission | undefined {
  const handler = submitHandlerOf(input, mod);
  if (!handler) return undefined;
  if ("action" in handler) return { sends: true, toClerk: leadsToClerk(handler.action, mod, index) };
  return submission(handler.fn, mod, index);
}

/** A field that cannot take input: `disabled`, `readOnly`, or a constant `value="••••"` (a display). */
export function isInertInput(input: TSESTree.JSXOpeningElement): boolean {
  if (jsxAttribute(input, "disabled") || jsxAttribute(input, "readOnly")) return true;
  const value = jsxAttribute(input, "value");
  return !!value?.value && (value.value.type === "Literal" || (value.value.type === "JSXExpressionContainer" && staticString(value.value.expression as Node) !== undefined));
}

/** Does the module send data anywhere at all (for fields whose handler lives in a parent component)? */
export function moduleSubmits(mod: Module): boolean {
  let found = false;
  walk(mod.program, (node) => {
    if (found) return false;
    if (node.type === "CallExpression" && writeAt(node, mod)) found = true;
    if (node.type === "JSXAttribute" && node.name.name === "action") found = true;
    return undefined;
  });
  return found;
}

/** A file or component named for signing in or up (`login-form.tsx`, `SignUpForm`). */
export const AUTH_NAMED = /(^|[/_.-])(log_?in|sign_?in|sign_?up|signup|signin|register|auth|credentials?)([/_.-]|$)|(Login|SignIn|SignUp|Register|Auth)[A-Z]?\w*$/i;
