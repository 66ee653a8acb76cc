/**
 * Add clerk-guard to the project's flat ESLint config when the edit is safe:
 * an ES module config whose default export is an array literal or a
 * defineConfig(...) / tseslint.config(...) call, directly or through one
 * `const`. The file is read with ts-morph; the edit is two insertions (the
 * import after the last import, the config after the last element), so the
 * rest of the file keeps its formatting, and the result must parse. In every
 * other case init prints the two lines to add by hand.
 */
import fs from "node:fs";
import path from "node:path";
import type { Node as TsNode } from "ts-morph";
import { type Action, type InitContext, display, target } from "./plan.js";

export const CONFIG_NAMES = ["eslint.config.js", "eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mts", "eslint.config.cts"];
const LEGACY = [".eslintrc", ".eslintrc.js", ".eslintrc.cjs", ".eslintrc.json", ".eslintrc.yml", ".eslintrc.yaml"];
const IDENT = "clerkGuard";
const ELEMENT = `${IDENT}.configs.recommended`;

export const MANUAL_LINES = [`import ${IDENT} from "clerk-guard";`, `${ELEMENT}, // last entry of the exported config array`];

interface Edit {
  at: number;
  text: string;
}

type Result = { text: string } | { reason: string };

/** Compute the edited config text, or why it cannot be edited safely. */
export async function addToConfig(text: string, fileName: string): Promise<Result> {
  const { Project, Node, SyntaxKind } = await import("ts-morph");
  const isTs = /\.[cm]?ts$/.test(fileName);
  const project = new Project({ useInMemoryFileSystem: true, compilerOptions: { allowJs: true } });
  const parse = (source: string) => project.createSourceFile(isTs ? "/eslint.config.ts" : "/eslint.config.js", source, { overwrite: true });
  const hasSyntaxErrors = (sf: ReturnType<typeof parse>) => ((sf.compilerNode as unknown as { parseDiagnostics?: unknown[] }).parseDiagnostics ?? []).length > 0;
  const sf = parse(text);
  if (hasSyntaxErrors(sf)) return { reason: "it does not parse" };
  if (sf.getDescendantsOfKind(SyntaxKind.Identifier).some((id) => id.getText() === IDENT)) return { reason: `it already uses the name ${IDENT}` };
  const exported = sf.getExportAssignments().find((e) => !e.isExportEquals());
  if (!exported) return { reason: "it has no `export default` (a CommonJS config?)" };

  const unwrap = (node: TsNode): TsNode => {
    let n = node;
    while (Node.isParenthesizedExpression(n) || Node.isAsExpression(n) || Node.isSatisfiesExpression(n)) n = n.getExpression();
    return n;
  };
  let value = unwrap(exported.getExpression());
  if (Node.isIdentifier(value)) {
    const decl = sf.getVariableDeclaration(value.getText());
    const init = decl?.getInitializer();
    if (!decl || !init || decl.getVariableStatement()?.getDeclarationKind() !== "const") return { reason: "its default export is not a config array" };
    value = unwrap(init);
  }
  let list: TsNode[];
  let close: number; // position of the closing bracket or parenthesis
  if (Node.isArrayLiteralExpression(value)) {
    list = value.getElements();
    close = value.getEnd() - 1;
  } else if (Node.isCallExpression(value)) {
    const callee = value.getExpression().getText();
    if (!/^(defineConfig|[A-Za-z_$][\w$]*\.config)$/.test(callee)) return { reason: `its default export is a call to ${callee}()` };
    const args = value.getArguments();
    const only = args.length === 1 ? unwrap(args[0]!) : undefined;
    if (only && Node.isArrayLiteralExpression(only)) {
      list = only.getElements();
      close = only.getEnd() - 1;
    } else {
      list = args;
      close = value.getEnd() - 1;
    }
  } else return { reason: "its default export is not a config array" };

  const edits: Edit[] = [];
  // the config entry, after the last element (keeping a trailing comma style)
  if (list.length === 0) edits.push({ at: close, text: ELEMENT });
  else {
    const last = list[list.length - 1]!;
    const between = text.slice(last.getEnd(), close);
    const multiline = text.slice(list[0]!.getPos(), close).includes("\n");
    const lineStart = text.lastIndexOf("\n", last.getStart()) + 1;
    const indent = /^[ \t]*/.exec(text.slice(lineStart))![0];
    const comma = between.indexOf(",");
    if (comma !== -1) edits.push({ at: last.getEnd() + comma + 1, text: multiline ? `\n${indent}${ELEMENT},` : ` ${ELEMENT},` });
    else edits.push({ at: last.getEnd(), text: multiline ? `,\n${indent}${ELEMENT}` : `, ${ELEMENT}` });
  }
  // the import, after the last import (same quotes and semicolons)
  const imports = sf.getImportDeclarations();
  const quote = imports[0]?.getModuleSpecifier().getText().startsWith("'") ? "'" : '"';
  const semi = imports.length === 0 || imports[imports.length - 1]!.getText().trimEnd().endsWith(";") ? ";" : "";
  const importLine = `import ${IDENT} from ${quote}clerk-guard${quote}${semi}`;
  if (imports.length > 0) edits.push({ at: imports[imports.length - 1]!.getEnd(), text: `\n${importLine}` });
  else edits.push({ at: 0, text: `${importLine}\n\n` });

  let out = text;
  for (const e of edits.sort((a, b) => b.at - a.at)) out = out.slice(0, e.at) + e.text + out.slice(e.at);
  if (hasSyntaxErrors(parse(out))) return { reason: "the edited file would not parse" };
  return { text: out };
}

export async function planEslint(ctx: InitContext): Promise<Action[]> {
  const found = CONFIG_NAMES.map((n) => path.join(ctx.project, n)).find((f) => fs.existsSync(f));
  if (!found) {
    const legacy = LEGACY.find((n) => fs.existsSync(path.join(ctx.project, n)));
    return [
      {
        kind: "manual",
        target: legacy ?? "eslint.config.*",
        summary: legacy
          ? "legacy .eslintrc config: clerk-guard's ESLint plugin needs a flat config (ESLint 9.15+); once migrated, add:"
          : "no flat ESLint config here; to run the rules in your editor and `eslint`, add to your eslint.config.mjs:",
        details: MANUAL_LINES,
      },
    ];
  }
  const name = display(ctx, found);
  const t = target(ctx, found);
  const text = t.content ?? "";
  if (/["']clerk-guard["']/.test(text)) return [{ kind: "unchanged", target: name, summary: "already uses clerk-guard" }];
  if (/\.cjs$|\.cts$/.test(found)) return [{ kind: "manual", target: name, summary: "a CommonJS config is not edited automatically; add (with require in place of import):", details: MANUAL_LINES }];
  const result = await addToConfig(text, found);
  if ("reason" in result) return [{ kind: "manual", target: name, summary: `not edited automatically (${result.reason}); add:`, details: MANUAL_LINES }];
  return [{ kind: "update", target: name, summary: `import clerk-guard and add ${ELEMENT}`, writes: [{ file: t.path, content: result.text }] }];
}
