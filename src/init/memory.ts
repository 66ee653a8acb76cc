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

function count(text: string, needle: string): number {
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) n++;
  return n;
}

export function templateText(file = path.join(PACKAGE_ROOT, "CLAUDE.md")): string | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  // a template carrying its own markers (or this package's own section) keeps only the inside
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start !== -1 && end > start) text = text.slice(start + START.length, end);
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
  const starts = count(existing, START);
  const ends = count(existing, END);
  if (starts === 0 && ends === 0) {
    const trimmed = existing.replace(/(\r?\n)*$/, "");
    return trimmed === "" ? body + eol : `${trimmed}${eol}${eol}${body}${eol}`;
  }
  const start = existing.indexOf(START);
  const end = existing.indexOf(END);
  if (starts !== 1 || ends !== 1 || end < start) {
    throw new InitError(
      `${name} has unbalanced clerk-guard markers (${starts} × ${START}, ${ends} × ${END}); fix them by hand (one start before one end, or none) and run init again`,
    );
  }
  return existing.slice(0, start) + body + existing.slice(end + END.length);
}

/** Does the text import AGENTS.md (an `@AGENTS.md` line) outside the clerk-guard section? */
export function importsAgentsMd(text: string | undefined): boolean {
  if (!text) return false;
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  const outside = start !== -1 && end > start ? text.slice(0, start) + text.slice(end + END.length) : text;
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
  if (agentsTarget && importsAgentsMd(claudeTarget.content) && !claudeTarget.content!.includes(START)) {
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
        summary: t.content === undefined ? "with the clerk-guard section" : t.content.includes(START) ? "replace the clerk-guard section" : "append the clerk-guard section",
        writes: [{ file: t.path, content: next }],
      });
  }
  return actions;
}
