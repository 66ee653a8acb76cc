/** Run the built CLI (bin/clerk-guard.js) as a user would. */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { REPO } from "./helpers.js";

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string>; timeoutMs?: number } = {}): CliRun {
  const r = spawnSync(process.execPath, [path.join(REPO, "bin", "clerk-guard.js"), ...args], {
    cwd: options.cwd ?? REPO,
    input: options.input,
    encoding: "utf8",
    // a hung CLI fails its test instead of the whole run
    timeout: options.timeoutMs ?? 300_000,
    env: { ...process.env, NO_COLOR: "1", VITEST: "", CLERK_GUARD_DEBUG: "", ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; severity: number; message: string; fatal?: boolean }>;
}

/** `check --format json` findings as sorted "relative/path:line ruleId" strings. */
export function findingsOf(stdout: string, root: string, only?: (ruleId: string) => boolean, markWarnings = false): string[] {
  const results = JSON.parse(stdout) as JsonResult[];
  const out: string[] = [];
  for (const r of results) {
    for (const m of r.messages) {
      const id = m.ruleId ?? "fatal";
      if (only && !only(id)) continue;
      const warn = markWarnings && m.severity === 1 ? " (warning)" : "";
      out.push(`${path.relative(root, r.filePath).split(path.sep).join("/")}:${m.line} ${id.replace(/^clerk-guard\//, "")}${warn}`);
    }
  }
  return out.sort();
}
