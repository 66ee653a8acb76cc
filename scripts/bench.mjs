// Benchmark: npm run bench [-- --files 1000 --runs 5]
// Generates a deterministic synthetic Next.js + Clerk app, then times, in one process,
// ESLint with the TypeScript parser and no rules (the parse floor) against clerk-guard's
// configs and the Next.js plugin every Next app already runs. Each figure is the median
// of several runs, interleaved so machine noise hits every configuration alike.
import path from "node:path";
import { performance } from "node:perf_hooks";
import { ESLint } from "eslint";
import tsParser from "@typescript-eslint/parser";
import nextPlugin from "@next/eslint-plugin-next";
import clerkGuard from "../dist/index.js";
import { resetAnalysisCaches } from "../dist/analysis/caches.js";
import { expandPaths, lintFiles } from "../dist/engine/lint.js";
import { generateApp } from "./gen-app.mjs";

const args = process.argv.slice(2);
const opt = (name, def) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? def : Number(args[i + 1]);
};
const FILES = opt("files", 1000);
const RUNS = opt("runs", 5);
const dir = path.resolve(".bench", `app-${FILES}`);

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

const scenarios = [
  ["parse floor (ESLint + TS parser, no rules)", eslintWith([])],
  ["clerk-guard recommended", eslintWith([clerkGuard.configs.recommended])],
  ["clerk-guard all", eslintWith([clerkGuard.configs.all])],
  ["@next/eslint-plugin-next recommended", eslintWith([{ plugins: { "@next/next": nextPlugin }, rules: nextPlugin.configs.recommended.rules }])],
  ["clerk-guard check (whole project, engine)", async () => {
    const { files } = expandPaths([dir], dir);
    return lintFiles(files, { cwd: dir }).results.reduce((n, r) => n + r.messages.length, 0);
  }],
];

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

console.log(`Generating ${FILES} files in ${path.relative(process.cwd(), dir)} …`);
generateApp(dir, FILES);
const times = scenarios.map(() => []);
const findings = scenarios.map(() => 0);
for (let run = 0; run <= RUNS; run++) {
  for (let s = 0; s < scenarios.length; s++) {
    resetAnalysisCaches();
    const t0 = performance.now();
    findings[s] = await scenarios[s][1]();
    const ms = performance.now() - t0;
    if (run > 0) times[s].push(ms); // run 0 warms the JIT and module caches
  }
  if (run > 0) process.stdout.write(`  run ${run}/${RUNS} done\n`);
}

const floor = median(times[0]);
console.log(`\n${FILES} files, median of ${RUNS} runs (Node ${process.version}, ${process.platform}/${process.arch})\n`);
console.log("| scenario | median ms | × parse floor | findings |");
console.log("| --- | ---: | ---: | ---: |");
scenarios.forEach(([name], s) => {
  const m = median(times[s]);
  console.log(`| ${name} | ${m.toFixed(0)} | ${(m / floor).toFixed(2)} | ${findings[s]} |`);
});
console.log(`\nratio recommended/parse-floor: ${(median(times[1]) / floor).toFixed(2)}`);
