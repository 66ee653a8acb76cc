/**
 * The JS plugin the oxlint engine (oxlint.ts) hands to oxlint by absolute path: clerk-guard's
 * rules, each wrapped so that every `context.report` is also written down the way ESLint's Linter
 * would turn it into a message — rule id, messageId, the message with its `{{data}}` filled in,
 * 1-based line/column and end from `loc` or the node, the fix (several fixes of one report merged
 * into one) and the suggestions in ESLint's `{ range, text }` shape. The report still goes on to
 * oxlint, which applies the file's disable comments; the engine compares the two.
 *
 * One JSON line per linted file is appended to the file named by CLERK_GUARD_OXLINT_RECORD (in
 * the engine's private scratch folder): the file's path, a hash of the text oxlint linted, and
 * the messages. Without that variable the plugin only records nothing and reports as usual.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import { rules } from "../plugin.js";
import { RECORD_ENV } from "./oxlint-install.js";

interface Position {
  line: number;
  column: number;
}
interface Loc {
  start: Position;
  end?: Position | null;
}
type Range = [number, number];
interface FixObject {
  range: Range;
  text: string;
}
type FixFn = (fixer: Fixer) => FixObject | Iterable<FixObject> | null | undefined;

interface Descriptor {
  node?: { range?: Range; loc?: Loc };
  loc?: Loc | Position;
  message?: string;
  messageId?: string;
  data?: Record<string, unknown>;
  fix?: FixFn | null;
  suggest?: Array<Record<string, unknown> & { desc?: string; messageId?: string; data?: Record<string, unknown>; fix?: FixFn }> | null;
}

/** A message as ESLint's Linter returns it, less the severity (the engine sets it from the config). */
export interface RecordedMessage {
  ruleId: string;
  message: string;
  line: number;
  column: number;
  messageId?: string;
  endLine?: number;
  endColumn?: number;
  fix?: FixObject;
  suggestions?: Array<Record<string, unknown>>;
}

/** One linted file: absolute path, sha256 of the text oxlint linted (BOM dropped), its messages. */
export interface FileRecord {
  file: string;
  sha: string;
  messages: RecordedMessage[];
}

interface Fixer {
  insertTextAfter(node: { range: Range }, text: string): FixObject;
  insertTextAfterRange(range: Range, text: string): FixObject;
  insertTextBefore(node: { range: Range }, text: string): FixObject;
  insertTextBeforeRange(range: Range, text: string): FixObject;
  replaceText(node: { range: Range }, text: string): FixObject;
  replaceTextRange(range: Range, text: string): FixObject;
  remove(node: { range: Range }): FixObject;
  removeRange(range: Range): FixObject;
}

function text(value: unknown): string {
  if (typeof value !== "string") throw new TypeError("'text' must be a string");
  return value;
}

/** ESLint's fixer methods: every fix is a `{ range, text }` over the file's text. */
const FIXER: Fixer = {
  insertTextAfter: (node, t) => ({ range: [node.range[1], node.range[1]], text: text(t) }),
  insertTextAfterRange: (range, t) => ({ range: [range[1], range[1]], text: text(t) }),
  insertTextBefore: (node, t) => ({ range: [node.range[0], node.range[0]], text: text(t) }),
  insertTextBeforeRange: (range, t) => ({ range: [range[0], range[0]], text: text(t) }),
  replaceText: (node, t) => ({ range: node.range, text: text(t) }),
  replaceTextRange: (range, t) => ({ range, text: text(t) }),
  remove: (node) => ({ range: node.range, text: "" }),
  removeRange: (range) => ({ range, text: "" }),
};

/** `{{name}}` placeholders filled from `data`; unknown names stay as written (ESLint's rule). */
export function fillPlaceholders(message: string, data: Record<string, unknown> | undefined | null): string {
  if (!data || !message.includes("{{")) return message;
  return message.replace(/\{\{([^{}]+)\}\}/gu, (whole, name: string) => {
    const key = name.trim();
    return key in data ? String(data[key]) : whole;
  });
}

function checkedFix(fix: FixObject | null | undefined): FixObject | null {
  if (!fix) return null;
  if (!fix.range || typeof fix.range[0] !== "number" || typeof fix.range[1] !== "number") throw new Error(`Fix has invalid range: ${JSON.stringify(fix, null, 2)}`);
  return { range: [fix.range[0], fix.range[1]], text: fix.text };
}

/** Several fixes of one report become one fix spanning them all, the text between them kept. */
function joinFixes(fixes: FixObject[], source: string): FixObject | null {
  for (const f of fixes) checkedFix(f);
  if (fixes.length === 0) return null;
  if (fixes.length === 1) return checkedFix(fixes[0]);
  const sorted = [...fixes].sort((a, b) => a.range[0] - b.range[0] || a.range[1] - b.range[1]);
  const start = sorted[0]!.range[0];
  const end = sorted[sorted.length - 1]!.range[1];
  let out = "";
  let at = Number.MIN_SAFE_INTEGER;
  for (const f of sorted) {
    if (f.range[0] < at) throw new Error("Fix objects must not be overlapped in a report.");
    if (f.range[0] >= 0) out += source.slice(Math.max(0, start, at), f.range[0]);
    out += f.text;
    at = f.range[1];
  }
  out += source.slice(Math.max(0, start, at), end);
  return { range: [start, end], text: out };
}

function resolveFix(fn: FixFn | null | undefined, source: string): FixObject | null {
  if (typeof fn !== "function") return null;
  const made = fn(FIXER);
  if (made && typeof made === "object" && Symbol.iterator in made) return joinFixes(Array.from(made as Iterable<FixObject>), source);
  return checkedFix(made as FixObject | null | undefined);
}

/** The legacy positional forms of `context.report` as one descriptor. */
function descriptorOf(args: unknown[]): Descriptor {
  if (args.length === 1) return args[0] as Descriptor;
  if (typeof args[1] === "string") return { node: args[0] as Descriptor["node"], message: args[1], data: args[2] as Descriptor["data"], fix: args[3] as FixFn };
  return { node: args[0] as Descriptor["node"], loc: args[1] as Loc, message: args[2] as string, data: args[3] as Descriptor["data"], fix: args[4] as FixFn };
}

/** What ESLint's Linter makes of one report. */
export function resolveReport(ruleId: string, messages: Record<string, string> | undefined, d: Descriptor, source: string, nodeLoc: (node: NonNullable<Descriptor["node"]>) => Loc): RecordedMessage {
  const template = d.messageId ? messages?.[d.messageId] : d.message;
  if (template === undefined) throw new TypeError(d.messageId ? `context.report() called with a messageId of '${d.messageId}' which is not present in the 'messages' config` : "Missing `message` property in report() call");
  let loc: Loc;
  if (d.loc) loc = "start" in d.loc && d.loc.start ? (d.loc as Loc) : { start: d.loc as Position, end: null };
  else loc = nodeLoc(d.node!);
  const out: RecordedMessage = { ruleId, message: fillPlaceholders(template, d.data), line: loc.start.line, column: loc.start.column + 1 };
  if (d.messageId) out.messageId = d.messageId;
  if (loc.end) {
    out.endLine = loc.end.line;
    out.endColumn = loc.end.column + 1;
  }
  const fix = resolveFix(d.fix, source);
  if (fix) out.fix = fix;
  if (Array.isArray(d.suggest)) {
    const suggestions = d.suggest
      .map((s) => ({ ...s, desc: fillPlaceholders((s.desc || (s.messageId ? messages?.[s.messageId] : undefined)) ?? "", s.data), fix: resolveFix(s.fix, source) }))
      .filter((s) => s.fix);
    if (suggestions.length > 0) out.suggestions = suggestions;
  }
  return out;
}

const recordFile = process.env[RECORD_ENV];
let current: FileRecord | undefined;

function flush(): void {
  if (!current || !recordFile) return;
  const line = `${JSON.stringify(current)}\n`;
  current = undefined;
  fs.appendFileSync(recordFile, line);
}
if (recordFile) process.on("exit", flush);

interface HostContext {
  filename: string;
  physicalFilename?: string;
  sourceCode: { text: string; getLoc?: (node: unknown) => Loc };
  report: (...args: unknown[]) => void;
}

function recordFor(context: HostContext): FileRecord | undefined {
  if (!recordFile) return undefined;
  const file = context.physicalFilename ?? context.filename;
  if (current?.file !== file) {
    flush();
    current = { file, sha: createHash("sha256").update(context.sourceCode.text.replace(/^\uFEFF/, "")).digest("hex"), messages: [] };
  }
  return current;
}

type AnyRule = { meta?: { messages?: Record<string, string> } & Record<string, unknown>; create: (context: never) => unknown };

function wrap(id: string, rule: AnyRule): AnyRule {
  const ruleId = `clerk-guard/${id}`;
  return {
    ...rule,
    create(host: HostContext) {
      const record = recordFor(host);
      if (!record) return rule.create(host as never);
      const context = Object.create(host, {
        report: {
          value(...args: unknown[]) {
            const d = descriptorOf(args);
            const source = host.sourceCode.text;
            const nodeLoc = (node: NonNullable<Descriptor["node"]>) => (host.sourceCode.getLoc ? host.sourceCode.getLoc(node) : node.loc!);
            record.messages.push(resolveReport(ruleId, rule.meta?.messages, d, source, nodeLoc));
            // oxlint only needs where and what (its disable comments decide); the fixes are ours
            const { fix: _fix, suggest: _suggest, ...rest } = d;
            host.report(rest);
          },
          enumerable: true,
        },
      }) as HostContext;
      return rule.create(context as never);
    },
  };
}

const plugin = {
  meta: { name: "clerk-guard" },
  rules: Object.fromEntries(Object.entries(rules).map(([id, rule]) => [id, wrap(id, rule as unknown as AnyRule)])),
};

export default plugin;
