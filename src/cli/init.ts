/**
 * `clerk-guard init`: set a project up for Claude Code (skills, the CLAUDE.md
 * section, the hooks) and ESLint, idempotently. It shows the plan first;
 * --dry-run stops there, --yes applies without asking. Nothing is written when
 * any step finds a problem (exit 2), and nothing is written outside the
 * project (or ~/.claude with --global).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline/promises";
import { UsageError } from "./errors.js";
import type { Action, InitContext } from "../init/plan.js";
import type { PreCommitTool } from "../init/pre-commit.js";

export const INIT_USAGE = `Usage: clerk-guard init [options]

Sets up the current project (run it where package.json is):
  skills     copies clerk-guard's skills into .claude/skills/ (not over ones you changed)
  CLAUDE.md  adds the clerk-guard section between <!-- clerk-guard:start/end --> markers
  hooks      adds the PostToolUse and Stop hooks to .claude/settings.json
  eslint     adds clerk-guard to eslint.config.* when it can do so safely, else prints the lines
When the clerk-guard Claude Code plugin is enabled, it brings the skills and hooks: init
leaves those out. Backups of changed files go to .clerk-guard/backups/ (ignored by git).
Running it again changes only what is out of date.

Options:
  -y, --yes             apply without asking
  --dry-run             show the plan, change nothing
  --global              install the skills in ~/.claude/skills/ (every project) instead
  --force               overwrite skills you changed (keeps a backup)
  --agents-md           also add the section to AGENTS.md
  --pre-commit <tool>   also add a pre-commit check: husky, lefthook or simple-git-hooks
  --no-skills, --no-claude-md, --no-hooks, --no-eslint   leave that part out
  -h, --help            show this help`;

interface InitArgs {
  yes: boolean;
  dryRun: boolean;
  global: boolean;
  force: boolean;
  agentsMd: boolean;
  preCommit?: PreCommitTool;
  skip: Set<"skills" | "claude-md" | "hooks" | "eslint">;
}

function parseArgs(argv: string[], tools: readonly string[]): InitArgs | "help" {
  const out: InitArgs = { yes: false, dryRun: false, global: false, force: false, agentsMd: false, skip: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "-h" || a === "--help") return "help";
    else if (a === "-y" || a === "--yes") out.yes = true;
    else if (a === "--dry-run") out.dryRun = true;
    else if (a === "--global") out.global = true;
    else if (a === "--force") out.force = true;
    else if (a === "--agents-md") out.agentsMd = true;
    else if (a === "--no-skills") out.skip.add("skills");
    else if (a === "--no-claude-md") out.skip.add("claude-md");
    else if (a === "--no-hooks") out.skip.add("hooks");
    else if (a === "--no-eslint") out.skip.add("eslint");
    else if (a === "--pre-commit" || a.startsWith("--pre-commit=")) {
      const v = a.includes("=") ? a.slice(a.indexOf("=") + 1) : argv[++i];
      if (!v || !tools.includes(v)) throw new UsageError(`--pre-commit takes one of ${tools.join(", ")}`);
      out.preCommit = v as PreCommitTool;
    } else throw new UsageError(`unknown option '${a}' (clerk-guard init --help)`);
  }
  return out;
}

const MARK: Record<Action["kind"], string> = { create: "create", update: "update", unchanged: "ok", skip: "skip", manual: "by hand" };

function formatPlan(project: string, actions: readonly Action[]): string {
  const lines = [`clerk-guard init: ${project}`];
  for (const a of actions) {
    lines.push(`  ${MARK[a.kind].padEnd(8)} ${a.target}: ${a.summary}`);
    for (const d of a.details ?? []) lines.push(`             ${d}`);
  }
  return lines.join("\n") + "\n";
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function runInit(argv: string[]): Promise<number> {
  const { PRE_COMMIT_TOOLS } = await import("../init/pre-commit.js");
  const args = parseArgs(argv, PRE_COMMIT_TOOLS);
  if (args === "help") {
    process.stdout.write(INIT_USAGE + "\n");
    return 0;
  }
  const { InitError, lock, rootOf, stampOf } = await import("../init/plan.js");
  const project = path.resolve(process.cwd());
  if (!fs.existsSync(path.join(project, "package.json"))) throw new UsageError("no package.json here: run clerk-guard init in the project's root directory");
  const home = os.homedir();
  const claudeHome = path.join(home, ".claude");
  const ctx: InitContext = {
    project,
    home,
    force: args.force,
    roots: [rootOf(project), ...(args.global ? [rootOf(claudeHome)] : [])],
    stamp: stampOf(new Date()),
  };
  // a run that may write plans under the lock, so a concurrent run plans from this one's result
  let release: (() => void) | undefined;
  if (!args.dryRun) {
    try {
      release = await lock(ctx);
    } catch (error) {
      if (!(error instanceof InitError)) throw error;
      process.stderr.write(`clerk-guard init: ${error.message}\nclerk-guard init: nothing was changed\n`);
      return 2;
    }
  }
  try {
    return await planAndApply(args, ctx, claudeHome);
  } finally {
    release?.();
  }
}

async function planAndApply(args: InitArgs, ctx: InitContext, claudeHome: string): Promise<number> {
  const { InitError, apply } = await import("../init/plan.js");
  const { planPreCommit } = await import("../init/pre-commit.js");
  const { pluginEnabledAt } = await import("../init/plugin.js");
  const project = ctx.project;

  const actions: Action[] = [];
  const errors: string[] = [];
  const step = async (fn: () => Action[] | Promise<Action[]>) => {
    try {
      actions.push(...(await fn()));
    } catch (error) {
      if (error instanceof InitError) errors.push(error.message);
      else throw error;
    }
  };
  const plugin = pluginEnabledAt(ctx);
  if (plugin && !args.skip.has("skills")) {
    actions.push({ kind: "skip", target: "skills", summary: `the clerk-guard Claude Code plugin is enabled (${plugin}) and brings them` });
  } else if (!args.skip.has("skills")) {
    const { planSkills } = await import("../init/skills.js");
    await step(() => planSkills(ctx, args.global ? path.join(claudeHome, "skills") : path.join(project, ".claude", "skills")));
  }
  if (!args.skip.has("claude-md")) {
    const { planMemory } = await import("../init/memory.js");
    await step(() => planMemory(ctx, args.agentsMd));
  }
  if (plugin && !args.skip.has("hooks")) {
    actions.push({ kind: "skip", target: "hooks", summary: `the clerk-guard Claude Code plugin is enabled (${plugin}) and runs them` });
  } else if (!args.skip.has("hooks")) {
    const { planSettings } = await import("../init/settings.js");
    await step(() => planSettings(ctx));
  }
  if (!args.skip.has("eslint")) {
    const { planEslint } = await import("../init/eslint.js");
    await step(() => planEslint(ctx));
  }
  if (args.preCommit) await step(() => planPreCommit(ctx, args.preCommit!));

  if (errors.length > 0) {
    process.stdout.write(formatPlan(project, actions));
    for (const e of errors) process.stderr.write(`clerk-guard init: ${e}\n`);
    process.stderr.write("clerk-guard init: nothing was changed\n");
    return 2;
  }
  if ((plugin || !args.skip.has("hooks")) && !fs.existsSync(path.join(project, "node_modules", "clerk-guard", "bin", "clerk-guard.js"))) {
    actions.push({
      kind: "manual",
      target: "node_modules/clerk-guard",
      summary: "the hooks run the project's own clerk-guard, which is not installed here:",
      details: ["npm install --save-dev clerk-guard"],
    });
  }
  process.stdout.write(formatPlan(project, actions));
  const pending = actions.filter((a) => (a.writes?.length ?? 0) > 0);
  if (pending.length === 0) {
    process.stdout.write("Nothing to change.\n");
    return 0;
  }
  if (args.dryRun) {
    process.stdout.write(`Dry run: ${pending.length} ${pending.length === 1 ? "change" : "changes"} not applied.\n`);
    return 0;
  }
  if (!args.yes) {
    if (!process.stdin.isTTY) throw new UsageError("not a terminal: pass --yes to apply the plan (or --dry-run to only show it)");
    if (!(await confirm("Apply these changes? [y/N] "))) {
      process.stdout.write("Nothing was changed.\n");
      return 0;
    }
  }
  const written = apply(pending);
  process.stdout.write(`Done: ${written} ${written === 1 ? "file" : "files"} written.\n`);
  return 0;
}
