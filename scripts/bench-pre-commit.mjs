#!/usr/bin/env node
// The README's pre-commit set-ups, run through the real tools: husky, simple-git-hooks, lefthook,
// lint-staged and the pre-commit framework (remote form, from a release tag of a local stand-in for
// GitHub; and `repo: local`). For each, in a fresh project that installs the packed package:
//   - a commit with a planted anti-pattern must be refused, a clean file and a README change must pass;
//   - the wall time of README-only commits (median of --runs), which is what every commit costs
//     when no code changed. "husky (npx)" is the same hook through `npx --no-install`, for comparison.
//   node scripts/bench-pre-commit.mjs [--runs 5] [--only husky,lefthook] [--json FILE] [--update-readme]
// After `npm run build`. Needs the npm registry (or its local cache) and, for the pre-commit
// framework, the `pre-commit` command (Debian: apt-get install pre-commit); without it those two
// set-ups are reported as not run. Timings are measurements, never test assertions: the e2e test
// (test/e2e/pre-commit.e2e.test.ts) runs this with --runs 1 and checks only the verdicts.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { buildReleaseTree, commitTree } from "./release-tree.mjs";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const NPM_FLAGS = ["--no-audit", "--no-fund", "--prefer-offline", "--fetch-retries=2", "--fetch-retry-mintimeout=2000", "--fetch-retry-maxtimeout=10000", "--fetch-timeout=60000"];
const TOOLS = { husky: "husky@9.1.7", "simple-git-hooks": "simple-git-hooks@2.14.0", lefthook: "lefthook@2.2.1", "lint-staged": "lint-staged@16" };

const BAD = `'use client'
import { currentUser } from "@clerk/nextjs/server"

export async function Profile() {
  const user = await currentUser()
  return <p>{user?.firstName}</p>
}
`;
const CLEAN = `import { auth } from "@clerk/nextjs/server"

export default async function Page() {
  const { userId } = await auth()
  return <main>{userId}</main>
}
`;

function run(cmd, args, cwd, env = {}, timeout = 300_000) {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd, env: { ...process.env, ...env }, encoding: "utf8", timeout, maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, out: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? `\n${r.error.message}` : ""}`, ms: performance.now() - t0 };
}

function must(r, what) {
  if (r.status !== 0) throw new Error(`${what} failed (${r.status}):\n${r.out.slice(-3000)}`);
  return r;
}

/** Install without writing package.json or a lockfile; one more try on failure (a registry hiccup). */
function npmInstall(dir, specs) {
  let r;
  for (let attempt = 0; attempt < 2; attempt++) {
    r = run("npm", ["install", "--no-save", "--no-package-lock", ...NPM_FLAGS, ...specs], dir, { npm_config_update_notifier: "false" });
    if (r.status === 0) return;
  }
  must(r, `npm install ${specs.join(" ")}`);
}

/** The first fenced code block after `label` in the README. */
export function readmeSnippet(label, readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8")) {
  const at = readme.indexOf(label);
  if (at === -1) throw new Error(`README.md lacks "${label}"`);
  const m = /```(\w+)\n([\s\S]*?)```/.exec(readme.slice(at));
  return m[2];
}

function mergeJson(file, extra) {
  const json = JSON.parse(fs.readFileSync(file, "utf8"));
  for (const [k, v] of Object.entries(extra)) json[k] = typeof v === "object" && !Array.isArray(v) ? { ...(json[k] ?? {}), ...v } : v;
  fs.writeFileSync(file, JSON.stringify(json, null, 2) + "\n");
}

function write(dir, rel, text, mode) {
  const f = path.join(dir, rel);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, text);
  if (mode) fs.chmodSync(f, mode);
}

function which(cmd) {
  return spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8", timeout: 10_000 }).status === 0;
}

/** The set-ups: name → how to configure a project that has package.json, git and the tarball. */
function setups(ctx) {
  const huskyInit = (dir) => must(run("npx", ["--no-install", "husky", "init"], dir, ctx.env), "husky init");
  return {
    husky: {
      tools: ["husky"],
      configure(dir) {
        huskyInit(dir);
        write(dir, ".husky/pre-commit", readmeSnippet("**husky**"));
      },
    },
    "husky (npx)": {
      tools: ["husky"],
      configure(dir) {
        huskyInit(dir);
        write(dir, ".husky/pre-commit", "npx --no-install clerk-guard check --staged\n");
      },
    },
    "simple-git-hooks": {
      tools: ["simple-git-hooks"],
      configure(dir) {
        mergeJson(path.join(dir, "package.json"), JSON.parse(readmeSnippet("**simple-git-hooks**")));
        must(run("npx", ["--no-install", "simple-git-hooks"], dir, ctx.env), "simple-git-hooks");
      },
    },
    lefthook: {
      tools: ["lefthook"],
      configure(dir) {
        write(dir, "lefthook.yml", readmeSnippet("**lefthook**"));
        must(run("npx", ["--no-install", "lefthook", "install"], dir, ctx.env), "lefthook install");
      },
    },
    "lint-staged": {
      tools: ["lint-staged", "husky"],
      configure(dir) {
        mergeJson(path.join(dir, "package.json"), JSON.parse(readmeSnippet("**lint-staged**")));
        huskyInit(dir);
        write(dir, ".husky/pre-commit", "lint-staged\n");
      },
    },
    "pre-commit (remote, release tag)": {
      tools: [],
      needs: "pre-commit",
      configure(dir) {
        write(dir, ".pre-commit-config.yaml", readmeSnippet("**pre-commit framework**"));
        must(run("pre-commit", ["install-hooks"], dir, ctx.env, 600_000), "pre-commit install-hooks");
        must(run("pre-commit", ["install"], dir, ctx.env), "pre-commit install");
      },
    },
    "pre-commit (repo: local)": {
      tools: [],
      needs: "pre-commit",
      configure(dir) {
        write(dir, ".pre-commit-config.yaml", readmeSnippet("Or with the project's own install"));
        must(run("pre-commit", ["install"], dir, ctx.env), "pre-commit install");
      },
    },
  };
}

/** A stand-in for https://github.com/clerk-guard/clerk-guard holding the release tree at tag v0.1.0. */
function fakeGitHub(work) {
  const bare = path.join(work, "github", "clerk-guard.git");
  must(run("git", ["init", "-q", "--bare", bare], work), "git init --bare");
  fs.symlinkSync("clerk-guard.git", path.join(work, "github", "clerk-guard"));
  const tree = path.join(work, "release-tree");
  const { version } = buildReleaseTree(tree);
  commitTree(tree, { gitDir: bare, tags: [`v${version}`], message: `clerk-guard ${version}` });
  fs.rmSync(tree, { recursive: true, force: true });
  const url = path.join(work, "github", "clerk-guard");
  return { GIT_CONFIG_COUNT: "1", GIT_CONFIG_KEY_0: `url.${url}.insteadOf`, GIT_CONFIG_VALUE_0: "https://github.com/clerk-guard/clerk-guard" };
}

function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return { median: Math.round(s[Math.floor(s.length / 2)]), min: Math.round(s[0]), max: Math.round(s[s.length - 1]) };
}

export function benchPreCommit({ runs = 5, only } = {}) {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-pre-commit-")));
  try {
    const home = path.join(work, "home");
    fs.mkdirSync(home);
    const pack = must(run("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", work], REPO), "npm pack");
    const tarball = path.join(work, JSON.parse(pack.out.slice(pack.out.indexOf("[")))[0].filename);
    // no user git config, no global hooks; identity for commits
    const env = {
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, ".config"),
      GIT_CONFIG_NOSYSTEM: "1",
      GIT_AUTHOR_NAME: "bench",
      GIT_AUTHOR_EMAIL: "bench@example.com",
      GIT_COMMITTER_NAME: "bench",
      GIT_COMMITTER_EMAIL: "bench@example.com",
      PRE_COMMIT_HOME: path.join(work, "pre-commit-cache"),
      NO_COLOR: "1",
      HUSKY: "",
      CLERK_GUARD_SKIP: "",
      npm_config_cache: process.env.npm_config_cache || path.join(os.homedir(), ".npm"),
    };
    const ctx = { env };
    const all = setups(ctx);
    // one install of the package and every tool; each project gets a copy of it. The app's own
    // dependencies are declared only (clerk-guard reads the Clerk major from package.json).
    const template = path.join(work, "template");
    fs.mkdirSync(template);
    write(template, "package.json", JSON.stringify({ name: "template", private: true }) + "\n");
    npmInstall(template, [tarball, ...Object.values(TOOLS)]);
    const results = [];
    for (const [name, setup] of Object.entries(all)) {
      if (only && !only.some((o) => name.startsWith(o))) continue;
      if (setup.needs && !which(setup.needs)) {
        results.push({ name, skipped: `${setup.needs} is not installed` });
        continue;
      }
      if (name.startsWith("pre-commit (remote")) Object.assign(env, fakeGitHub(work));
      const dir = path.join(work, name.replace(/[^\w-]+/g, "_"));
      fs.mkdirSync(dir);
      must(run("git", ["init", "-q", "-b", "main"], dir, env), "git init");
      const devDependencies = Object.fromEntries([["clerk-guard", "0.1.0"], ...setup.tools.map((t) => [t, TOOLS[t].slice(t.length + 1)])]);
      write(dir, "package.json", JSON.stringify({ name: "app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0", react: "^19.2.0" }, devDependencies }, null, 2) + "\n");
      write(dir, ".gitignore", "node_modules/\n");
      write(dir, "README.md", "# app\n");
      fs.cpSync(path.join(template, "node_modules"), path.join(dir, "node_modules"), { recursive: true, verbatimSymlinks: true });
      const t0 = performance.now();
      setup.configure(dir);
      const setupMs = Math.round(performance.now() - t0);
      must(run("git", ["add", "-A"], dir, env), "git add");
      must(run("git", ["commit", "-q", "-m", "set-up"], dir, env), "first commit");
      const readmeMs = [];
      let readmeOk = true;
      for (let i = 0; i < runs; i++) {
        fs.appendFileSync(path.join(dir, "README.md"), `\nline ${i}\n`);
        must(run("git", ["add", "README.md"], dir, env), "git add");
        const r = run("git", ["commit", "-q", "-m", `readme ${i}`], dir, env);
        readmeOk &&= r.status === 0;
        readmeMs.push(r.ms);
      }
      write(dir, "app/page.tsx", CLEAN);
      must(run("git", ["add", "app/page.tsx"], dir, env), "git add");
      const clean = run("git", ["commit", "-q", "-m", "clean"], dir, env);
      write(dir, "app/dashboard/profile.tsx", BAD);
      must(run("git", ["add", "app/dashboard/profile.tsx"], dir, env), "git add");
      const bad = run("git", ["commit", "-q", "-m", "bad"], dir, env);
      results.push({
        name,
        setupMs,
        readmeOk,
        cleanOk: clean.status === 0,
        cleanOutput: clean.status === 0 ? undefined : clean.out.slice(-2000),
        badBlocked: bad.status !== 0 && bad.out.includes("no-server-helpers-in-client"),
        badOutput: bad.out.slice(-2000),
        readme: stats(readmeMs),
      });
    }
    return results;
  } finally {
    fs.rmSync(work, { recursive: true, force: true, maxRetries: 3 });
  }
}

export function timingsTable(results) {
  const rows = ["| set-up | `git commit` (README only) |", "| --- | ---: |"];
  for (const r of results) if (!r.skipped) rows.push(`| ${r.name} | ${(r.readme.median / 1000).toFixed(2)} s |`);
  return rows.join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const results = benchPreCommit({ runs: Number(value("--runs") ?? 5), only: value("--only")?.split(",") });
  for (const r of results) {
    if (r.skipped) process.stdout.write(`${r.name.padEnd(34)} not run: ${r.skipped}\n`);
    else
      process.stdout.write(
        `${r.name.padEnd(34)} README-only commit median ${r.readme.median} ms (min ${r.readme.min}, max ${r.readme.max}); clean ${r.cleanOk ? "passes" : "REFUSED"}, anti-pattern ${r.badBlocked ? "refused" : "NOT REFUSED"}; set-up ${r.setupMs} ms\n`,
      );
  }
  if (value("--json")) fs.writeFileSync(value("--json"), JSON.stringify(results, null, 2) + "\n");
  if (args.includes("--update-readme")) {
    const file = path.join(REPO, "README.md");
    const readme = fs.readFileSync(file, "utf8");
    const start = "<!-- pre-commit-timings:start -->";
    const end = "<!-- pre-commit-timings:end -->";
    fs.writeFileSync(file, readme.slice(0, readme.indexOf(start) + start.length) + "\n" + timingsTable(results) + "\n" + readme.slice(readme.indexOf(end)));
  }
  if (results.some((r) => !r.skipped && !(r.readmeOk && r.cleanOk && r.badBlocked))) process.exitCode = 1;
}
