/**
 * Executable documentation: extract the fenced code examples of a Markdown file, lint them
 * as real files of a small project, type-check them against the real SDK types, and judge
 * each block against what its fence says. One implementation for rules/*.md, the skills and
 * CLAUDE.md (and, later, for a Markdown processor of `clerk-guard check`).
 *
 * Fence info string:
 *   ```tsx title="app/page.tsx" [wrong | wrong="rule-a,tsc"] [project="react-router3"] [group="name"]
 * - `title` is the file the block stands for (required for ts/tsx/js/jsx blocks);
 * - no `wrong`: a correct example: no finding from the `all` config and no type error;
 * - `wrong` alone (in rules/<id>.md): must be reported by that rule;
 *   `wrong="a,b"`: by each named rule; the name `tsc` means "the type checker rejects it";
 *   `wrong="none"`: a mistake that neither a rule nor the type checker catches (the text must say
 *   so); the block must then stay uncaught, so a rule that starts catching it updates the doc;
 * - `project`: the stack the block belongs to (see PROJECT_SETUPS; default next7);
 * - `group`: blocks of one Markdown file with the same group share one project directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { analyze } from "../src/findings/analyze.js";
import { type LintMessage, toLintMessage } from "../src/report/eslint.js";
import { PROJECTS, REPO } from "./helpers.js";
import { typecheckBlocks } from "./typecheck.js";

/**
 * The stacks a block can belong to: the package.json the linter sees (a fixture project or a
 * dependency list) and whether the real SDK types are installed to type-check it (or why not).
 */
export const PROJECT_SETUPS = {
  next7: { fixture: "next7", typecheck: true },
  next6: { fixture: "next6", typecheck: "@clerk/nextjs 6 (Core 2 era) types are not installed; only the current major is" },
  next5: { fixture: "next5", typecheck: "@clerk/nextjs 5 (Core 2) types are not installed; only the current major is" },
  next4: { fixture: "next4", typecheck: "@clerk/nextjs 4 types are not installed; only the current major is" },
  express2: { fixture: "express2", typecheck: true },
  plain: { fixture: "plain", typecheck: true },
  react6: { dependencies: { "@clerk/react": "^6.18.0", react: "^19.2.0", "react-dom": "^19.2.0", "react-router": "^7.9.0", vite: "^7.0.0" }, typecheck: true },
  "react-router3": { dependencies: { "@clerk/react-router": "^3.6.0", "react-router": "^7.9.0", react: "^19.2.0" }, typecheck: true },
  tanstack1: {
    dependencies: { "@clerk/tanstack-react-start": "^1.5.0", "@tanstack/react-start": "^1.167.17", "@tanstack/react-router": "^1.168.10", react: "^19.2.0" },
    typecheck: true,
  },
  nuxt3: { dependencies: { "@clerk/nuxt": "^3.0.0", nuxt: "^4.1.0", vue: "^3.5.0" }, typecheck: true },
  "nuxt3-config": {
    dependencies: { "@clerk/nuxt": "^3.0.0", nuxt: "^4.1.0", vue: "^3.5.0" },
    typecheck: "nuxt itself (the framework and its build toolchain) is not installed; nuxt.config.ts is linted only",
  },
  vue2: { dependencies: { "@clerk/vue": "^2.5.0", vue: "^3.5.0" }, typecheck: true },
  fastify3: { dependencies: { "@clerk/fastify": "^3.1.0", fastify: "^5.0.0" }, typecheck: true },
  hono: { dependencies: { "@hono/clerk-auth": "^3.1.0", "@clerk/backend": "^2.29.0", hono: "^4.0.0" }, typecheck: true },
  testing: { dependencies: { "@clerk/testing": "^2.2.0", "@playwright/test": "^1.50.0", "@clerk/nextjs": "^7.9.0", next: "^16.1.0" }, typecheck: true },
  expo: {
    dependencies: { "@clerk/expo": "^4.6.0", expo: "^55.0.0", "expo-secure-store": "^15.0.0", "react-native": "^0.83.0", react: "^19.2.0" },
    typecheck: "@clerk/expo requires expo and react-native as peers (hundreds of packages); its examples are linted, and their Clerk API was read from @clerk/expo 4.6's type declarations",
  },
  astro4: {
    dependencies: { "@clerk/astro": "^4.0.0", astro: "^5.0.0" },
    typecheck: "@clerk/astro requires astro as a peer (about 260 packages); its examples are linted, and their Clerk API was read from @clerk/astro 4.0's type declarations",
  },
  chrome3: {
    dependencies: { "@clerk/chrome-extension": "^3.1.0", react: "^19.2.0", "react-dom": "^19.2.0" },
    typecheck: "@clerk/chrome-extension pulls @clerk/clerk-js and @clerk/ui (wallet SDKs, Stripe); its examples are linted, and their Clerk API was read from @clerk/chrome-extension 3.1's type declarations",
  },
} as const satisfies Record<string, { fixture?: string; dependencies?: Record<string, string>; typecheck: true | string }>;

export type DocProject = keyof typeof PROJECT_SETUPS;

export interface CodeBlock {
  doc: string;
  /** 1-based line of the opening fence: code line n is Markdown line `line + n`. */
  line: number;
  lang: string;
  title: string | undefined;
  /** What must catch a wrong example: rule ids and/or "tsc"; empty for a correct example or `wrong="none"`. */
  wrong: string[];
  isWrong: boolean;
  /** `wrong="none"`: documented as not caught by any rule or by the type checker. */
  uncaught: boolean;
  project: DocProject;
  group: string | undefined;
  code: string;
}

const CHECKED = new Set(["ts", "tsx", "js", "jsx", "typescript", "javascript"]);

function attr(info: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(info);
  return m ? m[1] : undefined;
}

/** The fenced ts/tsx/js/jsx blocks of a Markdown text (other languages are not code the linter reads). */
export function extractBlocksFromText(doc: string, text: string, defaultRule?: string): CodeBlock[] {
  const lines = text.split(/\r?\n/);
  const out: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]+)?(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[2]!;
    const lang = (open[3] ?? "").toLowerCase();
    const info = open[4] ?? "";
    const body: string[] = [];
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trim().startsWith(fence)) body.push(lines[j++]!);
    if (CHECKED.has(lang)) {
      const wrongAttr = attr(info, "wrong");
      const bareWrong = /(^|\s)wrong(\s|$)/.test(info);
      const named = wrongAttr !== undefined ? wrongAttr.split(",").map((s) => s.trim()).filter(Boolean) : bareWrong && defaultRule ? [defaultRule] : [];
      const uncaught = named.includes("none");
      const project = attr(info, "project") ?? "next7";
      if (!(project in PROJECT_SETUPS)) throw new Error(`${doc}:${i + 1}: unknown project="${project}" (known: ${Object.keys(PROJECT_SETUPS).join(", ")})`);
      out.push({
        doc,
        line: i + 1,
        lang,
        title: attr(info, "title"),
        wrong: named.filter((n) => n !== "none"),
        isWrong: wrongAttr !== undefined || bareWrong,
        uncaught,
        project: project as DocProject,
        group: attr(info, "group"),
        code: body.join("\n") + "\n",
      });
    }
    i = j;
  }
  return out;
}

export function extractBlocks(doc: string, defaultRule?: string): CodeBlock[] {
  return extractBlocksFromText(doc, fs.readFileSync(doc, "utf8"), defaultRule);
}

function writePackageJson(dir: string, project: DocProject): void {
  const setup: { fixture?: string; dependencies?: Record<string, string> } = PROJECT_SETUPS[project];
  if (setup.fixture) fs.copyFileSync(path.join(PROJECTS, setup.fixture, "package.json"), path.join(dir, "package.json"));
  else fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `docs-${project}`, private: true, type: "module", dependencies: setup.dependencies }, null, 2));
}

export interface BlockResult {
  block: CodeBlock;
  messages: LintMessage[];
}

let tmpRoot: string | undefined;

/** Lint every block with the `all` config, each group (or lone block) in its own project directory. */
export function lintBlocks(blocks: readonly CodeBlock[]): BlockResult[] {
  tmpRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-docs-"));
  const groups = new Map<string, CodeBlock[]>();
  blocks.forEach((b, i) => {
    const key = b.group ? `${b.doc}#g:${b.group}` : `${b.doc}#b:${i}`;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  });
  const results = new Map<CodeBlock, LintMessage[]>();
  let n = 0;
  for (const list of groups.values()) {
    const dir = path.join(tmpRoot, `${path.basename(list[0]!.doc, ".md")}-${list[0]!.line}-${n++}`);
    fs.mkdirSync(dir, { recursive: true });
    writePackageJson(dir, list[0]!.project);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*", "./src/*"], "~/*": ["./app/*", "./src/*"] } } }));
    const files = list.map((b) => {
      const f = path.join(dir, b.title ?? `example-${b.line}.${b.lang}`);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, b.code);
      return f;
    });
    const { files: lint } = analyze(files, { config: "all", cwd: dir, root: dir });
    list.forEach((block, i) => results.set(block, lint.find((x) => x.filePath === files[i])?.findings.map(toLintMessage) ?? []));
  }
  return blocks.map((block) => ({ block, messages: results.get(block) ?? [] }));
}

/** Remove the temporary project directories (call from afterAll). */
export function cleanupBlocks(): void {
  if (tmpRoot) fs.rmSync(tmpRoot, { recursive: true, force: true });
  tmpRoot = undefined;
}

export interface Judged {
  block: CodeBlock;
  messages: LintMessage[];
  /** Type errors; undefined when the block's stack cannot be type-checked here (see `typecheckSkipped`). */
  typeErrors: string[] | undefined;
  /** Why the block was not type-checked, when it was not. */
  typecheckSkipped: string | undefined;
  /** What is wrong with the block as documented (empty = behaves as its fence says). */
  problems: string[];
}

export const ruleOf = (m: LintMessage): string => (m.ruleId ?? "fatal").replace(/^clerk-guard\//, "");

/**
 * The one docs-judging loop: lint and type-check every block, then hold each to its fence.
 * `knownRules` rejects wrong="…" names that are neither a rule nor `tsc`.
 */
export function judgeBlocks(blocks: readonly CodeBlock[], knownRules: ReadonlySet<string>): Judged[] {
  const linted = lintBlocks(blocks);
  const typed = new Map(typecheckBlocks(blocks).map((r) => [r.block, r]));
  return linted.map(({ block, messages }) => {
    const t = typed.get(block)!;
    const problems: string[] = [];
    const typeErrors = t.skipped ? undefined : t.errors;
    if (!block.title) problems.push("has no title=\"path\"");
    const fatal = messages.filter((m) => m.fatal);
    if (fatal.length) problems.push(`does not parse:\n${formatMessages(fatal)}`);
    else if (block.isWrong) {
      if (block.wrong.length === 0 && !block.uncaught) problems.push("is marked wrong but names nothing that catches it (wrong=\"rule,tsc\" or wrong=\"none\")");
      const found = new Set(messages.map(ruleOf));
      for (const r of block.wrong) {
        if (r === "tsc") {
          if (!typeErrors) problems.push(`claims the type checker rejects it, but it cannot be type-checked here (${t.skipped})`);
          else if (typeErrors.length === 0) problems.push("should be rejected by the type checker; it type-checks");
        } else if (!knownRules.has(r)) problems.push(`names an unknown rule '${r}'`);
        else if (!found.has(r)) problems.push(`should be reported by ${r}; got:\n${formatMessages(messages)}`);
      }
      if (block.uncaught) {
        if (messages.length > 0) problems.push(`is documented as not caught by any rule, but is reported:\n${formatMessages(messages)}`);
        if (typeErrors && typeErrors.length > 0) problems.push(`is documented as not caught, but the type checker rejects it:\n  ${typeErrors.join("\n  ")}`);
      }
    } else {
      if (messages.length > 0) problems.push(`should pass every rule; got:\n${formatMessages(messages)}`);
      if (typeErrors && typeErrors.length > 0) problems.push(`should type-check; got:\n  ${typeErrors.join("\n  ")}`);
    }
    return { block, messages, typeErrors, typecheckSkipped: t.skipped, problems };
  });
}

/** The problems of judged blocks as one readable list ("" when every block behaves as documented). */
export function formatProblems(judged: readonly Judged[]): string[] {
  return judged.flatMap((j) => j.problems.map((p) => `${describeBlock(j.block)} ${p}`));
}

export function relativeDoc(doc: string): string {
  return path.relative(REPO, doc).split(path.sep).join("/");
}

export function describeBlock(b: CodeBlock): string {
  return `${relativeDoc(b.doc)}:${b.line} (${b.title ?? "untitled"})`;
}

/** A finding at its Markdown position: `doc.md:line:column rule: message`. */
export function markdownFinding(b: CodeBlock, m: LintMessage): string {
  return `${relativeDoc(b.doc)}:${b.line + m.line}:${m.column} ${ruleOf(m)}: ${m.message}`;
}

export function formatMessages(messages: readonly LintMessage[]): string {
  return messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "fatal"}: ${m.message}`).join("\n") || "(none)";
}
