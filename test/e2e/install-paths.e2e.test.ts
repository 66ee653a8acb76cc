/**
 * Installing clerk-guard from git, as the README says, on a machine with Node.js, npm and git:
 * a local bare repository stands in for https://github.com/clerk-guard/clerk-guard (main = this
 * checkout's files, tags v0.1.0 and v0 = the release tree that the release workflow tags), and
 * git's url.<base>.insteadOf sends the README's GitHub URLs there.
 *  - the Claude Code plugin: the README's `claude plugin marketplace add` / `install` commands with
 *    the real Claude Code CLI; the installed copy holds only the plugin, passes `claude plugin
 *    validate`, and its hooks run the project's clerk-guard; `init` then leaves skills and hooks to it;
 *  - `npm install git+https://…#v0.1.0`: no build on the user's machine, the CLI and both entry points work.
 * (The pre-commit framework's remote form: pre-commit.e2e.test.ts.)
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers.js";
import { fakeGitHub, npmInstall, readmeBlocks, sh, tagRelease, tempDir } from "./install-helpers.js";

const CLAUDE_CODE = "@anthropic-ai/claude-code@2.1.332";

let root: string;
let gitEnv: NodeJS.ProcessEnv;
let bare: string;

const BAD_COMPONENT = `'use client'
import { currentUser } from "@clerk/nextjs/server"

export async function Profile() {
  const user = await currentUser()
  return <p>{user?.firstName}</p>
}
`;

function files(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: "utf8" }) as string[]).filter((rel) => fs.statSync(path.join(dir, rel)).isFile()).sort();
}

function bytes(dir: string): number {
  return files(dir).reduce((n, rel) => n + fs.statSync(path.join(dir, rel)).size, 0);
}

beforeAll(() => {
  root = tempDir("clerk-guard-install-paths-");
  const github = fakeGitHub(root);
  gitEnv = github.env;
  bare = github.bare;
  tagRelease(github.bare, root, ["v0.1.0", "v0"]);
}, 300_000);

describe("the Claude Code plugin, from the git marketplace", () => {
  let home: string;
  let claudeBin: string;
  let installPath: string;
  const env = () => ({ ...gitEnv, HOME: home, CLAUDE_CONFIG_DIR: path.join(home, ".claude"), PATH: `${path.dirname(claudeBin)}${path.delimiter}${process.env.PATH}`, DISABLE_AUTOUPDATER: "1", DISABLE_TELEMETRY: "1" });

  beforeAll(() => {
    home = path.join(root, "home");
    fs.mkdirSync(home);
    const cc = path.join(root, "claude-code");
    fs.mkdirSync(cc);
    fs.writeFileSync(path.join(cc, "package.json"), "{}\n");
    npmInstall(cc, [CLAUDE_CODE]);
    claudeBin = path.join(cc, "node_modules", ".bin", "claude");
  }, 900_000);

  it("installs with the README's commands", () => {
    const block = readmeBlocks("## Claude Code").find((b) => b.text.includes("claude plugin marketplace add"))!;
    const commands = block.text.split("\n").map((l) => l.replace(/#.*$/, "").trim()).filter((l) => l.startsWith("claude "));
    expect(commands).toEqual(["claude plugin marketplace add clerk-guard/clerk-guard", "claude plugin install clerk-guard@clerk-guard"]);
    for (const command of commands) {
      const r = sh("sh", ["-c", command], { cwd: home, env: env(), timeout: 180_000 });
      expect(r.status, `${command}\n${r.stdout}${r.stderr}`).toBe(0);
    }
    const installed = JSON.parse(fs.readFileSync(path.join(home, ".claude", "plugins", "installed_plugins.json"), "utf8"));
    installPath = installed.plugins["clerk-guard@clerk-guard"][0].installPath;
    expect(fs.existsSync(installPath)).toBe(true);
  });

  it("the installed plugin holds only the manifest, its README, the skills and the hooks (nothing to build, no bin/)", () => {
    const skills = files(path.join(REPO, "skills")).map((f) => `skills/${f}`);
    expect(files(installPath)).toEqual([".claude-plugin/plugin.json", "README.md", "hooks/hooks.json", "hooks/run-clerk-guard.mjs", ...skills].sort());
    for (const rel of skills) expect(fs.readFileSync(path.join(installPath, rel), "utf8")).toBe(fs.readFileSync(path.join(REPO, rel), "utf8"));
    expect(bytes(installPath)).toBeLessThan(1_000_000);
  });

  it("passes claude plugin validate, as installed and as the marketplace of the repository", () => {
    for (const target of [installPath, REPO]) {
      const r = sh(claudeBin, ["plugin", "validate", target], { cwd: root, env: env(), timeout: 120_000 });
      expect(r.status, r.stdout + r.stderr).toBe(0);
      expect(r.stdout).toMatch(/✔ Validation passed/);
    }
  });

  it("its hooks run the project's clerk-guard, and init then adds only the CLAUDE.md section", () => {
    const project = path.join(root, "app");
    fs.mkdirSync(path.join(project, "node_modules"), { recursive: true });
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0" } }) + "\n");
    fs.symlinkSync(REPO, path.join(project, "node_modules", "clerk-guard"), "dir");
    const file = path.join(project, "app", "dashboard", "profile.tsx");
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, BAD_COMPONENT);
    const hooks = JSON.parse(fs.readFileSync(path.join(installPath, "hooks", "hooks.json"), "utf8"));
    const handler = hooks.hooks.PostToolUse[0].hooks[0] as { command: string; args: string[] };
    const payload = {
      session_id: "e2e",
      cwd: project,
      hook_event_name: "PostToolUse",
      tool_name: "Write",
      tool_input: { file_path: file, content: BAD_COMPONENT },
      tool_response: { type: "create", filePath: file, success: true },
    };
    const r = sh(handler.command, handler.args.map((a) => a.replace("${CLAUDE_PLUGIN_ROOT}", installPath)), {
      cwd: project,
      env: { ...env(), CLAUDE_PROJECT_DIR: project, CLAUDE_PLUGIN_ROOT: installPath, CLERK_GUARD_DAEMON: "0", CLERK_GUARD_TIMEOUT: "120s" },
      input: JSON.stringify(payload),
      timeout: 180_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { decision?: string; reason?: string };
    expect(out.decision).toBe("block");
    expect(out.reason).toContain("no-server-helpers-in-client");

    // README: `npx clerk-guard init` (with --yes, as a script must) after installing the plugin
    const init = sh(process.execPath, [path.join(REPO, "bin", "clerk-guard.js"), "init", "--yes", "--no-eslint"], { cwd: project, env: env(), timeout: 120_000 });
    expect(init.status, init.stderr).toBe(0);
    expect(init.stdout).toContain("  skip     skills: the clerk-guard Claude Code plugin is enabled (~/.claude/settings.json) and brings them\n");
    expect(init.stdout).toContain("  skip     hooks: the clerk-guard Claude Code plugin is enabled (~/.claude/settings.json) and runs them\n");
    expect(fs.readFileSync(path.join(project, "CLAUDE.md"), "utf8")).toContain("<!-- clerk-guard:start -->");
    expect(fs.existsSync(path.join(project, ".claude", "skills"))).toBe(false);
  });
});

describe("npm install from a release tag", () => {
  it("installs the built package with no build step: the CLI, import and require work", () => {
    const project = path.join(root, "from-tag");
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "from-tag", private: true, type: "module" }) + "\n");
    const line = readmeBlocks("## Install in your project")
      .flatMap((b) => b.text.split("\n"))
      .find((l) => l.startsWith("npm install") && l.includes("git+https://"))!;
    expect(line).toBe('npm install --save-dev eslint "git+https://github.com/clerk-guard/clerk-guard.git#v0.1.0"');
    // The README's line with two changes: npm fetches a github.com git URL as a tarball from
    // codeload.github.com (the same tree as the tag), which this machine cannot reach, so the tag is
    // fetched with git from the stand-in repository; eslint is pinned to the version in the local cache.
    const local = line.replace(" eslint ", " eslint@10.15.0 ").replace("git+https://github.com/clerk-guard/clerk-guard.git", `git+file://${bare}`);
    const r = sh("sh", ["-c", `${local} --no-audit --no-fund --prefer-offline --fetch-retries=2 --fetch-timeout=60000`], { cwd: project, env: gitEnv, timeout: 600_000 });
    expect(r.status, r.stderr).toBe(0);
    const pkg = JSON.parse(fs.readFileSync(path.join(project, "node_modules", "clerk-guard", "package.json"), "utf8"));
    expect(pkg.scripts).toBeUndefined();
    expect(pkg.devDependencies).toBeUndefined();
    // nothing of the dev toolchain came along
    for (const dev of ["vitest", "next", "@clerk/nextjs", "convex"]) expect(fs.existsSync(path.join(project, "node_modules", dev)), dev).toBe(false);

    fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "from-tag", private: true, type: "module", dependencies: { "@clerk/nextjs": "^7.9.0" } }) + "\n");
    fs.mkdirSync(path.join(project, "app"));
    fs.writeFileSync(path.join(project, "app", "profile.tsx"), BAD_COMPONENT);
    const check = sh("npx", ["--no-install", "clerk-guard", "check"], { cwd: project, timeout: 120_000 });
    expect(check.status, check.stderr).toBe(1);
    expect(check.stdout).toContain("clerk-guard/no-server-helpers-in-client");
    const entries = sh(
      process.execPath,
      ["-e", 'const c = require("clerk-guard"); import("clerk-guard").then((m) => console.log(c === m.default, Object.keys(c.configs).join(",")))'],
      { cwd: project, timeout: 60_000 },
    );
    expect(entries.stdout.trim()).toBe("true recommended,strict,all,markdown,astro,vue");
  });
});
