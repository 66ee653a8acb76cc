/**
 * The Claude Code hook and its background process (issue 12 items 6, 11-15):
 * no program of the repository runs, a warm answer equals a cold one, one long
 * task does not blind other sessions, every changed file is checked or named,
 * and nothing it prints carries a secret.
 */
import { createHash } from "node:crypto";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";
import { REPO } from "../helpers.js";
import { tempDir } from "../temp.js";

const PKG7 = JSON.stringify({ name: "app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0", react: "^19.2.0" } });
const BAD_CLIENT = `"use client";\nimport { currentUser } from "@clerk/nextjs/server";\nexport const x = currentUser;\n`;
const SECRET = "sk_live_4fQmZ8rT2xWv9LpK3nBc7YhD";

function git(cwd: string, ...args: string[]): string {
  return execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"], timeout: 60_000 });
}

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const f = path.join(root, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, content);
  }
}

/** A committed project (HEAD = `files`). */
function repo(files: Record<string, string>, prefix = "clerk-guard-hookh-"): string {
  const dir = tempDir(prefix);
  write(dir, files);
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "initial");
  return dir;
}

const post = (root: string, rel: string) => JSON.stringify({ hook_event_name: "PostToolUse", cwd: root, tool_name: "Write", tool_input: { file_path: path.join(root, rel) } });
const stop = (root: string) => JSON.stringify({ hook_event_name: "Stop", cwd: root, stop_hook_active: false });

function hook(root: string, input: string, env: Record<string, string> = {}, timeout = "120s") {
  return runCli(["hook", "claude", "--timeout", timeout], { cwd: root, input, env: { CLAUDE_PROJECT_DIR: root, CLERK_GUARD_DAEMON: "0", ...env } });
}

describe("the Stop hook runs no program of the repository", () => {
  it("fsmonitor, post-index-change and clean filters in .git/config stay idle, and the index is not rewritten", () => {
    const dir = repo({ "package.json": PKG7, "lib/a.ts": "export const a = 1;\n" });
    const markers = path.join(dir, ".git", "markers");
    fs.mkdirSync(markers);
    const script = (name: string) => {
      const f = path.join(dir, ".git", `${name}.sh`);
      fs.writeFileSync(f, `#!/bin/sh\ntouch "${path.join(markers, name)}"\ncat >/dev/null 2>&1 || true\nexit 0\n`, { mode: 0o755 });
      return f;
    };
    git(dir, "config", "core.fsmonitor", script("fsmonitor"));
    fs.copyFileSync(script("post-index-change"), path.join(dir, ".git", "hooks", "post-index-change"));
    fs.chmodSync(path.join(dir, ".git", "hooks", "post-index-change"), 0o755);
    git(dir, "config", "filter.evil.clean", `sh -c 'touch "${path.join(markers, "clean")}"; cat'`);
    git(dir, "config", "filter.evil.required", "true");
    fs.writeFileSync(path.join(dir, ".git", "info", "attributes"), "*.ts filter=evil\n");
    // stat-dirty tracked file (git must look at its content) and a new bad file
    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(dir, "lib", "a.ts"), later, later);
    write(dir, { "components/card.tsx": BAD_CLIENT });
    const index = createHash("sha256").update(fs.readFileSync(path.join(dir, ".git", "index"))).digest("hex");
    const run = hook(dir, stop(dir));
    expect(run.status).toBe(0);
    expect((JSON.parse(run.stdout) as { decision?: string }).decision).toBe("block");
    expect(fs.readdirSync(markers)).toEqual([]);
    expect(createHash("sha256").update(fs.readFileSync(path.join(dir, ".git", "index"))).digest("hex")).toBe(index);
  });
});

describe("the Stop check covers every changed file", () => {
  it("with 301 changed files, an error in the last one is reported", () => {
    const dir = repo({ "package.json": PKG7, "README.md": "# app\n" });
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++) files[`lib/util-${String(i).padStart(3, "0")}.ts`] = `export const value${i} = ${i};\n`;
    files["lib/zz-profile.tsx"] = BAD_CLIENT;
    write(dir, files);
    const run = hook(dir, stop(dir), {}, "300s");
    expect(run.status).toBe(0);
    const out = JSON.parse(run.stdout) as { decision?: string; reason?: string };
    expect(out.decision).toBe("block");
    expect(out.reason).toMatch(/^lib\/zz-profile\.tsx:2:\d+ no-server-helpers-in-client/m);
  }, 600_000);
});

describe("CLERK_GUARD_SKIP", () => {
  it("means the same in check, the hook and the plugin launcher", () => {
    const dir = repo({ "package.json": PKG7 });
    write(dir, { "components/card.tsx": BAD_CLIENT });
    const launcher = path.join(REPO, "hooks", "run-clerk-guard.mjs");
    const plugin = (value: string) =>
      spawnSync(process.execPath, [launcher, "post-tool-use"], {
        cwd: dir,
        input: post(dir, "components/card.tsx"),
        encoding: "utf8",
        timeout: 300_000,
        env: { ...process.env, CLAUDE_PROJECT_DIR: dir, CLAUDE_PLUGIN_ROOT: REPO, CLAUDE_PLUGIN_DATA: tempDir("clerk-guard-plugin-data-"), CLERK_GUARD_DAEMON: "0", CLERK_GUARD_SKIP: value },
      }).stdout;
    for (const value of ["1", "true", "YES", "on"]) {
      expect(runCli(["check", "."], { cwd: dir, env: { CLERK_GUARD_SKIP: value } }), value).toEqual({ status: 0, stdout: "", stderr: "" });
      expect(hook(dir, post(dir, "components/card.tsx"), { CLERK_GUARD_SKIP: value }), value).toEqual({ status: 0, stdout: "", stderr: "" });
      expect(plugin(value), value).toBe("");
    }
    for (const value of ["0", "false", "off", ""]) {
      expect(runCli(["check", "."], { cwd: dir, env: { CLERK_GUARD_SKIP: value } }).status, value).toBe(1);
      expect(hook(dir, post(dir, "components/card.tsx"), { CLERK_GUARD_SKIP: value }).stdout, value).toMatch(/"decision":"block"/);
      expect(plugin(value), value).not.toBe("");
    }
  });
});

describe("the hook prints no secret", () => {
  it("a parse error quoting a key is redacted", () => {
    const dir = repo({ "package.json": PKG7 });
    // the parser quotes the tag name: "Expected corresponding JSX closing tag for 'sk_live_…'"
    write(dir, { "components/keys.tsx": `export const a = <${SECRET}></${SECRET}x>;\n` });
    const run = hook(dir, post(dir, "components/keys.tsx"));
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/does not parse/);
    expect(run.stdout).toContain("sk_live_4fQm…");
    expect(run.stdout).not.toContain(SECRET);
  });

  it("a key in a file name is redacted", () => {
    const dir = repo({ "package.json": PKG7 });
    write(dir, { [`components/${SECRET}.tsx`]: BAD_CLIENT });
    const run = hook(dir, post(dir, `components/${SECRET}.tsx`));
    expect((JSON.parse(run.stdout) as { decision?: string }).decision).toBe("block");
    expect(run.stdout).not.toContain(SECRET);
  });
});

// ---------------------------------------------------------------------------
// The background process
// ---------------------------------------------------------------------------

const daemons: number[] = [];
afterAll(() => {
  for (const pid of daemons) {
    try {
      process.kill(pid, "SIGTERM");
    } catch {
      // already gone
    }
  }
});

/** Start a daemon for `env` (through one cold hook run) and wait until it listens. */
async function startDaemon(root: string, input: string, env: Record<string, string>): Promise<number> {
  const dir = env.CLERK_GUARD_DAEMON_DIR!;
  const first = hook(root, input, env);
  expect(first.stderr).toBe("clerk-guard hook: daemon: unavailable\n");
  const pidFile = () => fs.readdirSync(dir).find((f) => f.endsWith(".pid"));
  for (let waited = 0; !pidFile() && waited < 120_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
  const pid = Number(fs.readFileSync(path.join(dir, pidFile()!), "utf8"));
  daemons.push(pid);
  return pid;
}

/** The socket of the one daemon serving `env` (the built CLI's, whatever this test file's path). */
function socketOf(env: Record<string, string>): string {
  const dir = env.CLERK_GUARD_DAEMON_DIR!;
  return path.join(dir, fs.readdirSync(dir).find((f) => f.endsWith(".sock"))!);
}

function daemonEnv(): Record<string, string> {
  return { CLERK_GUARD_DAEMON: "1", CLERK_GUARD_DAEMON_DIR: path.join(tempDir("clerk-guard-daemon-"), "sockets"), CLERK_GUARD_DAEMON_IDLE_MS: "300000", CLERK_GUARD_HOOK_TRACE: "1" };
}

const ROUTE_V5 = `import { auth } from "@clerk/nextjs/server";\n\nexport async function GET() {\n  const { userId } = await auth();\n  return Response.json({ userId });\n}\n`;
const ROUTE_EDIT = ROUTE_V5 + `\nexport async function POST() {\n  const { userId } = auth();\n  return Response.json({ userId });\n}\n`;

function lockfile(version: string): string {
  return JSON.stringify({ name: "app", lockfileVersion: 3, packages: { "": { dependencies: { "@clerk/nextjs": ">=5.7.0" } }, "node_modules/@clerk/nextjs": { version } } }, null, 2);
}

describe("the warm background process answers as a cold run does", () => {
  it("after a lockfile-only upgrade (5.7 -> 6.12) and after a new nested package.json (Clerk 7)", async () => {
    const dir = repo({
      "package.json": JSON.stringify({ name: "app", private: true, dependencies: { "@clerk/nextjs": ">=5.7.0", next: "^15.0.0" } }),
      "package-lock.json": lockfile("5.7.0"),
      "app/api/me/route.ts": ROUTE_V5,
      "web/app/api/me/route.ts": ROUTE_V5,
    });
    write(dir, { "app/api/me/route.ts": ROUTE_EDIT, "web/app/api/me/route.ts": ROUTE_EDIT });
    const env = daemonEnv();
    await startDaemon(dir, post(dir, "app/api/me/route.ts"), env);
    const warm = (rel: string) => {
      const r = hook(dir, post(dir, rel), env);
      expect(r.stderr).toBe("clerk-guard hook: daemon: done\n");
      return r.stdout;
    };
    const cold = (rel: string) => hook(dir, post(dir, rel)).stdout;
    // Clerk 5: sync auth() is right, nothing to say
    expect(warm("app/api/me/route.ts")).toBe("");

    fs.writeFileSync(path.join(dir, "package-lock.json"), lockfile("6.12.0"));
    const upgraded = cold("app/api/me/route.ts");
    expect(upgraded).toMatch(/await-auth/);
    expect(warm("app/api/me/route.ts")).toBe(upgraded);

    // a nested package (its own package.json, Clerk 7) under a project the process already knows
    expect(warm("web/app/api/me/route.ts")).toBe(cold("web/app/api/me/route.ts"));
    write(dir, { "web/package.json": JSON.stringify({ name: "web", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0" } }) });
    const nested = cold("web/app/api/me/route.ts");
    expect(nested).toMatch(/await-auth/);
    expect(nested).toMatch(/this project has 7/);
    expect(warm("web/app/api/me/route.ts")).toBe(nested);
  }, 600_000);
});

describe("one long task does not blind other sessions", () => {
  it("while the background process works on a long Stop check, another session's edit is checked cold within its own budget", async () => {
    const big = repo({ "package.json": PKG7 }, "clerk-guard-hookh-big-");
    const filler = Array.from({ length: 4000 }, (_, i) => `export function f${i}(a: number): number {\n  return a * ${i} + ${i};\n}\n`).join("");
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`lib/big-${i}.ts`] = filler.replace(/f(\d+)/g, `f$1_${i}`);
    write(big, files);
    const dir = repo({ "package.json": PKG7 });
    write(dir, { "components/card.tsx": BAD_CLIENT });
    const env = daemonEnv();
    const pid = await startDaemon(dir, post(dir, "components/card.tsx"), env);
    const expected = hook(dir, post(dir, "components/card.tsx")).stdout;
    expect(expected).toMatch(/"decision":"block"/);

    // another session's long Stop check, sent straight to the socket
    const socket = socketOf(env);
    const longTask = { event: "stop", files: Object.keys(files).map((f) => path.join(big, f)), displayRoot: big, stopHookActive: false, budgetMs: 600_000, deadline: Date.now() + 600_000 };
    const conn = net.createConnection(socket);
    await new Promise<void>((resolve, reject) => {
      conn.on("connect", () => resolve());
      conn.on("error", reject);
    });
    conn.on("error", () => undefined);
    conn.write(JSON.stringify(longTask) + "\n");
    await new Promise((r) => setTimeout(r, 500));

    const run = hook(dir, post(dir, "components/card.tsx"), env, "60s");
    conn.destroy();
    process.kill(pid, "SIGTERM"); // it would go on with the long task
    expect(run.stderr).toBe("clerk-guard hook: daemon: busy\n");
    expect(run.stdout).toBe(expected);
  }, 600_000);

  it("a task naming a device is answered at once, without reading it", async () => {
    const dir = repo({ "package.json": PKG7 });
    write(dir, { "components/card.tsx": BAD_CLIENT });
    const env = daemonEnv();
    await startDaemon(dir, post(dir, "components/card.tsx"), env);
    const socket = socketOf(env);
    const reply = await new Promise<string>((resolve) => {
      const conn = net.createConnection(socket);
      let data = "";
      conn.setEncoding("utf8");
      conn.on("connect", () => conn.write(JSON.stringify({ event: "post-tool-use", files: ["/dev/zero"], displayRoot: dir, stopHookActive: false, deadline: Date.now() + 60_000 }) + "\n"));
      conn.on("data", (c: string) => (data += c));
      conn.on("end", () => resolve(data));
      conn.on("error", () => resolve(data));
    });
    expect(JSON.parse(reply)).toEqual({ ok: true, output: null });
    // and it still answers real tasks
    expect(hook(dir, post(dir, "components/card.tsx"), env).stderr).toBe("clerk-guard hook: daemon: done\n");
  }, 600_000);
});
