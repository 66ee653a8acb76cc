/**
 * clerk-guard command line. Exit codes follow ESLint: 0 no errors, 1 errors
 * found, 2 usage or internal error (one line on stderr). Output is written
 * and the exit code set through process.exitCode, so pipes are never cut.
 * Each command lives in its own file and is loaded only when used.
 */
export const USAGE = `Usage: clerk-guard <command> [options]

Commands:
  check [paths...]     Lint files or project directories with the recommended rules
  ci                   Score a pull request: lint head and base, report new findings, gate
  baseline             Record (--write) or verify (--check) the accepted findings
  hook claude          Claude Code hook (PostToolUse / Stop): feedback on the auth code an agent just wrote
  init                 Set up skills, CLAUDE.md, Claude Code hooks and ESLint in a project
  explain <rule-id>    Print a rule's documentation
  eval <dir> --case <id>  Grade an agent's solution to an eval case without a model

Run 'clerk-guard <command> --help' for a command's options.

Options:
  -h, --help           Show this help
  -v, --version        Show the version`;

import { UsageError } from "./errors.js";

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import("./check.js")).runCheck,
  ci: async () => (await import("./ci.js")).runCi,
  baseline: async () => (await import("./baseline.js")).runBaseline,
  hook: async () => (await import("./hook.js")).runHook,
  init: async () => (await import("./init.js")).runInit,
  explain: async () => (await import("./explain.js")).runExplain,
  eval: async () => (await import("./eval.js")).runEval,
};

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command && Object.hasOwn(COMMANDS, command)) return await (await COMMANDS[command]!())(rest);
    switch (command) {
      case "-v":
      case "--version": {
        const { default: plugin } = await import("../plugin.js");
        process.stdout.write(`${plugin.meta.version}\n`);
        return 0;
      }
      case undefined:
      case "-h":
      case "--help":
      case "help":
        process.stdout.write(USAGE + "\n");
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command '${command}' (try --help)`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`clerk-guard: ${message.split("\n")[0]}\n`);
    if (process.env.CLERK_GUARD_DEBUG && error instanceof Error && !(error instanceof UsageError)) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
}
