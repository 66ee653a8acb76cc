/**
 * What no-legacy-api looks for in imports, each a check over the linted file that
 * reports through the rule's `report` (which decides removed / deprecated /
 * unsupported from the table and the installed version): legacy package imports,
 * legacy exports (named, namespace, re-exported), and legacy props on the Clerk
 * components they give. Usage shapes are in usage.ts.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../../analysis/ast.js";
import type { FileFacts } from "../../analysis/file-facts.js";
import type { ImportBinding } from "../../analysis/imports.js";
import { type LegacyHit, legacyExportsOf, legacyPackage, legacyPropsOf } from "../../analysis/legacy-api-table.js";
import { tokenBefore } from "../../analysis/tokens.js";
import { type Suggestion, legacyFixes } from "./fixes.js";

type SourceCode = Readonly<TSESLint.SourceCode>;
export type Report = (node: Node, hit: LegacyHit, what: string, extra?: { fix?: TSESLint.ReportFixFunction | null; suggest?: Suggestion[] }) => boolean;


/** Imports of legacy packages and exports, and legacy props on the components they give. */
export function importChecks(facts: FileFacts, sourceCode: SourceCode, report: Report) {
  const { packageSuggestion, showFix, protectSuggestion } = legacyFixes(facts, sourceCode);
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
        const hit = source === undefined ? undefined : legacyPackage(source);
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

    // ── named exports (specifiers, namespaces, re-exports) ─────────────────

    function checkExports(program: TSESTree.Program, packageReported: Set<string>): void {
      for (const b of facts.imports.bindings) {
        const byName = legacyExportsOf(b.source);
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
        // in a component's script the template's uses are out of sight: no rewrite of half of them
        if (facts.sfcPart) report(node, hit, what);
        else if (hit.entry.showWhen) report(node, hit, what, { fix: showFix(b, hit.entry.showWhen) });
        else if (hit.entry.id === "protect-component") report(node, hit, what, { suggest: protectSuggestion(b) });
        else report(node, hit, what);
      }
      for (const statement of program.body) {
        if (statement.type !== "ExportNamedDeclaration" || !statement.source || statement.exportKind === "type") continue;
        const byName = legacyExportsOf(statement.source.value);
        if (!byName) continue;
        for (const spec of statement.specifiers) {
          if (spec.exportKind === "type") continue;
          const local = spec.local.type === "Identifier" ? spec.local.name : String(spec.local.value);
          const hit = byName.get(local);
          if (hit) report(spec, hit, `\`${local}\` re-exported from "${statement.source.value}"`);
        }
      }
    }

    function checkNamespace(b: ImportBinding, byName: ReadonlyMap<string, LegacyHit>): void {
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

    // ── props on Clerk components ──────────────────────────────────────────

    function checkProps(): void {
      for (const b of facts.imports.bindings) {
        const byComponent = legacyPropsOf(b.source);
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

    function checkProp(element: TSESTree.JSXOpeningElement, attr: TSESTree.JSXAttribute, component: string, hit: LegacyHit): void {
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
          const before = tokenBefore({ filename: facts.filename, sourceCode }, attr);
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

  return { checkPackages, checkExports, checkProps };
}
