/**
 * Hook messages: one line per finding,
 *   path:line:col rule-id: message. Fix: <recipe>. Docs: <doc path or URL>
 * capped in count and length, written as facts (the hooks reference asks for
 * factual statements rather than imperative instructions), and always ending
 * with the command that shows everything.
 */
import { ruleInfo } from "../findings/meta-rules.js";
import type { Finding } from "../findings/model.js";

export const MAX_BLOCK_FINDINGS = 15;
export const MAX_REASON_CHARS = 4000;
const MAX_MESSAGE_CHARS = 400;

/** One line, without its final punctuation (a period is added by the caller). */
export function sentence(text: string): string {
  return text.replace(/\s+/g, " ").trim().replace(/[.;,:\s]+$/, "");
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : text.slice(0, max - 1) + "…";
}

/** `path:line:col rule-id: message. Fix: …. Docs: …` */
export function findingLine(f: Finding, docs: (ruleId: string) => string | undefined): string {
  let line = `${f.relPath}:${f.line}:${f.column} ${f.ruleId}: ${clip(sentence(f.message), MAX_MESSAGE_CHARS)}.`;
  const recipe = ruleInfo(f.ruleId).fix;
  if (recipe) line += ` Fix: ${sentence(recipe)}.`;
  const doc = docs(f.ruleId);
  if (doc) line += ` Docs: ${doc}`;
  return line;
}

function shellQuote(p: string): string {
  return /^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`;
}

/** The command that lists every finding of these files (the whole project when there are many). */
export function checkCommand(relPaths: readonly string[]): string {
  const unique = [...new Set(relPaths)].sort();
  if (unique.length === 0 || unique.length > 5) return "npx clerk-guard check";
  return `npx clerk-guard check ${unique.map(shellQuote).join(" ")}`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/**
 * The block reason: a header, at most MAX_BLOCK_FINDINGS lines within about
 * MAX_REASON_CHARS characters, and the command to see the rest.
 */
export function blockReason(header: string, findings: readonly Finding[], docs: (ruleId: string) => string | undefined): string {
  const command = checkCommand(findings.map((f) => f.relPath));
  const lines: string[] = [header];
  let length = header.length;
  let shown = 0;
  const budget = MAX_REASON_CHARS - 120 - command.length;
  for (const f of findings) {
    if (shown >= MAX_BLOCK_FINDINGS) break;
    const line = findingLine(f, docs);
    if (shown > 0 && length + 1 + line.length > budget) break;
    lines.push(line);
    length += 1 + line.length;
    shown++;
  }
  const rest = findings.length - shown;
  lines.push(rest > 0 ? `${plural(rest, "more finding")} not shown; \`${command}\` lists them all.` : `\`${command}\` re-checks.`);
  return lines.join("\n");
}
