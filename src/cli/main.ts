/**
 * clerk-guard command line. Exit codes follow ESLint: 0 no errors, 1 errors
 * found, 2 usage or internal error (one line on stderr). Output is written
 * and the exit code set through process.exitCode, so pipes are never cut.
 */
import { runCheck } from "./check.js";

export const USAGE = `Usage: clerk-guard <command> [options]

Commands:
  check [paths...]     Lint files or project directories with the recommended rules
                       --format stylish|json   output format (default stylish)

Options:
  -h, --help           Show this help
  -v, --version        Show the version`;

export class UsageError extends Error {}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case "check":
        return await runCheck(rest);
      case "-v":
      case "--version": {
        const { default: plugin } = await import("../index.js");
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
