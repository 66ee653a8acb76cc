import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import { NEXT_SERVER, NEXT_SERVER_HELPERS_MOVED_IN_V5, NEXT_V5_ONLY_SERVER_HELPERS } from "../analysis/clerk-api.js";
import { getFacts } from "../analysis/file-facts.js";
import { tokenAfter } from "../analysis/tokens.js";
import { createRule } from "../util/create-rule.js";

const ROOT = "@clerk/nextjs";
const SERVER = NEXT_SERVER;

type Specifier = TSESTree.ImportClause | TSESTree.ExportSpecifier;

export default createRule({
  name: "no-server-helpers-from-root",
  meta: {
    type: "problem",
    fixable: "code",
    docs: {
      description: "Import server helpers from @clerk/nextjs/server, not the package root (v5+)",
      config: "recommended",
      severity: "high",
      versions: "@clerk/nextjs >= 5",
      frameworks: ["next"],
      fix: "import { auth, currentUser } from '@clerk/nextjs/server'",
    },
    messages: {
      fromRoot:
        "{{names}} {{verb}} not exported by the \"@clerk/nextjs\" root since @clerk/nextjs 5 (this project has {{major}}); at runtime the import is undefined. Import from \"@clerk/nextjs/server\".",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.importsFrom((s) => s === ROOT)) return {};
    const major = facts.major(ROOT);
    if (major === undefined || major < 5) return {};
    const sourceCode = context.sourceCode;
    const isHelper = (name: string): boolean => NEXT_SERVER_HELPERS_MOVED_IN_V5.has(name) || (major < 6 && NEXT_V5_ONLY_SERVER_HELPERS.has(name));

    const report = (node: TSESTree.Node, names: string[], fix?: TSESLint.ReportFixFunction) => {
      const list = names.map((n) => `\`${n}\``).join(", ");
      context.report({
        node,
        messageId: "fromRoot",
        data: { names: list, verb: names.length === 1 ? "is" : "are", major: String(major) },
        fix,
      });
    };

    return {
      Program(program) {
        for (const statement of program.body) {
          if (statement.type === "ImportDeclaration" && statement.source.value === ROOT && statement.importKind !== "type") {
            checkImport(statement);
          } else if (statement.type === "ExportNamedDeclaration" && statement.source?.value === ROOT && statement.exportKind !== "type") {
            checkReExport(statement);
          }
        }
        // `const { auth } = require("@clerk/nextjs")`, `await import(...)`, `import * as clerk` + `clerk.auth`: report, no fix.
        for (const b of facts.imports.bindings) {
          if (b.source !== ROOT || b.kind === "static" || b.typeOnly || !isHelper(b.imported)) continue;
          report(b.id, [b.imported]);
        }
        for (const use of facts.uses({ sources: [ROOT] })) {
          if (use.binding.imported === "*" && isHelper(use.exportName)) report(use.node, [use.exportName]);
        }
      },
    };

    function checkImport(decl: TSESTree.ImportDeclaration): void {
      const named = decl.specifiers.filter((s): s is TSESTree.ImportSpecifier => s.type === "ImportSpecifier");
      const moved = named.filter((s) => s.importKind !== "type" && isHelper(importedName(s)));
      if (moved.length === 0) return;
      const names = moved.map(importedName);
      report(moved[0]!, names, (fixer) => {
        if (moved.length === decl.specifiers.length) {
          return fixer.replaceText(decl.source, quote(decl.source, SERVER));
        }
        const semi = sourceCode.getText(decl).trimEnd().endsWith(";") ? ";" : "";
        const text = moved.map((s) => sourceCode.getText(s)).join(", ");
        return [
          ...removeSpecifiers(fixer, decl.specifiers, named, new Set(moved)),
          fixer.insertTextAfter(decl, `\nimport { ${text} } from ${quote(decl.source, SERVER)}${semi}`),
        ];
      });
    }

    function checkReExport(decl: TSESTree.ExportNamedDeclaration): void {
      const moved = decl.specifiers.filter((s) => s.exportKind !== "type" && isHelper(localName(s)));
      if (moved.length === 0 || !decl.source) return;
      const source = decl.source;
      report(moved[0]!, moved.map(localName), (fixer) => {
        if (moved.length === decl.specifiers.length) return fixer.replaceText(source, quote(source, SERVER));
        const semi = sourceCode.getText(decl).trimEnd().endsWith(";") ? ";" : "";
        const text = moved.map((s) => sourceCode.getText(s)).join(", ");
        return [
          ...removeSpecifiers(fixer, decl.specifiers, decl.specifiers, new Set(moved)),
          fixer.insertTextAfter(decl, `\nexport { ${text} } from ${quote(source, SERVER)}${semi}`),
        ];
      });
    }

    /**
     * Remove `moved` from a specifier list, keeping the others and their formatting.
     * `all` is every specifier of the declaration (a default import may precede the braces);
     * `inBraces` the ones between `{ }`.
     */
    function removeSpecifiers(
      fixer: TSESLint.RuleFixer,
      all: readonly Specifier[],
      inBraces: readonly Specifier[],
      moved: ReadonlySet<Specifier>,
    ): TSESLint.RuleFix[] {
      const fixes: TSESLint.RuleFix[] = [];
      const keptInBraces = inBraces.filter((s) => !moved.has(s));
      if (keptInBraces.length === 0) {
        // `import Default, { auth } from …` → `import Default from …`
        const before = all.filter((s) => !inBraces.includes(s)).at(-1);
        const last = inBraces.at(-1)!;
        const close = tokenAfter(context, last, (t) => t.value === "}");
        if (before && close) fixes.push(fixer.removeRange([before.range[1], close.range[1]]));
        return fixes;
      }
      let i = 0;
      while (i < inBraces.length) {
        if (!moved.has(inBraces[i]!)) {
          i++;
          continue;
        }
        let j = i;
        while (j + 1 < inBraces.length && moved.has(inBraces[j + 1]!)) j++;
        const next = inBraces[j + 1];
        const prev = inBraces[i - 1];
        if (next) fixes.push(fixer.removeRange([inBraces[i]!.range[0], next.range[0]]));
        else if (prev) fixes.push(fixer.removeRange([prev.range[1], inBraces[j]!.range[1]]));
        i = j + 1;
      }
      return fixes;
    }
  },
});

function importedName(s: TSESTree.ImportSpecifier): string {
  return s.imported.type === "Identifier" ? s.imported.name : String(s.imported.value);
}

function localName(s: TSESTree.ExportSpecifier): string {
  return s.local.type === "Identifier" ? s.local.name : String(s.local.value);
}

function quote(literal: TSESTree.StringLiteral, value: string): string {
  const q = literal.raw.startsWith("'") ? "'" : '"';
  return `${q}${value}${q}`;
}
