/**
 * The engine every CLI command shares: lint one text with the plugin's
 * built-in config through ESLint's Linter, and turn the messages into findings
 * (src/findings/model.ts) while the text and AST are at hand. It never loads the
 * target project's ESLint config or code, so it is safe on untrusted pull requests.
 */
import path from "node:path";
import { Linter } from "eslint";
import plugin, { rules } from "../plugin.js";
import { fastParser } from "./fast-parser.js";
import { clearOverlays, setOverlay } from "../analysis/fs-cache.js";
import { isCodeFile } from "../analysis/next-files.js";
import { envProcessor } from "../processors/env.js";
import { ASTRO_FILES, VUE_FILES, astroProcessor, vueProcessor } from "../processors/sfc.js";
import { MARKDOWN_FILES, type MarkdownProcessorOptions, createMarkdownProcessor, markdownProcessor } from "../processors/markdown.js";
import { type FileKind, kindOf } from "./files.js";
import { type EngineMessage, type Finding, type FindingSource, findingsOf } from "../findings/model.js";
import { type ConfigName, INTERNAL_ERROR, causeOf } from "../util/create-rule.js";

const CODE_GLOB = "**/*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}";

/** rule id → message ids the CLI reports as warnings (deprecations). */
const ADVISORY = new Map<string, Set<string>>(
  Object.entries(rules).map(([id, rule]) => [
    `clerk-guard/${id}`,
    new Set((rule.meta.docs as { warnMessageIds?: readonly string[] }).warnMessageIds ?? []),
  ]),
);

/**
 * The messages the CLI reports, whatever engine produced them: the project's own eslint-disable
 * comments name rules this config does not load ("Definition for rule … was not found"), which
 * are not findings of ours; advisory messages (warnMessageIds) are downgraded to warnings.
 */
export function ownMessages(messages: EngineMessage[]): EngineMessage[] {
  const own = messages.filter((m) => m.ruleId === null || m.ruleId.startsWith("clerk-guard/"));
  for (const m of own) {
    if (m.severity === 2 && m.ruleId && m.messageId && ADVISORY.get(m.ruleId)?.has(m.messageId)) m.severity = 1;
  }
  return own;
}

export interface EngineOptions {
  config?: ConfigName;
  /** Working directory (the engine uses the filesystem root as ESLint's cwd, so every file is inside its base path). */
  cwd?: string;
  settings?: Record<string, unknown>;
  /** Run only the rules (ids without the plugin prefix) this accepts, e.g. the cross-file rules on a cache hit. */
  only?: (ruleId: string) => boolean;
  /** How Markdown code blocks are placed and seen (the test suite's executable docs read each block's own messages). */
  markdown?: MarkdownProcessorOptions;
}

/** One linted file: its findings, plus its text and AST for the caller to look at before they are dropped. */
export interface LintedFile extends FindingSource {
  findings: Finding[];
  /** Findings an eslint-disable comment suppressed (never reported; anti-gaming and ESLint's json read them). */
  suppressed: Finding[];
}

type Configs = Record<"ts" | "js" | "markdown" | "env" | "astro" | "vue", Linter.Config[]>;

function configsFor(configName: ConfigName, settings?: Record<string, unknown>, only?: (ruleId: string) => boolean, markdown?: MarkdownProcessorOptions): Configs {
  // the config's plugin and rule levels; the parser is the engine's own (below)
  const full = plugin.configs[configName] as unknown as Linter.Config;
  const base: Linter.Config = {
    plugins: full.plugins,
    rules: only ? Object.fromEntries(Object.entries(full.rules ?? {}).filter(([id]) => only(id.replace(/^clerk-guard\//, "")))) : full.rules,
  };
  const common: Linter.Config = {
    files: [CODE_GLOB],
    linterOptions: { reportUnusedDisableDirectives: "off" },
    ...(settings ? { settings } : {}),
  };
  const ts: Linter.Config[] = [
    { ...common, languageOptions: { parser: fastParser as unknown as Linter.Parser, parserOptions: { ecmaFeatures: { jsx: true }, sourceType: "module" } } },
    { ...base, files: [CODE_GLOB] },
  ];
  return {
    ts,
    // the code blocks of a Markdown file and the script of a dotenv file are linted as TypeScript/JSX files
    markdown: [...ts, { files: [...MARKDOWN_FILES], processor: markdown ? createMarkdownProcessor(markdown) : markdownProcessor }],
    env: [...ts, { files: ["**/.env", "**/.env.*"], processor: envProcessor }],
    // and so are the script parts of components (src/processors/sfc.ts)
    astro: [...ts, { files: [...ASTRO_FILES], processor: astroProcessor }],
    vue: [...ts, { files: [...VUE_FILES], processor: vueProcessor }],
    js: [
      { ...common, languageOptions: { ecmaVersion: "latest", sourceType: "module", parserOptions: { ecmaFeatures: { jsx: true } } } },
      { ...base, files: [CODE_GLOB] },
    ],
  };
}

function isTs(file: string): boolean {
  return /\.(c|m)?tsx?$/.test(file);
}

export class Engine {
  private readonly linter: Linter;
  private readonly configs: Configs;

  constructor(options: EngineOptions = {}) {
    // The root as cwd puts every file inside the base path, wherever the project lives.
    this.linter = new Linter({ configType: "flat", cwd: path.parse(options.cwd ?? process.cwd()).root });
    this.configs = configsFor(options.config ?? "recommended", options.settings, options.only, options.markdown);
  }

  /** Lint `text` as `filePath`. Parse errors and crashes come back as findings, never as exceptions. */
  lint(filePath: string, relPath: string, text: string): LintedFile {
    let messages: EngineMessage[];
    try {
      const kind: FileKind = kindOf(filePath) ?? "code";
      const configs = kind === "code" ? (isTs(filePath) ? this.configs.ts : this.configs.js) : this.configs[kind];
      // blocks a processor makes (Markdown examples, a dotenv script, component scripts) are linted when they are code
      messages = this.linter.verify(text, configs, { filename: filePath, filterCodeBlock: (block: string) => isCodeFile(block) }) as EngineMessage[];
    } catch (error) {
      messages = [
        { ruleId: null, severity: 2, message: `clerk-guard's engine crashed on this file (${causeOf(error)}), so no rule checked it. Please report it to clerk-guard.`, line: 1, column: 1, messageId: INTERNAL_ERROR },
      ];
    }
    messages = ownMessages(messages);
    let suppressed: EngineMessage[] = [];
    try {
      // public since ESLint 8, missing from its type declarations
      const get = (this.linter as unknown as { getSuppressedMessages?: () => EngineMessage[] }).getSuppressedMessages;
      suppressed = (get?.call(this.linter) ?? []).filter((m) => m.ruleId?.startsWith("clerk-guard/"));
    } catch {
      suppressed = [];
    }
    let program: LintedFile["program"];
    try {
      const sc = this.linter.getSourceCode();
      // after a parse error the linter may still hold the previous file's source
      program = sc && sc.text === text.replace(/^\uFEFF/, "") ? (sc.ast as LintedFile["program"]) : undefined;
    } catch {
      program = undefined;
    }
    const source: FindingSource = { filePath, relPath, text, program };
    return { ...source, findings: findingsOf(messages, source), suppressed: findingsOf(suppressed, source) };
  }
}

/**
 * Run `fn` with `contents` (staged blobs, the hook's HEAD versions) standing in
 * for the disk in every project-level read of those files.
 */
export function withContents<T>(contents: ReadonlyMap<string, string> | undefined, fn: () => T): T {
  if (!contents || contents.size === 0) return fn();
  for (const [file, text] of contents) setOverlay(file, text);
  try {
    return fn();
  } finally {
    clearOverlays();
  }
}
