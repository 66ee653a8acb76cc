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
import { Engine, type EngineOptions, type LintedFile, withContents } from "../engine/lint.js";
import { type SkipReason, decodeSource, readSource } from "../engine/files.js";
import type { ConfigName } from "../util/create-rule.js";
import type { Finding } from "./model.js";
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
}

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

  beginFactsRun();
  withContents(texts, () => {
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
        linted = full().lint(file, relPath, source.text);
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
          linted = full().lint(file, relPath, source.text);
          const single = linted.findings.filter((f) => !isProjectDependent(f.ruleId));
          const project = linted.findings.filter((f) => isProjectDependent(f.ruleId));
          cache.set(relPath, { c, s, f: strip(single), x: strip(linted.suppressed), p, pf: strip(project) });
        }
      }
      results.push({ filePath: file, relPath, findings: linted.findings, suppressed: linted.suppressed, cached });
      options.inspect?.({ ...linted, cached });
    }
  });
  return { files: results, skipped, unchecked };
}
