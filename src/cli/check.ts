import { UsageError } from "./main.js";

const SKIP_LABEL: Record<string, string> = {
  "too-large": "larger than 1 MB",
  binary: "binary",
  "not-utf8": "not UTF-8",
};

interface CheckArgs {
  paths: string[];
  format: "stylish" | "json";
}

function parseArgs(args: string[]): CheckArgs {
  const out: CheckArgs = { paths: [], format: "stylish" };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === "--format" || a === "-f") {
      const v = args[++i];
      if (v !== "stylish" && v !== "json") throw new UsageError(`unknown format '${v ?? ""}' (stylish, json)`);
      out.format = v;
    } else if (a.startsWith("--format=")) {
      const v = a.slice("--format=".length);
      if (v !== "stylish" && v !== "json") throw new UsageError(`unknown format '${v}' (stylish, json)`);
      out.format = v;
    } else if (a === "--") {
      out.paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith("-")) {
      throw new UsageError(`unknown option '${a}'`);
    } else out.paths.push(a);
  }
  if (out.paths.length === 0) out.paths.push(".");
  return out;
}

export async function runCheck(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  const cwd = process.cwd();
  const { expandPaths } = await import("../engine/lint.js");
  const { files, missing } = expandPaths(args.paths, cwd);
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing[0]}`);
  const { lintFiles } = await import("../engine/lint.js");
  const { onNotice } = await import("../analysis/fs-cache.js");
  onNotice((m) => process.stderr.write(`clerk-guard: note: ${m}\n`));
  const { results, skipped } = lintFiles(files, { cwd });
  for (const [reason, list] of skipped) {
    process.stderr.write(`clerk-guard: skipped ${list.length} file(s) that are ${SKIP_LABEL[reason]}\n`);
  }
  if (args.format === "json") {
    process.stdout.write(JSON.stringify(results) + "\n");
  } else {
    const { formatStylish } = await import("../report/stylish.js");
    process.stdout.write(formatStylish(results, cwd, !!process.stdout.isTTY && !process.env.NO_COLOR));
  }
  return results.some((r) => r.errorCount > 0) ? 1 : 0;
}
