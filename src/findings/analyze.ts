/**
 * Lint files and map the results to findings: the one pipeline `check`,
 * `ci` and `baseline` share (engine → finding model, with the result cache).
 */
import path from "node:path";
import type { TSESTree } from "@typescript-eslint/utils";
import { type LintMessage, type LintResult, type SkipReason, lintFiles, lintedSources, readSource, resultFor } from "../engine/lint.js";
import { projectInfoFor } from "../analysis/project-info.js";
import { listCodeFiles } from "../analysis/project/discover.js";
import { type Finding, toFindings } from "./model.js";
import { type CacheEntry, type ResultCache, StateHasher, type StoredFinding, isProjectDependent, sha256 } from "./cache.js";
import type { ConfigName } from "../util/create-rule.js";
import fs from "node:fs";

export interface FileAnalysis {
  /** The engine's result (messages[i] ↔ findings[i]). */
  result: LintResult;
  findings: Finding[];
  /** Repo/root-relative path, forward slashes. */
  relPath: string;
  text: string;
  program?: TSESTree.Program;
  /** From the cache (true) or freshly linted. */
  cached: boolean;
}

export interface Analysis {
  files: FileAnalysis[];
  skipped: Map<SkipReason, string[]>;
}

export interface AnalyzeOptions {
  /** Working directory for the engine. */
  cwd: string;
  /** Fingerprint root: finding paths are relative to it. */
  root: string;
  contents?: Map<string, string>;
  cache?: ResultCache;
  config?: ConfigName;
  /**
   * Keep the AST of these files in the result (default: all). Dropping the
   * others lets a large run (ci: two trees) free them as it goes.
   */
  retainProgram?: (file: string) => boolean;
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join("/");
}

function byPosition(a: LintMessage, b: LintMessage): number {
  return a.line - b.line || a.column - b.column;
}

function restore(stored: StoredFinding[], filePath: string): Finding[] {
  return stored.map((f) => ({ ...f, filePath }));
}

function strip(findings: Finding[]): StoredFinding[] {
  return findings.map(({ filePath: _filePath, ...rest }) => rest);
}


/** Pair messages with findings and order both by position. */
function ordered(messages: LintMessage[], findings: Finding[]): { messages: LintMessage[]; findings: Finding[] } {
  const pairs = messages.map((m, i) => [m, findings[i]!] as const);
  pairs.sort((a, b) => byPosition(a[0], b[0]));
  return { messages: pairs.map((p) => p[0]), findings: pairs.map((p) => p[1]) };
}

/** Lint `files` (absolute paths) and compute their findings. */
export function analyze(files: readonly string[], options: AnalyzeOptions): Analysis {
  const { cwd, root, contents, cache } = options;
  const keep = options.retainProgram ?? (() => true);
  // a copy of the engine's result, so its side-table entry (text + AST) can be freed with it
  const own = (result: LintResult): LintResult => ({ ...result });
  const config = options.config ?? "recommended";
  const out = new Map<string, FileAnalysis>();
  const skipped = new Map<SkipReason, string[]>();

  if (!cache) {
    const run = lintFiles(files, { cwd, contents, config });
    for (const result of run.results) {
      const src = lintedSources.get(result);
      const text = src?.text ?? "";
      const program = keep(result.filePath) ? src?.program : undefined;
      out.set(result.filePath, { result: own(result), findings: toFindings(result, text, root, src?.program), relPath: rel(root, result.filePath), text, program, cached: false });
    }
    return { files: files.flatMap((f) => out.get(f) ?? []), skipped: run.skipped };
  }

  const hasher = new StateHasher(contents);
  const full: string[] = [];
  const projectOnly: Array<{ file: string; entry: CacheEntry; key: string; text: string; state: string; digest: string }> = [];
  const pending = new Map<string, { key: string; text: string; state: string; digest: string }>();
  const digestFor = (file: string) => hasher.projectDigest(projectInfoFor(file, undefined, cwd).root, (r) => listCodeFiles(r));

  for (const file of files) {
    const given = contents?.get(file);
    let buf: Buffer | undefined;
    if (given !== undefined) buf = Buffer.from(given, "utf8");
    else {
      try {
        buf = fs.readFileSync(file);
      } catch {
        buf = undefined;
      }
    }
    const source = readSource(file, buf);
    if ("skip" in source) {
      const list = skipped.get(source.skip) ?? [];
      list.push(file);
      skipped.set(source.skip, list);
      continue;
    }
    const key = rel(root, file);
    const c = sha256(source.text);
    const state = hasher.stateHash(file);
    const digest = digestFor(file);
    const entry = cache.get(key);
    if (entry && entry.c === c && entry.s === state) {
      if (entry.p === digest) {
        cache.hits++;
        const { messages, findings } = ordered([...entry.m, ...entry.pm], [...restore(entry.f, file), ...restore(entry.pf, file)]);
        out.set(file, { result: resultFor(file, messages, entry.sm ?? []), findings, relPath: key, text: source.text, cached: true });
      } else {
        cache.partialHits++;
        projectOnly.push({ file, entry, key, text: source.text, state, digest });
      }
    } else {
      cache.misses++;
      full.push(file);
      pending.set(file, { key, text: source.text, state, digest });
    }
  }

  if (full.length > 0) {
    const run = lintFiles(full, { cwd, contents, config });
    for (const result of run.results) {
      const src = lintedSources.get(result);
      const text = src?.text ?? "";
      const findings = toFindings(result, text, root, src?.program);
      const p = pending.get(result.filePath)!;
      const single = { m: [] as LintMessage[], f: [] as Finding[] };
      const proj = { m: [] as LintMessage[], f: [] as Finding[] };
      result.messages.forEach((m, i) => {
        const id = m.ruleId?.replace(/^clerk-guard\//, "");
        const bucket = id && isProjectDependent(id) ? proj : single;
        bucket.m.push(m);
        bucket.f.push(findings[i]!);
      });
      cache.set(p.key, { c: sha256(text), s: p.state, m: single.m, f: strip(single.f), sm: result.suppressedMessages, p: p.digest, pm: proj.m, pf: strip(proj.f) });
      out.set(result.filePath, { result: own(result), findings, relPath: p.key, text, program: keep(result.filePath) ? src?.program : undefined, cached: false });
    }
    for (const [reason, list] of run.skipped) skipped.set(reason, [...(skipped.get(reason) ?? []), ...list]);
  }

  if (projectOnly.length > 0) {
    const run = lintFiles(
      projectOnly.map((p) => p.file),
      { cwd, contents, config, only: isProjectDependent },
    );
    const byFile = new Map(projectOnly.map((p) => [p.file, p]));
    for (const result of run.results) {
      const p = byFile.get(result.filePath)!;
      const src = lintedSources.get(result);
      // a fatal parse error cannot happen here (the text parsed before); keep it if it does
      const projFindings = toFindings(result, p.text, root, src?.program);
      cache.set(p.key, { ...p.entry, p: p.digest, pm: result.messages, pf: strip(projFindings) });
      const { messages, findings } = ordered([...p.entry.m, ...result.messages], [...restore(p.entry.f, p.file), ...projFindings]);
      out.set(p.file, {
        result: resultFor(p.file, messages, p.entry.sm ?? []),
        findings,
        relPath: p.key,
        text: p.text,
        program: keep(p.file) ? src?.program : undefined,
        cached: true,
      });
    }
  }

  return { files: files.flatMap((f) => out.get(f) ?? []), skipped };
}
