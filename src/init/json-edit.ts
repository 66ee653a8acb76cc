/**
 * Edit a JSON document by inserting text, so everything init does not add stays
 * byte for byte: big integers, escapes, key order, number spellings, comments-free
 * formatting, a byte order mark and line endings. The text is validated with
 * JSON.parse first; this reader only records where each value starts and ends.
 */

export interface JsonNode {
  kind: "object" | "array" | "scalar";
  start: number;
  /** Offset just past the value's last character. */
  end: number;
  /** Object members in order (for a duplicated key, JSON.parse keeps the last: so does `member`). */
  members?: Array<{ key: string; value: JsonNode }>;
  elements?: JsonNode[];
}

const WS = /[ \t\r\n]/;

/** Parse already-valid JSON text (JSON.parse accepted it) into value positions. */
export function jsonNodes(text: string): JsonNode {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.test(text[i]!)) i++;
  };
  const string = (): string => {
    const start = i;
    i++; // opening quote
    while (text[i] !== '"') i += text[i] === "\\" ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (): JsonNode => {
    skip();
    const start = i;
    const c = text[i];
    if (c === "{") {
      i++;
      const members: Array<{ key: string; value: JsonNode }> = [];
      skip();
      while (text[i] !== "}") {
        skip();
        const key = string();
        skip();
        i++; // colon
        members.push({ key, value: value() });
        skip();
        if (text[i] === ",") i++;
        skip();
      }
      i++;
      return { kind: "object", start, end: i, members };
    }
    if (c === "[") {
      i++;
      const elements: JsonNode[] = [];
      skip();
      while (text[i] !== "]") {
        elements.push(value());
        skip();
        if (text[i] === ",") i++;
        skip();
      }
      i++;
      return { kind: "array", start, end: i, elements };
    }
    if (c === '"') {
      string();
      return { kind: "scalar", start, end: i };
    }
    while (i < text.length && !/[,\]}\s]/.test(text[i]!)) i++;
    return { kind: "scalar", start, end: i };
  };
  return value();
}

/** The last member of `node` named `key` (JSON.parse semantics). */
export function member(node: JsonNode, key: string): JsonNode | undefined {
  let found: JsonNode | undefined;
  for (const m of node.members ?? []) if (m.key === key) found = m.value;
  return found;
}

export interface Style {
  /** One level of indentation ("  ", "\t", …). */
  unit: string;
  eol: string;
}

/** The indentation unit and line ending a document uses (two spaces and \n when it cannot tell). */
export function styleOf(text: string): Style {
  const eol = /\r\n/.test(text) ? "\r\n" : "\n";
  const m = /^[{[][ \t]*\r?\n([ \t]+)\S/.exec(text.replace(/^\uFEFF/, ""));
  return { unit: m ? m[1]! : "  ", eol };
}

/** Indentation of the line holding offset `at`. */
function lineIndent(text: string, at: number): string {
  const lineStart = text.lastIndexOf("\n", at - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart))![0];
}

function render(value: unknown, style: Style, indent: string, multiline: boolean): string {
  if (!multiline) return JSON.stringify(value);
  return JSON.stringify(value, null, style.unit).split("\n").join(style.eol + indent);
}

export interface Insertion {
  at: number;
  text: string;
  /** Characters replaced at `at` (the whitespace inside an empty container). */
  remove?: number;
}

/**
 * Text to insert into container `node` (an object when `key` is given, else an array) so it
 * gains one last entry, in the container's own layout: one entry per line at the indentation
 * of its other entries, or all on one line when the container is written on one line.
 */
export function appendEntry(text: string, node: JsonNode, style: Style, entry: unknown, key?: string): Insertion {
  const close = node.end - 1;
  const entries = key === undefined ? (node.elements ?? []) : (node.members ?? []).map((m) => m.value);
  const inner = text.slice(node.start + 1, close);
  const multiline = inner.includes("\n") || (entries.length === 0 && text.includes("\n"));
  const closeIndent = lineIndent(text, close);
  let entryIndent = closeIndent + style.unit;
  if (entries.length > 0) {
    // the indentation the container's entries already use
    const first = entries[0]!;
    const firstLineStart = text.lastIndexOf("\n", first.start - 1) + 1;
    if (multiline && firstLineStart > node.start) entryIndent = lineIndent(text, first.start);
  }
  const keyText = key === undefined ? "" : `${JSON.stringify(key)}: `;
  const body = keyText + render(entry, style, multiline ? entryIndent : "", multiline);
  if (entries.length === 0) {
    const replacement = multiline ? `${style.eol}${entryIndent}${body}${style.eol}${closeIndent}` : body;
    // an empty container: replace whatever whitespace it holds
    return { at: node.start + 1, remove: close - node.start - 1, text: replacement };
  }
  const last = entries[entries.length - 1]!;
  return { at: last.end, text: multiline ? `,${style.eol}${entryIndent}${body}` : `, ${body}` };
}

/** Apply insertions, last first, so earlier offsets stay valid. */
export function applyInsertions(text: string, insertions: readonly Insertion[]): string {
  let out = text;
  for (const ins of [...insertions].sort((a, b) => b.at - a.at)) out = out.slice(0, ins.at) + ins.text + out.slice(ins.at + (ins.remove ?? 0));
  return out;
}
