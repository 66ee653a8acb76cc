/**
 * The oxlint engine: run clerk-guard's rules over many files in one oxlint process (oxlint parses
 * in Rust; our rules run as its JS plugin), with the findings ESLint's Linter would give.
 *
 * - oxlint is resolved from clerk-guard's own install (never from the scanned project) and run
 *   with `node` on its JS entry, no shell, with a timeout.
 * - It runs with our config only: `-c` on a file written into a private scratch folder (our
 *   recording plugin by absolute path, our rules, none of oxlint's own), plus
 *   `--disable-nested-config` and `--no-ignore`; the project's `.oxlintrc*`, `oxlint.config.*`,
 *   nested configs and `jsPlugins` are never read. Files are passed by absolute path, only files
 *   the pipeline already accepted (regular files under the size cap).
 * - The recording plugin (oxlint-plugin.ts) writes each report as ESLint resolves it; oxlint's
 *   JSON output says which reports survived the file's disable comments and which files did not
 *   parse. Whatever oxlint cannot settle exactly is left to ESLint (see `verdict`).
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import plugin from "../plugin.js";
import type { EngineMessage } from "../findings/model.js";
import type { ConfigName } from "../util/create-rule.js";
import type { FileRecord } from "./oxlint-plugin.js";
import { RECORD_ENV, oxlintInstall } from "./oxlint-install.js";
export { type EngineChoice, type EngineName, ENGINE_CHOICES, chooseEngine, oxlintInstall } from "./oxlint-install.js";
import { scratchDir } from "./scratch.js";

export interface OxlintOptions {
  config: ConfigName;
  settings?: Record<string, unknown>;
}

/** What oxlint made of one file. */
interface OxlintFile {
  record?: FileRecord;
  /** "rule\0line" → how many of our reports oxlint printed (after disable comments). */
  printed: Map<string, number>;
  /** oxlint printed something else for it (a parse error, a plugin crash). */
  trouble: boolean;
}

export type OxlintOutcome = { files: Map<string, OxlintFile> } | { error: string };

const SCRATCH_PREFIX = "clerk-guard-oxlint-";
const OWNER_FILE = ".clerk-guard-oxlint-owner";

/** Total argument length per oxlint process (Windows caps a command line at 32,767 characters). */
const BATCH_CHARS = process.platform === "win32" ? 24_000 : 200_000;

function batches(files: readonly string[]): string[][] {
  const out: string[][] = [];
  let batch: string[] = [];
  let size = 0;
  for (const f of files) {
    if (batch.length > 0 && size + f.length + 1 > BATCH_CHARS) {
      out.push(batch);
      batch = [];
      size = 0;
    }
    batch.push(f);
    size += f.length + 1;
  }
  if (batch.length > 0) out.push(batch);
  return out;
}

/** Milliseconds one oxlint process may take: generous (ESLint's own pace is ~15 ms a file), then it is killed. */
function timeoutFor(files: number): number {
  const fromEnv = Number(process.env.CLERK_GUARD_OXLINT_TIMEOUT_MS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return 60_000 + 200 * files;
}

interface Diagnostic {
  code?: string;
  filename?: string;
  labels?: Array<{ span?: { line?: number } }>;
}

function entry(files: Map<string, OxlintFile>, file: string): OxlintFile {
  let e = files.get(file);
  if (!e) files.set(file, (e = { printed: new Map(), trouble: false }));
  return e;
}

/**
 * Lint `files` (absolute paths) with oxlint. Returns what oxlint said per file, or why it could
 * not be used at all (the caller then lints everything with ESLint).
 */
export function runOxlint(files: readonly string[], options: OxlintOptions): OxlintOutcome {
  const install = oxlintInstall();
  if (!install) return { error: "oxlint is not installed beside clerk-guard" };
  let scratch;
  try {
    scratch = scratchDir(SCRATCH_PREFIX, OWNER_FILE);
  } catch (error) {
    return { error: `no scratch folder for oxlint (${(error as Error).message})` };
  }
  try {
    const pluginPath = fileURLToPath(new URL("./oxlint-plugin.js", import.meta.url));
    const config = {
      plugins: [],
      categories: { correctness: "off" },
      jsPlugins: [pluginPath],
      rules: { ...plugin.configs[options.config].rules },
      ...(options.settings ? { settings: options.settings } : {}),
    };
    const configPath = path.join(scratch.dir, "oxlintrc.json");
    fs.writeFileSync(configPath, JSON.stringify(config));
    const recordPath = path.join(scratch.dir, "records.jsonl");
    const out = new Map<string, OxlintFile>();
    // oxlint may name a file by its real path (a linked folder on the way): map it back to ours
    const given = new Set(files);
    let byRealPath: Map<string, string> | undefined;
    const ours = (file: string): string => {
      if (given.has(file)) return file;
      byRealPath ??= new Map(files.map((f) => [realPath(f), f]));
      return byRealPath.get(file) ?? file;
    };
    for (const batch of batches(files)) {
      const r = spawnSync(process.execPath, [install.bin, "-c", configPath, "--disable-nested-config", "--no-ignore", "-f", "json", "--", ...batch], {
        cwd: scratch.dir,
        env: { ...process.env, [RECORD_ENV]: recordPath },
        encoding: "utf8",
        timeout: timeoutFor(batch.length),
        killSignal: "SIGKILL",
        maxBuffer: 512 * 1024 * 1024,
        stdio: ["ignore", "pipe", "pipe"],
        windowsHide: true,
      });
      if (r.error) return { error: (r.error as NodeJS.ErrnoException).code === "ETIMEDOUT" ? "oxlint timed out" : `oxlint did not run (${r.error.message})` };
      if (r.status !== 0 && r.status !== 1) return { error: `oxlint exited with ${r.status ?? r.signal}${r.stderr ? `: ${r.stderr.trim().split("\n")[0]}` : ""}` };
      let report: { diagnostics?: Diagnostic[] };
      try {
        report = JSON.parse(r.stdout) as { diagnostics?: Diagnostic[] };
      } catch {
        return { error: "oxlint's output could not be read" };
      }
      if (!Array.isArray(report.diagnostics)) return { error: "oxlint's output could not be read" };
      for (const d of report.diagnostics) {
        if (typeof d.filename !== "string" || d.filename === "") return { error: `oxlint reported a problem with no file: ${JSON.stringify(d).slice(0, 200)}` };
        const file = ours(path.resolve(scratch.dir, d.filename));
        const rule = /^clerk-guard\((.+)\)$/.exec(d.code ?? "");
        const line = d.labels?.[0]?.span?.line;
        const e = entry(out, file);
        if (!rule || typeof line !== "number") e.trouble = true;
        else {
          const key = `clerk-guard/${rule[1]}\0${line}`;
          e.printed.set(key, (e.printed.get(key) ?? 0) + 1);
        }
      }
    }
    let lines: string[];
    try {
      lines = fs.readFileSync(recordPath, "utf8").split("\n");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") return { error: "the oxlint plugin's records could not be read" };
      lines = [];
    }
    for (const line of lines) {
      if (!line) continue;
      let record: FileRecord;
      try {
        record = JSON.parse(line) as FileRecord;
      } catch {
        return { error: "the oxlint plugin's records could not be read" };
      }
      const e = entry(out, ours(record.file));
      // linted twice (a path given twice): leave the file to ESLint
      if (e.record) e.trouble = true;
      e.record = record;
    }
    return { files: out };
  } finally {
    scratch.dispose();
  }
}

function realPath(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/** A comment that disables, enables or configures rules: ESLint and oxlint read them differently at the edges. */
const DIRECTIVE = /\/[/*]\s*(?:eslint|oxlint)(?:-|\s)/;
/** An inline rule config (`/* eslint rule: level *\/`), which can turn on a rule our config leaves off. */
const INLINE_CONFIG = /\/\*\s*eslint\s/;

/**
 * oxlint's messages for one file as ESLint's Linter would return them (severity from the config),
 * or undefined when this file must be linted by ESLint: oxlint did not lint it, linted other text
 * than `text`, printed something else for it (a parse error, a crash), or a disable comment
 * suppressed or may suppress one of its reports (ESLint then gives the exact suppressed findings
 * and their justifications).
 */
export function verdict(file: OxlintFile | undefined, text: string, config: ConfigName): EngineMessage[] | undefined {
  if (!file?.record || file.trouble) return undefined;
  const body = text.replace(/^\uFEFF/, "");
  if (createHash("sha256").update(body).digest("hex") !== file.record.sha) return undefined;
  if (INLINE_CONFIG.test(body)) return undefined;
  const recorded = file.record.messages;
  if (recorded.length === 0) return file.printed.size === 0 ? [] : undefined;
  if (DIRECTIVE.test(body)) return undefined;
  const counts = new Map<string, number>();
  for (const m of recorded) counts.set(`${m.ruleId}\0${m.line}`, (counts.get(`${m.ruleId}\0${m.line}`) ?? 0) + 1);
  if (counts.size !== file.printed.size) return undefined;
  for (const [key, n] of counts) if (file.printed.get(key) !== n) return undefined;
  const levels = plugin.configs[config].rules as Record<string, unknown>;
  const severity = (ruleId: string): number => {
    const level = Array.isArray(levels[ruleId]) ? (levels[ruleId] as unknown[])[0] : levels[ruleId];
    return level === "warn" || level === 1 ? 1 : 2;
  };
  const messages = recorded.map((m): EngineMessage => {
    const { ruleId, message, line, column, messageId, endLine, endColumn, fix, suggestions } = m;
    const out: EngineMessage = { ruleId, severity: severity(ruleId), message, line, column };
    if (messageId !== undefined) out.messageId = messageId;
    if (endLine !== undefined) out.endLine = endLine;
    if (endColumn !== undefined) out.endColumn = endColumn;
    if (fix) out.fix = fix;
    if (suggestions) out.suggestions = suggestions as unknown as EngineMessage["suggestions"];
    return out;
  });
  // ESLint orders a file's messages by position, reports at one position in the order made
  return messages.sort((a, b) => a.line - b.line || a.column - b.column);
}
