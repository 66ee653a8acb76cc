/**
 * `clerk-guard ci`: score a pull request.
 *
 * 1. Resolve head (default HEAD) and base (default: the merge base of HEAD with
 *    origin/$GITHUB_BASE_REF, or origin/HEAD); diff against their merge base.
 * 2. Write both trees from git objects into a scratch directory (no checkout)
 *    and lint both with this CLI's ruleset (the head's), never the repo's config.
 *    The base run reuses the head run's single-file results for untouched files.
 * 3. A head finding is new when its fingerprint (rule + path + enclosing
 *    function + normalized code + occurrence; renames followed) is absent at
 *    base and not accepted by the base tree's baseline. Base findings gone at
 *    head are credited as fixed.
 * 4. Anti-gaming: new unexplained eslint-disable comments for our rules and
 *    ESLint config changes that turn our rules off are findings too; so is a
 *    changed code file that could not be analysed (not-analyzed).
 * 5. Score (model v2, findings/score.ts) over the findings in --scope, gate on
 *    --min-score and --fail-on, write outputs and $GITHUB_OUTPUT.
 *
 * The pull request is hostile input: nothing of it is executed, every tree path
 * is validated before it is written (git/tree.ts), and the scratch directory is
 * removed on every exit, a signal included (and, after a SIGKILL, by the next run).
 *
 * Exit: 0 gate passed, 1 gate failed, 2 cannot compute (never a silent 0).
 */
import fs from "node:fs";
import path from "node:path";
import { UsageError } from "./errors.js";
import { choiceOption, engineOption, formatSpecs, intOption, parseOptions, requireEngine } from "./options.js";
import { AUTO_MIN_FILES } from "../engine/oxlint-install.js";
import { scratchDir } from "../engine/scratch.js";

export const CI_USAGE = `Usage: clerk-guard ci [options]

Score the Clerk auth findings a pull request introduces (see README, "Score model").

Options:
  --base REF             Base of the comparison (default: merge base of HEAD with
                         origin/$GITHUB_BASE_REF, else origin/HEAD); the merge base of
                         base and head is used
  --head REF             Head of the comparison (default HEAD)
  --scope new|lines|files|all
                         What is scored: findings new in the PR (default), new ones on
                         changed lines, all findings in changed files, or everything
  --min-score N          Fail below this score (default 80)
  --fail-on critical|high|medium|low|none
                         Fail on any scored finding at or above this severity (default critical)
  -f, --format NAME[=PATH]
                         stylish (default), json, sarif, github, summary-md, report; repeatable.
                         In GitHub Actions summary-md goes to $GITHUB_STEP_SUMMARY
  --no-baseline          Ignore the base tree's .clerk-guard/baseline.json
  --allow-unanalyzed     Do not fail on changed code files clerk-guard could not analyse
                         (not UTF-8, binary, over 1 MB, does not parse) or on rule crashes;
                         they are still listed
  --allow-empty          Score 100 when head is the merge base (nothing to compare)
                         instead of exiting 2
  --engine oxlint|eslint|auto
                         Run the rules under oxlint (when installed beside clerk-guard) or
                         ESLint; auto (default): oxlint for trees of ${AUTO_MIN_FILES}+ files. Same findings
  -h, --help             Show this help

In GitHub Actions, score, passed, grade and new-findings are written to $GITHUB_OUTPUT.
Exit codes: 0 gate passed, 1 gate failed, 2 cannot compute (bad ref, shallow clone, crash).`;

const CI_OPTIONS = {
  base: { kind: "string" },
  head: { kind: "string" },
  scope: { kind: "string" },
  "min-score": { kind: "string" },
  "fail-on": { kind: "string" },
  format: { kind: "multi", short: "f" },
  "no-baseline": { kind: "boolean" },
  "allow-unanalyzed": { kind: "boolean" },
  "allow-empty": { kind: "boolean" },
  engine: { kind: "string" },
  help: { kind: "boolean", short: "h" },
} as const;

export const SCRATCH_PREFIX = "clerk-guard-ci-";
const OWNER_FILE = ".clerk-guard-ci-owner";

const SHALLOW_FIX = "fetch the full history (actions/checkout with fetch-depth: 0)";

export async function runCi(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, CI_OPTIONS);
  if (parsed.values.get("help")) {
    process.stdout.write(CI_USAGE + "\n");
    return 0;
  }
  if (parsed.positionals.length > 0) throw new UsageError(`'ci' takes no paths (got '${parsed.positionals[0]}'); run it in the project directory`);
  const scope = choiceOption(parsed, "scope", ["new", "lines", "files", "all"] as const, "new");
  const minScore = intOption(parsed, "min-score", 0, 100) ?? 80;
  const failOn = choiceOption(parsed, "fail-on", ["critical", "high", "medium", "low", "none"] as const, "critical");
  const formats = formatSpecs(parsed);
  const engine = engineOption(parsed);
  requireEngine(engine);
  const env = process.env;
  if (env.GITHUB_STEP_SUMMARY && !formats.some((f) => f.name === "summary-md")) formats.push({ name: "summary-md" });

  const cwd = process.cwd();
  const git = await import("../git/git.js");
  const repo = git.repoRoot(cwd);
  if (!repo) throw new UsageError("not a git repository: run 'clerk-guard ci' inside a clone of the repository (actions/checkout)");
  const prefix = path.relative(fs.realpathSync(repo), fs.realpathSync(cwd)).split(path.sep).join("/");
  const shallow = git.isShallow(repo);

  const headRef = (parsed.values.get("head") as string | undefined) ?? "HEAD";
  const headSha = git.resolveCommit(repo, headRef);
  if (!headSha) throw new UsageError(`unknown head ref '${headRef}'${shallow ? ` (shallow clone: ${SHALLOW_FIX})` : ""}`);

  let baseRef = parsed.values.get("base") as string | undefined;
  if (!baseRef) {
    const candidates = env.GITHUB_BASE_REF ? [`origin/${env.GITHUB_BASE_REF}`, env.GITHUB_BASE_REF] : ["origin/HEAD"];
    baseRef = candidates.find((c) => git.resolveCommit(repo, c));
    if (!baseRef) {
      throw new UsageError(
        env.GITHUB_BASE_REF
          ? `base branch origin/${env.GITHUB_BASE_REF} is not in this clone: ${SHALLOW_FIX}, or pass --base <ref>`
          : "no --base given and origin/HEAD does not exist: pass --base <ref> (e.g. --base origin/main)",
      );
    }
  }
  const baseSha = git.resolveCommit(repo, baseRef);
  if (!baseSha) throw new UsageError(`unknown base ref '${baseRef}'${shallow ? ` (shallow clone: ${SHALLOW_FIX})` : `: fetch it or pass another --base`}`);
  const mergeBase = git.mergeBase(repo, baseSha, headSha);
  if (!mergeBase) {
    throw new UsageError(
      shallow
        ? `the merge base of ${baseRef} and ${headRef} is not in this shallow clone: ${SHALLOW_FIX}`
        : `${baseRef} and ${headRef} have no common history: pass a --base on the same history`,
    );
  }
  if (mergeBase === headSha && parsed.values.get("allow-empty") !== true) {
    throw new UsageError(
      `nothing to compare: ${headRef} is the merge base of ${baseRef} and ${headRef} (a push to the base branch, or the wrong --base); ` +
        `pass the pull request's base with --base, or --allow-empty to score an empty change`,
    );
  }

  const scratch = scratchDir(SCRATCH_PREFIX, OWNER_FILE);
  try {
    const { scorePullRequest } = await import("./ci-run.js");
    const result = await scorePullRequest({
      repo,
      prefix,
      cwd,
      scratch: scratch.dir,
      headRef,
      headSha,
      baseRef,
      baseSha,
      mergeBase,
      scope,
      minScore,
      failOn,
      useBaseline: parsed.values.get("no-baseline") !== true,
      allowUnanalyzed: parsed.values.get("allow-unanalyzed") === true,
      engine,
      env,
    });
    if (mergeBase === headSha) result.data.notes.push(`nothing to compare: ${headRef} is the merge base (--allow-empty)`);
    const { writeOutputs } = await import("../report/index.js");
    const color = !!process.stdout.isTTY && !env.NO_COLOR;
    const stdout = writeOutputs(formats, result.data, { cwd, color, env, root: repo });
    if (stdout) process.stdout.write(stdout);
    if (env.GITHUB_OUTPUT) {
      const d = result.data;
      const newFindings = d.findings.filter((f) => f.ruleId !== "parse-error").length;
      fs.appendFileSync(env.GITHUB_OUTPUT, `score=${d.score!.score}\npassed=${d.gate!.passed}\ngrade=${d.score!.grade}\nnew-findings=${newFindings}\n`);
    }
    return result.data.gate!.passed ? 0 : 1;
  } finally {
    scratch.dispose();
  }
}
