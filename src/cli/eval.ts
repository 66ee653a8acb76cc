/**
 * `clerk-guard eval <solution-dir> --case <id>`: grade an agent's solution to one of the
 * evals in evals/<id>/ without a model. Every check is deterministic: clerk-guard rules that
 * must report nothing, `tsc --strict` against the SDK types installed in the solution, and
 * structural assertions read from the source (imports, calls, JSX props, files, versions).
 * Nothing from the solution is executed, and nothing is written.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { UsageError } from "./errors.js";
import { parseOptions } from "./options.js";

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const EVALS_DIR = path.join(PACKAGE_ROOT, "evals");

export const EVAL_USAGE = `Usage: clerk-guard eval <solution-dir> --case <id> [--json]
       clerk-guard eval --list

Grades a solution (the scaffold of evals/<id>/ after an agent worked on it) with the case's
deterministic checks: clerk-guard rules, tsc --strict against the installed SDK types, and
structural assertions. Install the solution's dependencies first (npm install) so that the
type check sees the real SDK types. Nothing in the solution is executed.

Options:
  --case <id>     The eval case (see --list)
  --json          Print the result as JSON
  --list          List the cases with their titles
  -h, --help      Show this help

Exit codes: 0 every check passed, 1 a check failed, 2 usage error.`;

/** One check of grade.json. */
export type Check =
  | { id: string; type: "clerk-guard"; rules?: string[]; says?: string }
  | { id: string; type: "tsc"; says?: string }
  | { id: string; type: "file"; path: string | string[]; exists?: boolean; says?: string }
  | { id: string; type: "imports"; file: string | string[]; from: string; names: string[]; says?: string }
  | { id: string; type: "no-import"; from: string[]; file?: string | string[]; says?: string }
  | { id: string; type: "calls"; file: string | string[]; name: string; from?: string; awaited?: boolean; says?: string }
  | { id: string; type: "scoped-by-session"; file: string | string[]; methods: string[]; property: string; sessionProperty?: string; says?: string }
  | { id: string; type: "guard"; file: string | string[]; keys: string[]; says?: string }
  | { id: string; type: "jsx-attribute"; file: string | string[]; element: string; attribute: string; valueFrom?: string; says?: string }
  | { id: string; type: "dependency"; name: string; major?: number; absent?: boolean; says?: string }
  | { id: string; type: "text"; file: string | string[]; pattern: string; present: boolean; says?: string };

export interface Grade {
  title: string;
  stack: string;
  /** What the case cannot check, and why (printed with the result). */
  notes?: string;
  checks: Check[];
}

export interface CheckResult {
  id: string;
  type: Check["type"];
  says: string;
  passed: boolean;
  details: string[];
}

export interface EvalResult {
  case: string;
  notes?: string;
  solution: string;
  passed: boolean;
  checks: CheckResult[];
}

const CODE_EXT = /\.(?:[cm]?[jt]sx?)$/;
const SKIP_DIRS = new Set(["node_modules", ".next", ".git", "dist", "build", ".output", ".nuxt", ".turbo", "coverage"]);
const MAX_FILES = 5000;

/** The solution's code files (relative, "/"-separated); links are never followed. */
export function solutionFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (out.length >= MAX_FILES) return;
      if (entry.isSymbolicLink()) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && CODE_EXT.test(entry.name)) out.push(path.relative(root, full).split(path.sep).join("/"));
    }
  };
  walk(root);
  return out.sort();
}

export function loadGrade(id: string, evalsDir = EVALS_DIR): Grade {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(id)) throw new UsageError(`invalid case id '${id}'`);
  const file = path.join(evalsDir, id, "grade.json");
  if (!fs.existsSync(file)) throw new UsageError(`unknown case '${id}' (try --list)`);
  return JSON.parse(fs.readFileSync(file, "utf8")) as Grade;
}

export function listCases(evalsDir = EVALS_DIR): Array<{ id: string; title: string }> {
  if (!fs.existsSync(evalsDir)) return [];
  return fs
    .readdirSync(evalsDir)
    .filter((d) => fs.existsSync(path.join(evalsDir, d, "grade.json")))
    .sort()
    .map((id) => ({ id, title: loadGrade(id, evalsDir).title }));
}

// ---------------------------------------------------------------------------
// Source reading

interface Parsed {
  file: string;
  sf: ts.SourceFile;
}

function parseFile(root: string, rel: string): Parsed | undefined {
  const full = path.join(root, rel);
  let stat: fs.Stats;
  try {
    stat = fs.lstatSync(full);
  } catch {
    return undefined;
  }
  if (!stat.isFile() || stat.size > 1_000_000) return undefined;
  const kind = rel.endsWith("x") ? ts.ScriptKind.TSX : rel.endsWith(".js") || rel.endsWith(".mjs") || rel.endsWith(".cjs") ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  return { file: rel, sf: ts.createSourceFile(rel, fs.readFileSync(full, "utf8"), ts.ScriptTarget.Latest, true, kind) };
}

function each(node: ts.Node, visit: (n: ts.Node) => void): void {
  visit(node);
  node.forEachChild((c) => each(c, visit));
}

/** Local names bound to `name` imported from `from` (named, default or namespace member). */
function importedNames(sf: ts.SourceFile, from: string, name: string): { locals: Set<string>; namespaces: Set<string> } {
  const locals = new Set<string>();
  const namespaces = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== from) continue;
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) continue;
    if (clause.name && name === "default") locals.add(clause.name.text);
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) namespaces.add(bindings.name.text);
    if (bindings && ts.isNamedImports(bindings)) {
      for (const el of bindings.elements) if (!el.isTypeOnly && (el.propertyName ?? el.name).text === name) locals.add(el.name.text);
    }
  }
  return { locals, namespaces };
}

function calleeMatches(expr: ts.Expression, name: string, bound: { locals: Set<string>; namespaces: Set<string> } | undefined): boolean {
  if (ts.isIdentifier(expr)) return bound ? bound.locals.has(expr.text) : expr.text === name;
  if (ts.isPropertyAccessExpression(expr) && expr.name.text === name) {
    if (!bound) return true;
    return ts.isIdentifier(expr.expression) && bound.namespaces.has(expr.expression.text);
  }
  return false;
}

function isAwaited(node: ts.Node): boolean {
  let p = node.parent;
  while (p && (ts.isParenthesizedExpression(p) || ts.isAsExpression(p) || ts.isNonNullExpression(p))) p = p.parent;
  return !!p && (ts.isAwaitExpression(p) || ts.isReturnStatement(p));
}

/** Names bound from the session: `const { orgId } = await auth()` / `await auth.protect(...)` / `getAuth(...)`. */
function sessionBindings(sf: ts.SourceFile, property: string): Set<string> {
  const out = new Set<string>();
  each(sf, (n) => {
    if (!ts.isVariableDeclaration(n) || !n.initializer || !ts.isObjectBindingPattern(n.name)) return;
    let init: ts.Expression = n.initializer;
    if (ts.isAwaitExpression(init)) init = init.expression;
    if (!ts.isCallExpression(init)) return;
    const callee = init.expression;
    const isAuth =
      (ts.isIdentifier(callee) && ["auth", "getAuth"].includes(callee.text)) ||
      (ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "auth" && callee.name.text === "protect");
    if (!isAuth) return;
    for (const el of n.name.elements) {
      const key = el.propertyName && ts.isIdentifier(el.propertyName) ? el.propertyName.text : ts.isIdentifier(el.name) ? el.name.text : undefined;
      if (key === property && ts.isIdentifier(el.name)) out.add(el.name.text);
    }
  });
  return out;
}

/** Does an argument (deeply, through object literals) carry `property: <session-bound identifier>`? */
function carriesSessionProperty(node: ts.Node, property: string, bound: Set<string>): boolean {
  let found = false;
  each(node, (n) => {
    if (found) return;
    if (ts.isShorthandPropertyAssignment(n) && n.name.text === property && bound.has(n.name.text)) found = true;
    if (ts.isPropertyAssignment(n) && (ts.isIdentifier(n.name) || ts.isStringLiteral(n.name)) && n.name.text === property) {
      let v: ts.Expression = n.initializer;
      while (ts.isNonNullExpression(v) || ts.isAsExpression(v) || ts.isParenthesizedExpression(v)) v = v.expression;
      if (ts.isIdentifier(v) && bound.has(v.text)) found = true;
    }
  });
  return found;
}

// ---------------------------------------------------------------------------
// Checks

const list = (v: string | string[]): string[] => (Array.isArray(v) ? v : [v]);

function firstExisting(root: string, files: string | string[]): Parsed | undefined {
  for (const f of list(files)) {
    const p = parseFile(root, f);
    if (p) return p;
  }
  return undefined;
}

async function runLint(root: string, files: string[], rules: string[] | undefined): Promise<string[]> {
  const { analyze } = await import("../findings/analyze.js");
  const { toLintMessage } = await import("../report/eslint.js");
  const { files: results } = analyze(
    files.map((f) => path.join(root, f)),
    { config: "all", cwd: root, root },
  );
  const wanted = rules ? new Set(rules.map((r) => (r.startsWith("clerk-guard/") ? r : `clerk-guard/${r}`))) : undefined;
  const out: string[] = [];
  for (const r of results) {
    for (const m of r.findings.map(toLintMessage)) {
      if (wanted && m.ruleId && !wanted.has(m.ruleId)) continue;
      out.push(`${path.relative(root, r.filePath).split(path.sep).join("/")}:${m.line}:${m.column} ${m.ruleId ?? "parse error"}: ${m.message}`);
    }
  }
  return out;
}

let previousProgram: ts.Program | undefined;

function runTsc(root: string, files: string[]): string[] {
  const configPath = path.join(root, "tsconfig.json");
  let options: ts.CompilerOptions = {};
  if (fs.existsSync(configPath)) {
    const read = ts.readConfigFile(configPath, (p) => fs.readFileSync(p, "utf8"));
    if (read.error) return [`tsconfig.json: ${ts.flattenDiagnosticMessageText(read.error.messageText, "\n")}`];
    options = ts.parseJsonConfigFileContent(read.config, ts.sys, root).options;
  } else {
    options = { jsx: ts.JsxEmit.Preserve, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, target: ts.ScriptTarget.ES2022 };
  }
  options = { ...options, strict: true, noEmit: true, skipLibCheck: true, allowJs: true, checkJs: false, incremental: false };
  const roots = files.filter((f) => /\.(?:[cm]?ts|tsx)$/.test(f)).map((f) => path.join(root, f));
  // The previous program lends its parsed declaration files (the SDK types) when options match.
  const program = ts.createProgram({ rootNames: roots, options, oldProgram: previousProgram });
  previousProgram = program;
  const out: string[] = [];
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
    const file = d.file ? path.relative(root, d.file.fileName).split(path.sep).join("/") : "";
    out.push(`${file}${where ? `:${where.line + 1}:${where.character + 1}` : ""} TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, " ")}`);
  }
  return out;
}

function readPackageJson(root: string): { dependencies?: Record<string, string>; devDependencies?: Record<string, string> } | undefined {
  try {
    return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  } catch {
    return undefined;
  }
}

async function runCheck(root: string, files: string[], check: Check): Promise<{ passed: boolean; details: string[] }> {
  switch (check.type) {
    case "clerk-guard": {
      const findings = await runLint(root, files, check.rules);
      return { passed: findings.length === 0, details: findings };
    }
    case "tsc": {
      const errors = runTsc(root, files);
      return { passed: errors.length === 0, details: errors };
    }
    case "file": {
      const want = check.exists ?? true;
      const present = list(check.path).filter((p) => fs.existsSync(path.join(root, p)));
      const passed = want ? present.length > 0 : present.length === 0;
      return { passed, details: passed ? [] : [want ? `missing: ${list(check.path).join(" or ")}` : `present: ${present.join(", ")}`] };
    }
    case "imports": {
      const p = firstExisting(root, check.file);
      if (!p) return { passed: false, details: [`missing: ${list(check.file).join(" or ")}`] };
      const missing = check.names.filter((n) => importedNames(p.sf, check.from, n).locals.size === 0 && importedNames(p.sf, check.from, n).namespaces.size === 0);
      return { passed: missing.length === 0, details: missing.map((n) => `${p.file} does not import ${n} from "${check.from}"`) };
    }
    case "no-import": {
      const hits: string[] = [];
      for (const f of check.file ? list(check.file) : files) {
        const p = parseFile(root, f);
        if (!p) continue;
        for (const st of p.sf.statements) {
          if (ts.isImportDeclaration(st) && ts.isStringLiteral(st.moduleSpecifier) && check.from.some((m) => st.moduleSpecifier.getText().slice(1, -1) === m || st.moduleSpecifier.getText().slice(1, -1).startsWith(`${m}/`))) {
            hits.push(`${f}:${p.sf.getLineAndCharacterOfPosition(st.getStart()).line + 1} imports "${(st.moduleSpecifier as ts.StringLiteral).text}"`);
          }
        }
      }
      return { passed: hits.length === 0, details: hits };
    }
    case "calls": {
      const p = firstExisting(root, check.file);
      if (!p) return { passed: false, details: [`missing: ${list(check.file).join(" or ")}`] };
      const bound = check.from ? importedNames(p.sf, check.from, check.name) : undefined;
      const calls: ts.CallExpression[] = [];
      each(p.sf, (n) => {
        if (ts.isCallExpression(n) && calleeMatches(n.expression, check.name, bound)) calls.push(n);
      });
      if (calls.length === 0) return { passed: false, details: [`${p.file} never calls ${check.name}${check.from ? ` from "${check.from}"` : ""}`] };
      if (check.awaited && !calls.some(isAwaited)) return { passed: false, details: [`${p.file} calls ${check.name} without awaiting it`] };
      return { passed: true, details: [] };
    }
    case "scoped-by-session": {
      const p = firstExisting(root, check.file);
      if (!p) return { passed: false, details: [`missing: ${list(check.file).join(" or ")}`] };
      const bound = sessionBindings(p.sf, check.sessionProperty ?? check.property);
      const calls: ts.CallExpression[] = [];
      each(p.sf, (n) => {
        if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && check.methods.includes(n.expression.name.text)) calls.push(n);
      });
      if (calls.length === 0) return { passed: false, details: [`${p.file} never calls ${check.methods.join("/")}`] };
      const unscoped = calls.filter((c) => !c.arguments.some((a) => carriesSessionProperty(a, check.property, bound)));
      return {
        passed: unscoped.length === 0,
        details: unscoped.map((c) => `${p.file}:${p.sf.getLineAndCharacterOfPosition(c.getStart()).line + 1} ${c.expression.getText()}(…) is not scoped by the session's ${check.property}`),
      };
    }
    case "guard": {
      const p = firstExisting(root, check.file);
      if (!p) return { passed: false, details: [`missing: ${list(check.file).join(" or ")}`] };
      let found = false;
      each(p.sf, (n) => {
        if (found || !ts.isCallExpression(n)) return;
        const callee = n.expression;
        const isGuard =
          (ts.isPropertyAccessExpression(callee) && callee.name.text === "protect") || (ts.isIdentifier(callee) && callee.text === "has") || (ts.isPropertyAccessExpression(callee) && callee.name.text === "has");
        if (!isGuard) return;
        const arg = n.arguments[0];
        if (arg && ts.isObjectLiteralExpression(arg) && arg.properties.some((pr) => pr.name && ts.isIdentifier(pr.name) && check.keys.includes(pr.name.text))) found = true;
      });
      return { passed: found, details: found ? [] : [`${p.file} never checks ${check.keys.join(" or ")} with auth.protect({ … }) or has({ … })`] };
    }
    case "jsx-attribute": {
      const p = firstExisting(root, check.file);
      if (!p) return { passed: false, details: [`missing: ${list(check.file).join(" or ")}`] };
      const fromBound = check.valueFrom ? new Set([...importedNames(p.sf, check.valueFrom, attrImportName(p.sf, check.valueFrom)).locals]) : undefined;
      let sawElement = false;
      let ok = false;
      each(p.sf, (n) => {
        if (!(ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) || n.tagName.getText() !== check.element) return;
        sawElement = true;
        for (const a of n.attributes.properties) {
          if (!ts.isJsxAttribute(a) || a.name.getText() !== check.attribute) continue;
          if (!fromBound) ok = true;
          else if (a.initializer && ts.isJsxExpression(a.initializer) && a.initializer.expression && ts.isIdentifier(a.initializer.expression) && fromBound.has(a.initializer.expression.text)) ok = true;
        }
      });
      if (ok) return { passed: true, details: [] };
      return { passed: false, details: [sawElement ? `<${check.element}> has no ${check.attribute}${check.valueFrom ? ` taken from "${check.valueFrom}"` : ""}` : `${p.file} renders no <${check.element}>`] };
    }
    case "dependency": {
      const pkg = readPackageJson(root);
      const range = pkg?.dependencies?.[check.name] ?? pkg?.devDependencies?.[check.name];
      if (check.absent) return { passed: range === undefined, details: range === undefined ? [] : [`package.json still depends on ${check.name} (${range})`] };
      if (range === undefined) return { passed: false, details: [`package.json does not depend on ${check.name}`] };
      const major = /(\d+)/.exec(range)?.[1];
      const passed = check.major === undefined || Number(major) === check.major;
      return { passed, details: passed ? [] : [`${check.name} is ${range}, expected major ${check.major}`] };
    }
    case "text": {
      const re = new RegExp(check.pattern);
      const hits: string[] = [];
      for (const f of list(check.file)) {
        const full = path.join(root, f);
        if (!fs.existsSync(full) || !fs.lstatSync(full).isFile()) continue;
        fs.readFileSync(full, "utf8")
          .split("\n")
          .forEach((line, i) => {
            if (re.test(line)) hits.push(`${f}:${i + 1}: ${line.trim().slice(0, 120)}`);
          });
      }
      if (check.present) return { passed: hits.length > 0, details: hits.length > 0 ? [] : [`no match for /${check.pattern}/ in ${list(check.file).join(", ")}`] };
      return { passed: hits.length === 0, details: hits };
    }
  }
}

/** The export name a JSX value should carry when imported from `from` (its first named import). */
function attrImportName(sf: ts.SourceFile, from: string): string {
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier) || st.moduleSpecifier.text !== from) continue;
    const b = st.importClause?.namedBindings;
    if (b && ts.isNamedImports(b) && b.elements[0]) return (b.elements[0].propertyName ?? b.elements[0].name).text;
  }
  return "\0none";
}

const DEFAULT_SAYS: Record<Check["type"], string> = {
  "clerk-guard": "clerk-guard rules report nothing",
  tsc: "tsc --strict passes against the installed SDK types",
  file: "file layout",
  imports: "imports",
  "no-import": "forbidden imports absent",
  calls: "calls",
  "scoped-by-session": "queries scoped by the session",
  "jsx-attribute": "JSX attribute",
  dependency: "dependency version",
  guard: "server-side role/permission/plan check",
  text: "source text",
};

export async function gradeSolution(solution: string, id: string, evalsDir = EVALS_DIR): Promise<EvalResult> {
  const grade = loadGrade(id, evalsDir);
  const root = path.resolve(solution);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) throw new UsageError(`not a directory: ${solution}`);
  const files = solutionFiles(root);
  const checks: CheckResult[] = [];
  for (const check of grade.checks) {
    let outcome: { passed: boolean; details: string[] };
    try {
      outcome = await runCheck(root, files, check);
    } catch (error) {
      outcome = { passed: false, details: [`check failed to run: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`] };
    }
    checks.push({ id: check.id, type: check.type, says: check.says ?? DEFAULT_SAYS[check.type], ...outcome });
  }
  return { case: id, ...(grade.notes ? { notes: grade.notes } : {}), solution: root, passed: checks.every((c) => c.passed), checks };
}

export function formatEval(result: EvalResult): string {
  const lines = [`clerk-guard eval ${result.case}: ${result.solution}`];
  if (result.notes) lines.push(`  note: ${result.notes}`);
  const width = Math.max(...result.checks.map((c) => c.id.length));
  for (const c of result.checks) {
    lines.push(`  ${c.passed ? "✓" : "✗"} ${c.id.padEnd(width)}  ${c.says}`);
    if (!c.passed) for (const d of c.details.slice(0, 8)) lines.push(`      ${d}`);
    if (!c.passed && c.details.length > 8) lines.push(`      … ${c.details.length - 8} more`);
  }
  const passed = result.checks.filter((c) => c.passed).length;
  lines.push(`${passed}/${result.checks.length} checks passed`);
  return lines.join("\n");
}

export async function runEval(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, { case: { kind: "string" }, json: { kind: "boolean" }, list: { kind: "boolean" }, help: { kind: "boolean", short: "h" } });
  if (parsed.values.get("help")) {
    process.stdout.write(EVAL_USAGE + "\n");
    return 0;
  }
  if (parsed.values.get("list")) {
    for (const c of listCases()) process.stdout.write(`${c.id}  ${c.title}\n`);
    return 0;
  }
  const id = parsed.values.get("case");
  if (typeof id !== "string") throw new UsageError("--case <id> is required (try --list)");
  if (parsed.positionals.length !== 1) throw new UsageError("give exactly one solution directory");
  const result = await gradeSolution(parsed.positionals[0]!, id);
  process.stdout.write((parsed.values.get("json") ? JSON.stringify(result, null, 2) : formatEval(result)) + "\n");
  return result.passed ? 0 : 1;
}
