import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, enclosingFunction, functionName, propertyName, unwrap, walk } from "../analysis/ast.js";
import { isClerkClientEntry } from "../analysis/clerk-api.js";
import {
  CRYPTO_SOURCES,
  HASH_FUNCTIONS,
  KDF_FUNCTIONS,
  PASSWORD_HASH_SOURCES,
  SESSION_LIBRARY_SOURCES,
  SESSION_TOKEN_SOURCES,
  hasIdentityField,
  isCredentialInput,
  AUTH_NAMED,
  isInertInput,
  looksLikePassword,
  moduleSubmits,
  passwordRelays,
  credentialSubmission,
  writesCookie,
  headerIdentityReads,
  projectSetsHeader,
} from "../analysis/detectors/passwords.js";
import { isClientCode } from "../analysis/client-boundary.js";
import { callerReadFor } from "../analysis/clerk-api.js";
import { getFacts } from "../analysis/file-facts.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { createRule } from "../util/create-rule.js";

/** Hooks of a Clerk custom sign-in/sign-up flow: a password input next to them is Clerk's. */
const CLERK_FLOW_HOOKS = ["useSignIn", "useSignUp"];
/**
 * Account hooks: a password input next to them is Clerk's only when the file also
 * calls a Clerk password API (`user.updatePassword`, `clerk.client.signIn…`,
 * `session.attemptFirstFactorVerification` for reverification).
 */
const CLERK_ACCOUNT_HOOKS = ["useUser", "useClerk", "useReverification", "useSession"];
const CLERK_PASSWORD_MEMBERS = new Set(["updatePassword", "removePassword", "signIn", "signUp", "attemptFirstFactor", "attemptFirstFactorVerification"]);

export default createRule({
  name: "no-custom-auth",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow home-grown password hashing, password forms and session tokens in a Clerk project",
      config: "recommended",
      severity: "high",
      security: true,
      projectRule: true,
      versions: "all",
      frameworks: ["next", "express", "fastify", "hono", "react-router", "tanstack-start", "expo", "vite"],
      fix: "Delete the custom credential code; use <SignIn />/<SignUp /> (or Clerk's useSignIn/useSignUp custom flows) and auth().",
    },
    messages: {
      passwordHash:
        "Password hashing with {{lib}} in a Clerk project: Clerk already stores and checks passwords. Use <SignIn />/<SignUp /> (or useSignIn/useSignUp for a custom flow) and drop the password column.",
      passwordForm:
        "A custom password field that Clerk does not handle. Render <SignIn />/<SignUp />, or build a custom flow with Clerk's useSignIn()/useSignUp() so Clerk checks the credential.",
      sessionToken:
        "A self-signed session token ({{lib}}) written to a cookie duplicates Clerk's session. Read the user with `await auth()` on the server and useAuth() on the client.",
      passwordRelay:
        "This endpoint takes a plaintext password from the request and creates the Clerk user with it through the Backend API, bypassing Clerk's sign-up flow (email verification, bot protection, breached-password checks) and handling the password yourself. Use <SignUp /> or the useSignUp() custom flow in the browser, so the password goes straight to Clerk.",
      headerIdentity:
        "The user id is read from the `{{header}}` request header, which the caller chooses: anyone can send another user's id and act as them. Identify the caller with Clerk instead ({{how}}).",
      sessionLibrary:
        "{{lib}} runs a second session system beside Clerk. Remove it and use Clerk's session (`await auth()`, useAuth()).",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.project.isClerkProject) return {};
    const hashing = facts.importsFrom((s) => PASSWORD_HASH_SOURCES.has(s) || CRYPTO_SOURCES.has(s));
    const tokens = facts.importsFrom((s) => SESSION_TOKEN_SOURCES.has(s));
    const sessions = facts.imports.bindings.filter((b) => SESSION_LIBRARY_SOURCES.has(b.source) && !b.typeOnly);
    const jsx = facts.textMatches(/password/i) && facts.textMatches(/<[A-Za-z]/);
    const relay = facts.textMatches(/\bpassword\b/) && facts.textMatches(/\.users\.(createUser|updateUser)\b|\busers\.(createUser|updateUser)\b/);
    const headerIdentity = facts.textMatches(/user[-_]?id|auth(?:enticated)?-user|current-user/i) && facts.textMatches(/\bheaders?\b|\.get\(/) && !facts.isClientModule;
    if (!hashing && !tokens && sessions.length === 0 && !jsx && !relay && !headerIdentity) return {};
    let clerkFlow: boolean | undefined;
    let identity: boolean | undefined;
    const reportedIn = new Set<unknown>();

    return {
      Program(program) {
        for (const b of sessions) context.report({ node: b.id.parent ?? b.id, messageId: "sessionLibrary", data: { lib: b.source } });
        if (relay) for (const node of passwordRelays(facts)) context.report({ node, messageId: "passwordRelay" });
        if (tokens && writesCookie(program)) reportTokens(program);
        if (headerIdentity) {
          const index = getProjectIndex(facts.project.root);
          // the reads first (this file's AST): where the file ships is a project question, asked only then
          const reads = headerIdentityReads(facts, (name) => projectSetsHeader(index, name));
          if (reads.length > 0 && !isClientCode(index, facts)) {
            const how = callerReadFor(facts.stack);
            for (const r of reads) context.report({ node: r.node, messageId: "headerIdentity", data: { header: r.header, how } });
          }
        }
      },
      CallExpression(node) {
        if (!hashing) return;
        const origin = facts.exportOf(unwrap(node.callee)) ?? defaultMember(node.callee) ?? promisified(node.callee);
        if (!origin) return;
        const source = origin.binding.source;
        const isHash = PASSWORD_HASH_SOURCES.has(source) && HASH_FUNCTIONS.has(origin.exportName);
        const isKdf = CRYPTO_SOURCES.has(source) && KDF_FUNCTIONS.has(origin.exportName);
        if (!isHash && !isKdf) return;
        if (!node.arguments.some((a) => looksLikePassword(a))) return;
        context.report({ node, messageId: "passwordHash", data: { lib: isKdf ? `crypto.${origin.exportName}` : source } });
      },
      JSXOpeningElement(node) {
        if (!jsx) return;
        if (usesClerkFlow()) return;
        if (!isCredentialInput(node, identityField()) || isInertInput(node)) return;
        const fn = enclosingFunction(node) ?? null;
        if (reportedIn.has(fn)) return;
        // UI showcases and mock settings cards send nothing, and a form whose password ends in
        // Clerk's Backend API (an admin "create user" form) is Clerk's: only a form that submits
        // the credential to code of its own is custom auth
        const sent = credentialSubmission(node, facts, getProjectIndex(facts.project.root));
        if (sent && (!sent.sends || sent.toClerk)) return;
        if (!sent && !moduleSubmits(facts) && !AUTH_NAMED.test(facts.role.relPath) && !AUTH_NAMED.test((fn && functionName(fn)) ?? "")) return;
        reportedIn.add(fn);
        context.report({ node, messageId: "passwordForm" });
      },
    };

    /** `bcrypt.hash` where `bcrypt` is the default import of "bcrypt". */
    function defaultMember(callee: Node) {
      const c = unwrap(callee);
      if (c.type !== "MemberExpression" || c.object.type !== "Identifier" || c.property.type !== "Identifier") return undefined;
      const b = facts.bindingOf(c.object);
      if (!b || b.typeOnly || (b.imported !== "default" && b.imported !== "*")) return undefined;
      return { binding: b, exportName: c.property.name };
    }

    /** `scryptAsync(...)` where `const scryptAsync = promisify(scrypt)` (or `util.promisify(crypto.scrypt)`). */
    function promisified(callee: Node) {
      const c = unwrap(callee);
      if (c.type !== "Identifier") return undefined;
      const variable = facts.resolveVariable(c);
      const def = variable?.defs[0];
      if (!def || def.node.type !== "VariableDeclarator" || !def.node.init) return undefined;
      const init = unwrap(def.node.init);
      if (init.type !== "CallExpression" || !init.arguments[0]) return undefined;
      const fn = unwrap(init.callee);
      const name = fn.type === "Identifier" ? fn.name : fn.type === "MemberExpression" && fn.property.type === "Identifier" ? fn.property.name : undefined;
      if (name !== "promisify") return undefined;
      const target = unwrap(init.arguments[0]);
      return facts.exportOf(target) ?? defaultMember(target);
    }

    function reportTokens(program: TSESTree.Program) {
      for (const use of facts.uses({ sources: ["jsonwebtoken"], exports: ["sign"] })) {
        const call = use.node.parent;
        if (call?.type === "CallExpression" && call.callee === use.node) context.report({ node: call, messageId: "sessionToken", data: { lib: "jsonwebtoken" } });
      }
      for (const b of facts.bindings({ sources: ["jsonwebtoken"] })) {
        if (b.imported !== "default" && b.imported !== "*") continue;
        for (const ref of facts.valueReferences(b)) {
          const member = ref.identifier.parent;
          if (member?.type === "MemberExpression" && member.parent?.type === "CallExpression" && member.parent.callee === member && !member.computed && member.property.type === "Identifier" && member.property.name === "sign") {
            context.report({ node: member.parent, messageId: "sessionToken", data: { lib: "jsonwebtoken" } });
          }
        }
      }
      for (const use of facts.uses({ sources: ["jose"], exports: ["SignJWT"] })) {
        const ctor = use.node.parent;
        if (ctor?.type === "NewExpression" && ctor.callee === use.node) context.report({ node: ctor, messageId: "sessionToken", data: { lib: "jose SignJWT" } });
      }
      void program;
    }

    function usesClerkFlow(): boolean {
      if (clerkFlow === undefined) {
        clerkFlow =
          facts.importsFrom((s) => s.startsWith("@clerk/elements")) ||
          facts.uses({ source: isClerkClientEntry, exports: CLERK_FLOW_HOOKS }).length > 0 ||
          (facts.uses({ source: isClerkClientEntry, exports: CLERK_ACCOUNT_HOOKS }).length > 0 && callsClerkPasswordApi(facts.program));
      }
      return clerkFlow;
    }
    function identityField(): boolean {
      if (identity === undefined) identity = hasIdentityField(facts.program);
      return identity;
    }
  },
});

/** Does the file touch a Clerk password API (`user.updatePassword(…)`, `clerk.client.signIn.create(…)`)? */
function callsClerkPasswordApi(program: TSESTree.Program): boolean {
  let found = false;
  walk(program, (n) => {
    if (found) return false;
    if (n.type === "MemberExpression" && CLERK_PASSWORD_MEMBERS.has(propertyName(n) ?? "")) found = true;
    return undefined;
  });
  return found;
}
