/**
 * `clerk-guard baseline --write | --check [paths...]`: record the current
 * findings as accepted (.clerk-guard/baseline.json, content fingerprints), or
 * verify that nothing new appeared since. `check` and `ci` then report only
 * what the baseline does not accept (ci reads the baseline of the base tree,
 * so a pull request cannot accept its own findings).
 */
import path from "node:path";
import { UsageError } from "./errors.js";
import { formatSpecs, parseOptions } from "./options.js";
import { collectTargets, type CheckArgs } from "./check.js";

export const BASELINE_USAGE = `Usage: clerk-guard baseline (--write | --check) [paths...]

  --write            Record every current finding as accepted in .clerk-guard/baseline.json
  --check            Exit 1 when there are findings the baseline does not accept (default)
  --baseline FILE    Baseline location (default: nearest .clerk-guard/baseline.json, else ./.clerk-guard/baseline.json)
  -f, --format NAME[=PATH]
                     Output for --check (stylish, json, sarif, github, summary-md, report)
  -h, --help         Show this help

Commit the baseline; findings it accepts are hidden from 'check' and 'ci'.`;

const OPTIONS = {
  write: { kind: "boolean" },
  check: { kind: "boolean" },
  baseline: { kind: "string" },
  format: { kind: "multi", short: "f" },
  help: { kind: "boolean", short: "h" },
} as const;

export async function runBaseline(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, OPTIONS);
  if (parsed.values.get("help")) {
    process.stdout.write(BASELINE_USAGE + "\n");
    return 0;
  }
  const write = parsed.values.get("write") === true;
  if (write && parsed.values.get("check")) throw new UsageError("use either --write or --check");
  const cwd = process.cwd();
  const args: CheckArgs = {
    parsed,
    paths: parsed.positionals.length > 0 ? parsed.positionals : ["."],
    staged: false,
    formats: formatSpecs(parsed),
    quiet: false,
    failOn: "error",
    cache: false,
    baseline: parsed.values.get("baseline") as string | undefined,
    noBaseline: false,
  };
  const targets = await collectTargets(args, cwd);
  const { findBaseline, writeBaseline, BASELINE_FILE } = await import("../findings/baseline.js");
  const file = args.baseline ? path.resolve(cwd, args.baseline) : (findBaseline(cwd, targets.root) ?? path.join(cwd, BASELINE_FILE));

  const { runLint } = await import("./lint-run.js");
  if (write) {
    const run = await runLint({ ...args, noBaseline: true }, targets, cwd, { useBaseline: false });
    const accepted = run.all.filter((f) => f.ruleId !== "parse-error" && f.ruleId !== "internal-error");
    writeBaseline(targets.root, file, accepted);
    process.stderr.write(`clerk-guard: wrote ${accepted.length} accepted finding(s) to ${path.relative(cwd, file) || file}\n`);
    return 0;
  }

  const { readBaseline, BaselineError } = await import("../findings/baseline.js");
  let existing;
  try {
    existing = readBaseline(file, path.relative(cwd, file) || file);
  } catch (error) {
    if (error instanceof BaselineError) throw new UsageError(error.message);
    throw error;
  }
  if (!existing) throw new UsageError(`no baseline at ${path.relative(cwd, file) || file}: create one with 'clerk-guard baseline --write'`);
  const run = await runLint({ ...args, baseline: file }, targets, cwd);
  const found = new Set(run.all.map((f) => f.fingerprint));
  const stale = run.baseline ? run.baseline.entries.filter((e) => !found.has(e.fingerprint)).length : 0;
  const { writeOutputs } = await import("../report/index.js");
  const stdout = writeOutputs(args.formats, run.data, { cwd, color: !!process.stdout.isTTY && !process.env.NO_COLOR, root: targets.root });
  if (stdout) process.stdout.write(stdout);
  const fresh = run.data.findings.length;
  process.stderr.write(
    `clerk-guard: ${fresh} finding(s) not in the baseline, ${run.data.baselined} accepted` +
      (stale ? `, ${stale} baseline entr${stale === 1 ? "y" : "ies"} no longer found (fixed; run --write to prune)` : "") +
      "\n",
  );
  return fresh > 0 ? 1 : 0;
}
