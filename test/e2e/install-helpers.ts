/**
 * Helpers of the install tests (*.e2e.test.ts, `npm run test:e2e`): bounded child
 * processes, npm installs from the local cache with a bounded retry, the packed
 * tarball, README code blocks, and git repositories that stand in for GitHub.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { REPO } from "../helpers.js";

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Run a command with a timeout (default 5 minutes); never throws. */
export function sh(cmd: string, args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeout?: number; input?: string }): Run {
  const t0 = Date.now();
  const r = spawnSync(cmd, args, {
    cwd: options.cwd,
    env: { ...process.env, NO_COLOR: "1", npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false", ...options.env },
    encoding: "utf8",
    input: options.input,
    timeout: options.timeout ?? 300_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === "ETIMEDOUT" ? `\n[timed out after ${options.timeout ?? 300_000} ms]` : "";
  return { status: r.status, stdout: r.stdout ?? "", stderr: (r.stderr ?? "") + timedOut, ms: Date.now() - t0 };
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps.splice(0)) fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
});

/** A temporary folder, removed after the test file. */
export function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}

/** npm settings for every install: the local cache first, bounded network retries. */
export const NPM_FLAGS = [
  "--no-audit",
  "--no-fund",
  "--prefer-offline",
  "--fetch-retries=2",
  "--fetch-retry-mintimeout=2000",
  "--fetch-retry-maxtimeout=10000",
  "--fetch-timeout=60000",
];

/**
 * `npm install` packages into `dir` without touching its package.json or writing a
 * lockfile; one more try when the first fails (a registry hiccup), 5 minutes each.
 */
export function npmInstall(dir: string, specs: string[], extra: string[] = []): void {
  let last: Run | undefined;
  for (let attempt = 0; attempt < 2; attempt++) {
    last = sh("npm", ["install", "--no-save", "--no-package-lock", ...NPM_FLAGS, ...extra, ...specs], { cwd: dir });
    if (last.status === 0) return;
  }
  throw new Error(`npm install ${specs.join(" ")} failed (${last!.status}):\n${last!.stderr.slice(-3000)}`);
}

/** `npm pack` the package (dist/ must be built: `npm run test:e2e` builds first) into `dest`. */
export function packTarball(dest: string): string {
  const r = sh("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dest], { cwd: REPO, timeout: 120_000 });
  if (r.status !== 0) throw new Error(`npm pack failed: ${r.stderr}`);
  const [report] = JSON.parse(r.stdout) as Array<{ filename: string }>;
  return path.join(dest, report!.filename);
}

export interface Block {
  lang: string;
  text: string;
}

/** The fenced code blocks of one README section (from its heading to the next heading of the same or a higher level). */
export function readmeBlocks(heading: string): Block[] {
  const lines = fs.readFileSync(path.join(REPO, "README.md"), "utf8").split("\n");
  const level = /^#+/.exec(heading)![0].length;
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`README.md has no section "${heading}"`);
  const blocks: Block[] = [];
  let open: Block | undefined;
  for (const line of lines.slice(start + 1)) {
    if (open) {
      if (line === "```") {
        blocks.push(open);
        open = undefined;
      } else open.text += line + "\n";
      continue;
    }
    const fence = /^```(\w+)$/.exec(line);
    if (fence) open = { lang: fence[1]!, text: "" };
    else if (new RegExp(`^#{1,${level}} `).test(line)) break;
  }
  return blocks;
}

export function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 60_000 });
}

const IDENTITY = ["-c", "user.name=clerk-guard e2e", "-c", "user.email=e2e@example.com", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"];

/**
 * A bare repository standing in for https://github.com/clerk-guard/clerk-guard: `main` holds
 * the files of this checkout that git would commit (tracked and new, not ignored; links kept).
 * Returns its path and the git settings that send GitHub URLs of the repository there
 * (GIT_CONFIG_* variables, which git, npm, the pre-commit framework and Claude Code all pass on).
 */
export function fakeGitHub(root: string): { bare: string; env: NodeJS.ProcessEnv } {
  const bare = path.join(root, "github", "clerk-guard.git");
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  git(root, "init", "-q", "--bare", "-b", "main", bare);
  // GitHub serves the repository with and without .git
  fs.symlinkSync("clerk-guard.git", path.join(root, "github", "clerk-guard"));
  const work = path.join(root, "main-tree");
  fs.mkdirSync(work);
  const files = git(REPO, "ls-files", "-z", "--cached", "--others", "--exclude-standard").split("\0").filter(Boolean);
  for (const rel of files) {
    const from = path.join(REPO, rel);
    let st: fs.Stats;
    try {
      st = fs.lstatSync(from);
    } catch {
      continue; // deleted in the work tree
    }
    const to = path.join(work, rel);
    fs.mkdirSync(path.dirname(to), { recursive: true });
    if (st.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(from), to);
    else if (st.isFile()) fs.copyFileSync(from, to);
  }
  git(work, "init", "-q", "-b", "main");
  git(work, "add", "-A");
  git(work, ...IDENTITY, "commit", "-q", "-m", "main");
  git(work, "push", "-q", bare, "main");
  fs.rmSync(work, { recursive: true, force: true });
  const github = path.join(root, "github", "clerk-guard");
  const env = {
    GIT_CONFIG_COUNT: "2",
    GIT_CONFIG_KEY_0: `url.${github}.insteadOf`,
    GIT_CONFIG_VALUE_0: "https://github.com/clerk-guard/clerk-guard",
    GIT_CONFIG_KEY_1: `url.${github}.insteadOf`,
    GIT_CONFIG_VALUE_1: "git@github.com:clerk-guard/clerk-guard",
  };
  return { bare, env };
}

/** Tag the release tree of this checkout (scripts/release-tree.mjs) in `bare`, as the release workflow does. */
export function tagRelease(bare: string, root: string, tags: string[]): string {
  const out = path.join(root, "release-tree");
  const r = sh(process.execPath, [path.join(REPO, "scripts", "release-tree.mjs"), "--out", out, "--commit", "--git-dir", bare, ...tags.flatMap((t) => ["--tag", t])], {
    cwd: root,
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`release-tree failed: ${r.stderr}`);
  fs.rmSync(out, { recursive: true, force: true });
  return /commit ([0-9a-f]{40})/.exec(r.stdout)![1]!;
}

/** A git repository with an identity, for projects that commit. */
export function gitProject(dir: string): void {
  git(dir, "init", "-q", "-b", "main");
  git(dir, "config", "user.name", "clerk-guard e2e");
  git(dir, "config", "user.email", "e2e@example.com");
  git(dir, "config", "commit.gpgsign", "false");
}

export function which(cmd: string): string | undefined {
  const r = spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8", timeout: 10_000 });
  return r.status === 0 ? r.stdout.trim() : undefined;
}
