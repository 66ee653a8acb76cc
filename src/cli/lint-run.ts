/**
 * The heavy half of `check` and `baseline` (loaded only when there is
 * something to lint): run the shared pipeline (with the cache when asked),
 * apply the baseline and --quiet, and build the report data every format renders.
 */
import path from "node:path";
import { onNotice } from "../analysis/fs-cache.js";
import { SKIP_LABEL, type SkipReason } from "../engine/files.js";
import { type Analysis, analyze } from "../findings/analyze.js";
import { BaselineError, findBaseline, readBaseline, type Baseline } from "../findings/baseline.js";
import { DEFAULT_CACHE_DIR, ResultCache } from "../findings/cache.js";
import type { Finding } from "../findings/model.js";
import { rulesetHash, toolVersion } from "../findings/ruleset.js";
import type { ReportData, ReportFinding } from "../report/model.js";
import { terminalText } from "../report/escape.js";
import { redact } from "../report/redact.js";
import { UsageError } from "./errors.js";
import type { CheckArgs, Targets } from "./check.js";

export interface LintRun {
  data: ReportData;
  analysis: Analysis;
  /** Every finding before baseline / --quiet filtering. */
  all: ReportFinding[];
  baseline?: Baseline;
  baselinePath?: string;
}

/** A note on stderr: one line, redacted, control characters escaped. */
export function note(message: string): void {
  process.stderr.write(`clerk-guard: note: ${terminalText(redact(message))}\n`);
}

export function noteSkipped(skipped: Map<SkipReason, string[]>): void {
  for (const [reason, list] of skipped) {
    process.stderr.write(`clerk-guard: skipped ${list.length} file(s) that are ${SKIP_LABEL[reason]}\n`);
  }
}

export async function runLint(args: CheckArgs, targets: Targets, cwd: string, options: { useBaseline?: boolean } = {}): Promise<LintRun> {
  onNotice(note);
  const version = toolVersion();
  const ruleset = rulesetHash();
  let cache: ResultCache | undefined;
  if (args.cache) {
    const dir = path.resolve(cwd, args.cacheLocation ?? DEFAULT_CACHE_DIR);
    cache = ResultCache.load(JSON.stringify({ version, ruleset, root: targets.root }), dir, targets.root);
    if (cache.rejected) note(cache.rejected);
  }
  const analysis = analyze(targets.files, { cwd, root: targets.root, contents: targets.blobs, cache, engine: args.engine ?? "auto" });
  if (analysis.engineNote) note(analysis.engineNote);
  if (process.env.CLERK_GUARD_DEBUG) process.stderr.write(`clerk-guard: engine: ${analysis.engine} (${analysis.oxlintFiles} file(s) from oxlint)\n`);
  cache?.save(note);
  if (cache && process.env.CLERK_GUARD_DEBUG) {
    process.stderr.write(`clerk-guard: cache: ${cache.hits} hit(s), ${cache.partialHits} partial (project rules re-run), ${cache.misses} miss(es)\n`);
  }
  for (const [reason, list] of targets.skipped ?? []) analysis.skipped.set(reason, [...(analysis.skipped.get(reason) ?? []), ...list]);
  noteSkipped(analysis.skipped);

  let baseline: Baseline | undefined;
  let baselinePath: string | undefined;
  if (options.useBaseline !== false && !args.noBaseline) {
    baselinePath = args.baseline ? path.resolve(cwd, args.baseline) : findBaseline(cwd, targets.root);
    if (baselinePath) {
      try {
        baseline = readBaseline(baselinePath, path.relative(cwd, baselinePath) || baselinePath);
      } catch (error) {
        if (error instanceof BaselineError) throw new UsageError(error.message);
        throw error;
      }
      if (!baseline && args.baseline) throw new UsageError(`no baseline at ${args.baseline}`);
    }
  }

  const all: ReportFinding[] = [];
  const suppressed = new Map<string, Finding[]>();
  for (const file of analysis.files) {
    if (file.suppressed.length) suppressed.set(file.filePath, file.suppressed);
    for (const f of file.findings) all.push({ ...f, isNew: !baseline?.fingerprints.has(f.fingerprint), inDiff: null });
  }
  let baselined = 0;
  const findings = all.filter((f) => {
    if (!f.isNew) {
      baselined++;
      return false;
    }
    return !(args.quiet && f.level !== "error");
  });
  const data: ReportData = {
    mode: "check",
    tool: { name: "clerk-guard", version, rulesetHash: ruleset },
    root: targets.root,
    cwd,
    files: analysis.files.map((f) => f.filePath),
    findings,
    suppressed,
    fixed: [],
    baselined,
    outOfScope: 0,
    notes: [],
  };
  return { data, analysis, all, baseline, baselinePath };
}
