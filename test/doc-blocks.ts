/**
 * Executable documentation: extract the fenced code examples of a Markdown file, lint them
 * through `clerk-guard check`'s own pipeline and Markdown processor (src/markdown, one
 * implementation for users' docs and ours), type-check them against the real SDK types, and
 * judge each block against what its fence says. Used for rules/*.md, the skills and CLAUDE.md.
 *
 * Fence info string:
 *   ```tsx title="app/page.tsx" [wrong | wrong="rule-a,tsc"] [project="react-router3"] [group="name"]
 * - `title` is the file the block stands for (required for ts/tsx/js/jsx blocks);
 * - no `wrong`: a correct example: no finding from the `all` config and no type error;
 * - `wrong` alone (in rules/<id>.md): must be reported by that rule;
 *   `wrong="a,b"`: by each named rule; the name `tsc` means "the type checker rejects it";
 *   `wrong="none"`: a mistake that neither a rule nor the type checker catches (the text must say
 *   so); the block must then stay uncaught, so a rule that starts catching it updates the doc;
 * - `project`: the stack the block belongs to (src/markdown/stacks.ts; default next7);
 * - `group`: blocks of one Markdown file with the same group share one project.
 * Our docs mark mistakes in the fence only: a "❌" label that the processor would read as a
 * marker must agree with the fence (the judge reports a block it reads as wrong without a fence).
 */
import fs from "node:fs";
import path from "node:path";
import { type Finding } from "../src/findings/model.js";
import { analyze } from "../src/findings/analyze.js";
import { extractMarkdownBlocks } from "../src/markdown/blocks.js";
import { DOC_STACKS, type DocStack } from "../src/markdown/stacks.js";
import { REPO } from "./helpers.js";
import { typecheckBlocks } from "./typecheck.js";

/** Whether each stack's real SDK types are installed to type-check its blocks (or why not). Its dependencies: DOC_STACKS. */
export const PROJECT_SETUPS = {
  next7: { typecheck: true },
  next6: { typecheck: "@clerk/nextjs 6 (Core 2 era) types are not installed; only the current major is" },
  next5: { typecheck: "@clerk/nextjs 5 (Core 2) types are not installed; only the current major is" },
  next4: { typecheck: "@clerk/nextjs 4 types are not installed; only the current major is" },
  express2: { typecheck: true },
  plain: { typecheck: true },
  react6: { typecheck: true },
  "react-router3": { typecheck: true },
  tanstack1: { typecheck: true },
  nuxt3: { typecheck: true },
  "nuxt3-config": { typecheck: "nuxt itself (the framework and its build toolchain) is not installed; nuxt.config.ts is linted only" },
  vue2: { typecheck: true },
  fastify3: { typecheck: true },
  hono: { typecheck: true },
  testing: { typecheck: true },
  expo: {
    typecheck: "@clerk/expo requires expo and react-native as peers (hundreds of packages); its examples are linted, and their Clerk API was read from @clerk/expo 4.6's type declarations",
  },
  astro4: {
    typecheck: "@clerk/astro requires astro as a peer (about 260 packages); its examples are linted, and their Clerk API was read from @clerk/astro 4.0's type declarations",
  },
  chrome3: {
    typecheck: "@clerk/chrome-extension pulls @clerk/clerk-js and @clerk/ui (wallet SDKs, Stripe); its examples are linted, and their Clerk API was read from @clerk/chrome-extension 3.1's type declarations",
  },
} as const satisfies Record<DocStack, { typecheck: true | string }>;

export type DocProject = DocStack;

export interface CodeBlock {
  doc: string;
  /** 1-based line of the opening fence: code line n is Markdown line `line + n`. */
  line: number;
  lang: string;
  title: string | undefined;
  /** What must catch a wrong example: rule ids and/or "tsc"; empty for a correct example or `wrong="none"`. */
  wrong: string[];
  isWrong: boolean;
  /** Where the processor read the mistake marker (anything but "fence" is a problem in our docs). */
  wrongFrom: "fence" | "comment" | "prose" | "heading" | undefined;
  /** `wrong="none"`: documented as not caught by any rule or by the type checker. */
  uncaught: boolean;
  project: DocProject;
  group: string | undefined;
  code: string;
}

/** The fenced ts/tsx/js/jsx blocks of a Markdown text, read by the processor's extractor. */
export function extractBlocksFromText(doc: string, text: string, defaultRule?: string): CodeBlock[] {
  return extractMarkdownBlocks(text).map((b) => {
    if (b.projectName !== undefined && !b.project) throw new Error(`${doc}:${b.line}: unknown project="${b.projectName}" (known: ${Object.keys(DOC_STACKS).join(", ")})`);
    const bare = b.wrongFrom === "fence" && b.wrong.length === 0 && !b.uncaught;
    return {
      doc,
      line: b.line,
      lang: b.lang,
      title: b.title,
      wrong: bare && defaultRule ? [defaultRule] : b.wrong,
      isWrong: b.isWrong,
      wrongFrom: b.wrongFrom,
      uncaught: b.uncaught,
      project: b.project ?? "next7",
      group: b.group,
      code: b.code,
    };
  });
}

export function extractBlocks(doc: string, defaultRule?: string): CodeBlock[] {
  return extractBlocksFromText(doc, fs.readFileSync(doc, "utf8"), defaultRule);
}

/** A message of the rules on one block, at block-relative positions. */
export interface LintMessage {
  ruleId: string | null;
  message: string;
  line: number;
  column: number;
  fatal?: boolean;
}

export interface BlockResult {
  block: CodeBlock;
  messages: LintMessage[];
}

/** What `clerk-guard check` itself reports on each document (Markdown positions), from the same run. */
export const checkFindings = new Map<string, Finding[]>();

/**
 * Lint every block with the `all` config through the check pipeline: each document once, each
 * block in its own virtual project (a group's blocks together), blocks that declare no project
 * as next7. Each block's own messages come from the processor; the check's verdict is kept too.
 */
export function lintBlocks(blocks: readonly CodeBlock[]): BlockResult[] {
  const docs = [...new Set(blocks.map((b) => b.doc))];
  const raw = new Map<string, LintMessage[]>();
  const { files } = analyze(docs, {
    config: "all",
    cwd: REPO,
    root: REPO,
    markdown: {
      defaultStack: "next7",
      onBlocks: (doc, list) => {
        for (const { block, messages } of list) raw.set(`${doc}#${block.line}`, messages);
      },
    },
  });
  for (const f of files) checkFindings.set(f.filePath, f.findings);
  return blocks.map((block) => ({ block, messages: raw.get(`${block.doc}#${block.line}`) ?? [] }));
}

/** Nothing to clean up: blocks live in overlays, never on disk (kept for the tests' afterAll). */
export function cleanupBlocks(): void {}

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
    if (block.isWrong && block.wrongFrom !== "fence") problems.push(`reads as a mistake from its ${block.wrongFrom} label, but its fence does not say wrong`);
    const lastLine = block.line + block.code.split("\n").length;
    for (const f of checkFindings.get(block.doc) ?? []) {
      if (f.line >= block.line && f.line <= lastLine) problems.push(`is reported by clerk-guard check at line ${f.line}: ${f.ruleId}: ${f.message}`);
    }
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
