/**
 * Home-grown credential handling: password hashing, password forms and
 * self-issued session tokens.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type FunctionNode, type Node, functionName, isFunction, jsxAttribute, jsxAttributeString, jsxName, propertyName, staticString, unwrap, walk } from "../ast.js";
import type { Module } from "../module.js";
import { REQUEST_BODY } from "../sources.js";
import { objectLiteralsOf, originsOf } from "../value-flow.js";
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

/**
 * Own sign-up endpoints that relay a plaintext password from the request body to
 * Clerk's Backend API (`clerkClient.users.createUser({ password })`): they bypass
 * Clerk's sign-up flow (email verification, bot protection, breached-password checks).
 */
export function passwordRelays(mod: Module): Node[] {
  const out: Node[] = [];
  walk(mod.program, (node) => {
    if (node.type !== "CallExpression") return undefined;
    const callee = unwrap(node.callee);
    if (callee.type !== "MemberExpression" || !/^(createUser|updateUser)$/.test(propertyName(callee) ?? "")) return undefined;
    const users = unwrap(callee.object);
    if (users.type !== "MemberExpression" || propertyName(users) !== "users") return undefined;
    for (const arg of node.arguments) {
      for (const obj of objectLiteralsOf(arg, mod)) {
        for (const p of obj.properties) {
          if (p.type === "Property" && propertyName(p) === "password" && originsOf(p.value as Node, mod, [REQUEST_BODY]).length > 0 && !out.includes(node)) out.push(node);
        }
      }
    }
    return undefined;
  });
  return out;
}

// ── does a password field's form send the credential anywhere? ────────────

/** Calls that send a credential somewhere: an auth call by name, a mutation, a form submit. */
const SUBMIT_CALL = /^(sign_?in|sign_?up|log_?in|register|authenticate|create_?(user|account)|reset_?password|change_?password|update_?password|set_?password|submit\w*|mutate|mutateAsync|post|put|send\w*|request)$/i;
const FORM_ELEMENT = /^(form|Form)$/;
const BUTTON_ELEMENT = /(^|\.)(button|Button|SubmitButton)$/;

/** The function a JSX handler attribute denotes (inline, a local name, `handleSubmit(onSubmit)`). */
function handlerFunction(attr: TSESTree.JSXAttribute | undefined, mod: Module): FunctionNode | "action" | undefined {
  if (!attr?.value) return undefined;
  if (attr.value.type === "Literal") return typeof attr.value.value === "string" && attr.value.value ? "action" : undefined;
  if (attr.value.type !== "JSXExpressionContainer" || attr.value.expression.type === "JSXEmptyExpression") return undefined;
  const resolve = (expr: Node, depth: number): FunctionNode | "action" | undefined => {
    const e = unwrap(expr);
    if (isFunction(e)) return e;
    if (e.type === "Identifier") {
      if (mod.bindingOf(e)) return "action"; // an imported server action or API helper
      const variable = mod.resolveVariable(e);
      const def = variable?.defs[0];
      if (def?.node.type === "FunctionDeclaration") return def.node;
      if (def?.node.type === "VariableDeclarator" && def.node.init && depth < 2) return resolve(def.node.init, depth + 1);
      return undefined;
    }
    // handleSubmit(onSubmit) (react-hook-form), useCallback(fn, deps)
    if (e.type === "CallExpression" && e.arguments[0] && depth < 2) return resolve(e.arguments[0], depth + 1);
    if (e.type === "MemberExpression") return "action";
    return undefined;
  };
  return resolve(attr.value.expression, 0);
}

/** Does a handler send data anywhere (a network write, an auth or submit call, a server action), one hop into local functions? */
function submits(fn: FunctionNode, mod: Module, depth = 0): boolean {
  let found = false;
  walk(fn.body, (node) => {
    if (found) return false;
    if (node.type !== "CallExpression") return undefined;
    if (writeAt(node, mod)) found = true;
    const callee = unwrap(node.callee);
    const name = callee.type === "Identifier" ? callee.name : callee.type === "MemberExpression" ? propertyName(callee) : undefined;
    if (name && SUBMIT_CALL.test(name)) found = true;
    else if (callee.type === "Identifier" && depth < 1) {
      const local = mod.localFunction(callee);
      if (local && submits(local, mod, depth + 1)) found = true;
    }
    return undefined;
  });
  return found;
}

/**
 * The submit handler that serves a password field: the enclosing `<form>`'s `onSubmit`
 * or `action`, else a button's `onClick` next to it (within a few JSX levels).
 */
function submitHandlerOf(input: TSESTree.JSXOpeningElement, mod: Module): FunctionNode | "action" | undefined {
  let element: Node | undefined = input.parent;
  for (let level = 0; element && level < 6; element = element.parent) {
    if (element.type !== "JSXElement") continue;
    level++;
    const opening = element.openingElement;
    if (FORM_ELEMENT.test(jsxName(opening.name))) return handlerFunction(jsxAttribute(opening, "onSubmit") ?? jsxAttribute(opening, "action"), mod);
    let found: FunctionNode | "action" | undefined;
    walk(element, (n) => {
      if (found) return false;
      if (n.type === "JSXOpeningElement" && BUTTON_ELEMENT.test(jsxName(n.name))) found = handlerFunction(jsxAttribute(n, "onClick"), mod);
      return undefined;
    });
    if (found) return found;
  }
  return undefined;
}

/**
 * Does this password field's form send the credential somewhere? `true`/`false` when
 * its handler can be found; `undefined` when not (the parent component submits).
 */
export function sendsCredential(input: TSESTree.JSXOpeningElement, mod: Module): boolean | undefined {
  const handler = submitHandlerOf(input, mod);
  if (handler === undefined) return undefined;
  return handler === "action" || submits(handler, mod);
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
