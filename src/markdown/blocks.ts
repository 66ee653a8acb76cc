/**
 * The fenced code examples of a Markdown document (`.md`, `.mdx`, Cursor's `.mdc`): where each
 * sits, which file it stands for, whether the document presents it as a mistake, and which Clerk
 * line it declares. One reader for the `clerk-guard/markdown` processor, `clerk-guard check` and
 * the test suite's executable docs.
 *
 * What a block says about itself, strongest first:
 * - the fence info string: `title="app/page.tsx"` (or `filename=`, `file=`, a bare path),
 *   `wrong` / `wrong="rule-a,tsc"` / `wrong="none"`, `project="next6"`, `group="name"`;
 * - a comment on its first line: `// ❌ Wrong`, `// ✅`, `// app/page.tsx`;
 * - the line of prose just above it ("❌ Don't:", "**Before**", "✅ Do this instead:");
 * - the headings above it, and callouts (`>` lines) in its section: "❌ Using authMiddleware",
 *   "Core 2 only", "@clerk/nextjs 6" (a Clerk line declared this way applies to examples that are
 *   not marked wrong; a mistake is wrong on the line of the project it sits in).
 */
import { type Declared, type DocStack, isDocStack } from "./stacks.js";

export interface MarkdownBlock {
  /** 1-based line of the opening fence: code line n is document line `line + n`. */
  line: number;
  /** Columns of indentation removed from every code line (fences inside list items). */
  indent: number;
  /** Offset in the document of the first code line. */
  offset: number;
  /** The code is the document's text from `offset` on, unchanged (no indentation removed, no CR): fixes can be mapped. */
  verbatim: boolean;
  /**
   * Characters put before the first line to make a bare JSX snippet (`<Show when="signed-in">…`) a
   * module: `export default (<>` … `</>);`. Columns on the first line are shifted by this much.
   */
  prefix: number;
  lang: string;
  info: string;
  /** The file the block stands for, relative to its project ("app/page.tsx"), when it says. */
  title: string | undefined;
  /** The document presents the block as a mistake. */
  isWrong: boolean;
  /** Where that came from. */
  wrongFrom: "fence" | "comment" | "prose" | "heading" | undefined;
  /** Rule ids (and "tsc") the fence says must catch it; empty when it names none. */
  wrong: string[];
  /** `wrong="none"`: a mistake documented as caught by nothing. */
  uncaught: boolean;
  /** `project="…"`: one of the named stacks. */
  project: DocStack | undefined;
  /** The `project=` value as written (a name that is not a known stack leaves `project` undefined). */
  projectName: string | undefined;
  /** A Clerk line the surrounding text declares ("Core 2 only", "@clerk/nextjs 6"). */
  declared: Declared | undefined;
  group: string | undefined;
  code: string;
}

/** Languages whose blocks are code the rules read. */
export const CODE_LANGS: ReadonlySet<string> = new Set(["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts", "typescript", "javascript"]);

const EXT_OF_LANG: Readonly<Record<string, string>> = { typescript: "ts", javascript: "js" };

export function extensionOf(lang: string): string {
  return EXT_OF_LANG[lang] ?? lang;
}

function attr(info: string, name: string): string | undefined {
  const m = new RegExp(`(?:^|\\s)${name}=(?:"([^"]*)"|'([^']*)'|(\\S+))`).exec(info);
  return m ? (m[1] ?? m[2] ?? m[3]) : undefined;
}

const PATH_LIKE = /^(?:\.\/)?[\w@.()[\]$+-]+(?:\/[\w@.()[\]$+-]+)*\.(?:[cm]?[jt]sx?)$/;

function titleOf(info: string, firstLine: string | undefined): string | undefined {
  const named = attr(info, "title") ?? attr(info, "filename") ?? attr(info, "file") ?? attr(info, "path");
  const bare = info.split(/\s+/).find((t) => !t.includes("=") && PATH_LIKE.test(t));
  // `// app/api/webhooks/route.ts`, `// File: proxy.ts (Next.js <=15: middleware.ts)`
  const fromComment = firstLine !== undefined ? /^\s*(?:\/\/|\/\*+|\{\/\*)\s*(?:file(?:name)?:\s*)?([^\s*]+?)(?:\s|\*\/|$)/i.exec(firstLine)?.[1] : undefined;
  const title = named ?? bare ?? (fromComment && PATH_LIKE.test(fromComment) ? fromComment : undefined);
  if (!title) return undefined;
  const clean = title.replace(/^\.\//, "").replace(/^\/+/, "");
  // a title is a place inside the block's project: nothing that climbs out of it
  return clean.split("/").some((s) => s === ".." || s === "") ? undefined : clean;
}

const WRONG_EMOJI = /❌|🚫|⛔|✗|✘|:x:|:no_entry(?:_sign)?:/;
const RIGHT_EMOJI = /✅|✔|✓|:white_check_mark:|:heavy_check_mark:/;
const WRONG_WORD = /^(?:don['’]t|do not|wrong|bad|incorrect|avoid|never|before|anti-?pattern|insecure|vulnerable|unsafe|broken|outdated|deprecated)\b/i;
const RIGHT_WORD = /^(?:do|correct|good|right|after|instead|better|recommended|secure|fixed|preferred)\b/i;

/** "wrong", "right" or nothing, for a short label ("❌ Don't:", "**Before**", "✅ Correct"). */
export function classifyLabel(text: string): "wrong" | "right" | undefined {
  const wrongMark = WRONG_EMOJI.test(text);
  const rightMark = RIGHT_EMOJI.test(text);
  if (wrongMark !== rightMark) return wrongMark ? "wrong" : "right";
  if (wrongMark) return undefined;
  const plain = text
    .replace(/^\s*(?:[#>]+|[-*+]|\d+[.)])\s*/, "")
    .replace(/[*_`~]/g, "")
    .replace(/^\[!\w+\]\s*/, "")
    .trim();
  // a label, not a sentence that happens to start with the word ("Before you begin, install…")
  const words = plain.split(/\s+/).filter(Boolean).length;
  const labelShaped = /[:：]$/.test(plain) || words <= 5 || /^\w+['’]?\w*\s*[:(—–-]/.test(plain);
  if (!labelShaped) return undefined;
  if (WRONG_WORD.test(plain)) return "wrong";
  if (RIGHT_WORD.test(plain)) return "right";
  return undefined;
}

/** A Clerk line named by a piece of prose, when it names exactly one. */
export function declaredIn(text: string): Declared | undefined {
  const found = new Map<string, Declared>();
  for (const m of text.matchAll(/@clerk\/([a-z][\w-]*)(?:@|\s+v|\s+version\s+|\s+)\^?(\d{1,2})(?:\.\d+)*(?![\w.])/gi)) {
    const d: Declared = { kind: "package", pkg: `@clerk/${m[1]!.toLowerCase()}`, major: Number(m[2]) };
    found.set(`${d.pkg}@${d.major}`, d);
  }
  for (const m of text.matchAll(/\bcore[\s-]?([23])\b/gi)) found.set(`core${m[1]}`, { kind: m[1] === "2" ? "core2" : "core3" });
  return found.size === 1 ? [...found.values()][0] : undefined;
}

interface Heading {
  level: number;
  text: string;
  line: number;
}

/** The fenced code blocks of a Markdown text that the rules can read (ts, tsx, js, jsx, …). */
export function extractMarkdownBlocks(text: string): MarkdownBlock[] {
  const lines = text.split(/\n/);
  const starts: number[] = [];
  let offset = 0;
  for (const l of lines) {
    starts.push(offset);
    offset += l.length + 1;
  }
  const out: MarkdownBlock[] = [];
  const headings: Heading[] = [];
  /** Callout lines of the current section, and whether a code block came before in it. */
  let callouts: string[] = [];
  let blocksInSection = 0;
  let lastProse: { text: string; line: number } | undefined;
  let inFrontmatter = lines[0]?.trim() === "---";
  for (let i = inFrontmatter ? 1 : 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, "");
    if (inFrontmatter) {
      if (raw.trim() === "---") inFrontmatter = false;
      continue;
    }
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)(.*)$/.exec(raw);
    if (!open) {
      const heading = /^\s{0,3}(#{1,6})\s+(.*)$/.exec(raw);
      if (heading) {
        const level = heading[1]!.length;
        while (headings.length && headings[headings.length - 1]!.level >= level) headings.pop();
        headings.push({ level, text: heading[2]!, line: i + 1 });
        callouts = [];
        blocksInSection = 0;
        lastProse = undefined;
      } else if (raw.trim()) {
        if (/^\s*>/.test(raw)) callouts.push(raw);
        lastProse = { text: raw, line: i + 1 };
      }
      continue;
    }
    const indent = open[1]!.length;
    const fence = open[2]!;
    const lang = open[3]!.toLowerCase();
    const info = open[4]!.trim();
    const close = new RegExp(`^\\s*${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !close.test(lines[j]!.replace(/\r$/, "")); j++) body.push(stripIndent(lines[j]!.replace(/\r$/, ""), indent));
    if (CODE_LANGS.has(lang)) {
      const wrongAttr = attr(info, "wrong");
      const bareWrong = /(^|\s)wrong(\s|$)/.test(info);
      const named = wrongAttr !== undefined ? wrongAttr.split(",").map((s) => s.trim()).filter(Boolean) : [];
      const firstComment = body.find((l) => l.trim())?.trim();
      const commentLabel = firstComment && /^(?:\/\/|\/\*|\{\/\*)/.test(firstComment) ? classifyLabel(firstComment.replace(/^(?:\/\/+|\/\*+|\{\/\*+)\s*/, "").replace(/\s*\*+\/\}?\s*$/, "")) : undefined;
      const proseAbove = lastProse && lastProse.line === previousNonBlank(lines, i) + 1 ? classifyLabel(lastProse.text) : undefined;
      const heading = headings[headings.length - 1];
      const headingLabel = heading && blocksInSection === 0 ? classifyLabel(heading.text) : undefined;
      let wrongFrom: MarkdownBlock["wrongFrom"];
      let isWrong = false;
      if (wrongAttr !== undefined || bareWrong) [isWrong, wrongFrom] = [true, "fence"];
      else {
        const label = commentLabel ?? proseAbove ?? headingLabel;
        const from = commentLabel ? "comment" : proseAbove ? "prose" : headingLabel ? "heading" : undefined;
        if (label === "wrong") [isWrong, wrongFrom] = [true, from];
      }
      const projectAttr = attr(info, "project");
      // prose that merely mentions a line ("the Core 2 shape no longer exists") declares nothing: only the
      // fence, a callout of the section and the headings above do; and a mistake is shown as wrong on the
      // project's own line ("Before (Core 2)")
      const declared =
        declaredIn(info.replace(/\b\w+=(?:"[^"]*"|'[^']*'|\S+)/g, "")) ??
        declaredIn(callouts.join("\n")) ??
        [...headings].reverse().map((h) => declaredIn(h.text)).find(Boolean);
      out.push({
        line: i + 1,
        indent,
        offset: i + 1 < lines.length ? starts[i + 1]! : text.length,
        verbatim: false,
        prefix: 0,
        lang,
        info,
        title: titleOf(info, body.find((l) => l.trim())),
        isWrong,
        wrongFrom,
        wrong: named.filter((n) => n !== "none"),
        uncaught: named.includes("none"),
        project: projectAttr !== undefined && isDocStack(projectAttr) ? projectAttr : undefined,
        projectName: projectAttr,
        declared,
        group: attr(info, "group"),
        code: body.join("\n") + "\n",
      });
    }
    blocksInSection++;
    lastProse = undefined;
    i = j;
  }
  // a document that marks its mistakes in the fence says so for every block: its prose labels are not markers
  if (out.some((b) => b.wrongFrom === "fence")) {
    for (const b of out) if (b.wrongFrom !== "fence") [b.isWrong, b.wrongFrom] = [false, undefined];
  }
  for (const b of out) {
    if (b.isWrong) b.declared = undefined;
    b.verbatim = text.slice(b.offset, b.offset + b.code.length) === b.code;
    if (isBareJsx(b.code)) {
      b.code = `${JSX_OPEN}${b.code}${JSX_CLOSE}`;
      b.prefix = JSX_OPEN.length;
      b.verbatim = false;
    }
  }
  return out;
}

const JSX_OPEN = "export default (<>";
const JSX_CLOSE = "</>);\n";

/** A snippet of JSX elements only (comments aside): not a module until it is wrapped in a fragment. */
function isBareJsx(code: string): boolean {
  const first = code.split("\n").find((l) => l.trim() && !/^\s*(?:\/\/|\{\/\*)/.test(l));
  return first !== undefined && /^\s*<[A-Za-z>]/.test(first) && !/^\s*<(?:script|template|style)\b/i.test(first);
}

function previousNonBlank(lines: readonly string[], i: number): number {
  let k = i - 1;
  while (k >= 0 && !lines[k]!.trim()) k--;
  return k;
}

function stripIndent(line: string, indent: number): string {
  let n = 0;
  while (n < indent && (line[n] === " " || line[n] === "\t")) n++;
  return line.slice(n);
}
