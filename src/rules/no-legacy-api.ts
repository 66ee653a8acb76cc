import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap } from "../analysis/ast.js";
import { clerkClientOrigin } from "../analysis/detectors/clerk-client.js";
import { getFacts } from "../analysis/file-facts.js";
import { type ImportBinding, isClerkSource } from "../analysis/imports.js";
import {
  LEGACY_API,
  type LegacyEntry,
  type LegacyStatus,
  type LegacyTarget,
  type VersionContext,
  legacyStatus,
  usesCore3,
} from "../analysis/legacy-api-table.js";
import { createRule } from "../util/create-rule.js";

type MessageIds = "removed" | "deprecated" | "unsupported" | "suggestion";
type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;
type Reference = TSESLint.Scope.Reference;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;

// ── Indexes over the table (immutable, built once) ─────────────────────────

interface Hit {
  entry: LegacyEntry;
  target: LegacyTarget;
}

/** source → export name → hit, for `export` entries. */
const EXPORTS = new Map<string, Map<string, Hit>>();
/** source → package entry hit. */
const PACKAGES = new Map<string, Hit>();
/** source → component → prop → hit, for `jsx-prop` entries. */
const PROPS = new Map<string, Map<string, Map<string, Hit>>>();
/** env var → entry. */
const ENV = new Map<string, LegacyEntry>();
const ENTRY = new Map(LEGACY_API.map((e) => [e.id, e]));

for (const entry of LEGACY_API) {
  for (const target of entry.targets) {
    for (const source of target.sources) {
      if (entry.kind === "export") {
        const byName = EXPORTS.get(source) ?? new Map<string, Hit>();
        for (const name of entry.names) byName.set(name, { entry, target });
        EXPORTS.set(source, byName);
      } else if (entry.kind === "package") {
        PACKAGES.set(source, { entry, target });
      } else if (entry.kind === "jsx-prop") {
        const byComponent = PROPS.get(source) ?? new Map<string, Map<string, Hit>>();
        for (const component of entry.components ?? []) {
          const byProp = byComponent.get(component) ?? new Map<string, Hit>();
          for (const name of entry.names) byProp.set(name, { entry, target });
          byComponent.set(component, byProp);
        }
        PROPS.set(source, byComponent);
      }
    }
  }
  if (entry.kind === "env") for (const name of entry.names) ENV.set(name, entry);
}

const HOOKS = ENTRY.get("legacy-sign-in-hooks")!;
const UPDATE_USER = ENTRY.get("update-user-metadata")!;
const REQ_AUTH = ENTRY.get("express-req-auth-object")!;

const ENV_RE = /NEXT_PUBLIC_CLERK_AFTER_SIGN_(?:IN|UP)_URL/;
const LEGACY_HOOK_KEYS = new Set(["isLoaded", "setActive"]);
const METADATA_KEYS = new Set(["publicMetadata", "privateMetadata", "unsafeMetadata"]);
/** Props `<Show>` shares with `<Protect>`; any other prop blocks the Protect suggestion. */
const PROTECT_CONDITIONS = new Set(["role", "permission", "feature", "plan", "condition"]);
const PROTECT_KEPT = new Set(["fallback", "treatPendingAsSignedOut"]);

// ── Message data ────────────────────────────────────────────────────────────

function statusData(target: LegacyTarget, status: LegacyStatus, ctx: VersionContext): Record<string, string> {
  const major = ctx.major(target.pkg);
  const data: Record<string, string> = { pkg: target.pkg, removedIn: String(target.removedIn ?? "") };
  if (status === "removed") data.installed = major === target.removedIn ? ", the version this project uses" : `; this project uses ${major}`;
  if (status === "deprecated") {
    if (target.core3) data.detail = "replaced in Clerk Core 3, which this project uses";
    else if (major === undefined) {
      data.detail = `since ${target.pkg} ${target.deprecatedIn}${target.removedIn !== undefined ? `, removed in ${target.removedIn}` : ""}; the installed version could not be determined`;
    } else {
      const since = target.deprecatedSince ?? String(target.deprecatedIn && target.deprecatedIn > 0 ? target.deprecatedIn : major);
      data.detail = `since ${target.pkg} ${since}; ${target.removedIn !== undefined ? `removed in ${target.removedIn}` : "it will be removed in a future major"}`;
    }
  }
  return data;
}

export default createRule<[], MessageIds>({
  name: "no-legacy-api",
  meta: {
    type: "problem",
    docs: {
      description: "Disallow Clerk APIs that were removed or deprecated in the installed version",
      config: "recommended",
      severity: "high",
      versions: "per entry and package major (see the table)",
      fix: "Use the replacement named in the message (e.g. <Show when=\"signed-in\">, clerkMiddleware, fallbackRedirectUrl).",
      warnMessageIds: ["deprecated"],
    },
    fixable: "code",
    hasSuggestions: true,
    messages: {
      removed: "{{what}} was removed in {{pkg}} {{removedIn}}{{installed}}. {{replacement}}",
      deprecated: "{{what}} is deprecated ({{detail}}). {{replacement}}",
      unsupported: "{{what}}: this SDK reached end of life and Clerk no longer supports it. {{replacement}}",
      suggestion: "{{desc}}",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const clerkImports = facts.imports.sources.some(isClerkSource);
    const envGate =
      facts.project.isClerkProject && facts.textMatches(ENV_RE) && (facts.project.dependencies.has("@clerk/nextjs") || facts.major("@clerk/nextjs") !== undefined);
    if (!clerkImports && !envGate) return {};

    const sourceCode = context.sourceCode;
    let core3: boolean | undefined;
    const ctx: VersionContext = {
      major: (pkg) => facts.major(pkg),
      version: (pkg) => facts.project.version(pkg),
      get core3() {
        core3 ??= usesCore3((pkg) => facts.major(pkg));
        return core3;
      },
    };

    function report(node: Node, hit: Hit, what: string, extra?: { fix?: TSESLint.ReportFixFunction | null; suggest?: Array<{ desc: string; fix: TSESLint.ReportFixFunction }> }): boolean {
      const status = legacyStatus(hit.target, ctx);
      if (!status) return false;
      const replacement = hit.target.replacement ?? hit.entry.replacement;
      context.report({
        node,
        messageId: status,
        data: { what, replacement, ...statusData(hit.target, status, ctx) },
        ...(extra?.fix ? { fix: extra.fix } : {}),
        ...(extra?.suggest?.length ? { suggest: extra.suggest.map((s) => ({ messageId: "suggestion" as const, data: { desc: s.desc }, fix: s.fix })) } : {}),
      });
      return true;
    }

    const listeners: TSESLint.RuleListener = {};

    if (clerkImports) {
      listeners.Program = (program) => {
        const packageReported = checkPackages(program);
        checkExports(program, packageReported);
        checkProps();
        checkHooks();
      };
      const serverClerk = facts.imports.sources.some((s) => UPDATE_USER.targets.some((t) => t.sources.includes(s)));
      if (serverClerk && facts.textMatches(/\bupdateUser\b/)) {
        listeners.CallExpression = (call) => checkUpdateUser(call);
      }
      if (facts.imports.sources.includes("@clerk/express") && facts.textMatches(/\.auth\b/)) {
        listeners.MemberExpression = (member) => checkReqAuth(member);
      }
    }
    if (envGate) {
      listeners["Program:exit"] = () => checkEnv();
    }
    return listeners;

    // ── package imports ────────────────────────────────────────────────────

    function checkPackages(program: TSESTree.Program): Set<string> {
      const reported = new Set<string>();
      const sourceNodes: TSESTree.Node[] = [];
      for (const statement of program.body) {
        if ((statement.type === "ImportDeclaration" || statement.type === "ExportNamedDeclaration" || statement.type === "ExportAllDeclaration") && statement.source) {
          sourceNodes.push(statement.source);
        }
      }
      for (const b of facts.imports.bindings) {
        if (b.kind === "static") continue;
        const node = dynamicSourceNode(b);
        if (node && !sourceNodes.includes(node)) sourceNodes.push(node);
      }
      for (const node of sourceNodes) {
        const source = node.type === "Literal" ? String(node.value) : undefined;
        const hit = source === undefined ? undefined : PACKAGES.get(source);
        if (!hit || source === undefined) continue;
        const suggest = packageSuggestion(hit.entry, node as TSESTree.Literal);
        if (report(node, hit, `"${source}"`, { suggest })) reported.add(source);
      }
      return reported;
    }

    function dynamicSourceNode(b: ImportBinding): TSESTree.Node | undefined {
      let n: Node | undefined = b.id;
      while (n && n.type !== "VariableDeclarator") n = n.parent;
      if (!n || n.type !== "VariableDeclarator" || !n.init) return undefined;
      let init = unwrap(n.init);
      if (init.type === "AwaitExpression") init = unwrap(init.argument);
      if (init.type === "ImportExpression") return init.source;
      if (init.type === "CallExpression") return init.arguments[0];
      return undefined;
    }

    function packageSuggestion(entry: LegacyEntry, literal: TSESTree.Literal): Array<{ desc: string; fix: TSESLint.ReportFixFunction }> {
      let to: string | undefined;
      if (entry.id === "clerk-react-package" && (facts.major("@clerk/react") ?? 0) >= 6) to = "@clerk/react";
      else if (entry.id === "clerk-expo-package" && (facts.major("@clerk/expo") ?? 0) >= 3) to = "@clerk/expo";
      else if (entry.id === "clerk-types-package") {
        if ((facts.major("@clerk/nextjs") ?? 0) >= 7) to = "@clerk/nextjs/types";
        else if ((facts.major("@clerk/react") ?? 0) >= 6) to = "@clerk/react/types";
        else if (facts.project.dependencies.has("@clerk/shared")) to = "@clerk/shared/types";
      }
      if (!to) return [];
      const quote = literal.raw.startsWith("'") ? "'" : '"';
      const replacement = `${quote}${to}${quote}`;
      return [{ desc: `Import from "${to}" instead.`, fix: (fixer) => fixer.replaceText(literal, replacement) }];
    }

    // ── named exports (specifiers, namespaces, re-exports) ─────────────────

    function checkExports(program: TSESTree.Program, packageReported: Set<string>): void {
      for (const b of facts.imports.bindings) {
        const byName = EXPORTS.get(b.source);
        if (!byName || b.typeOnly) continue;
        if (b.imported === "*") {
          checkNamespace(b, byName);
          continue;
        }
        const hit = byName.get(b.imported);
        if (!hit || facts.isEffectivelyTypeOnly(b)) continue;
        const what = `\`${b.imported}\` from "${b.source}"`;
        if (packageReported.has(b.source)) {
          // The import line is already reported for the package: point at the uses.
          for (const ref of facts.valueReferences(b)) report(ref.identifier, hit, what);
          continue;
        }
        const node = specifierNode(b);
        if (hit.entry.showWhen) report(node, hit, what, { fix: showFix(b, hit.entry.showWhen) });
        else if (hit.entry.id === "protect-component") report(node, hit, what, { suggest: protectSuggestion(b) });
        else report(node, hit, what);
      }
      for (const statement of program.body) {
        if (statement.type !== "ExportNamedDeclaration" || !statement.source || statement.exportKind === "type") continue;
        const byName = EXPORTS.get(statement.source.value);
        if (!byName) continue;
        for (const spec of statement.specifiers) {
          if (spec.exportKind === "type") continue;
          const local = spec.local.type === "Identifier" ? spec.local.name : String(spec.local.value);
          const hit = byName.get(local);
          if (hit) report(spec, hit, `\`${local}\` re-exported from "${statement.source.value}"`);
        }
      }
    }

    function checkNamespace(b: ImportBinding, byName: Map<string, Hit>): void {
      for (const use of facts.uses({ sources: [b.source], exports: [...byName.keys()] })) {
        if (use.binding !== b) continue;
        report(use.node, byName.get(use.exportName)!, `\`${use.exportName}\` from "${b.source}"`);
      }
      for (const ref of facts.valueReferences(b)) {
        const parent = ref.identifier.parent;
        if (parent?.type !== "JSXMemberExpression" || parent.object !== (ref.identifier as Node) || parent.parent?.type !== "JSXOpeningElement") continue;
        const hit = byName.get(parent.property.name);
        if (hit) report(parent, hit, `\`${parent.property.name}\` from "${b.source}"`);
      }
    }

    function specifierNode(b: ImportBinding): Node {
      let n: Node = b.id;
      if (b.kind === "static") return b.id.parent ?? b.id;
      while (n.parent && n.type !== "Property") n = n.parent;
      return n.type === "Property" ? n : b.id;
    }

    // ── <SignedIn>/<SignedOut> → <Show when=…> (autofix) ───────────────────

    interface ShowPlan {
      showLocal: string;
      action: "rename" | "remove";
    }

    /** Every reference is a JSX element name (opening or closing), and no opening element already has `when`. */
    function jsxOnlyReferences(b: ImportBinding): Reference[] | undefined {
      const refs = facts.valueReferences(b);
      for (const ref of refs) {
        const id = ref.identifier as Node;
        const parent = id.parent;
        if (parent?.type === "JSXOpeningElement" && parent.name === id) {
          if (parent.attributes.some((a) => a.type === "JSXSpreadAttribute" || (a.name.type === "JSXIdentifier" && a.name.name === "when"))) return undefined;
          continue;
        }
        if (parent?.type === "JSXClosingElement" && parent.name === id) continue;
        return undefined;
      }
      return refs;
    }

    function isStaticValueSpecifier(b: ImportBinding): boolean {
      return b.kind === "static" && !b.typeOnly && b.id.parent?.type === "ImportSpecifier" && (b.id.parent.parent as TSESTree.ImportDeclaration).importKind !== "type";
    }

    /** What happens to the import specifier when `b` becomes `Show`, or undefined when it cannot be done safely. */
    function showPlan(b: ImportBinding, refs: readonly Reference[], autofix: boolean): ShowPlan | undefined {
      if (!isStaticValueSpecifier(b)) return undefined;
      const existing = facts.imports.bindings.find((x) => x.source === b.source && x.imported === "Show" && isStaticValueSpecifier(x));
      const sites: Node[] = [b.id, ...refs.map((r) => r.identifier as Node)];
      if (existing) {
        const variable = facts.variableOf(existing);
        if (!sites.every((site) => lookup(existing.local, site) === variable)) return undefined;
        return { showLocal: existing.local, action: "remove" };
      }
      if (!sites.every((site) => lookup("Show", site) === undefined)) return undefined;
      if (autofix) {
        // With several fixable specifiers, the first one becomes `Show` and the others are removed.
        const first = facts.imports.bindings.find((x) => {
          if (x.source !== b.source || EXPORTS.get(x.source)?.get(x.imported)?.entry.showWhen === undefined) return false;
          if (x === b) return true;
          const xRefs = jsxOnlyReferences(x);
          return xRefs !== undefined && showPlan(x, xRefs, false) !== undefined;
        });
        if (first && first !== b) return { showLocal: "Show", action: "remove" };
      }
      return { showLocal: "Show", action: "rename" };
    }

    function lookup(name: string, node: Node): Variable | undefined {
      let scope: Scope | null = sourceCode.getScope(node);
      while (scope) {
        const v = scope.set.get(name);
        if (v) return v;
        scope = scope.upper;
      }
      return undefined;
    }

    function specifierFix(fixer: Fixer, b: ImportBinding, plan: ShowPlan): Fix[] {
      const spec = b.id.parent as TSESTree.ImportSpecifier;
      if (plan.action === "rename") return [fixer.replaceText(spec, "Show")];
      return removeSpecifier(fixer, spec);
    }

    function removeSpecifier(fixer: Fixer, spec: TSESTree.ImportSpecifier): Fix[] {
      const decl = spec.parent as TSESTree.ImportDeclaration;
      if (decl.specifiers.length === 1) {
        const end = sourceCode.text[decl.range[1]] === "\n" ? decl.range[1] + 1 : decl.range[1];
        return [fixer.removeRange([decl.range[0], end])];
      }
      const after = sourceCode.getTokenAfter(spec);
      if (after && after.value === ",") {
        const next = sourceCode.getTokenAfter(after);
        return [fixer.removeRange([spec.range[0], next ? next.range[0] : after.range[1]])];
      }
      const before = sourceCode.getTokenBefore(spec);
      if (before && before.value === ",") return [fixer.removeRange([before.range[0], spec.range[1]])];
      return [fixer.remove(spec)];
    }

    function showFix(b: ImportBinding, when: string): TSESLint.ReportFixFunction | null {
      const refs = jsxOnlyReferences(b);
      if (!refs) return null;
      const plan = showPlan(b, refs, true);
      if (!plan) return null;
      return (fixer) => {
        const fixes = specifierFix(fixer, b, plan);
        for (const ref of refs) {
          const id = ref.identifier as Node;
          const opening = id.parent?.type === "JSXOpeningElement";
          fixes.push(fixer.replaceText(id, opening ? `${plan.showLocal} when="${when}"` : plan.showLocal));
        }
        return fixes;
      };
    }

    function protectSuggestion(b: ImportBinding): Array<{ desc: string; fix: TSESLint.ReportFixFunction }> {
      const refs = facts.valueReferences(b);
      const edits: Array<{ id: Node; when?: string; attr?: TSESTree.JSXAttribute }> = [];
      for (const ref of refs) {
        const id = ref.identifier as Node;
        const parent = id.parent;
        if (parent?.type === "JSXClosingElement" && parent.name === id) {
          edits.push({ id });
          continue;
        }
        if (parent?.type !== "JSXOpeningElement" || parent.name !== id) return [];
        const converted = protectCondition(parent);
        if (!converted) return [];
        edits.push({ id, ...converted });
      }
      const plan = showPlan(b, refs, false);
      if (!plan) return [];
      return [
        {
          desc: "Replace <Protect> with <Show when={…}> (check the condition: <Show> only hides UI).",
          fix: (fixer) => {
            const fixes = specifierFix(fixer, b, plan);
            for (const e of edits) {
              if (e.attr) {
                fixes.push(fixer.replaceText(e.id, plan.showLocal));
                fixes.push(fixer.replaceText(e.attr, e.when!));
              } else if (e.when) {
                fixes.push(fixer.replaceText(e.id, `${plan.showLocal} ${e.when}`));
              } else {
                fixes.push(fixer.replaceText(e.id, plan.showLocal));
              }
            }
            return fixes;
          },
        },
      ];
    }

    /** The `when` that replaces a <Protect>'s condition: `when={{ role: "x" }}`, `when={fn}`, or `when="signed-in"`. */
    function protectCondition(element: TSESTree.JSXOpeningElement): { when: string; attr?: TSESTree.JSXAttribute } | undefined {
      let condition: TSESTree.JSXAttribute | undefined;
      for (const a of element.attributes) {
        if (a.type !== "JSXAttribute" || a.name.type !== "JSXIdentifier") return undefined;
        const name = a.name.name;
        if (PROTECT_KEPT.has(name)) continue;
        if (!PROTECT_CONDITIONS.has(name) || condition) return undefined;
        condition = a;
      }
      if (!condition) return { when: 'when="signed-in"' };
      const value = condition.value;
      if (!value) return undefined;
      let text: string;
      if (value.type === "Literal") text = sourceCode.getText(value);
      else if (value.type === "JSXExpressionContainer" && value.expression.type !== "JSXEmptyExpression") text = sourceCode.getText(value.expression);
      else return undefined;
      const name = (condition.name as TSESTree.JSXIdentifier).name;
      return { attr: condition, when: name === "condition" ? `when={${text}}` : `when={{ ${name}: ${text} }}` };
    }

    // ── props on Clerk components ──────────────────────────────────────────

    function checkProps(): void {
      for (const b of facts.imports.bindings) {
        const byComponent = PROPS.get(b.source);
        if (!byComponent || b.typeOnly) continue;
        if (b.imported !== "*" && !byComponent.has(b.imported)) continue;
        for (const ref of facts.valueReferences(b)) {
          const id = ref.identifier as Node;
          const parent = id.parent;
          let element: TSESTree.JSXOpeningElement | undefined;
          let component: string | undefined;
          if (b.imported !== "*" && parent?.type === "JSXOpeningElement" && parent.name === id) {
            element = parent;
            component = b.imported;
          } else if (b.imported === "*" && parent?.type === "JSXMemberExpression" && parent.object === id && parent.parent?.type === "JSXOpeningElement") {
            element = parent.parent;
            component = parent.property.name;
          }
          const byProp = component ? byComponent.get(component) : undefined;
          if (!element || !byProp) continue;
          for (const attr of element.attributes) {
            if (attr.type !== "JSXAttribute" || attr.name.type !== "JSXIdentifier") continue;
            const hit = byProp.get(attr.name.name);
            if (!hit) continue;
            checkProp(element, attr, component!, hit);
          }
        }
      }
    }

    function checkProp(element: TSESTree.JSXOpeningElement, attr: TSESTree.JSXAttribute, component: string, hit: Hit): void {
      const prop = (attr.name as TSESTree.JSXIdentifier).name;
      const what = `The \`${prop}\` prop on <${component}>`;
      const renameTo = hit.entry.renameTo;
      const taken = (name: string) => element.attributes.some((a) => a.type === "JSXAttribute" && a.name.type === "JSXIdentifier" && a.name.name === name);
      if (hit.entry.fix === "fix" && renameTo?.length === 1 && !taken(renameTo[0]!)) {
        report(attr, hit, what, { fix: (fixer) => fixer.replaceText(attr.name, renameTo[0]!) });
        return;
      }
      if (hit.entry.fix === "suggest" && renameTo) {
        if (renameTo.length === 0) {
          const before = sourceCode.getTokenBefore(attr);
          const start = before ? before.range[1] : attr.range[0];
          report(attr, hit, what, { suggest: [{ desc: `Remove \`${prop}\`.`, fix: (fixer) => fixer.removeRange([start, attr.range[1]]) }] });
          return;
        }
        if (!renameTo.some(taken)) {
          const value = attr.value ? sourceCode.getText(attr.value) : undefined;
          if (value !== undefined) {
            const text = renameTo.map((n) => `${n}=${value}`).join(" ");
            report(attr, hit, what, { suggest: [{ desc: `Replace \`${prop}\` with ${renameTo.map((n) => `\`${n}\``).join(" and ")}.`, fix: (fixer) => fixer.replaceText(attr, text) }] });
            return;
          }
        }
      }
      report(attr, hit, what);
    }

    // ── useSignIn()/useSignUp() read with the Core 2 shape ─────────────────

    function checkHooks(): void {
      for (const b of facts.imports.bindings) {
        if (b.typeOnly || !HOOKS.names.includes(b.imported)) continue;
        const target = HOOKS.targets.find((t) => t.sources.includes(b.source));
        if (!target) continue;
        const hit = { entry: HOOKS, target };
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

    function legacyKeys(call: TSESTree.CallExpression): string[] {
      let expr: Node = call;
      while (expr.parent && (expr.parent.type === "TSAsExpression" || expr.parent.type === "TSNonNullExpression" || expr.parent.type === "ChainExpression")) expr = expr.parent;
      const parent = expr.parent;
      const keys = new Set<string>();
      if (parent?.type === "VariableDeclarator" && parent.init === expr) {
        if (parent.id.type === "ObjectPattern") {
          for (const p of parent.id.properties) {
            const key = p.type === "Property" ? propertyName(p) : undefined;
            if (key && LEGACY_HOOK_KEYS.has(key)) keys.add(key);
          }
        } else if (parent.id.type === "Identifier") {
          const variable = facts.resolveVariable(parent.id);
          for (const ref of variable?.references ?? []) {
            const m = ref.identifier.parent;
            const key = m?.type === "MemberExpression" && m.object === ref.identifier ? propertyName(m) : undefined;
            if (key && LEGACY_HOOK_KEYS.has(key)) keys.add(key);
          }
        }
      } else if (parent?.type === "MemberExpression" && parent.object === expr) {
        const key = propertyName(parent);
        if (key && LEGACY_HOOK_KEYS.has(key)) keys.add(key);
      }
      return [...keys];
    }

    function legacyImportSuggestion(b: ImportBinding): Array<{ desc: string; fix: TSESLint.ReportFixFunction }> {
      const spec = b.id.parent as TSESTree.ImportSpecifier;
      const decl = spec.parent as TSESTree.ImportDeclaration;
      const legacySource = `${b.source}/legacy`;
      const quote = decl.source.raw.startsWith("'") ? "'" : '"';
      const onlyHooks = decl.specifiers.every((s) => s.type === "ImportSpecifier" && s.imported.type === "Identifier" && HOOKS.names.includes(s.imported.name));
      const fix: TSESLint.ReportFixFunction = onlyHooks
        ? (fixer) => fixer.replaceText(decl.source, `${quote}${legacySource}${quote}`)
        : (fixer) => [...removeSpecifier(fixer, spec), fixer.insertTextAfter(decl, `\nimport { ${sourceCode.getText(spec)} } from ${quote}${legacySource}${quote};`)];
      return [{ desc: `Import \`${b.imported}\` from "${legacySource}" (the Core 2 API).`, fix }];
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
      const target = origin && UPDATE_USER.targets.find((t) => t.sources.includes(origin.source));
      if (!target) return;
      const keys = metadata.map((p) => `\`${propertyName(p)}\``).join(", ");
      report(metadata[0]!, { entry: UPDATE_USER, target }, `Passing ${keys} to \`users.updateUser()\``);
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
      const target = REQ_AUTH.targets[0]!;
      report(member, { entry: REQ_AUTH, target }, `\`${object.name}.auth\` used as an object`);
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
          const entry = name ? ENV.get(name) : undefined;
          if (entry) report(parent, { entry, target: entry.targets[0]! }, `The \`${name}\` environment variable`);
        } else if (parent?.type === "VariableDeclarator" && parent.init === env && parent.id.type === "ObjectPattern") {
          for (const p of parent.id.properties) {
            const name = p.type === "Property" ? propertyName(p) : undefined;
            const entry = name ? ENV.get(name) : undefined;
            if (entry) report(p, { entry, target: entry.targets[0]! }, `The \`${name}\` environment variable`);
          }
        }
      }
    }
  },
});
