/**
 * Single-file components: the script parts of `.astro` and `.vue` files, and where each runs.
 *
 * - Astro: the frontmatter (`---` … `---` at the top) runs on the server (per request, or at
 *   build time); every `<script>` of the template runs in the browser (bundled by default, shipped
 *   as written with `is:inline` or `define:vars`).
 * - Vue (and Nuxt): `<script>` and `<script setup>` are bundled for the browser (Nuxt also runs
 *   them during server rendering, but they ship). A Nuxt server component (`*.server.vue`) does not
 *   ship.
 *
 * The processors (src/processors/sfc.ts) lint each part as a virtual file named after its part
 * (`Header.vue/0_vue-script-setup.ts`); the analysis core reads the part back from that name
 * (`sfcPartOf`). A part's text keeps the file's layout: everything outside it is blanked (line
 * breaks kept), so lines, columns and offsets are those of the `.astro`/`.vue` file.
 */
import { SECRET_PREFIXES } from "./secrets.js";

export type SfcPart = "astro-frontmatter" | "astro-script" | "astro-inline-script" | "vue-script" | "vue-script-setup";

export interface SfcBlock {
  part: SfcPart;
  /** The extension the code is parsed as ("ts", "js", "tsx", "jsx"). */
  lang: string;
  /** Offsets of the code in the file. */
  start: number;
  end: number;
}

export interface SfcParse {
  blocks: SfcBlock[];
  /** Why the file cannot be read as a component (an unterminated frontmatter or tag), at an offset. */
  error?: { message: string; offset: number };
}

export interface SfcPartInfo {
  part: SfcPart;
  /** The `.astro`/`.vue` file the part belongs to. */
  container: string;
  /** Does this code ship to the browser? */
  client: boolean;
  /** How messages name it ("a `<script>` of an Astro component"). */
  label: string;
}

const PART_LABEL: Readonly<Record<SfcPart, string>> = {
  "astro-frontmatter": "the frontmatter of an Astro component",
  "astro-script": "a `<script>` of an Astro component (bundled for the browser)",
  "astro-inline-script": "an inline `<script>` of an Astro component (sent to the browser as written)",
  "vue-script": "the `<script>` of a Vue component",
  "vue-script-setup": "the `<script setup>` of a Vue component",
};

/** The `<script>` tags eslint-plugin-astro's processor hands to ESLint (`Page.astro/1_1.ts`). */
const ASTRO_PLUGIN_SCRIPT = /\.astro[\\/]\d+_\d+\.[cm]?[jt]s$/;

const VIRTUAL_PART = /\.(?:vue|astro)[\\/](?:\d+_)?(astro-frontmatter|astro-script|astro-inline-script|vue-script|vue-script-setup)\.[cm]?[jt]sx?$/;

/**
 * The part of a component a file name stands for: a virtual block of the processors, or the
 * component itself when a host parses the whole file (vue-eslint-parser gives the scripts as the
 * program, astro-eslint-parser the frontmatter). Undefined for any other file.
 */
export function sfcPartOf(filename: string): SfcPartInfo | undefined {
  const m = VIRTUAL_PART.exec(filename);
  let part: SfcPart | undefined;
  let container = filename;
  if (m) {
    part = m[1] as SfcPart;
    container = filename.slice(0, m.index + filename.slice(m.index).search(/[\\/]/));
  } else if (/\.vue$/.test(filename)) part = "vue-script";
  else if (/\.astro$/.test(filename)) part = "astro-frontmatter";
  else if (ASTRO_PLUGIN_SCRIPT.test(filename)) {
    part = "astro-script";
    container = filename.replace(/[\\/][^\\/]+$/, "");
  }
  if (!part) return undefined;
  // a Nuxt server component renders on the server only: its code does not ship
  const client = part !== "astro-frontmatter" && !/\.server\.vue$/.test(container);
  // a whole .vue file parsed by vue-eslint-parser: its <script> and <script setup> together
  const label = m || part !== "vue-script" ? PART_LABEL[part] : "a script of a Vue component";
  return { part, container, client, label };
}

/**
 * Can this component give no finding? The rules that read components (secrets, removed APIs,
 * server helpers in client code) all key on Clerk names or secret-shaped values.
 */
export function isInertSfc(text: string): boolean {
  return !/clerk/i.test(text) && !SECRET_PREFIXES.some((p) => text.includes(p));
}

/** The text of `block` at its place in the file: everything else blanked, line breaks kept. */
export function blockText(text: string, block: SfcBlock): string {
  const blank = (s: string) => s.replace(/[^\r\n\u2028\u2029\uFEFF]/g, " ");
  return blank(text.slice(0, block.start)) + text.slice(block.start, block.end) + blank(text.slice(block.end));
}

// ── Reading a component ──────────────────────────────────────────────────

interface Tag {
  name: string;
  attrs: Map<string, string | true>;
  /** Offset just past `>`. */
  end: number;
  selfClosing: boolean;
}

/** What the `<` at `lt` starts: a tag, or where to resume (after an HTML comment, -1 when it is never closed; after the `<` when it is no tag). */
function markupAt(text: string, lt: number): { tag: Tag } | { resume: number } {
  if (text.startsWith("<!--", lt)) {
    const close = text.indexOf("-->", lt + 4);
    return { resume: close < 0 ? -1 : close + 3 };
  }
  const tag = readTag(text, lt);
  return tag ? { tag } : { resume: lt + 1 };
}

/** Read the tag that starts at `at` (`<name …>`), or undefined when none does (or it never closes). */
function readTag(text: string, at: number): Tag | undefined {
  const m = /^<([A-Za-z][\w:.-]*)/.exec(text.slice(at, at + 64));
  if (!m) return undefined;
  const attrs = new Map<string, string | true>();
  let i = at + m[0].length;
  while (i < text.length) {
    const c = text[i]!;
    if (c === ">") return { name: m[1]!.toLowerCase(), attrs, end: i + 1, selfClosing: text[i - 1] === "/" };
    if (/\s|\//.test(c)) {
      i++;
      continue;
    }
    if (c === "{") {
      // an attribute expression (`{...props}`, `define:vars={{ a }}`)
      const close = skipExpression(text, i);
      if (close < 0) return undefined;
      i = close;
      continue;
    }
    const name = /^[^\s=>/"'{]+/.exec(text.slice(i, i + 256))?.[0] ?? c;
    i += name.length;
    while (/\s/.test(text[i] ?? "")) i++;
    if (text[i] !== "=") {
      attrs.set(name.toLowerCase(), true);
      continue;
    }
    i++;
    while (/\s/.test(text[i] ?? "")) i++;
    const q = text[i];
    if (q === '"' || q === "'" || q === "`") {
      const close = text.indexOf(q, i + 1);
      if (close < 0) return undefined;
      attrs.set(name.toLowerCase(), text.slice(i + 1, close));
      i = close + 1;
    } else if (q === "{") {
      const close = skipExpression(text, i);
      if (close < 0) return undefined;
      attrs.set(name.toLowerCase(), text.slice(i, close));
      i = close;
    } else {
      const value = /^[^\s>]*/.exec(text.slice(i))![0];
      attrs.set(name.toLowerCase(), value);
      i += value.length;
    }
  }
  return undefined;
}

/** Characters after which a quote opens a string in an expression (elsewhere it is text, as in `<p>Don't</p>`). */
const BEFORE_STRING = /[(,=:[!&|?{};+\-*%<>~^]$|\breturn$|^$/;

/** The offset past the `}` that closes the `{` at `at` (strings, template literals and comments skipped), or -1. */
function skipExpression(text: string, at: number): number {
  let depth = 0;
  let i = at;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "{") depth++;
    else if (c === "}") {
      depth--;
      if (depth === 0) return i + 1;
    } else if ((c === '"' || c === "'" || c === "`") && BEFORE_STRING.test(text.slice(Math.max(at + 1, i - 8), i).trimEnd())) {
      const close = closeString(text, i);
      if (close < 0) return -1;
      i = close;
      continue;
    } else if (c === "/" && text[i + 1] === "/") {
      const nl = text.indexOf("\n", i);
      i = nl < 0 ? text.length : nl;
      continue;
    } else if (c === "/" && text[i + 1] === "*") {
      const close = text.indexOf("*/", i + 2);
      if (close < 0) return -1;
      i = close + 2;
      continue;
    }
    i++;
  }
  return -1;
}

/** The offset past the quote that closes the string opened at `at` (escapes and `${}` followed). */
function closeString(text: string, at: number): number {
  const q = text[at]!;
  let i = at + 1;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\") i += 2;
    else if (c === q) return i + 1;
    else if (q !== "`" && c === "\n") return i + 1; // an unterminated quote ends at the line
    else if (q === "`" && c === "$" && text[i + 1] === "{") {
      const close = skipExpression(text, i + 1);
      if (close < 0) return -1;
      i = close;
    } else i++;
  }
  return -1;
}

/** Offset of `</name` (any case) from `from`, or -1. */
function closingTag(text: string, name: string, from: number): number {
  const re = new RegExp(`</${name}(?=[\\s>/])`, "gi");
  re.lastIndex = from;
  return re.exec(text)?.index ?? -1;
}

const lineOf = (text: string, offset: number) => text.slice(0, offset).split("\n").length;

function langOf(attrs: Map<string, string | true>, fallback: string): string | undefined {
  const lang = attrs.get("lang");
  if (lang === undefined || lang === true) return fallback;
  const l = lang.toLowerCase();
  if (l === "ts" || l === "typescript") return "ts";
  if (l === "js" || l === "javascript") return "js";
  if (l === "tsx" || l === "jsx") return l;
  return undefined; // CoffeeScript and the like: not read
}

/** JavaScript `type`s of a `<script>`: none, a module, a classic script, Partytown. Anything else (JSON-LD, templates) is data. */
const JS_TYPE = /^(?:module|text\/javascript|application\/javascript|text\/partytown)$/i;

/** The script parts of an `.astro` component. */
export function astroBlocks(text: string): SfcParse {
  const blocks: SfcBlock[] = [];
  let i = 0;
  const open = /^(\uFEFF?\s*)---[^\S\r\n]*\r?\n/.exec(text);
  if (open) {
    const start = open[0].length;
    const close = /^---/m;
    const rest = text.slice(start);
    const m = close.exec(rest);
    if (!m) return { blocks, error: { message: "the frontmatter opened with `---` on line " + lineOf(text, open[1]!.length) + " is never closed", offset: open[1]!.length } };
    blocks.push({ part: "astro-frontmatter", lang: "ts", start, end: start + m.index });
    i = start + m.index + 3;
  }
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const brace = text.indexOf("{", i);
    if (brace >= 0 && (lt < 0 || brace < lt)) {
      // a template expression: scripts written inside one are not processed by Astro
      const close = skipExpression(text, brace);
      if (close < 0) return { blocks };
      i = close;
      continue;
    }
    if (lt < 0) break;
    const at = markupAt(text, lt);
    if ("resume" in at) {
      if (at.resume < 0) break;
      i = at.resume;
      continue;
    }
    const tag = at.tag;
    i = tag.end;
    if (tag.selfClosing || (tag.name !== "script" && tag.name !== "style")) continue;
    const close = closingTag(text, tag.name, tag.end);
    if (close < 0) return { blocks, error: { message: `the <${tag.name}> tag on line ${lineOf(text, lt)} is never closed`, offset: lt } };
    i = close;
    if (tag.name !== "script") continue;
    const type = tag.attrs.get("type");
    if (typeof type === "string" && !JS_TYPE.test(type.trim())) continue;
    if (text.slice(tag.end, close).trim() === "") continue;
    // Astro bundles a script with no attributes but `src`; any other attribute ships it as written
    const inline = [...tag.attrs.keys()].some((a) => a !== "src");
    // read as TypeScript either way (a superset of the JavaScript a browser runs): no parse error on a script Astro compiles
    blocks.push({ part: inline ? "astro-inline-script" : "astro-script", lang: "ts", start: tag.end, end: close });
  }
  return { blocks };
}

/** The `<script>` and `<script setup>` blocks of a `.vue` component (top-level blocks only). */
export function vueBlocks(text: string): SfcParse {
  const blocks: SfcBlock[] = [];
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    if (lt < 0) break;
    const at = markupAt(text, lt);
    if ("resume" in at) {
      if (at.resume < 0) break;
      i = at.resume;
      continue;
    }
    const tag = at.tag;
    i = tag.end;
    if (tag.selfClosing) continue;
    let close: number;
    if (tag.name === "template") close = closingTemplate(text, tag.end);
    else close = closingTag(text, tag.name, tag.end);
    if (close < 0) return { blocks, error: { message: `the <${tag.name}> block on line ${lineOf(text, lt)} is never closed`, offset: lt } };
    i = text.indexOf(">", close) + 1 || text.length;
    if (tag.name !== "script" || tag.attrs.has("src")) continue;
    const lang = langOf(tag.attrs, "js");
    if (!lang || text.slice(tag.end, close).trim() === "") continue;
    blocks.push({ part: tag.attrs.has("setup") ? "vue-script-setup" : "vue-script", lang, start: tag.end, end: close });
  }
  return { blocks };
}

/** The `</template>` that closes a top-level template (nested `<template>` elements counted, comments skipped). */
function closingTemplate(text: string, from: number): number {
  const re = /<!--[\s\S]*?-->|<template\b[^>]*?(\/)?>|<\/template\s*>/gi;
  re.lastIndex = from;
  let depth = 1;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].startsWith("<!--")) continue;
    if (m[0].startsWith("</")) {
      if (--depth === 0) return m.index;
    } else if (!m[1]) depth++;
  }
  return -1;
}

export function sfcBlocks(file: string, text: string): SfcParse {
  return /\.astro$/i.test(file) ? astroBlocks(text) : vueBlocks(text);
}
