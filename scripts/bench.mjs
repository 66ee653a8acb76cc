// Benchmark: npm run bench [-- --files 1000 --runs 5 --no-scaling --no-cli --no-memory --no-stacks]
// 1. Generates a deterministic synthetic Next.js + Clerk app, then times, in one process,
//    ESLint with the TypeScript parser and no rules (the parse floor) against clerk-guard's
//    configs and the Next.js plugin every Next app already runs, and the pipeline behind
//    `clerk-guard check`. Each figure is the median of several runs, interleaved so machine
//    noise hits every configuration alike (one run by default above 2,000 files).
//    The same on an Express API beside a Vite SPA (scripts/gen-app.mjs generateExpressViteApp).
// 2. Scaling: the parse floor and `recommended` on an app five times larger (cost per file;
//    by default only while that app has at most 10,000 files).
// 3. The CLI paths as users run them, each in fresh processes: `check --staged` with 10 files,
//    the no-op path, `ci` on a 50-file PR (scripts/bench-hooks.mjs) and the Claude Code hook
//    on one edited file (scripts/bench-hook.mjs), in a repository of min(--files, 2000) files.
// 4. Memory: peak RSS of `check` and `ci` at 1,000 files and at --files (and 5,000 between),
//    with RSS per 1,000 files (scripts/bench-memory.mjs).
// oxlint rows (when the oxlint devDependency is installed): the `check` pipeline with the oxlint
// engine (--engine oxlint: one oxlint process, the findings ESLint's), oxlint's own parse and lint
// with no rules, and oxlint running clerk-guard `recommended` as a JS plugin
// (oxlint/recommended.json), each a fresh oxlint process with an explicit config and none of
// oxlint's own rules.
// Per rule: one ESLint run of `all` with `stats` (TIMING=1's numbers), so a regression names its rule.
// The last line is the headline: ratio recommended/parse-floor.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { performance } from "node:perf_hooks";
import { ESLint } from "eslint";
import tsParser from "@typescript-eslint/parser";
import nextPlugin from "@next/eslint-plugin-next";
import clerkGuard from "../dist/index.js";
import { resetAnalysisCaches } from "../dist/analysis/caches.js";
import { analyze } from "../dist/findings/analyze.js";
import { projectParser } from "../dist/analysis/project/parse.js";
import { collectPaths } from "../dist/cli/paths.js";
import { benchMemory } from "./bench-memory.mjs";
import { generateApp, generateExpressViteApp } from "./gen-app.mjs";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : Number(args[i + 1]);
};
const FILES = opt("files", 1000);
const RUNS = opt("runs", FILES <= 2000 ? 5 : 1);
const SCALING = !args.includes("--no-scaling") && (args.includes("--scaling") || FILES * 5 <= 10_000);
const CLI = !args.includes("--no-cli");
const MEMORY = !args.includes("--no-memory");
const STACKS = !args.includes("--no-stacks");
const appDir = (n, kind = "app") => path.resolve(".bench", `${kind}-${n}`);
let dir = appDir(FILES);

const parserConfig = {
  files: ["**/*.{ts,tsx,js,jsx,mjs,cjs}"],
  languageOptions: { parser: tsParser, parserOptions: { ecmaFeatures: { jsx: true } } },
  linterOptions: { reportUnusedDisableDirectives: "off" },
};

function eslintWith(extra) {
  return async () => {
    const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [parserConfig, ...extra], cache: false });
    const results = await eslint.lintFiles(["."]);
    return results.reduce((n, r) => n + r.messages.length, 0);
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
const OXLINT = path.join(here, "..", "node_modules", "oxlint", "bin", "oxlint");
const oxlintConfigDir = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-bench-oxlint-"));
process.on("exit", () => fs.rmSync(oxlintConfigDir, { recursive: true, force: true }));

/** A fresh oxlint process on the app with one explicit config (none of oxlint's own rules); its findings count. */
function oxlintWith(name, config) {
  const file = path.join(oxlintConfigDir, `${name}.json`);
  fs.writeFileSync(file, JSON.stringify({ plugins: [], categories: { correctness: "off" }, ...config }));
  return async () => {
    // the app's code files by name: oxlint's directory walk skips everything under .bench/
    // (a hidden folder this repository's .gitignore lists), even with --no-ignore
    const files = collectPaths([dir], dir, dir).files.filter((f) => /\.(m|c)?[jt]sx?$/.test(f)).map((f) => path.relative(dir, f));
    const r = spawnSync(process.execPath, [OXLINT, "-c", file, "-f", "json", ...files], { cwd: dir, encoding: "utf8", timeout: 600_000, maxBuffer: 256 * 1024 * 1024 });
    if (r.error || (r.status !== 0 && r.status !== 1)) throw new Error(`oxlint exited ${r.status}: ${r.error ?? r.stderr.slice(0, 500)}`);
    return JSON.parse(r.stdout).diagnostics.length;
  };
}

const scenarios = [
  ["parse floor (ESLint + TS parser, no rules)", eslintWith([])],
  ["clerk-guard recommended", eslintWith([clerkGuard.configs.recommended])],
  ["clerk-guard all", eslintWith([clerkGuard.configs.all])],
  ["@next/eslint-plugin-next recommended", eslintWith([{ plugins: { "@next/next": nextPlugin }, rules: nextPlugin.configs.recommended.rules }])],
  ["clerk-guard check (whole project, pipeline)", async () => {
    const { files } = collectPaths([dir], dir, dir);
    return analyze(files, { cwd: dir, root: dir }).files.reduce((n, r) => n + r.findings.length, 0);
  }],
  ...(fs.existsSync(OXLINT)
    ? [
        ["clerk-guard check --engine oxlint (whole project, pipeline + oxlint process)", async () => {
          const { files } = collectPaths([dir], dir, dir);
          const run = analyze(files, { cwd: dir, root: dir, engine: "oxlint" });
          if (run.engine !== "oxlint") throw new Error(`the oxlint engine did not run: ${run.engineNote}`);
          return run.files.reduce((n, r) => n + r.findings.length, 0);
        }],
        ["oxlint, no rules (oxlint's own parse floor; fresh process)", oxlintWith("none", {})],
        ["oxlint + clerk-guard recommended (JS plugin; fresh process)", oxlintWith("recommended", { extends: [path.join(here, "..", "oxlint", "recommended.json")] })],
      ]
    : []),
];

/** Per-rule time (ESLint's `stats`, as TIMING=1 reports it) of `all` on the app: which rule a regression is in. */
async function ruleTimes() {
  // cold analysis caches, as in every measured run: rules that read the project pay for it here
  resetAnalysisCaches();
  const eslint = new ESLint({ cwd: dir, overrideConfigFile: true, overrideConfig: [parserConfig, clerkGuard.configs.all], cache: false, stats: true });
  const totals = new Map();
  let parse = 0;
  for (const r of await eslint.lintFiles(["."])) {
    for (const pass of r.stats?.times.passes ?? []) {
      parse += pass.parse?.total ?? 0;
      for (const [id, t] of Object.entries(pass.rules ?? {})) totals.set(id, (totals.get(id) ?? 0) + t.total);
    }
  }
  const sum = [...totals.values()].reduce((a, b) => a + b, 0);
  console.log(`\nPer rule (clerk-guard all, one run, ESLint stats; parse ${parse.toFixed(0)} ms):\n`);
  console.log("| rule | ms | % of rule time |");
  console.log("| --- | ---: | ---: |");
  for (const [id, t] of [...totals].sort((a, b) => b[1] - a[1])) console.log(`| ${id} | ${t.toFixed(0)} | ${((100 * t) / sum).toFixed(1)} |`);
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(list, files, runs, generate = generateApp, kind = "app") {
  dir = appDir(files, kind);
  console.log(`Generating ${files} files in ${path.relative(process.cwd(), dir)} …`);
  generate(dir, files);
  const times = list.map(() => []);
  const findings = list.map(() => 0);
  return (async () => {
    // run 0 warms the JIT and module caches (skipped for a single run of a large app, where it is noise)
    for (let run = runs > 1 ? 0 : 1; run <= runs; run++) {
      for (let s = 0; s < list.length; s++) {
        resetAnalysisCaches();
        const t0 = performance.now();
        findings[s] = await list[s][1]();
        const ms = performance.now() - t0;
        if (run > 0) times[s].push(ms);
      }
      if (run > 0) process.stdout.write(`  run ${run}/${runs} done\n`);
    }
    return { medians: times.map(median), findings };
  })();
}

const main = await measure(scenarios, FILES, RUNS);
const floor = main.medians[0];
const rec = main.medians[1];
console.log(`\n${FILES} files, median of ${RUNS} runs (Node ${process.version}, ${process.platform}/${process.arch}, load ${os.loadavg()[0].toFixed(1)}, project index parser ${projectParser()})\n`);
console.log("| scenario | median ms | × parse floor | findings |");
console.log("| --- | ---: | ---: | ---: |");
scenarios.forEach(([name], s) => {
  console.log(`| ${name} | ${main.medians[s].toFixed(0)} | ${(main.medians[s] / floor).toFixed(2)} | ${main.findings[s]} |`);
});

await ruleTimes();

if (STACKS) {
  // the same configurations on an Express API beside a Vite SPA (no Next.js plugin: not a Next app)
  const stackScenarios = scenarios.filter(([name]) => !name.startsWith("@next/"));
  const ev = await measure(stackScenarios, FILES, RUNS, generateExpressViteApp, "express-vite");
  console.log(`\nExpress + Vite app, ${FILES} files, median of ${RUNS} runs\n`);
  console.log("| scenario | median ms | × parse floor | findings |");
  console.log("| --- | ---: | ---: | ---: |");
  stackScenarios.forEach(([name], s) => {
    console.log(`| ${name} | ${ev.medians[s].toFixed(0)} | ${(ev.medians[s] / ev.medians[0]).toFixed(2)} | ${ev.findings[s]} |`);
  });
}

if (SCALING) {
  const big = FILES * 5;
  const scaled = await measure(scenarios.slice(0, 2), big, Math.max(2, Math.min(RUNS, 3)));
  console.log(`\nScaling (ms per file; linear growth keeps these flat):\n`);
  console.log("| files | parse floor ms/file | recommended ms/file | × parse floor |");
  console.log("| ---: | ---: | ---: | ---: |");
  console.log(`| ${FILES} | ${(floor / FILES).toFixed(3)} | ${(rec / FILES).toFixed(3)} | ${(rec / floor).toFixed(2)} |`);
  console.log(`| ${big} | ${(scaled.medians[0] / big).toFixed(3)} | ${(scaled.medians[1] / big).toFixed(3)} | ${(scaled.medians[1] / scaled.medians[0]).toFixed(2)} |`);
}

if (MEMORY) {
  console.log("");
  benchMemory({ sizes: [...new Set([1000, ...(FILES >= 5000 ? [5000] : []), FILES])].sort((a, b) => a - b) });
}

if (CLI) {
  for (const script of ["bench-hooks.mjs", "bench-hook.mjs"]) {
    console.log("");
    const r = spawnSync(process.execPath, [path.join(here, script), "--files", String(Math.min(FILES, 2000)), "--runs", String(Math.max(RUNS, 5))], { stdio: "inherit" });
    if (r.status !== 0) console.log(`(${script} exited ${r.status})`);
  }
}

console.log(`\nratio recommended/parse-floor: ${(rec / floor).toFixed(2)}`);
