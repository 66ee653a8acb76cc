/**
 * The heavy half of `check` and `baseline` (loaded only when there is
 * something to lint): decode staged blobs, lint through the shared pipeline
 * (with the cache when asked), apply the baseline and --quiet, and build the
 * report data every format renders.
 */
import path from "node:path";
import { readSource, type LintMessage, type SkipReason } from "../engine/lint.js";
import { onNotice } from "../analysis/fs-cache.js";
import { type Analysis, analyze } from "../findings/analyze.js";
import { BaselineError, findBaseline, readBaseline, type Baseline } from "../findings/baseline.js";
import { DEFAULT_CACHE_DIR, ResultCache } from "../findings/cache.js";
import { rulesetHash, toolVersion } from "../findings/ruleset.js";
import type { ReportData, ReportFinding } from "../report/model.js";
import { UsageError } from "./main.js";
import { type CheckArgs, SKIP_LABEL, type Targets } from "./check.js";

export interface LintRun {
  data: ReportData;
  analysis: Analysis;
  /** Every finding before baseline / --quiet filtering. */
  all: ReportFinding[];
  baseline?: Baseline;
  baselinePath?: string;
}

export function noteSkipped(skipped: Map<SkipReason, string[]>): void {
  for (const [reason, list] of skipped) {
    process.stderr.write(`clerk-guard: skipped ${list.length} file(s) that are ${SKIP_LABEL[reason]}\n`);
  }
}

export async function runLint(args: CheckArgs, targets: Targets, cwd: string, options: { useBaseline?: boolean } = {}): Promise<LintRun> {
  onNotice((m) => process.stderr.write(`clerk-guard: note: ${m}\n`));
  const skipped = new Map<SkipReason, string[]>();
  let files = targets.files;
  let contents: Map<string, string> | undefined;
  if (targets.blobs) {
    contents = new Map();
    files = [];
    for (const file of targets.files) {
      const source = readSource(file, targets.blobs.get(file));
      if ("skip" in source) skipped.set(source.skip, [...(skipped.get(source.skip) ?? []), file]);
      else {
        contents.set(file, source.text);
        files.push(file);
      }
    }
  }

  const version = toolVersion();
  const ruleset = rulesetHash();
  let cache: ResultCache | undefined;
  if (args.cache) {
    const dir = path.resolve(cwd, args.cacheLocation ?? DEFAULT_CACHE_DIR);
    cache = ResultCache.load(JSON.stringify({ version, ruleset, root: targets.root }), dir);
  }
  const analysis = analyze(files, { cwd, root: targets.root, contents, cache });
  cache?.save((m) => process.stderr.write(`clerk-guard: note: ${m}\n`));
  if (cache && process.env.CLERK_GUARD_DEBUG) {
    process.stderr.write(`clerk-guard: cache: ${cache.hits} hit(s), ${cache.partialHits} partial (project rules re-run), ${cache.misses} miss(es)\n`);
  }
  for (const [reason, list] of analysis.skipped) skipped.set(reason, [...(skipped.get(reason) ?? []), ...list]);
  noteSkipped(skipped);

  let baseline: Baseline | undefined;
  let baselinePath: string | undefined;
  if (options.useBaseline !== false && !args.noBaseline) {
    baselinePath = args.baseline ? path.resolve(cwd, args.baseline) : findBaseline(cwd, targets.root);
    if (baselinePath) {
      try {
        baseline = readBaseline(baselinePath);
      } catch (error) {
        if (error instanceof BaselineError) throw new UsageError(error.message);
        throw error;
      }
      if (!baseline && args.baseline) throw new UsageError(`no baseline at ${args.baseline}`);
    }
  }

  const all: ReportFinding[] = [];
  const suppressed = new Map<string, LintMessage[]>();
  for (const fa of analysis.files) {
    if (fa.result.suppressedMessages.length) suppressed.set(fa.result.filePath, fa.result.suppressedMessages);
    fa.findings.forEach((f, i) => {
      all.push({ ...f, isNew: !baseline?.fingerprints.has(f.fingerprint), inDiff: null, lintMessage: fa.result.messages[i] });
    });
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
    files: analysis.files.map((f) => f.result.filePath),
    findings,
    suppressed,
    fixed: [],
    baselined,
    outOfScope: 0,
    notes: [],
  };
  return { data, analysis, all, baseline, baselinePath };
}
