/**
 * `clerk-guard check [paths...]`: the pre-commit / lint-staged / editor
 * contract. File arguments (absolute or relative) as hook runners pass them;
 * ignored and non-code files are skipped silently; no files exits 0 before
 * ESLint is even loaded. `--staged` lints the index content in memory.
 */
import path from "node:path";
import { UsageError } from "./errors.js";
import { skipRequested } from "./env.js";
import { choiceOption, engineOption, formatSpecs, intOption, parseOptions, requireEngine, type Parsed } from "./options.js";
import { AUTO_MIN_FILES, type EngineChoice } from "../engine/oxlint-install.js";
import { IgnoreRules, MAX_FILE_BYTES, type SkipReason, isInertText, kindOf, readSource } from "../engine/files.js";
import { collectPaths, findGitRoot } from "./paths.js";
import type { FormatSpec } from "../report/names.js";

export const CHECK_USAGE = `Usage: clerk-guard check [options] [paths...]

Lint files or project directories (default: .) with clerk-guard's built-in rules.
Never loads your ESLint config or runs project code.

Options:
  --staged               Lint the staged (index) content of added/modified files, in memory;
                         the working tree is never touched
  -f, --format NAME[=PATH]
                         stylish (default), json, sarif, github, summary-md, report;
                         repeatable; '=PATH' writes to a file
  --max-warnings N       Exit 1 when there are more than N warnings
  --quiet                Report errors only
  --fail-on error|warn   Exit 1 on errors (default) or on any finding
  --cache                Reuse results of unchanged files (content hashes, .clerk-guard/cache,
                         signed with a per-user key: a committed cache file is ignored)
  --cache-location DIR   Cache directory (default .clerk-guard/cache)
  --baseline FILE        Accepted findings (default: nearest .clerk-guard/baseline.json)
  --no-baseline          Report findings the baseline accepts too
  --engine oxlint|eslint|auto
                         Run the rules under oxlint (when installed beside clerk-guard) or
                         ESLint; auto (default): oxlint for runs of ${AUTO_MIN_FILES}+ files. Same findings
  -h, --help             Show this help

Environment: CLERK_GUARD_SKIP=1 (any value but 0/false/no/off) exits 0 at once. NO_COLOR disables colors.
Exit codes: 0 clean, 1 findings at the fail level or too many warnings, 2 usage or internal error.`;

export const CHECK_OPTIONS = {
  staged: { kind: "boolean" },
  format: { kind: "multi", short: "f" },
  "max-warnings": { kind: "string" },
  quiet: { kind: "boolean" },
  "fail-on": { kind: "string" },
  cache: { kind: "boolean" },
  "cache-location": { kind: "string" },
  baseline: { kind: "string" },
  "no-baseline": { kind: "boolean" },
  engine: { kind: "string" },
  help: { kind: "boolean", short: "h" },
} as const;

export interface CheckArgs {
  parsed: Parsed;
  paths: string[];
  staged: boolean;
  formats: FormatSpec[];
  maxWarnings?: number;
  quiet: boolean;
  failOn: "error" | "warn";
  cache: boolean;
  cacheLocation?: string;
  baseline?: string;
  noBaseline: boolean;
  /** Default auto. */
  engine?: EngineChoice;
}

export function parseCheckArgs(argv: readonly string[]): CheckArgs | "help" {
  const parsed = parseOptions(argv, CHECK_OPTIONS);
  if (parsed.values.get("help")) return "help";
  const staged = parsed.values.get("staged") === true;
  if (staged && parsed.positionals.length > 0) throw new UsageError("--staged takes no paths (it lints the staged files)");
  return {
    parsed,
    paths: parsed.positionals.length > 0 ? parsed.positionals : ["."],
    staged,
    formats: formatSpecs(parsed),
    maxWarnings: intOption(parsed, "max-warnings", -1, Number.MAX_SAFE_INTEGER),
    quiet: parsed.values.get("quiet") === true,
    failOn: choiceOption(parsed, "fail-on", ["error", "warn"] as const, "error"),
    cache: parsed.values.get("cache") === true || parsed.values.has("cache-location"),
    cacheLocation: parsed.values.get("cache-location") as string | undefined,
    baseline: parsed.values.get("baseline") as string | undefined,
    noBaseline: parsed.values.get("no-baseline") === true,
    engine: engineOption(parsed),
  };
}

export interface Targets {
  files: string[];
  /** Staged blobs by absolute path (--staged): linted instead of the working tree. */
  blobs?: Map<string, Buffer>;
  /** Fingerprint root: the repository root, or cwd outside git. */
  root: string;
  /** Staged files left out before linting (blobs over the size cap are never read). */
  skipped?: Map<SkipReason, string[]>;
}

/** Decide the files to lint, without loading ESLint. */
export async function collectTargets(args: CheckArgs, cwd: string): Promise<Targets> {
  if (!args.staged) {
    // finding paths (fingerprints, SARIF URIs) are relative to the repository of the first path
    const first = path.resolve(cwd, args.paths[0]!);
    const root = findGitRoot(first) ?? findGitRoot(cwd) ?? cwd;
    const { files, missing } = collectPaths(args.paths, cwd, root);
    if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing[0]}`);
    return { files, root };
  }
  const { repoRoot, stagedEntries, readBlobs } = await import("../git/git.js");
  const root = repoRoot(cwd);
  if (!root) throw new UsageError("--staged needs a git repository (run it inside one, or pass file paths)");
  const rules = new IgnoreRules(root);
  const entries = stagedEntries(cwd, ".").filter((e) => (e.mode === "100644" || e.mode === "100755") && !rules.skips(path.join(root, e.path)));
  if (entries.length === 0) return { files: [], root };
  const { blobs, oversized } = readBlobs(root, entries.map((e) => e.sha), MAX_FILE_BYTES);
  const byFile = new Map<string, Buffer>();
  const tooLarge: string[] = [];
  for (const e of entries) {
    const file = path.join(root, ...e.path.split("/"));
    const buf = blobs.get(e.sha);
    if (buf) byFile.set(file, buf);
    else if (oversized.has(e.sha)) tooLarge.push(file);
  }
  return { files: [...byFile.keys()].sort(), blobs: byFile, root, skipped: tooLarge.length ? new Map([["too-large", tooLarge]]) : undefined };
}

function isInert(file: string, given: Buffer | undefined): boolean {
  if (kindOf(file) === "code") return false;
  const source = readSource(file, given);
  return "text" in source && isInertText(file, source.text);
}

export async function runCheck(argv: string[]): Promise<number> {
  if (skipRequested()) return 0;
  const args = parseCheckArgs(argv);
  if (args === "help") {
    process.stdout.write(CHECK_USAGE + "\n");
    return 0;
  }
  requireEngine(args.engine);
  const cwd = process.cwd();
  const targets = await collectTargets(args, cwd);
  // the no-op path (ESLint is never loaded): nothing to lint, or only Markdown without code and dotenv files without Clerk
  if (!targets.skipped && targets.files.every((f) => isInert(f, targets.blobs?.get(f)))) return 0;

  const { runLint } = await import("./lint-run.js");
  const run = await runLint(args, targets, cwd);

  const { writeOutputs } = await import("../report/index.js");
  const color = !!process.stdout.isTTY && !process.env.NO_COLOR;
  const stdout = writeOutputs(args.formats, run.data, { cwd, color, root: targets.root });
  if (stdout) process.stdout.write(stdout);

  const errors = run.data.findings.filter((f) => f.level === "error").length;
  const warnings = run.data.findings.length - errors;
  if (errors > 0) return 1;
  if (args.failOn === "warn" && warnings > 0) return 1;
  if (args.maxWarnings !== undefined && args.maxWarnings >= 0 && warnings > args.maxWarnings) {
    process.stderr.write(`clerk-guard: too many warnings (${warnings}; maximum: ${args.maxWarnings})\n`);
    return 1;
  }
  return 0;
}

