/**
 * ESLint processor for Markdown (`.md`, `.mdx`, Cursor's `.mdc`):
 * `{ files: ["**\/*.md"], plugins: { "clerk-guard": clerkGuard }, processor: "clerk-guard/markdown" }`
 * (the plugin's `configs.markdown`). Every fenced ts/tsx/js/jsx block is linted as a file of its
 * own virtual project (src/markdown/projects.ts) and findings are mapped back to Markdown lines.
 *
 * - A block the document presents as a mistake (❌, `wrong`, "Don't", "Before") is expected to be
 *   reported: its findings are not shown. If no clerk-guard rule reports a Clerk example marked
 *   wrong (or not the rule its fence names), that is a stale example: one warning at its fence.
 * - A block that does not parse (a fragment, `...` placeholders) is skipped with a notice.
 */
import type { Linter } from "eslint";
import { notice } from "../analysis/fs-cache.js";
import { isClerkSource } from "../analysis/imports.js";
import { STALE_EXAMPLE } from "../util/create-rule.js";
import { type MarkdownBlock, extractMarkdownBlocks } from "../markdown/blocks.js";
import { BLOCK_DIR, type VirtualProjectOptions, importsOf, mountBlocks, unmountBlocks } from "../markdown/projects.js";

export const MARKDOWN_FILES: readonly string[] = ["**/*.md", "**/*.mdx", "**/*.mdc", "**/*.markdown"];

/** One block and what the rules said of it, before the processor judges it. */
export interface BlockMessages {
  block: MarkdownBlock;
  messages: Linter.LintMessage[];
}

export interface MarkdownProcessorOptions extends VirtualProjectOptions {
  /** Receives each block's own messages (block-relative positions), for hosts that judge blocks themselves. */
  onBlocks?: (doc: string, blocks: BlockMessages[]) => void;
}

const RULE_PREFIX = "clerk-guard/";

function isClerkExample(block: MarkdownBlock): boolean {
  // Clerk's packages, and the libraries its webhook examples verify with
  return importsOf(block.code).some((s) => isClerkSource(s) || s === "svix" || s === "standardwebhooks");
}

/** Map a block-relative message to the document: lines after the fence, columns past the indentation. */
function toDocument(block: MarkdownBlock, m: Linter.LintMessage): Linter.LintMessage {
  const shiftRange = <T extends { range: [number, number] }>(fix: T): T | undefined => (block.verbatim ? { ...fix, range: [fix.range[0] + block.offset, fix.range[1] + block.offset] } : undefined);
  const fix = m.fix ? shiftRange(m.fix) : undefined;
  const suggestions = m.suggestions?.flatMap((s) => {
    const moved = shiftRange(s.fix);
    return moved ? [{ ...s, fix: moved }] : [];
  });
  return {
    ...m,
    line: m.line + block.line,
    column: Math.max(1, m.column - (m.line === 1 ? block.prefix : 0)) + block.indent,
    endLine: m.endLine !== undefined ? m.endLine + block.line : undefined,
    endColumn: m.endColumn !== undefined ? Math.max(1, m.endColumn - (m.endLine === 1 ? block.prefix : 0)) + block.indent : undefined,
    fix,
    suggestions: suggestions && suggestions.length > 0 ? suggestions : undefined,
  };
}

function staleWarning(block: MarkdownBlock, missing: readonly string[]): Linter.LintMessage {
  const which = missing.length > 0 ? `${missing.join(", ")} does not report it` : "no clerk-guard rule reports it";
  return {
    ruleId: null,
    messageId: STALE_EXAMPLE,
    severity: 1,
    message: `clerk-guard: this example is presented as wrong, but ${which}. Fix the example or its marker (stale example).`,
    line: block.line,
    column: block.indent + 1,
    nodeType: null,
  } as Linter.LintMessage;
}

/**
 * Rules that judge code by Clerk names alone (secret and renamed environment variables). In a
 * block that uses no Clerk package (a vendored Next.js or database guide), only these speak: the
 * other rules judge what a Clerk example does or leaves out, and an illustration of another topic
 * leaves auth out on purpose.
 */
const NAME_RULES = new Set(["no-secret-exposure", "no-legacy-api"]);

const clerkGuardRules = (messages: readonly Linter.LintMessage[]): string[] =>
  messages.flatMap((m) => (m.ruleId?.startsWith(RULE_PREFIX) ? [m.ruleId.slice(RULE_PREFIX.length)] : []));

/**
 * Judge one block the way the document presents it; returns the messages to show (document
 * positions). `groupRules`: the clerk-guard rules that reported any block of the block's group
 * (a mistake made of several files is often reported on another of them).
 */
export function judgeBlock(
  doc: string,
  block: MarkdownBlock,
  messages: readonly Linter.LintMessage[],
  groupRules: ReadonlySet<string> = new Set(clerkGuardRules(messages)),
  usesClerk: boolean = isClerkExample(block),
): Linter.LintMessage[] {
  const fatal = messages.find((m) => m.fatal);
  if (fatal) {
    notice(`${doc}:${block.line}: code block skipped (it does not parse: ${fatal.message.split("\n")[0]})`);
    return [];
  }
  if (!block.isWrong) {
    const shown = usesClerk ? messages : messages.filter((m) => !m.ruleId?.startsWith(RULE_PREFIX) || NAME_RULES.has(m.ruleId.slice(RULE_PREFIX.length)));
    return shown.map((m) => toDocument(block, m));
  }
  if (block.uncaught) return [];
  const reported = groupRules;
  const expected = block.wrong.filter((r) => r !== "tsc");
  if (block.wrong.length > 0 && expected.length === 0) return []; // caught by the type checker, which this host does not run
  const missing = expected.filter((r) => !reported.has(r));
  if (missing.length > 0) return [staleWarning(block, missing)];
  return reported.size === 0 && isClerkExample(block) ? [staleWarning(block, [])] : [];
}

export function createMarkdownProcessor(options: MarkdownProcessorOptions = {}): Linter.Processor {
  const open = new Map<string, { blocks: MarkdownBlock[]; overlays: string[] }>();
  return {
    meta: { name: "clerk-guard/markdown", version: "1" },
    supportsAutofix: true,
    preprocess(text: string, filename: string) {
      const blocks = extractMarkdownBlocks(text);
      const { files, overlays } = mountBlocks(filename, blocks, options);
      open.set(filename, { blocks, overlays });
      return blocks.map((b, i) => ({ text: b.code, filename: `${BLOCK_DIR}/${files[i]}` }));
    },
    postprocess(lists: Linter.LintMessage[][], filename: string): Linter.LintMessage[] {
      const state = open.get(filename);
      open.delete(filename);
      if (!state) return lists.flat();
      unmountBlocks(filename, state.blocks.length, state.overlays);
      options.onBlocks?.(filename, state.blocks.map((block, i) => ({ block, messages: lists[i] ?? [] })));
      const rulesOfGroup = new Map<string, Set<string>>();
      const clerkGroups = new Set<string>();
      state.blocks.forEach((b, i) => {
        if (!b.group) return;
        const set = rulesOfGroup.get(b.group) ?? new Set<string>();
        for (const r of clerkGuardRules(lists[i] ?? [])) set.add(r);
        rulesOfGroup.set(b.group, set);
        if (isClerkExample(b)) clerkGroups.add(b.group);
      });
      return state.blocks.flatMap((block, i) =>
        judgeBlock(filename, block, lists[i] ?? [], block.group ? rulesOfGroup.get(block.group) : undefined, isClerkExample(block) || (block.group !== undefined && clerkGroups.has(block.group))),
      );
    },
  };
}

export const markdownProcessor = createMarkdownProcessor();
