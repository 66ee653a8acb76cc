/**
 * Suggestion fixes shared by rules: edits that add a Clerk check to a function.
 * Offered as suggestions, never autofixes: they change who may call an endpoint.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import type { FunctionNode, Node } from "../analysis/ast.js";
import type { Module } from "../analysis/module.js";

/**
 * Suggestion: start the function with `await auth.protect()` (v6+) or
 * `auth().protect()` (v5), importing `auth` from "@clerk/nextjs/server" when needed.
 * Undefined when it cannot be inserted safely (concise arrow body, `auth` taken).
 */
export function protectSuggestionFix(
  facts: Module,
  sourceCode: TSESLint.SourceCode,
  fn: FunctionNode,
  major: number,
): TSESLint.ReportFixFunction | undefined {
  if (major < 5 || fn.body.type !== "BlockStatement") return undefined;
  const existing = facts.bindings({ sources: ["@clerk/nextjs/server"], exports: ["auth"] }).find((b) => !b.typeOnly && b.imported === "auth");
  let local = existing?.local;
  let importText: string | undefined;
  if (!local) {
    const moduleScope = sourceCode.scopeManager?.globalScope?.childScopes.find((s) => s.type === "module") ?? sourceCode.scopeManager?.globalScope;
    if (!moduleScope || moduleScope.set.has("auth") || sourceCode.scopeManager?.globalScope?.through.some((r) => r.identifier.name === "auth")) {
      return undefined;
    }
    local = "auth";
    const firstImport = sourceCode.ast.body.find((st) => st.type === "ImportDeclaration");
    const importSemi = !firstImport || sourceCode.getText(firstImport).trimEnd().endsWith(";");
    importText = `import { auth } from "@clerk/nextjs/server"${importSemi ? ";" : ""}\n`;
  }
  const firstStatement = fn.body.body.find((st) => !(st.type === "ExpressionStatement" && typeof st.directive === "string"));
  const semi = !firstStatement || sourceCode.getText(firstStatement).trimEnd().endsWith(";") || firstStatement.type === "IfStatement";
  const call = (major >= 6 ? `await ${local}.protect()` : `${local}().protect()`) + (semi ? ";" : "");
  if (major >= 6 && !fn.async) return undefined;
  const body = fn.body;
  let anchor: Node | undefined;
  for (const st of body.body) {
    if (st.type === "ExpressionStatement" && typeof st.directive === "string") anchor = st;
    else break;
  }
  const first = body.body.find((st) => st !== anchor && !(st.type === "ExpressionStatement" && typeof st.directive === "string"));
  const indent = first ? " ".repeat(first.loc.start.column) : " ".repeat(fn.loc.start.column + 2);
  const program = sourceCode.ast;
  return (fixer) => {
    const fixes = [];
    if (anchor) fixes.push(fixer.insertTextAfter(anchor, `\n${indent}${call}`));
    else fixes.push(fixer.insertTextAfterRange([body.range[0], body.range[0] + 1], `\n${indent}${call}`));
    if (importText) {
      const imports = program.body.filter((st) => st.type === "ImportDeclaration");
      const lastImport = imports[imports.length - 1];
      if (lastImport) fixes.push(fixer.insertTextAfter(lastImport, `\n${importText.trimEnd()}`));
      else {
        let lastDirective: Node | undefined;
        for (const st of program.body) {
          if (st.type === "ExpressionStatement" && typeof st.directive === "string") lastDirective = st;
          else break;
        }
        if (lastDirective) fixes.push(fixer.insertTextAfter(lastDirective, `\n\n${importText.trimEnd()}`));
        else fixes.push(fixer.insertTextBeforeRange([0, 0], importText));
      }
    }
    return fixes;
  };
}

/** The "start the function with a Clerk check" suggestion, ready for `context.report({ suggest })`. */
export function protectSuggestions(facts: Module, sourceCode: TSESLint.SourceCode, fn: FunctionNode, major: number): Array<{ messageId: "addProtect"; data: { call: string }; fix: TSESLint.ReportFixFunction }> {
  const fix = protectSuggestionFix(facts, sourceCode, fn, major);
  return fix ? [{ messageId: "addProtect", data: { call: major >= 6 ? "await auth.protect()" : "auth().protect()" }, fix }] : [];
}
