/**
 * The engine every CLI command shares: lint files with the plugin's built-in
 * config through ESLint's Linter. It never loads the target project's ESLint
 * config or code, so it is safe on untrusted pull requests.
 */
import fs from "node:fs";
import path from "node:path";
import { Linter } from "eslint";
import tsParser from "@typescript-eslint/parser";
import plugin, { rules } from "../index.js";
import { clearOverlays, setOverlay } from "../analysis/fs-cache.js";
import type { ConfigName } from "../util/create-rule.js";

export interface LintMessage {
  ruleId: string | null;
  severity: 1 | 2;
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  fatal?: boolean;
  messageId?: string;
  suggestions?: Array<{ desc: string; fix: { range: [number, number]; text: string } }>;
  fix?: { range: [number, number]; text: string };
  /** On suppressed messages: the directive(s) that suppressed it. */
  suppressions?: Array<{ kind: "directive" | "file"; justification: string }>;
}

export interface LintResult {
  filePath: string;
  messages: LintMessage[];
  suppressedMessages: LintMessage[];
  errorCount: number;
  fatalErrorCount: number;
  warningCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  source?: string;
  usedDeprecatedRules: [];
}

/** What the engine keeps beside each result (not serialized): the linted text and its AST. */
export interface LintedSource {
  text: string;
  program?: import("@typescript-eslint/utils").TSESTree.Program;
}

/** Side table: result → linted source, for fingerprints and hooks. */
export const lintedSources = new WeakMap<LintResult, LintedSource>();

const CODE_GLOB = "**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}";

/** rule id → message ids the CLI reports as warnings (deprecations). */
const ADVISORY = new Map<string, Set<string>>(
  Object.entries(rules).map(([id, rule]) => [
    `clerk-guard/${id}`,
    new Set((rule.meta.docs as { warnMessageIds?: readonly string[] }).warnMessageIds ?? []),
  ]),
);

export const MAX_FILE_BYTES = 1_000_000;

export type SkipReason = "too-large" | "binary" | "not-utf8";

/** Read a file for linting, or say why it is skipped. */
export function readSource(file: string, content?: Buffer): { text: string } | { skip: SkipReason } {
  let buf: Buffer;
  try {
    buf = content ?? fs.readFileSync(file);
  } catch {
    return { skip: "binary" };
  }
  if (buf.length > MAX_FILE_BYTES) return { skip: "too-large" };
  if (buf.includes(0)) return { skip: "binary" };
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(buf);
    return { text };
  } catch {
    return { skip: "not-utf8" };
  }
}

function configsFor(
  configName: ConfigName,
  settings?: Record<string, unknown>,
  only?: (ruleId: string) => boolean,
): { ts: Linter.Config[]; js: Linter.Config[] } {
  const full = plugin.configs[configName] as unknown as Linter.Config;
  const base: Linter.Config = only
    ? { ...full, rules: Object.fromEntries(Object.entries(full.rules ?? {}).filter(([id]) => only(id.replace(/^clerk-guard\//, "")))) }
    : full;
  const common: Linter.Config = {
    files: [CODE_GLOB],
    linterOptions: { reportUnusedDisableDirectives: "off" },
    ...(settings ? { settings } : {}),
  };
  return {
    ts: [
      { ...common, languageOptions: { parser: tsParser as unknown as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true }, sourceType: "module" } } },
      { ...base, files: [CODE_GLOB] },
    ],
    js: [
      { ...common, languageOptions: { ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } } },
      { ...base, files: [CODE_GLOB] },
    ],
  };
}

export interface LintOptions {
  config?: ConfigName;
  cwd?: string;
  settings?: Record<string, unknown>;
  /** In-memory contents (staged blobs, hook edits) that replace the disk for these files. */
  contents?: Map<string, string>;
  /** Run only the rules (ids without the plugin prefix) this accepts, e.g. the cross-file rules on a cache hit. */
  only?: (ruleId: string) => boolean;
}

function isTs(file: string): boolean {
  return /\.(c|m)?tsx?$/.test(file);
}

/** A LintResult for `messages`, with ESLint's counters. */
export function resultFor(filePath: string, messages: LintMessage[], suppressedMessages: LintMessage[] = []): LintResult {
  return { filePath, messages, suppressedMessages, ...count(messages), usedDeprecatedRules: [] };
}

function count(messages: LintMessage[]) {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  let fixableErrorCount = 0;
  let fixableWarningCount = 0;
  for (const m of messages) {
    if (m.severity === 2) {
      errorCount++;
      if (m.fatal) fatalErrorCount++;
      if (m.fix) fixableErrorCount++;
    } else {
      warningCount++;
      if (m.fix) fixableWarningCount++;
    }
  }
  return { errorCount, warningCount, fatalErrorCount, fixableErrorCount, fixableWarningCount };
}

/** Lint one text as `filename`. Parse errors come back as a fatal message, never as an exception. */
export function lintText(linter: Linter, text: string, filename: string, configs: { ts: Linter.Config[]; js: Linter.Config[] }): LintResult {
  let messages: LintMessage[];
  try {
    messages = linter.verify(text, isTs(filename) ? configs.ts : configs.js, { filename }) as LintMessage[];
  } catch (error) {
    messages = [{ ruleId: null, severity: 2, fatal: true, message: `clerk-guard internal error: ${(error as Error).message.split("\n")[0]}`, line: 1, column: 1 }];
  }
  // The project's own eslint-disable comments name rules this config does not load
  // ("Definition for rule … was not found"): they are not findings of ours.
  messages = messages.filter((m) => m.ruleId === null || m.ruleId.startsWith("clerk-guard/"));
  for (const m of messages) {
    if (m.severity === 2 && m.ruleId && m.messageId && ADVISORY.get(m.ruleId)?.has(m.messageId)) m.severity = 1;
  }
  // Messages an eslint-disable comment suppressed (ESLint's json shape; never reported as findings).
  let suppressedMessages: LintMessage[] = [];
  try {
    // public since ESLint 8, missing from its type declarations
    const get = (linter as unknown as { getSuppressedMessages?: () => LintMessage[] }).getSuppressedMessages;
    suppressedMessages = (get?.call(linter) ?? []).filter((m) => m.ruleId?.startsWith("clerk-guard/"));
  } catch {
    suppressedMessages = [];
  }
  const result: LintResult = { filePath: filename, messages, suppressedMessages, ...count(messages), usedDeprecatedRules: [] };
  let program: LintedSource["program"];
  try {
    const sc = linter.getSourceCode();
    // after a parse error the linter may still hold the previous file's source
    program = sc && sc.text === text.replace(/^\uFEFF/, "") ? (sc.ast as LintedSource["program"]) : undefined;
  } catch {
    program = undefined;
  }
  lintedSources.set(result, { text, program });
  return result;
}

export interface RunResult {
  results: LintResult[];
  skipped: Map<SkipReason, string[]>;
}

/** Lint a list of absolute file paths. */
export function lintFiles(files: readonly string[], options: LintOptions = {}): RunResult {
  // The root as cwd puts every file inside the base path, wherever the project lives.
  const linter = new Linter({ configType: "flat", cwd: path.parse(options.cwd ?? process.cwd()).root });
  const configs = configsFor(options.config ?? "recommended", options.settings, options.only);
  const results: LintResult[] = [];
  const skipped = new Map<SkipReason, string[]>();
  if (options.contents) for (const [file, text] of options.contents) setOverlay(file, text);
  try {
    for (const file of files) {
      const given = options.contents?.get(file);
      const source = given !== undefined ? readSource(file, Buffer.from(given, "utf8")) : readSource(file);
      if ("skip" in source) {
        const list = skipped.get(source.skip) ?? [];
        list.push(file);
        skipped.set(source.skip, list);
        continue;
      }
      results.push(lintText(linter, source.text, file, configs));
    }
  } finally {
    if (options.contents) clearOverlays();
  }
  return { results, skipped };
}
