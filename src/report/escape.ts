/**
 * Text from a repository (file names, messages that quote code) is untrusted:
 * a file name can hold ESC/OSC bytes that drive the terminal, a newline that
 * breaks a markdown table, or a backtick that ends a code span. Every human
 * format passes such text through these helpers (after redaction).
 */

/** C0 and C1 control characters, DEL, and the bidirectional and line-separator controls ("Trojan Source"). */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === "\n") return "\\n";
  if (ch === "\r") return "\\r";
  if (ch === "\t") return "\\t";
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** One line of plain text safe for a terminal: control characters shown as escapes (`\x1b`, `\n`). */
export function terminalText(s: string): string {
  return s.replace(CONTROL, visible);
}

/** Does the text hold anything `terminalText` would change? */
export function hasControl(s: string): boolean {
  CONTROL.lastIndex = 0;
  const found = CONTROL.test(s);
  CONTROL.lastIndex = 0;
  return found;
}

/** Text safe inside a GitHub-flavoured markdown table cell: one line, no raw HTML, no pipes, control characters escaped. */
export function markdownCell(s: string): string {
  // outside code spans: no raw HTML; everywhere: no pipes (GFM tables split on them even in code)
  return terminalText(s.replace(/\r?\n/g, " "))
    .split(/(`[^`]*`)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/</g, "&lt;").replace(/>/g, "&gt;")))
    .join("")
    .replace(/\|/g, "\\|");
}

/**
 * A markdown code span holding `s` verbatim (a path, a rule id): one line,
 * control characters escaped, fenced with more backticks than any run inside
 * it (and padded when it starts or ends with one), pipes escaped for tables.
 */
export function markdownCode(s: string): string {
  const text = terminalText(s).replace(/\|/g, "\\|");
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") || text === "" ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}
