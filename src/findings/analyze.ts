/**
 * The one pipeline `check`, `baseline`, `ci` and the Claude Code hook share:
 * read each file once (bounded, see engine/files.ts), lint it or take it from the
 * result cache, keep its findings, and let the caller look at the text and AST
 * (`inspect`) before they are dropped. Files are processed one at a time, so
 * memory grows with the findings, not with the files.
 */
import path from "node:path";
import { beginFactsRun, projectInfoFor } from "../analysis/project-info.js";
import { listCodeFiles } from "../analysis/project/discover.js";
import { Engine, type EngineOptions, type LintedFile, ownMessages, withContents } from "../engine/lint.js";
import { type SkipReason, decodeSource, kindOf, readSource } from "../engine/files.js";
import { type OxlintOutcome, runOxlint, verdict } from "../engine/oxlint.js";
import { type EngineChoice, type EngineName, chooseEngine } from "../engine/oxlint-install.js";
import type { ConfigName } from "../util/create-rule.js";
import { type Finding, findingsOf } from "./model.js";
import { type ResultCache, StateHasher, type StoredFinding, isProjectDependent, sha256 } from "./cache.js";

/** What the pipeline keeps of a file. */
export interface FileResult {
  filePath: string;
  /** Root-relative path, forward slashes. */
  relPath: string;
  findings: Finding[];
  /** Findings eslint-disable comments suppressed. */
  suppressed: Finding[];
  /** From the cache (true) or freshly linted. */
  cached: boolean;
}

/** What `inspect` sees of a file: its result, its text, and its AST when it was linted and parsed. */
export type InspectedFile = LintedFile & { cached: boolean };

export interface Analysis {
  files: FileResult[];
  skipped: Map<SkipReason, string[]>;
  /** Files left out because `stop` asked to (a deadline). */
  unchecked: string[];
  /** The engine that linted the files oxlint can take (ESLint lints the rest either way). */
  engine: EngineName;
  /** Why the oxlint engine was asked for and not used (one line for the user), if it was not. */
  engineNote?: string;
  /** Files whose findings came from oxlint (the others were linted by ESLint or came from the cache). */
  oxlintFiles: number;
}

export interface AnalyzeOptions {
  /** Working directory for the engine. */
  cwd: string;
  /** Fingerprint root: finding paths are relative to it. */
  root: string;
  /** Content that replaces the disk for these files (staged blobs, the hook's HEAD versions). */
  contents?: ReadonlyMap<string, Buffer | string>;
  cache?: ResultCache;
  config?: ConfigName;
  /** Markdown processor options for the engine (see EngineOptions). */
  markdown?: EngineOptions["markdown"];
  /** Called for every analysed file while its text (and AST) is at hand. */
  inspect?: (file: InspectedFile) => void;
  /** Files whose AST `inspect` needs: linted even when the cache has them. */
  needsProgram?: (filePath: string) => boolean;
  /** Asked before each file; true ends the run there (the rest is listed in `unchecked`). */
  stop?: () => boolean;
  /**
   * `eslint` (the default): ESLint's Linter in this process. `oxlint`: the code files read from
   * disk go through one oxlint process first (engine/oxlint.ts), the rest through ESLint, with the
   * same findings. `auto`: oxlint when it is installed and the run is large enough to pay off.
   */
  engine?: EngineChoice;
}

/** What oxlint parses as our ESLint config does (processed kinds such as Markdown, dotenv, or components stay with ESLint). */
const OXLINT_CODE = /\.(?:[cm]?[jt]s|[jt]sx)$/;

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

function restore(stored: readonly StoredFinding[], filePath: string): Finding[] {
  return stored.map((f) => ({ ...f, filePath }));
}

function strip(findings: readonly Finding[]): StoredFinding[] {
  return findings.map(({ filePath: _filePath, ...rest }) => rest);
}

/** Two position-ordered lists merged in position order (stable: `a` first on ties). */
function merge(a: Finding[], b: Finding[]): Finding[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  return [...a, ...b].sort((x, y) => x.line - y.line || x.column - y.column);
}

/** Lint `files` (absolute paths) and compute their findings, one file at a time. */
export function analyze(files: readonly string[], options: AnalyzeOptions): Analysis {
  const { cwd, root, cache } = options;
  const config = options.config ?? "recommended";
  const skipped = new Map<SkipReason, string[]>();
  const results: FileResult[] = [];
  const unchecked: string[] = [];
  const skip = (reason: SkipReason, file: string) => skipped.set(reason, [...(skipped.get(reason) ?? []), file]);

  // in-memory content as text, for the engine and for project-level reads (overlays)
  const texts = new Map<string, string>();
  for (const [file, content] of options.contents ?? []) {
    const source = typeof content === "string" ? { text: content } : decodeSource(content);
    if ("text" in source) texts.set(file, source.text);
  }

  let engine: Engine | undefined;
  let projectEngine: Engine | undefined;
  const full = () => (engine ??= new Engine({ cwd, config, markdown: options.markdown }));
  const projectOnly = () => (projectEngine ??= new Engine({ cwd, config, only: isProjectDependent, markdown: options.markdown }));
  const hasher = cache ? new StateHasher(texts) : undefined;
  const digestFor = (file: string) => hasher!.projectDigest(projectInfoFor(file, undefined, cwd).root, (r) => listCodeFiles(r));

  let parser: Engine | undefined;
  let oxlint: Extract<OxlintOutcome, { files: unknown }>["files"] | undefined;
  let engineUsed: EngineName = "eslint";
  let engineNote: string | undefined;
  let oxlintFiles = 0;
  /**
   * The files oxlint may take: code files read from disk (in-memory content only when it equals
   * the file on disk), not cache hits, not those whose AST `inspect` needs.
   */
  const oxlintCandidates = (): string[] => {
    const out: string[] = [];
    for (const file of files) {
      if (kindOf(file) !== "code" || !OXLINT_CODE.test(file) || options.needsProgram?.(file)) continue;
      const disk = readSource(file);
      if ("skip" in disk) continue;
      if (options.contents?.has(file) && texts.get(file) !== disk.text) continue;
      if (cache) {
        const entry = cache.get(rel(root, file));
        if (entry && entry.c === sha256(disk.text) && entry.s === hasher!.stateHash(file)) continue;
      }
      out.push(file);
    }
    return out;
  };
  /** One file through the engine: oxlint's result when it settles the file, else ESLint. */
  const lintOne = (file: string, relPath: string, text: string): LintedFile => {
    const messages = oxlint ? verdict(oxlint.get(file), text, config) : undefined;
    if (!messages) return full().lint(file, relPath, text);
    oxlintFiles++;
    const own = ownMessages(messages);
    let program: LintedFile["program"];
    if (own.length > 0) {
      // the AST ESLint would have (it names the enclosing function in fingerprints); if ESLint's
      // parser refuses the file, ESLint's parse error is the finding
      const parsed = (parser ??= new Engine({ cwd, config, only: () => false })).lint(file, relPath, text);
      if (!parsed.program || parsed.findings.length > 0) return full().lint(file, relPath, text);
      program = parsed.program;
    }
    const source = { filePath: file, relPath, text, program };
    return { ...source, findings: findingsOf(own, source), suppressed: [] };
  };

  beginFactsRun();
  withContents(texts, () => {
    const choice = options.engine ?? "eslint";
    if (choice !== "eslint") {
      const candidates = oxlintCandidates();
      if (candidates.length > 0 && chooseEngine(choice, candidates.length) === "oxlint") {
        const outcome = runOxlint(candidates, { config });
        if ("error" in outcome) engineNote = `the oxlint engine failed (${outcome.error}), so ESLint linted every file`;
        else {
          oxlint = outcome.files;
          engineUsed = "oxlint";
        }
      }
    }
    for (let i = 0; i < files.length; i++) {
      const file = files[i]!;
      if (options.stop?.()) {
        unchecked.push(...files.slice(i));
        break;
      }
      const source = readSource(file, options.contents?.get(file));
      if ("skip" in source) {
        skip(source.skip, file);
        continue;
      }
      const relPath = rel(root, file);
      let linted: LintedFile;
      let cached = false;
      if (!cache) {
        linted = lintOne(file, relPath, source.text);
      } else {
        const c = sha256(source.text);
        const s = hasher!.stateHash(file);
        const p = digestFor(file);
        const entry = cache.get(relPath);
        if (entry && entry.c === c && entry.s === s && !options.needsProgram?.(file)) {
          cached = true;
          let project: Finding[];
          if (entry.p === p) {
            cache.hits++;
            project = restore(entry.pf, file);
          } else {
            cache.partialHits++;
            project = projectOnly().lint(file, relPath, source.text).findings;
            cache.set(relPath, { ...entry, p, pf: strip(project) });
          }
          linted = { filePath: file, relPath, text: source.text, findings: merge(restore(entry.f, file), project), suppressed: restore(entry.x, file) };
        } else {
          cache.misses++;
          linted = lintOne(file, relPath, source.text);
          const single = linted.findings.filter((f) => !isProjectDependent(f.ruleId));
          const project = linted.findings.filter((f) => isProjectDependent(f.ruleId));
          cache.set(relPath, { c, s, f: strip(single), x: strip(linted.suppressed), p, pf: strip(project) });
        }
      }
      results.push({ filePath: file, relPath, findings: linted.findings, suppressed: linted.suppressed, cached });
      options.inspect?.({ ...linted, cached });
    }
  });
  return { files: results, skipped, unchecked, engine: engineUsed, oxlintFiles, ...(engineNote ? { engineNote } : {}) };
}
