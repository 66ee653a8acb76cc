import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import { isEnvFile } from "../analysis/env-files.js";
import { propertyName, staticString, unwrap } from "../analysis/ast.js";
import { inClientBundle } from "../analysis/client-boundary.js";
import { insecureTokenCaches } from "../analysis/detectors/token-cache.js";
import { getFacts } from "../analysis/file-facts.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { passedInAtRuntime } from "../analysis/value-flow.js";
import {
  PUBLIC_ENV_PREFIX_NOTE,
  PUBLIC_SECRET_ENV_RE,
  SERVER_SECRET_ENV_NAMES,
  findSecrets,
  redactSecret,
} from "../analysis/secrets.js";
import { createRule } from "../util/create-rule.js";

type MessageId = "publicEnvName" | "literalSecret" | "committedEnvSecret" | "hardcodedSecretKey" | "serverEnvInClient" | "secretKeyInClient" | "insecureTokenCache" | "renameEnv";

/** Test files carry fake keys on purpose; literal secrets are not reported there. */
const TEST_FILE = /(^|\/)(__tests__|__mocks__|__fixtures__|fixtures?|mocks?|tests?|e2e|cypress|playwright)\/|\.(test|spec|stories)\.[cm]?[jt]sx?$/;
/** Cheap text gate for secret-shaped literals. */
const SECRET_TEXT = /\b(?:sk_(?:live|test)_|whsec_|ak_)[A-Za-z0-9+/]{16,}/;

function isProcessEnv(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  if (n.type !== "MemberExpression" || propertyName(n) !== "env") return false;
  const obj = unwrap(n.object);
  return obj.type === "Identifier" && obj.name === "process";
}

/** `import.meta.env` (Vite, Astro). */
function isImportMetaEnv(node: TSESTree.Node): boolean {
  const n = unwrap(node);
  return n.type === "MemberExpression" && propertyName(n) === "env" && n.object.type === "MetaProperty";
}

function secretKind(value: string): string {
  if (value.startsWith("whsec_")) return "a webhook signing secret";
  if (value.startsWith("ak_")) return "an API key";
  return value.startsWith("sk_live_") ? "a production secret key" : "a development secret key";
}

/** `process.env.NAME = "…"` → NAME (the shape the env processor gives each dotenv line). */
function envAssignmentName(literal: TSESTree.Node): string | undefined {
  const parent = literal.parent;
  if (parent?.type !== "AssignmentExpression" || parent.right !== literal) return undefined;
  return parent.left.type === "MemberExpression" ? propertyName(parent.left) : undefined;
}

export default createRule<[], MessageId>({
  name: "no-secret-exposure",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Disallow exposing Clerk secret keys to the browser or committing them, and keeping Expo session tokens in unencrypted storage",
      config: "recommended",
      severity: "critical",
      security: true,
      projectRule: true,
      versions: "all",
      frameworks: ["next", "express", "fastify", "hono", "react-router", "tanstack-start", "expo", "vite", "astro", "nuxt", "vue"],
      fix: "Keep CLERK_SECRET_KEY and CLERK_WEBHOOK_SIGNING_SECRET in server-only env vars (no NEXT_PUBLIC_ prefix), never in source.",
    },
    messages: {
      publicEnvName:
        "`{{name}}` puts a Clerk secret in the browser: {{why}}, so every visitor can read it and call Clerk's Backend API as you. Use the server-only name `{{serverName}}`, read it only in server code, and rotate the key if this was ever deployed.",
      literalSecret:
        "Hard-coded Clerk secret `{{redacted}}` ({{kind}}). Anyone with read access to this code can use it. Move it to a server-only env var ({{envName}}) and rotate it in the Clerk Dashboard.",
      committedEnvSecret:
        "`{{name}}` in {{file}} holds a real Clerk secret (`{{redacted}}`, {{kind}}) and the file is part of the repository: everyone who can read it can call Clerk's Backend API as you. Rotate the key in the Clerk Dashboard, remove the file from git, and ignore env files (`.env*` in .gitignore, keep only a `.env.example` with placeholders).",
      hardcodedSecretKey:
        "`secretKey` is set to a string written in the code (`{{redacted}}`), which overrides CLERK_SECRET_KEY from the environment: a placeholder breaks every request in production, and a real key pasted here is leaked to everyone who can read the code. Remove the option (Clerk reads CLERK_SECRET_KEY itself) or pass `process.env.CLERK_SECRET_KEY`.",
      serverEnvInClient:
        "`{{env}}.{{name}}` in {{where}}: server-only env vars are not sent to the {{device}}, so this is `undefined` there (and a secret must never reach client code). Use it in {{server}} instead.",
      secretKeyInClient:
        "`secretKey` in {{where}}: whatever is passed here ends up in the {{device}} bundle. Clerk's secret key belongs only in server code (it is read from CLERK_SECRET_KEY automatically).",
      insecureTokenCache:
        "This `tokenCache` writes Clerk's session token to {{storage}}, which keeps it unencrypted on the device (readable from backups and rooted devices): the token lets anyone act as the signed-in user. Pass `tokenCache` from \"{{tokenCacheEntry}}\" (expo-secure-store: Keychain/Keystore) instead.",
      renameEnv: "Rename to `{{serverName}}` (also rename it in your .env files and hosting settings).",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const checkEnvNames = facts.textMatches(PUBLIC_SECRET_ENV_RE);
    const checkLiterals = facts.textMatches(SECRET_TEXT) && (!TEST_FILE.test(facts.role.relPath) || isEnvFile(path.dirname(facts.filename)));
    const mayBeBundled = facts.stack.spa || facts.stack.frameworks.has("expo");
    const clientText = facts.textMatches(/\bCLERK_|\bsecretKey\b/);
    const bundled = !facts.isClientModule && clientText && mayBeBundled && inClientBundle(getProjectIndex(facts.project.root), facts);
    const checkClient = (facts.isClientModule || bundled) && clientText;
    const expo = facts.stack.frameworks.has("expo");
    const sfc = facts.sfcPart;
    const clientWhere = bundled
      ? { where: expo ? "Expo app code" : "code of the single-page app's bundle", device: expo ? "device" : "browser", server: expo ? "an API route (`+api.ts`) or your backend" : "your server code" }
      : sfc?.client
        ? { where: sfc.label, device: "browser", server: sfc.part.startsWith("astro") ? "the component's frontmatter (`---`) or an endpoint under src/pages" : facts.stack.frameworks.has("nuxt") ? "a server route (server/api/) that checks the caller" : "your server code" }
        : { where: "a 'use client' module", device: "browser", server: "a Server Component, Route Handler or Server Action" };
    const checkOption = facts.importsClerk && facts.textMatches(/\bsecretKey\s*:\s*["'`]sk_/) && !TEST_FILE.test(facts.role.relPath);
    const checkTokenCache = facts.importsFrom((s) => s === "@clerk/expo" || s === "@clerk/clerk-expo") && facts.textMatches(/\btokenCache\b/);
    if (!checkEnvNames && !checkLiterals && !checkClient && !checkOption && !checkTokenCache) return {};

    const envRe = new RegExp(PUBLIC_SECRET_ENV_RE.source, "g");
    const reportEnvNames = (node: TSESTree.Node, text: string, replaceable: boolean) => {
      envRe.lastIndex = 0;
      for (let m = envRe.exec(text); m; m = envRe.exec(text)) {
        const [name, prefix, serverName] = m as unknown as [string, string, string];
        const suggest: TSESLint.ReportSuggestionArray<MessageId> = [];
        if (replaceable && text === name) {
          suggest.push({
            messageId: "renameEnv",
            data: { serverName },
            fix: (fixer) =>
              node.type === "Identifier" ? fixer.replaceText(node, serverName) : fixer.replaceText(node, JSON.stringify(serverName)),
          });
        }
        context.report({
          node,
          messageId: "publicEnvName",
          data: { name, serverName, why: PUBLIC_ENV_PREFIX_NOTE[prefix] ?? "public env vars are sent to the browser" },
          suggest,
        });
      }
    };

    // a dotenv file, linted through the env processor: `process.env.NAME = "value";` per line
    const envFile = isEnvFile(path.dirname(facts.filename)) ? path.basename(path.dirname(facts.filename)) : undefined;
    const reportLiteralSecrets = (node: TSESTree.Node, text: string) => {
      if (envFile !== undefined) {
        const name = envAssignmentName(node);
        // only Clerk's own variables: Stripe and WorkOS keys share the sk_ prefix
        if (!name || !/CLERK/i.test(name)) return;
        for (const s of findSecrets(text)) {
          context.report({ node, messageId: "committedEnvSecret", data: { name, file: `\`${envFile}\``, redacted: redactSecret(s.value), kind: secretKind(s.value) } });
        }
        return;
      }
      for (const s of findSecrets(text)) {
        const kind = secretKind(s.value);
        const envName = s.value.startsWith("whsec_") ? "CLERK_WEBHOOK_SIGNING_SECRET" : s.value.startsWith("ak_") ? "a server-only env var" : "CLERK_SECRET_KEY";
        context.report({ node, messageId: "literalSecret", data: { redacted: redactSecret(s.value), kind, envName } });
      }
    };

    const listeners: TSESLint.RuleListener = {};
    if (checkTokenCache) {
      listeners["Program:exit"] = () => {
        const entry = facts.importsFrom((s) => s === "@clerk/expo") ? "@clerk/expo/token-cache" : "@clerk/clerk-expo/token-cache";
        for (const t of insecureTokenCaches(facts, getProjectIndex(facts.project.root))) {
          context.report({ node: t.node, messageId: "insecureTokenCache", data: { storage: t.storage, tokenCacheEntry: entry } });
        }
      };
    }
    const strings = (node: TSESTree.Node, text: string) => {
      if (checkEnvNames) reportEnvNames(node, text, node.type === "Literal");
      if (checkLiterals) reportLiteralSecrets(node, text);
    };
    listeners.Literal = (node) => {
      if (typeof node.value === "string") strings(node, node.value);
    };
    listeners.TemplateElement = (node) => strings(node, node.value.cooked ?? node.value.raw);
    if (checkLiterals) listeners.JSXText = (node) => reportLiteralSecrets(node, node.value);
    if (checkEnvNames) {
      listeners.Identifier = (node) => {
        if (!PUBLIC_SECRET_ENV_RE.test(node.name)) return;
        const parent = node.parent;
        const isEnvMember = parent?.type === "MemberExpression" && parent.property === node && !parent.computed;
        reportEnvNames(node, node.name, isEnvMember);
      };
    }
    if (checkOption) {
      // `clerkMiddleware(handler, () => ({ secretKey: "sk_test_…" }))`, `createClerkClient({ secretKey: "sk_…" })`
      listeners["Property[key.name='secretKey']"] = (node: TSESTree.Property) => {
        const value = staticString(node.value);
        if (value === undefined || !value.startsWith("sk_") || findSecrets(value).length > 0 || facts.isClientModule) return;
        context.report({ node, messageId: "hardcodedSecretKey", data: { redacted: redactSecret(value) } });
      };
    }
    if (checkClient) {
      listeners.MemberExpression = (node) => {
        const name = propertyName(node);
        if (!name || !SERVER_SECRET_ENV_NAMES.has(name)) return;
        const env = isProcessEnv(node.object) ? "process.env" : isImportMetaEnv(node.object) ? "import.meta.env" : undefined;
        if (env) context.report({ node, messageId: "serverEnvInClient", data: { name, env, ...clientWhere } });
      };
      listeners.JSXAttribute = (node) => {
        if (node.name.type === "JSXIdentifier" && node.name.name === "secretKey") context.report({ node, messageId: "secretKeyInClient", data: clientWhere });
      };
      listeners.Property = (node) => {
        if (node.parent.type !== "ObjectExpression" || propertyName(node) !== "secretKey") return;
        // a module the SPA bundles but whose code runs on the server (a Worker's bindings, `c.env.…`): no key in the bundle
        if (bundled && passedInAtRuntime(node.value as TSESTree.Node, facts)) return;
        context.report({ node: node.key, messageId: "secretKeyInClient", data: clientWhere });
      };
    }
    return listeners;
  },
});
