// Memory benchmark: peak resident set size of `clerk-guard check` (whole project) and `clerk-guard ci`
// (a 50-file pull request) on generated apps of several sizes, each in a fresh process.
//   node scripts/bench-memory.mjs [--files 20000] [--sizes 1000,5000,20000] [--no-ci]   (after `npm run build`)
// The peak comes from getrusage in the measured process itself (scripts/bench-rss-probe.mjs,
// preloaded with --import), so it covers the whole run. A run the kernel or V8 kills reports no figure.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateRepo, touch } from "./bench-hooks.mjs";
import { generateApp } from "./gen-app.mjs";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, "..");
const PROBE = pathToFileURL(path.join(HERE, "bench-rss-probe.mjs")).href;

function git(cwd, ...args) {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], maxBuffer: 256 * 1024 * 1024 });
}

/** Run the CLI once with the probe; peak RSS in MB (undefined when the process died before exiting). */
function measured(bin, cwd, args) {
  const rssFile = path.join(os.tmpdir(), `clerk-guard-bench-rss-${process.pid}-${Date.now()}`);
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ["--import", PROBE, bin, ...args], {
    cwd,
    stdio: ["ignore", "ignore", "pipe"],
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", GITHUB_OUTPUT: "", GITHUB_ACTIONS: "", CLERK_GUARD_BENCH_RSS_FILE: rssFile },
  });
  const ms = performance.now() - t0;
  let kb;
  try {
    kb = Number(fs.readFileSync(rssFile, "utf8"));
    fs.rmSync(rssFile, { force: true });
  } catch {
    kb = undefined;
  }
  const crash = r.status === null || r.status > 2 ? `exit ${r.status ?? r.signal}: ${(r.stderr || "").trim().split("\n").filter(Boolean).slice(-1)[0] ?? ""}` : undefined;
  return { mb: kb === undefined ? undefined : kb / 1024, ms, status: r.status, crash };
}

/** A git repository holding the generated app, with a `pr` branch that changes 50 files (10 with new findings). */
function prRepo(files) {
  const dir = path.join(REPO, ".bench", `memory-ci-${files}`);
  const code = generateRepo(dir, files);
  git(dir, "checkout", "-q", "-b", "pr");
  const step = Math.max(1, Math.floor(code.length / 50));
  code.filter((_, i) => i % step === 1).slice(0, 50).forEach((f, i) => touch(f, i, i < 10));
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "pr");
  return dir;
}

export function benchMemory({ sizes, ci = true, bin = path.join(REPO, "bin", "clerk-guard.js"), log = console.log }) {
  const rows = [];
  for (const files of sizes) {
    const dir = path.join(REPO, ".bench", `memory-${files}`);
    log(`Generating ${files} files …`);
    generateApp(dir, files);
    const check = measured(bin, dir, ["check", ".", "-f", "json"]);
    fs.rmSync(dir, { recursive: true, force: true });
    rows.push({ files, command: "check", ...check });
    log(`  check, ${files} files: ${check.mb === undefined ? `no figure (${check.crash ?? "crashed"})` : `${check.mb.toFixed(0)} MB`} in ${(check.ms / 1000).toFixed(1)} s`);
    if (ci) {
      const repo = prRepo(files);
      const run = measured(bin, repo, ["ci", "--base", "main", "-f", "report=" + path.join(os.tmpdir(), `clerk-guard-bench-${process.pid}.json`)]);
      fs.rmSync(repo, { recursive: true, force: true });
      rows.push({ files, command: "ci (50-file PR)", ...run });
      log(`  ci, ${files} files: ${run.mb === undefined ? `no figure (${run.crash ?? "crashed"})` : `${run.mb.toFixed(0)} MB`} in ${(run.ms / 1000).toFixed(1)} s`);
    }
  }
  fs.rmSync(path.join(os.tmpdir(), `clerk-guard-bench-${process.pid}.json`), { force: true });
  log("\nPeak RSS (fresh process per run):\n");
  log("| command | files | peak RSS MB | RSS MB per 1,000 files | wall s | exit |");
  log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const r of rows) {
    const per = r.mb === undefined ? "" : ((r.mb / r.files) * 1000).toFixed(1);
    log(`| ${r.command} | ${r.files} | ${r.mb === undefined ? "—" : r.mb.toFixed(0)} | ${per} | ${(r.ms / 1000).toFixed(1)} | ${r.crash ?? r.status} |`);
  }
  return rows;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? undefined : args[i + 1];
  };
  const files = Number(value("files") ?? 1000);
  const sizes = value("sizes") ? value("sizes").split(",").map(Number) : [...new Set([1000, 5000, files])].filter((n) => n <= Math.max(files, 1000)).sort((a, b) => a - b);
  const bin = value("bin") ? path.resolve(value("bin")) : undefined;
  console.log(`clerk-guard memory benchmark (Node ${process.version}, ${os.cpus().length} CPUs, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM)`);
  benchMemory({ sizes, ci: !args.includes("--no-ci"), ...(bin ? { bin } : {}) });
}
