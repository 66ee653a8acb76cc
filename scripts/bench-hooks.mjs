// Benchmark of the pre-commit and CI paths, as users run them (a fresh CLI process each time):
//   node scripts/bench-hooks.mjs [--files 1000] [--runs 5]      (after `npm run build`)
// 1. `check --staged` with 10 staged files            target < 1 s
//    (default engine; then --engine eslint and --engine oxlint with the working tree equal to
//    the index, the case where oxlint may take the files)
// 1b. `check .` on the whole app with --engine eslint and --engine oxlint
// 2. the no-op path (no relevant file), two ways       target < 150 ms
// 3. `ci` on a 50-file pull request                    target < 10 s
// in a git repository holding the deterministic synthetic app of scripts/gen-app.mjs.
// Prints medians (and min/max); timings are noisy on shared machines, so this is a
// measurement, never a test assertion. benchHooks() is exported for other scripts.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { generateApp } from "./gen-app.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BIN = path.join(REPO, "bin", "clerk-guard.js");

function git(cwd, ...args) {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** CPU time (ms) of this process's waited-for children, from /proc (Linux); undefined elsewhere. */
function childCpuMs() {
  try {
    const fields = fs.readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    // after "pid (comm) ": state is field 3; cutime and cstime are fields 16 and 17
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

/** Time one CLI run; `args === null` times a bare `node -e ""` (the process floor). */
function timeCli(cwd, args, env = {}) {
  const c0 = childCpuMs();
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args === null ? ["-e", ""] : [BIN, ...args], {
    cwd,
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", GITHUB_STEP_SUMMARY: "", GITHUB_OUTPUT: "", GITHUB_ACTIONS: "", ...env },
  });
  const ms = performance.now() - t0;
  const c1 = childCpuMs();
  const cpu = c0 === undefined || c1 === undefined ? undefined : c1 - c0;
  if (r.status === 2 || r.status === null) throw new Error(`clerk-guard ${(args ?? []).join(" ")} failed (${r.status}): ${r.stderr}`);
  return { ms, cpu, status: r.status, stdout: r.stdout };
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)], min: s[0], max: s[s.length - 1] };
}

/** Append a harmless line (or an anti-pattern) to a generated file. */
export function touch(file, i, bad) {
  const extra = bad
    ? `\nexport async function extra${i}() {\n  const { auth } = await import("@clerk/nextjs/server");\n  const { userId } = auth();\n  return userId;\n}\n`
    : `\nexport const touched${i} = ${i};\n`;
  fs.appendFileSync(file, extra);
}

/** The generated app in a new git repository (one commit on main); returns its code files, sorted. */
export function generateRepo(dir, files) {
  const list = generateApp(dir, files);
  fs.writeFileSync(path.join(dir, "README.md"), "# bench app\n");
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.name", "bench");
  git(dir, "config", "user.email", "bench@example.com");
  git(dir, "config", "commit.gpgsign", "false");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "base");
  return list.filter((f) => /\.(tsx?|jsx?)$/.test(f)).sort();
}

export function benchHooks({ files = 1000, runs = 5, dir = path.join(REPO, ".bench", `hooks-${files}`), log = console.log } = {}) {
  log(`Generating a ${files}-file app in a git repository at ${path.relative(process.cwd(), dir) || dir} …`);
  const code = generateRepo(dir, files);

  const results = {};
  const run = (name, cwd, args) => {
    timeCli(cwd, args); // warm the OS file cache
    const times = [];
    const cpus = [];
    let last;
    for (let i = 0; i < runs; i++) {
      last = timeCli(cwd, args);
      times.push(last.ms);
      if (last.cpu !== undefined) cpus.push(last.cpu);
    }
    results[name] = { ...stats(times), cpu: cpus.length ? stats(cpus).median : undefined, status: last.status };
    const cpu = results[name].cpu === undefined ? "" : `, CPU ${results[name].cpu.toFixed(0)} ms`;
    log(`  ${name}: median ${results[name].median.toFixed(0)} ms (min ${results[name].min.toFixed(0)}, max ${results[name].max.toFixed(0)}${cpu})`);
  };

  // 0. the floor: a Node process that does nothing
  run("floor: node -e ''", dir, null);

  // 1. 10 staged files (3 of them with a new finding), unstaged edits on top
  const staged = code.filter((_, i) => i % Math.floor(code.length / 10) === 0).slice(0, 10);
  staged.forEach((f, i) => touch(f, i, i < 3));
  git(dir, "add", ...staged);
  staged.forEach((f) => fs.appendFileSync(f, "\n// unstaged\n"));
  run("check --staged (10 files)", dir, ["check", "--staged"]);
  // the working tree equal to the index (as under lint-staged): the oxlint engine may take the files
  git(dir, "checkout", "-q", "--", ...staged);
  run("check --staged --engine eslint (10 files, tree = index)", dir, ["check", "--staged", "--engine", "eslint"]);
  run("check --staged --engine oxlint (10 files, tree = index)", dir, ["check", "--staged", "--engine", "oxlint"]);
  git(dir, "reset", "-q", "--hard");

  // 1b. the whole app, each engine
  run(`check . --engine eslint (${files} files)`, dir, ["check", "--engine", "eslint", "."]);
  run(`check . --engine oxlint (${files} files)`, dir, ["check", "--engine", "oxlint", "."]);

  // 2. no-op: only a README is staged / passed
  git(dir, "reset", "-q", "--hard");
  fs.appendFileSync(path.join(dir, "README.md"), "more\n");
  git(dir, "add", "README.md");
  run("no-op: check --staged (README only)", dir, ["check", "--staged"]);
  run("no-op: check README.md", dir, ["check", "README.md"]);
  git(dir, "reset", "-q", "--hard");

  // 3. a 50-file pull request (10 with new findings, 2 files deleted, 1 renamed)
  git(dir, "checkout", "-q", "-b", "pr");
  const prFiles = code.filter((_, i) => i % Math.floor(code.length / 50) === 1).slice(0, 50);
  prFiles.slice(0, 47).forEach((f, i) => touch(f, 100 + i, i < 10));
  git(dir, "rm", "-q", prFiles[47], prFiles[48]);
  const renamed = prFiles[49].replace(/(\.[a-z]+)$/, "-moved$1");
  git(dir, "mv", prFiles[49], renamed);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "pr");
  const report = path.join(os.tmpdir(), `clerk-guard-bench-${process.pid}.json`);
  run("ci (50-file PR)", dir, ["ci", "--base", "main", "-f", "report=" + report]);
  run("ci --engine eslint (50-file PR)", dir, ["ci", "--base", "main", "--engine", "eslint", "-f", "report=" + report]);
  run("ci --engine oxlint (50-file PR)", dir, ["ci", "--base", "main", "--engine", "oxlint", "-f", "report=" + report]);
  fs.rmSync(report, { force: true });
  git(dir, "checkout", "-q", "main");
  return results;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, def) => {
    const i = args.indexOf(`--${name}`);
    return i === -1 ? def : Number(args[i + 1]);
  };
  if (!fs.existsSync(path.join(REPO, "dist", "cli", "main.js"))) {
    console.error("run `npm run build` first");
    process.exitCode = 2;
  } else {
    const files = opt("files", 1000);
    const runs = opt("runs", 5);
    const load = os.loadavg().map((x) => x.toFixed(1)).join(" ");
    console.log(`clerk-guard hook/CI benchmark: ${files} files, ${runs} runs each (Node ${process.version}, ${os.cpus().length} CPUs, load ${load})`);
    const r = benchHooks({ files, runs });
    const targets = { "check --staged (10 files)": 1000, "check --staged --engine eslint (10 files, tree = index)": 1000, "check --staged --engine oxlint (10 files, tree = index)": 1000, "no-op: check --staged (README only)": 150, "no-op: check README.md": 150, "ci (50-file PR)": 10000 };
    console.log("\n| scenario | median wall ms | min | max | median CPU ms | target ms |\n| --- | ---: | ---: | ---: | ---: | ---: |");
    for (const [name, s] of Object.entries(r)) {
      console.log(`| ${name} | ${s.median.toFixed(0)} | ${s.min.toFixed(0)} | ${s.max.toFixed(0)} | ${s.cpu === undefined ? "" : s.cpu.toFixed(0)} | ${targets[name] ?? ""} |`);
    }
    console.log(`\nload average after: ${os.loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  }
}
