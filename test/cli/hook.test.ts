/**
 * `clerk-guard hook claude`, run as Claude Code runs it: the built CLI with a
 * recorded hook payload on stdin (test/cli/hook-payloads/*.json, with
 * $PROJECT standing for the project directory), asserting stdout exactly.
 * Rule messages and fix recipes come from the engine and the rule metadata, so
 * these tests pin the hook's format and decisions, not the rules' wording.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { analyze } from "../../src/findings/analyze.js";
import { ruleDocs } from "../../src/findings/meta-rules.js";
import { daemonPaths } from "../../src/hook/daemon-client.js";
import { docsUrl } from "../../src/util/create-rule.js";
import { runCli } from "../cli-run.js";
import { REPO } from "../helpers.js";
import { tempDir } from "../temp.js";

const PAYLOADS = path.join(REPO, "test", "cli", "hook-payloads");

const PKG = JSON.stringify({ name: "app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0", react: "^19.2.0" } }, null, 2);

/** Committed in HEAD. */
const HEAD_FILES: Record<string, string> = {
  "package.json": PKG,
  ".gitignore": "node_modules\n.next\ngenerated/\n",
  "README.md": "# app\n",
  // clean
  "app/api/projects/route.ts": `import { auth } from "@clerk/nextjs/server";

export async function GET() {
  const { userId } = await auth();
  if (!userId) return Response.json({ error: "Unauthorized" }, { status: 401 });
  return Response.json({ userId });
}
`,
  // one pre-existing finding: sync auth() on @clerk/nextjs 7
  "app/api/legacy/route.ts": `import { auth } from "@clerk/nextjs/server";

export async function GET() {
  const { userId } = auth();
  return Response.json({ userId });
}
`,
};

/** What the recorded tool calls left on disk. */
const SESSION_EDITS: Record<string, string> = {
  // Write of a new bad file
  "app/dashboard/profile-card.tsx": `"use client";

import { currentUser } from "@clerk/nextjs/server";

export async function ProfileCard() {
  const user = await currentUser();
  return <p>{user?.firstName}</p>;
}
`,
  // Edit adding a POST with the same mistake next to the pre-existing GET
  "app/api/legacy/route.ts": `import { auth } from "@clerk/nextjs/server";

export async function GET() {
  const { userId } = auth();
  return Response.json({ userId });
}

export async function POST(req: Request) {
  const { userId } = auth();
  const body = await req.json();
  return Response.json({ userId, body });
}
`,
  // Edit of a clean file that stays clean
  "app/api/projects/route.ts": `import { auth } from "@clerk/nextjs/server";

export async function GET() {
  const { userId } = await auth();
  if (!userId) return Response.json({ error: "Unauthorized" }, { status: 401 });
  return Response.json({ userId, at: Date.now() });
}
`,
  // Write of a non-code file
  "README.md": "# app\n\nUses Clerk for auth.\n",
};

let project: string;

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const f = path.join(root, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, content);
  }
}

function git(cwd: string, ...args: string[]): void {
  execFileSync("git", ["-c", "user.email=t@example.com", "-c", "user.name=t", "-c", "commit.gpgsign=false", ...args], { cwd, stdio: "ignore", timeout: 60_000 });
}

function payload(name: string, root = project): string {
  return fs.readFileSync(path.join(PAYLOADS, `${name}.json`), "utf8").replaceAll("$PROJECT", root);
}

/** Runs the hook with a generous budget (the machine may be loaded); the --timeout test sets its own. */
function hook(input: string | undefined, args: string[] = [], env: Record<string, string> = {}, root = project) {
  const budget = args.includes("--timeout") ? [] : ["--timeout", "120s"];
  return runCli(["hook", "claude", ...args, ...budget], { cwd: root, input, env: { CLAUDE_PROJECT_DIR: root, CLERK_GUARD_DAEMON: "0", ...env } });
}

/** The line the hook prints for a finding, with the rule's own message and recipe. */
function line(rel: string, ruleId: string, nth = 0): string {
  const file = path.join(project, rel);
  const messages = analyze([file], { cwd: project, root: project }).files[0]!.findings.filter((f) => f.ruleId === ruleId);
  const m = messages[nth]!;
  const clean = (s: string) => s.replace(/\s+/g, " ").trim().replace(/[.;,:\s]+$/, "");
  return `${rel}:${m.line}:${m.column} ${ruleId}: ${clean(m.message)}. Fix: ${clean(ruleDocs(ruleId)!.fix)}. Docs: ${docsUrl(ruleId)}`;
}

function json(stdout: string): unknown {
  expect(stdout.endsWith("\n")).toBe(true);
  expect(stdout.trim().split("\n")).toHaveLength(1);
  return JSON.parse(stdout);
}

beforeAll(() => {
  project = tempDir("clerk-guard-hook-");
  write(project, HEAD_FILES);
  git(project, "init", "-q");
  git(project, "add", "-A");
  git(project, "commit", "-q", "-m", "initial");
  write(project, SESSION_EDITS);
});

describe("clerk-guard hook claude: PostToolUse", () => {
  it("blocks on a Write of a new file with an auth error", () => {
    const run = hook(payload("post-write-new-bad-file"));
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(json(run.stdout)).toEqual({
      decision: "block",
      reason: [
        "clerk-guard: 1 new Clerk auth error in app/dashboard/profile-card.tsx (not in its HEAD version):",
        line("app/dashboard/profile-card.tsx", "no-server-helpers-in-client"),
        "`npx clerk-guard check app/dashboard/profile-card.tsx` re-checks.",
      ].join("\n"),
    });
  });

  it("blocks only on the finding an Edit added, and notes the pre-existing one", () => {
    const run = hook(payload("post-edit-adds-finding"));
    expect(run.status).toBe(0);
    expect(json(run.stdout)).toEqual({
      decision: "block",
      reason: [
        "clerk-guard: 1 new Clerk auth error in app/api/legacy/route.ts (not in its HEAD version):",
        line("app/api/legacy/route.ts", "await-auth", 1),
        "`npx clerk-guard check app/api/legacy/route.ts` re-checks.",
      ].join("\n"),
      hookSpecificOutput: {
        hookEventName: "PostToolUse",
        additionalContext:
          "clerk-guard: app/api/legacy/route.ts also has 1 finding that predates this session (in HEAD: await-auth); `npx clerk-guard check app/api/legacy/route.ts` lists it.",
      },
    });
    expect(line("app/api/legacy/route.ts", "await-auth", 1)).toMatch(/^app\/api\/legacy\/route\.ts:9:/);
  });

  it("says nothing after an Edit of a clean file", () => {
    const run = hook(payload("post-edit-clean-file"));
    expect(run).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("says nothing after a Write of a non-code file", () => {
    const run = hook(payload("post-write-non-code"));
    expect(run).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("fails open with a systemMessage on malformed stdin", () => {
    const run = hook('{"hook_event_name":"PostToolUse","tool_input":{"file_path":');
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(json(run.stdout)).toEqual({ systemMessage: "clerk-guard hook: the hook input on stdin is not valid JSON; nothing was checked." });
  });

  it("fails open with a systemMessage on empty stdin and on a JSON value that is not an object", () => {
    expect(json(hook("").stdout)).toEqual({
      systemMessage: "clerk-guard hook: no hook input on stdin (it expects Claude Code's hook JSON); nothing was checked.",
    });
    expect(json(hook("[1,2]").stdout)).toEqual({ systemMessage: "clerk-guard hook: the hook input on stdin is not a JSON object; nothing was checked." });
  });

  it("stays silent for files it must not judge: deleted, outside the project, ignored, generated, no package.json, other tools", () => {
    const outside = tempDir("clerk-guard-outside-");
    write(outside, { "package.json": PKG, "app/page.tsx": `"use client";\nimport { auth } from "@clerk/nextjs/server";\nexport const x = auth;\n` });
    write(project, {
      "node_modules/pkg/index.ts": `"use client";\nimport { auth } from "@clerk/nextjs/server";\nexport const x = auth;\n`,
      "generated/client.ts": `"use client";\nimport { auth } from "@clerk/nextjs/server";\nexport const x = auth;\n`,
      "app/huge.ts": `"use client";\nimport { auth } from "@clerk/nextjs/server";\nexport const x = auth;\n` + "// filler\n".repeat(120_000),
    });
    const post = (file: string, tool = "Write") =>
      JSON.stringify({ hook_event_name: "PostToolUse", cwd: project, tool_name: tool, tool_input: { file_path: file, content: "" } });
    for (const input of [
      post(path.join(project, "app/deleted/page.tsx")),
      post(path.join(outside, "app/page.tsx")),
      post(path.join(project, "node_modules/pkg/index.ts")),
      post(path.join(project, "generated/client.ts")),
      post(path.join(project, "app/huge.ts")),
      post(path.join(project, "app/dashboard/profile-card.tsx"), "Read"),
      JSON.stringify({ hook_event_name: "PostToolUse", cwd: project, tool_name: "Edit", tool_input: {} }),
    ]) {
      expect(hook(input)).toEqual({ status: 0, stdout: "", stderr: "" });
    }
    // a directory without package.json: the project itself has none
    const bare = tempDir("clerk-guard-bare-");
    write(bare, { "lib/auth.ts": `"use client";\nimport { auth } from "@clerk/nextjs/server";\nexport const x = auth;\n` });
    expect(hook(post(path.join(bare, "lib/auth.ts")), [], {}, bare)).toEqual({ status: 0, stdout: "", stderr: "" });
    fs.rmSync(path.join(project, "node_modules"), { recursive: true, force: true });
    fs.rmSync(path.join(project, "generated"), { recursive: true, force: true });
    fs.rmSync(path.join(project, "app/huge.ts"));
  });

  it("fails open when the lint exceeds --timeout", () => {
    const run = hook(payload("post-write-new-bad-file"), ["--timeout", "1"]);
    expect(run.status).toBe(0);
    expect(json(run.stdout)).toEqual({
      systemMessage:
        "clerk-guard hook: the Clerk auth check of app/dashboard/profile-card.tsx did not finish within 1 ms and was skipped; `npx clerk-guard check app/dashboard/profile-card.tsx` runs it. A larger --timeout in the hook command allows more time.",
    });
  });

  it("never fails on bad arguments, and honours CLERK_GUARD_SKIP=1", () => {
    for (const args of [["--event", "pre-tool-use"], ["--timeout", "soon"], ["--frobnicate"]]) {
      const run = hook(payload("post-write-new-bad-file"), args);
      expect(run.status).toBe(0);
      expect((json(run.stdout) as { systemMessage: string }).systemMessage).toMatch(/^clerk-guard hook: .*; nothing was checked\. Fix the hook command in \.claude\/settings\.json\.$/);
    }
    const cursor = runCli(["hook", "cursor"], { cwd: project, input: "{}" });
    expect(cursor.status).toBe(0);
    expect(json(cursor.stdout)).toEqual({
      systemMessage: "clerk-guard hook: unsupported agent 'cursor' (supported: claude); nothing was checked. Fix the hook command in .claude/settings.json.",
    });
    expect(hook(payload("post-write-new-bad-file"), [], { CLERK_GUARD_SKIP: "1" })).toEqual({ status: 0, stdout: "", stderr: "" });
    const help = runCli(["hook", "--help"]);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: clerk-guard hook claude/);
  });
});

describe("clerk-guard hook claude: Stop", () => {
  it("blocks on the errors introduced since HEAD in every changed file, untracked included", () => {
    const run = hook(payload("stop"), ["--event", "stop"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toBe("");
    expect(json(run.stdout)).toEqual({
      decision: "block",
      reason: [
        "clerk-guard: 2 Clerk auth errors introduced since HEAD are still in 2 changed files:",
        line("app/api/legacy/route.ts", "await-auth", 1),
        line("app/dashboard/profile-card.tsx", "no-server-helpers-in-client"),
        "`npx clerk-guard check app/api/legacy/route.ts app/dashboard/profile-card.tsx` re-checks.",
      ].join("\n"),
    });
  });

  it("with stop_hook_active only tells the user, so it can never loop", () => {
    const run = hook(payload("stop-hook-active"), ["--event", "stop"]);
    expect(run.status).toBe(0);
    const first = line("app/api/legacy/route.ts", "await-auth", 1).split(" ")[0]!.replace(/:\d+$/, "");
    expect(json(run.stdout)).toEqual({
      systemMessage: `clerk-guard: 2 Clerk auth errors introduced since HEAD remain (${first} await-auth, app/dashboard/profile-card.tsx:3 no-server-helpers-in-client). \`npx clerk-guard check app/api/legacy/route.ts app/dashboard/profile-card.tsx\` lists them.`,
    });
  });

  it("takes the event from hook_event_name when --event is not given, and says nothing when the changes are clean", () => {
    const clean = tempDir("clerk-guard-hook-clean-");
    write(clean, HEAD_FILES);
    git(clean, "init", "-q");
    git(clean, "add", "-A");
    git(clean, "commit", "-q", "-m", "initial");
    write(clean, { "app/api/projects/route.ts": SESSION_EDITS["app/api/projects/route.ts"]!, "README.md": SESSION_EDITS["README.md"]! });
    expect(hook(payload("stop", clean), [], {}, clean)).toEqual({ status: 0, stdout: "", stderr: "" });
    // the pre-existing finding in app/api/legacy/route.ts is unchanged in HEAD and not a changed file
  });
});

describe("plugin hooks (hooks/hooks.json → hooks/run-clerk-guard.mjs)", () => {
  const launcher = path.join(REPO, "hooks", "run-clerk-guard.mjs");

  function plugin(root: string, event: "post-tool-use" | "stop", input: string, env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [launcher, event], {
      cwd: root,
      input,
      encoding: "utf8",
      timeout: 300_000,
      env: { ...process.env, CLAUDE_PROJECT_DIR: root, CLAUDE_PLUGIN_ROOT: REPO, VITEST: "", CLERK_GUARD_DEBUG: "", CLERK_GUARD_TIMEOUT: "120s", CLERK_GUARD_DAEMON: "0", ...env },
    });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it("wires PostToolUse and Stop to the launcher in exec form", () => {
    const config = JSON.parse(fs.readFileSync(path.join(REPO, "hooks", "hooks.json"), "utf8"));
    expect(Object.keys(config.hooks)).toEqual(["PostToolUse", "Stop"]);
    expect(config.hooks.PostToolUse[0].matcher).toBe("Edit|Write|MultiEdit");
    expect(config.hooks.PostToolUse[0].hooks[0]).toMatchObject({ type: "command", command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/hooks/run-clerk-guard.mjs", "post-tool-use"] });
    expect(config.hooks.Stop[0].hooks[0]).toMatchObject({ type: "command", command: "node", args: ["${CLAUDE_PLUGIN_ROOT}/hooks/run-clerk-guard.mjs", "stop"] });
  });

  it("runs the project's installed clerk-guard", () => {
    const link = path.join(project, "node_modules", "clerk-guard");
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(REPO, link, "dir");
    try {
      const run = plugin(project, "post-tool-use", payload("post-write-new-bad-file"));
      expect(run.status).toBe(0);
      expect((json(run.stdout) as { decision?: string }).decision).toBe("block");
    } finally {
      fs.rmSync(path.join(project, "node_modules"), { recursive: true, force: true });
    }
  });

  it("says once per session that clerk-guard is not installed in a Clerk project, and nothing elsewhere", () => {
    const data = tempDir("clerk-guard-plugin-data-");
    const env = { CLAUDE_PLUGIN_DATA: data };
    const first = plugin(project, "post-tool-use", payload("post-write-new-bad-file"), env);
    expect(first.status).toBe(0);
    expect(json(first.stdout)).toEqual({
      systemMessage:
        "clerk-guard plugin: this project uses Clerk but clerk-guard is not installed in it, so its Clerk auth checks are off. Install it with `npm install --save-dev clerk-guard` (the hooks run the project's own copy).",
    });
    expect(plugin(project, "stop", payload("stop"), env)).toEqual({ status: 0, stdout: "", stderr: "" });
    const other = tempDir("clerk-guard-no-clerk-");
    write(other, { "package.json": JSON.stringify({ name: "x", dependencies: { react: "^19.0.0" } }) });
    expect(plugin(other, "post-tool-use", payload("post-write-new-bad-file", other), { CLAUDE_PLUGIN_DATA: tempDir("d-") })).toEqual({
      status: 0,
      stdout: "",
      stderr: "",
    });
  });

  it("leaves the work to .claude/settings.json when init already wired the hook there", () => {
    const wired = tempDir("clerk-guard-wired-");
    write(wired, {
      "package.json": PKG,
      ".claude/settings.json": JSON.stringify({
        hooks: { PostToolUse: [{ matcher: "Edit|Write|MultiEdit", hooks: [{ type: "command", command: "node", args: ["${CLAUDE_PROJECT_DIR}/node_modules/clerk-guard/bin/clerk-guard.js", "hook", "claude"] }] }] },
      }),
    });
    expect(plugin(wired, "post-tool-use", payload("post-write-new-bad-file", wired))).toEqual({ status: 0, stdout: "", stderr: "" });
  });
});

describe("the warm daemon", () => {
  it("answers later hook runs exactly as the cold path does, and exits on SIGTERM", async () => {
    const dir = path.join(tempDir("clerk-guard-daemon-"), "sockets");
    const env = { CLERK_GUARD_DAEMON: "1", CLERK_GUARD_DAEMON_DIR: dir, CLERK_GUARD_DAEMON_IDLE_MS: "120000", CLERK_GUARD_HOOK_TRACE: "1" };
    const cold = hook(payload("post-edit-adds-finding"));
    const first = hook(payload("post-edit-adds-finding"), [], env);
    expect(first.stdout).toBe(cold.stdout);
    expect(first.stderr).toBe("clerk-guard hook: daemon: unavailable\n");
    const pidFile = () => fs.readdirSync(dir).find((f) => f.endsWith(".pid"));
    for (let waited = 0; !pidFile() && waited < 120_000; waited += 250) await new Promise((r) => setTimeout(r, 250));
    const pid = Number(fs.readFileSync(path.join(dir, pidFile()!), "utf8"));
    try {
      const warm = hook(payload("post-edit-adds-finding"), [], env);
      expect(warm.stderr).toBe("clerk-guard hook: daemon: done\n");
      expect(warm.stdout).toBe(cold.stdout);
      const stop = hook(payload("stop"), ["--event", "stop"], env);
      expect(stop.stderr).toBe("clerk-guard hook: daemon: done\n");
      expect(stop.stdout).toBe(hook(payload("stop"), ["--event", "stop"]).stdout);
    } finally {
      process.kill(pid, "SIGTERM");
    }
    for (let waited = 0; pidFile() && waited < 30_000; waited += 100) await new Promise((r) => setTimeout(r, 100));
    expect(pidFile()).toBeUndefined();
  }, 300_000);

  it("is not used when its directory is not private to the user", () => {
    const dir = tempDir("clerk-guard-daemon-open-");
    fs.chmodSync(dir, 0o777);
    expect(daemonPaths({ CLERK_GUARD_DAEMON_DIR: dir })).toBeUndefined();
    fs.chmodSync(dir, 0o700);
    expect(daemonPaths({ CLERK_GUARD_DAEMON_DIR: dir })?.socket).toMatch(new RegExp(`^${dir}/[0-9a-f]{16}\\.sock$`));
  });
});
