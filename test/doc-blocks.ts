/**
 * Executable documentation: extract the fenced code examples of a markdown file
 * and lint them as real files of a small project.
 *
 * Fence info string:  ```tsx title="app/page.tsx" [wrong | wrong="rule-a,rule-b"] [project="next5"] [group="name"]
 * - `title` is the file the block stands for (required for ts/tsx/js/jsx blocks);
 * - no `wrong`: a correct example (no finding from the `all` config);
 * - `wrong` alone (in rules/<id>.md): must be reported by that rule; `wrong="a,b"`: by each named rule;
 * - `project`: the fixture project whose package.json pins the Clerk version (default next7);
 * - `group`: blocks of one markdown file with the same group share one project directory.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { analyze } from "../src/findings/analyze.js";
import { type LintMessage, toLintMessage } from "../src/report/eslint.js";
import { PROJECTS, type Project } from "./helpers.js";

export interface CodeBlock {
  doc: string;
  line: number;
  lang: string;
  title: string | undefined;
  /** Rule ids that must report; empty array = correct example. */
  wrong: string[];
  isWrong: boolean;
  project: Project;
  group: string | undefined;
  code: string;
}

const CHECKED = new Set(["ts", "tsx", "js", "jsx", "typescript", "javascript"]);

function attr(info: string, name: string): string | undefined {
  const m = new RegExp(`\\b${name}="([^"]*)"`).exec(info);
  return m ? m[1] : undefined;
}

export function extractBlocks(doc: string, defaultRule?: string): CodeBlock[] {
  const text = fs.readFileSync(doc, "utf8");
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
      const wrong = wrongAttr !== undefined ? wrongAttr.split(",").map((s) => s.trim()).filter(Boolean) : bareWrong && defaultRule ? [defaultRule] : [];
      out.push({
        doc,
        line: i + 1,
        lang,
        title: attr(info, "title"),
        wrong,
        isWrong: wrongAttr !== undefined || bareWrong,
        project: (attr(info, "project") as Project | undefined) ?? "next7",
        group: attr(info, "group"),
        code: body.join("\n") + "\n",
      });
    }
    i = j;
  }
  return out;
}

export interface BlockResult {
  block: CodeBlock;
  messages: LintMessage[];
}

let tmpRoot: string | undefined;

/** Lint every block of one doc with the `all` config, each group in its own project directory. */
export function lintBlocks(blocks: readonly CodeBlock[]): BlockResult[] {
  tmpRoot ??= fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-docs-"));
  const groups = new Map<string, CodeBlock[]>();
  blocks.forEach((b, i) => {
    const key = b.group ? `g:${b.group}` : `b:${i}`;
    const list = groups.get(key) ?? [];
    list.push(b);
    groups.set(key, list);
  });
  const results: BlockResult[] = [];
  let n = 0;
  for (const list of groups.values()) {
    const dir = path.join(tmpRoot, `${path.basename(list[0]!.doc, ".md")}-${list[0]!.line}-${n++}`);
    fs.mkdirSync(dir, { recursive: true });
    fs.copyFileSync(path.join(PROJECTS, list[0]!.project, "package.json"), path.join(dir, "package.json"));
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*"] } } }));
    const files = list.map((b) => {
      const f = path.join(dir, b.title ?? `example-${b.line}.${b.lang}`);
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, b.code);
      return f;
    });
    const { files: lint } = analyze(files, { config: "all", cwd: dir, root: dir });
    list.forEach((block, i) => {
      const r = lint.find((x) => x.filePath === files[i]);
      results.push({ block, messages: r?.findings.map(toLintMessage) ?? [] });
    });
  }
  return results;
}

export function describeBlock(b: CodeBlock): string {
  return `${path.relative(path.resolve(PROJECTS, "..", ".."), b.doc)}:${b.line} (${b.title ?? "untitled"})`;
}

export function formatMessages(messages: readonly LintMessage[]): string {
  return messages.map((m) => `${m.line}:${m.column} ${m.ruleId ?? "fatal"}: ${m.message}`).join("\n") || "(none)";
}
