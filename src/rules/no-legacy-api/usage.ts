/**
 * Usage shapes no-legacy-api reports: a Core 2 hook result (`const { isLoaded } = useSignIn()`),
 * metadata params of `users.updateUser()` on a Core 3 backend client, `req.auth` used as an
 * object with @clerk/express, and legacy env variables read in code.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap } from "../../analysis/ast.js";
import { clerkClientOrigin } from "../../analysis/detectors/clerk-client.js";
import type { FileFacts } from "../../analysis/file-facts.js";
import { type VersionContext, legacyCheck, legacyEnvVar, legacyStatus } from "../../analysis/legacy-api-table.js";
import { forwardUses } from "../../analysis/value-flow.js";
import type { Report } from "./checks.js";
import { legacyFixes } from "./fixes.js";

type SourceCode = Readonly<TSESLint.SourceCode>;

const LEGACY_HOOK_KEYS = new Set(["isLoaded", "setActive"]);
const METADATA_KEYS = new Set(["publicMetadata", "privateMetadata", "unsafeMetadata"]);
const HOOKS = () => legacyCheck("core2-hook-result");
const UPDATE_USER = () => legacyCheck("update-user-metadata");
const REQ_AUTH = () => legacyCheck("req-auth-object");

export function usageChecks(facts: FileFacts, sourceCode: SourceCode, ctx: VersionContext, report: Report) {
  const { legacyImportSuggestion, isStaticValueSpecifier } = legacyFixes(facts, sourceCode);
    // ── useSignIn()/useSignUp() read with the Core 2 shape ─────────────────

    function checkHooks(): void {
      for (const b of facts.imports.bindings) {
        if (b.typeOnly || !HOOKS().names.includes(b.imported)) continue;
        const target = HOOKS().targets.find((t) => t.sources.includes(b.source));
        if (!target) continue;
        const hit = { entry: HOOKS(), target };
        if (!legacyStatus(target, ctx)) continue;
        const calls: Array<{ call: TSESTree.CallExpression; keys: string[] }> = [];
        let allLegacy = true;
        for (const ref of facts.valueReferences(b)) {
          const id = ref.identifier as Node;
          const call = id.parent?.type === "CallExpression" && id.parent.callee === id ? id.parent : undefined;
          const keys = call ? legacyKeys(call) : [];
          if (call && keys.length > 0) calls.push({ call, keys });
          else allLegacy = false;
        }
        if (calls.length === 0) continue;
        const suggest = allLegacy && isStaticValueSpecifier(b) ? legacyImportSuggestion(b) : [];
        for (const { call, keys } of calls) {
          const what = `The Core 2 result of \`${b.imported}()\` from "${b.source}" (${keys.map((k) => `\`${k}\``).join(", ")})`;
          report(call, hit, what, { suggest });
        }
      }
    }

    /** The Core 2 keys (`isLoaded`, `setActive`) read from a hook's result, however it is held. */
    function legacyKeys(call: TSESTree.CallExpression): string[] {
      const keys = new Set<string>();
      for (const use of forwardUses(call, facts)) if (use.path.length === 1 && LEGACY_HOOK_KEYS.has(use.path[0]!)) keys.add(use.path[0]!);
      return [...keys];
    }

    // ── users.updateUser(id, { publicMetadata }) ───────────────────────────

    function checkUpdateUser(call: TSESTree.CallExpression): void {
      const callee = unwrap(call.callee);
      if (callee.type !== "MemberExpression" || propertyName(callee) !== "updateUser") return;
      const users = unwrap(callee.object);
      if (users.type !== "MemberExpression" || propertyName(users) !== "users") return;
      const params = call.arguments[1] ? unwrap(call.arguments[1]) : undefined;
      if (params?.type !== "ObjectExpression") return;
      const metadata = params.properties.filter((p): p is TSESTree.Property => p.type === "Property" && METADATA_KEYS.has(propertyName(p) ?? ""));
      if (metadata.length === 0) return;
      const origin = clerkClientOrigin(users.object, facts);
      const target = origin && UPDATE_USER().targets.find((t) => t.sources.includes(origin.source));
      if (!target) return;
      const keys = metadata.map((p) => `\`${propertyName(p)}\``).join(", ");
      report(metadata[0]!, { entry: UPDATE_USER(), target }, `Passing ${keys} to \`users.updateUser()\``);
    }

    // ── req.auth.userId (@clerk/express) ───────────────────────────────────

    function checkReqAuth(member: TSESTree.MemberExpression): void {
      if (member.computed || member.property.type !== "Identifier" || member.property.name !== "auth") return;
      const object = unwrap(member.object);
      if (object.type !== "Identifier") return;
      if (!isRequestParameter(object)) return;
      let expr: Node = member;
      while (expr.parent && (expr.parent.type === "TSNonNullExpression" || expr.parent.type === "TSAsExpression")) expr = expr.parent;
      const parent = expr.parent;
      const objectUse =
        (parent?.type === "MemberExpression" && parent.object === expr && propertyName(parent) !== undefined && !/^(call|apply|bind)$/.test(propertyName(parent)!)) ||
        (parent?.type === "VariableDeclarator" && parent.init === expr && parent.id.type === "ObjectPattern");
      if (!objectUse) return;
      const target = REQ_AUTH().targets[0]!;
      report(member, { entry: REQ_AUTH(), target }, `\`${object.name}.auth\` used as an object`);
    }

    /**
     * An Express-style request parameter: the first parameter of a function that takes
     * (req, res…), or one named/typed like a request. Keeps `config.auth.mode` out.
     */
    function isRequestParameter(id: TSESTree.Identifier): boolean {
      const variable = facts.resolveVariable(id);
      const def = variable?.defs.find((d) => d.type === "Parameter");
      if (!def) return false;
      const fn = def.node as TSESTree.FunctionLike;
      const first = fn.params?.[0];
      const param = first?.type === "AssignmentPattern" ? first.left : first;
      if (param?.type !== "Identifier" || param.name !== id.name) return false;
      const typeText = param.typeAnnotation ? sourceCode.getText(param.typeAnnotation) : "";
      return fn.params.length >= 2 || /^req(uest)?$/i.test(param.name) || /Request\b/.test(typeText);
    }

    // ── process.env.NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL ────────────────────

    function checkEnv(): void {
      const globalScope = sourceCode.scopeManager?.globalScope;
      if (!globalScope) return;
      const refs = [...globalScope.through.filter((r) => r.identifier.name === "process"), ...(globalScope.set.get("process")?.references ?? [])];
      for (const ref of refs) {
        const id = ref.identifier;
        const env = id.parent;
        if (env?.type !== "MemberExpression" || env.object !== id || propertyName(env) !== "env") continue;
        const parent = env.parent;
        if (parent?.type === "MemberExpression" && parent.object === env) {
          const name = propertyName(parent);
          const entry = name ? legacyEnvVar(name) : undefined;
          if (entry) report(parent, { entry, target: entry.targets[0]! }, `The \`${name}\` environment variable`);
        } else if (parent?.type === "VariableDeclarator" && parent.init === env && parent.id.type === "ObjectPattern") {
          for (const p of parent.id.properties) {
            const name = p.type === "Property" ? propertyName(p) : undefined;
            const entry = name ? legacyEnvVar(name) : undefined;
            if (entry) report(p, { entry, target: entry.targets[0]! }, `The \`${name}\` environment variable`);
          }
        }
      }
    }

  return { checkHooks, checkUpdateUser, checkReqAuth, checkEnv };
}
