/**
 * The CLAUDE.md template as a delimited section of the project's CLAUDE.md (and
 * AGENTS.md with --agents-md):
 *   <!-- clerk-guard:start --> … <!-- clerk-guard:end -->
 * A re-run replaces only that section; everything else in the file stays byte
 * for byte. Claude Code strips block HTML comments, so the markers cost nothing.
 */
import fs from "node:fs";
import path from "node:path";
import { type Action, type InitContext, InitError, PACKAGE_ROOT, display, eolOf, target } from "./plan.js";

export const START = "<!-- clerk-guard:start -->";
export const END = "<!-- clerk-guard:end -->";
const NOTE = "<!-- Managed by `clerk-guard init`: this section is replaced when it runs again; edit outside it. -->";

export interface Marker {
  /** Offset of the marker text (after any indentation) and just past it. */
  start: number;
  end: number;
}

/**
 * The section markers of a markdown text: a marker counts only on a line of its own
 * and outside fenced code blocks, so a marker quoted in prose (`<!-- clerk-guard:start -->`
 * in backticks, in a sentence) or shown in a code block is the user's text, not our section.
 */
export function findMarkers(text: string): { starts: Marker[]; ends: Marker[] } {
  const starts: Marker[] = [];
  const ends: Marker[] = [];
  let fence: string | undefined;
  let offset = 0;
  for (const line of text.split("\n")) {
    const lineStart = offset;
    offset += line.length + 1;
    const bare = line.replace(/\r$/, "");
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(bare);
    if (fence !== undefined) {
      // a closing fence: the same character, at least as long, nothing after it
      if (open && open[1]![0] === fence[0] && open[1]!.length >= fence.length && bare.slice(open[0].length).trim() === "") fence = undefined;
      continue;
    }
    if (open && !(open[1]![0] === "`" && bare.slice(open[0].length).includes("`"))) {
      fence = open[1]!;
      continue;
    }
    const trimmed = bare.trim();
    if (trimmed !== START && trimmed !== END) continue;
    const at = lineStart + bare.indexOf(trimmed);
    (trimmed === START ? starts : ends).push({ start: at, end: at + trimmed.length });
  }
  return { starts, ends };
}

/** Our section in `text` (from its start marker to past its end marker), when there is exactly one. */
function sectionRange(text: string): { start: number; end: number } | undefined {
  const { starts, ends } = findMarkers(text);
  if (starts.length === 1 && ends.length === 1 && ends[0]!.start > starts[0]!.start) return { start: starts[0]!.start, end: ends[0]!.end };
  return undefined;
}

export function templateText(file = path.join(PACKAGE_ROOT, "CLAUDE.md")): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  // a template carrying its own markers (or this package's own section) keeps only the inside
  const range = sectionRange(text);
  if (range) text = text.slice(range.start + START.length, range.end - END.length);
  text = text.replace(/\r\n/g, "\n").trim();
  return text === "" ? undefined : text;
}

export function section(template: string): string {
  return `${START}\n${NOTE}\n\n${template}\n${END}`;
}

/** The file's text with the section inserted or replaced; throws on unbalanced markers. */
export function upsertSection(existing: string | undefined, template: string, name: string): string {
  if (existing === undefined) return section(template) + "\n";
  const eol = eolOf(existing);
  const body = section(template).replace(/\n/g, eol);
  const { starts, ends } = findMarkers(existing);
  if (starts.length === 0 && ends.length === 0) {
    const trimmed = existing.replace(/(\r?\n)*$/, "");
    return trimmed === "" ? body + eol : `${trimmed}${eol}${eol}${body}${eol}`;
  }
  const range = sectionRange(existing);
  if (!range) {
    throw new InitError(
      `${name} has unbalanced clerk-guard markers (${starts.length} × ${START}, ${ends.length} × ${END}); fix them by hand (one start before one end, or none) and run init again`,
    );
  }
  return existing.slice(0, range.start) + body + existing.slice(range.end);
}

/** Does the text import AGENTS.md (an `@AGENTS.md` line) outside the clerk-guard section? */
export function importsAgentsMd(text: string | undefined): boolean {
  if (!text) return false;
  const range = sectionRange(text);
  const outside = range ? text.slice(0, range.start) + text.slice(range.end) : text;
  return /^\s*@\.?\/?AGENTS\.md\s*$/m.test(outside);
}

export function planMemory(ctx: InitContext, agentsMd: boolean, templateFile?: string): Action[] {
  const template = templateText(templateFile);
  if (!template) return [{ kind: "skip", target: "CLAUDE.md", summary: "this clerk-guard package has no CLAUDE.md template" }];
  const files: string[] = [];
  const claudeMd = path.join(ctx.project, "CLAUDE.md");
  const dotClaude = path.join(ctx.project, ".claude", "CLAUDE.md");
  const claude = !fs.existsSync(claudeMd) && fs.existsSync(dotClaude) ? dotClaude : claudeMd;
  const agents = path.join(ctx.project, "AGENTS.md");
  const claudeTarget = target(ctx, claude);
  const actions: Action[] = [];
  const seen = new Set<string>();
  const agentsTarget = agentsMd ? target(ctx, agents) : undefined;
  if (agentsTarget) files.push(agents);
  if (agentsTarget && importsAgentsMd(claudeTarget.content) && findMarkers(claudeTarget.content!).starts.length === 0) {
    actions.push({ kind: "unchanged", target: display(ctx, claude), summary: "imports @AGENTS.md, which carries the clerk-guard section" });
    seen.add(claudeTarget.path);
  } else files.unshift(claude);
  for (const file of files) {
    const t = file === claude ? claudeTarget : agentsTarget!;
    if (seen.has(t.path)) continue; // CLAUDE.md as a symlink to AGENTS.md
    seen.add(t.path);
    const name = display(ctx, file);
    const next = upsertSection(t.content, template, name);
    if (next === t.content) actions.push({ kind: "unchanged", target: name, summary: "clerk-guard section up to date" });
    else
      actions.push({
        kind: t.content === undefined ? "create" : "update",
        target: name,
        summary: t.content === undefined ? "with the clerk-guard section" : sectionRange(t.content) ? "replace the clerk-guard section" : "append the clerk-guard section",
        writes: [{ file: t.path, content: next }],
      });
  }
  return actions;
}
