/**
 * Endpoints a request can reach directly: server actions (`'use server'` module
 * exports and inline `'use server'` functions) and App Router route handlers.
 * Plus the plumbing protect-server-actions and protect-route-handlers share:
 * resolving same-file helpers, describing a write, and the "add auth.protect()"
 * suggestion.
 */
import type { TSESLint, TSESTree } from "@typescript-eslint/utils";
import path from "node:path";
import { type FunctionNode, type Node, isFunction, unwrap, walk } from "../ast.js";
import { functionDirectives } from "../directives.js";
import type { FileFacts } from "../file-facts.js";
import { getProjectIndex } from "../project/index.js";
import { type AuthEnv, type UnguardedWrite, analyzeFunction, checkedBefore, fileEnv } from "./auth-checks.js";

export interface Endpoint {
  fn: FunctionNode;
  /** What to report on: the exported name, or the function head. */
  reportNode: Node;
  name: string;
  /** An inline `'use server'` function (closures may carry a check made before it). */
  inline: boolean;
}

function asFunction(node: Node | null | undefined): FunctionNode | undefined {
  if (!node) return undefined;
  const n = unwrap(node);
  return isFunction(n) ? n : undefined;
}

/** Exported async functions of a `'use server'` module; wrapped exports (`action(async …)`) are skipped. */
export function exportedServerActions(program: TSESTree.Program): Endpoint[] {
  const topLevel = new Map<string, FunctionNode>();
  for (const st of program.body) {
    const decl = st.type === "ExportNamedDeclaration" ? st.declaration : st;
    if (decl?.type === "FunctionDeclaration" && decl.id) topLevel.set(decl.id.name, decl);
    if (decl?.type === "VariableDeclaration") {
      for (const d of decl.declarations) {
        const fn = asFunction(d.init);
        if (d.id.type === "Identifier" && fn) topLevel.set(d.id.name, fn);
      }
    }
  }
  const out: Endpoint[] = [];
  const add = (fn: FunctionNode | undefined, reportNode: Node, name: string) => {
    if (fn && fn.async && !out.some((e) => e.fn === fn)) out.push({ fn, reportNode, name, inline: false });
  };
  for (const st of program.body) {
    if (st.type === "ExportNamedDeclaration" && st.declaration) {
      const decl = st.declaration;
      if (decl.type === "FunctionDeclaration" && decl.id) add(decl, decl.id, decl.id.name);
      if (decl.type === "VariableDeclaration") {
        for (const d of decl.declarations) if (d.id.type === "Identifier") add(asFunction(d.init), d.id, d.id.name);
      }
    } else if (st.type === "ExportNamedDeclaration" && !st.source) {
      for (const spec of st.specifiers) {
        if (spec.local.type !== "Identifier") continue;
        const exported = spec.exported.type === "Identifier" ? spec.exported.name : String(spec.exported.value);
        add(topLevel.get(spec.local.name), spec.exported, exported);
      }
    } else if (st.type === "ExportDefaultDeclaration") {
      const d = st.declaration as Node;
      if (d.type === "Identifier") add(topLevel.get(d.name), d, "default");
      else {
        const fn = asFunction(d);
        if (fn) add(fn, fn.type !== "ArrowFunctionExpression" && fn.id ? fn.id : st, fn.type !== "ArrowFunctionExpression" && fn.id ? fn.id.name : "default");
      }
    }
  }
  return out;
}

/** Functions with their own `'use server'` directive (inline server actions). */
export function inlineServerActions(program: TSESTree.Program): Endpoint[] {
  const out: Endpoint[] = [];
  walk(program, (node) => {
    if (!isFunction(node) || !functionDirectives(node).has("use server")) return undefined;
    const parent = node.parent;
    let name = "(inline server action)";
    let reportNode: Node = node;
    if (node.type !== "ArrowFunctionExpression" && node.id) {
      name = node.id.name;
      reportNode = node.id;
    } else if (parent?.type === "VariableDeclarator" && parent.id.type === "Identifier") {
      name = parent.id.name;
      reportNode = parent.id;
    } else if (node.body.type === "BlockStatement" && node.body.body[0]) {
      reportNode = node.body.body[0];
    }
    out.push({ fn: node, reportNode, name, inline: true });
    return undefined;
  });
  return out;
}

/** Resolve a callee to a top-level function of the linted file (scope-aware). */
export function localFunctionResolver(facts: FileFacts): (callee: TSESTree.Identifier) => FunctionNode | undefined {
  return (callee) => {
    const variable = facts.resolveVariable(callee);
    if (!variable || (variable.scope.type !== "module" && variable.scope.type !== "global")) return undefined;
    const def = variable.defs[0];
    if (!def) return undefined;
    if (def.node.type === "FunctionDeclaration") return def.node;
    if (def.node.type === "VariableDeclarator" && def.node.init) {
      const init = unwrap(def.node.init);
      if (isFunction(init)) return init;
      // const requireUser = cache(async () => { ... })
      if (init.type === "CallExpression") return init.arguments.map((a) => unwrap(a)).find((a): a is FunctionNode => isFunction(a));
    }
    return undefined;
  };
}

/** The auth environment of the linted file: its provenance, same-file helpers and imported helpers. */
export function authEnvFor(facts: FileFacts): AuthEnv {
  return fileEnv({
    index: getProjectIndex(facts.project.root),
    file: path.resolve(facts.filename),
    prov: facts,
    program: facts.program,
    localFunction: localFunctionResolver(facts),
  });
}

/** Unguarded writes of an endpoint (nested `'use server'` functions are endpoints of their own). */
export function unguardedWrites(endpoint: Endpoint, env: AuthEnv): UnguardedWrite[] {
  const facts = analyzeFunction(endpoint.fn, env, (f) => f !== endpoint.fn && functionDirectives(f).has("use server"));
  if (facts.unguarded.length === 0) return [];
  if (endpoint.inline && checkedBefore(endpoint.fn, env)) return [];
  return facts.unguarded;
}

/** `db.project.update(…)`, `` sql`…` ``, `fetch(…)`: a short label for a write. */
export function describeWrite(node: Node, sourceCode: TSESLint.SourceCode): string {
  let text: string;
  if (node.type === "CallExpression") text = `${sourceCode.getText(node.callee)}(…)`;
  else if (node.type === "TaggedTemplateExpression") text = `${sourceCode.getText(node.tag)}\`…\``;
  else text = sourceCode.getText(node);
  text = text.replace(/\s+/g, " ");
  return text.length > 70 ? `${text.slice(0, 67)}…` : text;
}

/** The message fragment naming the first unguarded write (and the helper chain it goes through). */
export function writeSummary(write: UnguardedWrite, sourceCode: TSESLint.SourceCode): string {
  const label = `\`${describeWrite(write.node, sourceCode)}\` on line ${write.node.loc.start.line}`;
  return write.chain && write.chain.length ? `${label}, which writes in ${write.chain.join(" → ")}` : label;
}

/**
 * Suggestion: start the function with `await auth.protect()` (v6+) or
 * `auth().protect()` (v5), importing `auth` from "@clerk/nextjs/server" when needed.
 * Undefined when it cannot be inserted safely (concise arrow body, `auth` taken).
 */
export function protectSuggestionFix(
  facts: FileFacts,
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
