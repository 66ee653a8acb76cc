/**
 * The fixes and suggestions of no-legacy-api: `<SignedIn>`/`<SignedOut>` → `<Show when>`
 * (autofix, only when every use is a JSX element and no name clashes), `<Protect>` →
 * `<Show>` (suggestion: it only hides UI), Core 2 hooks from the `/legacy` entry, and the
 * Core 3 name of a renamed package.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import type { Node } from "../../analysis/ast.js";
import type { FileFacts } from "../../analysis/file-facts.js";
import { type ImportBinding, splitPackage } from "../../analysis/imports.js";
import { type LegacyEntry, legacyCheck, legacyExportsOf } from "../../analysis/legacy-api-table.js";
import { tokenAfter, tokenBefore } from "../../analysis/tokens.js";

type Fixer = TSESLint.RuleFixer;
type Fix = TSESLint.RuleFix;
type Reference = TSESLint.Scope.Reference;
type Scope = TSESLint.Scope.Scope;
type Variable = TSESLint.Scope.Variable;
type SourceCode = Readonly<TSESLint.SourceCode>;
export type Suggestion = { desc: string; fix: TSESLint.ReportFixFunction };

/** Props `<Show>` shares with `<Protect>`; any other prop blocks the Protect suggestion. */
const PROTECT_CONDITIONS = new Set(["role", "permission", "feature", "plan", "condition"]);
const PROTECT_KEPT = new Set(["fallback", "treatPendingAsSignedOut"]);
const HOOKS = () => legacyCheck("core2-hook-result");

export function legacyFixes(facts: FileFacts, sourceCode: SourceCode) {
  const tokenContext = { filename: facts.filename, sourceCode };
    function packageSuggestion(entry: LegacyEntry, literal: TSESTree.Literal): Suggestion[] {
      // the first replacement the project can use: a major it installs, or a package it depends on
      const to = entry.importInstead?.find((r) => (r.minMajor !== undefined ? (facts.major(r.pkg) ?? 0) >= r.minMajor : facts.project.dependencies.has(r.pkg)))?.to;
      if (!to) return [];
      const quote = literal.raw.startsWith("'") ? "'" : '"';
      // a subpath keeps its entry under the new name (`@clerk/clerk-expo/token-cache` → `@clerk/expo/token-cache`)
      const entryPath = splitPackage(String(literal.value))?.entry;
      const replacement = `${quote}${to}${entryPath ? `/${entryPath}` : ""}${quote}`;
      return [{ desc: `Import from ${replacement.replace(/'/g, '"')} instead.`, fix: (fixer) => fixer.replaceText(literal, replacement) }];
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
          if (x.source !== b.source || legacyExportsOf(x.source)?.get(x.imported)?.entry.showWhen === undefined) return false;
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
      const after = tokenAfter(tokenContext, spec);
      if (after && after.value === ",") {
        const next = tokenAfter(tokenContext, after);
        return [fixer.removeRange([spec.range[0], next ? next.range[0] : after.range[1]])];
      }
      const before = tokenBefore(tokenContext, spec);
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

    function protectSuggestion(b: ImportBinding): Suggestion[] {
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

    function legacyImportSuggestion(b: ImportBinding): Suggestion[] {
      const spec = b.id.parent as TSESTree.ImportSpecifier;
      const decl = spec.parent as TSESTree.ImportDeclaration;
      const legacySource = `${b.source}/legacy`;
      const quote = decl.source.raw.startsWith("'") ? "'" : '"';
      const onlyHooks = decl.specifiers.every((s) => s.type === "ImportSpecifier" && s.imported.type === "Identifier" && HOOKS().names.includes(s.imported.name));
      const fix: TSESLint.ReportFixFunction = onlyHooks
        ? (fixer) => fixer.replaceText(decl.source, `${quote}${legacySource}${quote}`)
        : (fixer) => [...removeSpecifier(fixer, spec), fixer.insertTextAfter(decl, `\nimport { ${sourceCode.getText(spec)} } from ${quote}${legacySource}${quote};`)];
      return [{ desc: `Import \`${b.imported}\` from "${legacySource}" (the Core 2 API).`, fix }];
    }

    return { packageSuggestion, showFix, protectSuggestion, legacyImportSuggestion, removeSpecifier, isStaticValueSpecifier };
}
