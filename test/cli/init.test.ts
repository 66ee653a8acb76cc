/**
 * `clerk-guard init` end to end: the built CLI, copied with fixture skills and a
 * fixture CLAUDE.md template into a temporary package (so the tests do not
 * depend on the skill pack being written), run on temporary projects.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addToConfig } from "../../src/init/eslint.js";
import { upsertSection } from "../../src/init/memory.js";
import { HOOKS, mergeHooks } from "../../src/init/settings.js";
import { HUSKY_CHECK, LEFTHOOK_SNIPPET, STAGED_CHECK } from "../../src/init/pre-commit.js";
import { REPO } from "../helpers.js";

let pkg: string;
let home: string;

const TEMPLATE = "# Clerk auth in this project\n\n- `auth()` from `@clerk/nextjs/server` is async: `const { userId } = await auth();`\n";
const SKILLS: Record<string, string> = {
  "clerk-alpha/SKILL.md": "---\nname: clerk-alpha\ndescription: Alpha skill.\n---\n\n# Alpha\n",
  "clerk-alpha/references/details.md": "# Details\n",
  "clerk-beta/SKILL.md": "---\nname: clerk-beta\ndescription: Beta skill.\n---\n\n# Beta\n",
};

const USER_CLAUDE_MD = "# My app\n\n- Use pnpm, never npm.\n- Tests: `pnpm test`.\n";
const USER_SETTINGS = {
  $schema: "https://json.schemastore.org/claude-code-settings.json",
  permissions: { allow: ["Bash(pnpm test)"], deny: ["Read(./.env)"] },
  hooks: {
    PostToolUse: [{ matcher: "Write|Edit", hooks: [{ type: "command", command: "npx prettier --write \"$CLAUDE_PROJECT_DIR\"/src" }] }],
    SessionStart: [{ hooks: [{ type: "command", command: "echo hello" }] }],
  },
};
const NEXT16_ESLINT = `import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const eslintConfig = defineConfig([
  ...nextVitals,
  ...nextTs,
  // Override default ignores of eslint-config-next.
  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts"]),
]);

export default eslintConfig;
`;

function write(root: string, files: Record<string, string>): void {
  for (const [rel, content] of Object.entries(files)) {
    const f = path.join(root, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, content);
  }
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) {
    // a test may leave a read-only file behind: make the tree writable first
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  }
});

function tempDir(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  temps.push(dir);
  return dir;
}

function project(extra: Record<string, string> = {}): string {
  const dir = tempDir("clerk-guard-init-");
  write(dir, {
    "package.json": JSON.stringify({ name: "app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0" } }, null, 2) + "\n",
    "CLAUDE.md": USER_CLAUDE_MD,
    ".claude/settings.json": JSON.stringify(USER_SETTINGS, null, 2) + "\n",
    "eslint.config.mjs": NEXT16_ESLINT,
    ...extra,
  });
  return dir;
}

const INIT_ENV = () => ({ ...process.env, HOME: home, USERPROFILE: home, CLAUDE_CONFIG_DIR: "", NO_COLOR: "1", CLERK_GUARD_DEBUG: "" });

function init(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [path.join(pkg, "bin", "clerk-guard.js"), "init", ...args], { cwd, encoding: "utf8", env: INIT_ENV(), timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Start init without waiting for it (for the lock tests). */
function initAsync(cwd: string, ...args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(pkg, "bin", "clerk-guard.js"), "init", ...args], { cwd, env: INIT_ENV(), timeout: 60_000 });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** The backups init made in a project: display path (time stamp as <stamp>) → content. */
function backups(dir: string): Record<string, string> {
  const root = path.join(dir, ".clerk-guard", "backups");
  const out: Record<string, string> = {};
  if (!fs.existsSync(root)) return out;
  for (const rel of fs.readdirSync(root, { recursive: true, encoding: "utf8" })) {
    const full = path.join(root, rel);
    if (fs.statSync(full).isFile()) out[rel.replace(/\.\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ\.bak/, ".<stamp>.bak")] = fs.readFileSync(full, "utf8");
  }
  return out;
}

/** Every file under dir (symlinks as their target text), with its mode. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full);
      if (e.isSymbolicLink()) out[rel] = `-> ${fs.readlinkSync(full)}`;
      else if (e.isDirectory()) walk(full);
      else out[rel] = `${(fs.statSync(full).mode & 0o777).toString(8)} ${fs.readFileSync(full, "utf8")}`;
    }
  };
  walk(dir);
  return out;
}

const SECTION = `<!-- clerk-guard:start -->
<!-- Managed by \`clerk-guard init\`: this section is replaced when it runs again; edit outside it. -->

${TEMPLATE.trim()}
<!-- clerk-guard:end -->`;

beforeAll(() => {
  pkg = tempDir("clerk-guard-pkg-");
  for (const part of ["bin", "dist", "package.json"]) fs.cpSync(path.join(REPO, part), path.join(pkg, part), { recursive: true });
  fs.symlinkSync(path.join(REPO, "node_modules"), path.join(pkg, "node_modules"), "dir");
  write(pkg, { "CLAUDE.md": TEMPLATE, ...Object.fromEntries(Object.entries(SKILLS).map(([k, v]) => [`skills/${k}`, v])) });
  home = tempDir("clerk-guard-home-");
});

describe("clerk-guard init", () => {
  it("sets a project up, keeps the user's content, and a second run changes nothing", () => {
    const dir = project();
    const first = init(dir, "--yes");
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(/Done: \d+ files written\.\n$/);

    // CLAUDE.md: the user's text, then the section
    expect(fs.readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe(`${USER_CLAUDE_MD}\n${SECTION}\n`);
    // settings.json: every other key and hook intact, ours appended, a backup of the original
    const settings = JSON.parse(fs.readFileSync(path.join(dir, ".claude/settings.json"), "utf8"));
    expect(settings.$schema).toBe(USER_SETTINGS.$schema);
    expect(settings.permissions).toEqual(USER_SETTINGS.permissions);
    expect(settings.hooks.SessionStart).toEqual(USER_SETTINGS.hooks.SessionStart);
    expect(settings.hooks.PostToolUse[0]).toEqual(USER_SETTINGS.hooks.PostToolUse[0]);
    expect(settings.hooks.PostToolUse[1]).toEqual({
      matcher: "Edit|Write|MultiEdit",
      hooks: [
        {
          type: "command",
          command: "node",
          args: ["${CLAUDE_PROJECT_DIR}/node_modules/clerk-guard/bin/clerk-guard.js", "hook", "claude", "--event", "post-tool-use"],
          timeout: 15,
          statusMessage: "clerk-guard: checking Clerk auth",
        },
      ],
    });
    expect(settings.hooks.Stop).toEqual([
      {
        hooks: [
          {
            type: "command",
            command: "node",
            args: ["${CLAUDE_PROJECT_DIR}/node_modules/clerk-guard/bin/clerk-guard.js", "hook", "claude", "--event", "stop", "--timeout", "30s"],
            timeout: 60,
            statusMessage: "clerk-guard: checking changed files",
          },
        ],
      },
    ]);
    // the original settings.json, backed up where git ignores it (`git add -A` never commits a backup)
    expect(backups(dir)).toEqual({ ".gitignore": "# backups of files that clerk-guard init changed\n*\n", ".claude/settings.json.<stamp>.bak": JSON.stringify(USER_SETTINGS, null, 2) + "\n" });
    execFileSync("git", ["init", "-q"], { cwd: dir, timeout: 30_000 });
    const untracked = execFileSync("git", ["status", "--porcelain", "--untracked-files=all"], { cwd: dir, encoding: "utf8", timeout: 30_000 });
    expect(untracked).not.toContain(".clerk-guard/");
    expect(fs.existsSync(path.join(dir, ".clerk-guard", "init.lock"))).toBe(false);
    fs.rmSync(path.join(dir, ".git"), { recursive: true });
    // eslint.config.mjs: two insertions, nothing else touched
    expect(fs.readFileSync(path.join(dir, "eslint.config.mjs"), "utf8")).toBe(
      NEXT16_ESLINT.replace(`import nextTs from "eslint-config-next/typescript";\n`, `import nextTs from "eslint-config-next/typescript";\nimport clerkGuard from "clerk-guard";\n`).replace(
        `  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts"]),\n`,
        `  globalIgnores([".next/**", "out/**", "build/**", "next-env.d.ts"]),\n  clerkGuard.configs.recommended,\n`,
      ),
    );
    // skills: copied as shipped, with the manifest of their hashes
    for (const [rel, content] of Object.entries(SKILLS)) expect(fs.readFileSync(path.join(dir, ".claude/skills", rel), "utf8")).toBe(content);
    expect(Object.keys(JSON.parse(fs.readFileSync(path.join(dir, ".claude/skills/.clerk-guard-manifest.json"), "utf8")).files)).toEqual(Object.keys(SKILLS).sort());

    const before = snapshot(dir);
    const second = init(dir, "--yes");
    expect(second.status).toBe(0);
    expect(second.stderr).toBe("");
    expect(second.stdout).toContain("Nothing to change.\n");
    expect(second.stdout).not.toMatch(/^ {2}(create|update) /m);
    expect(snapshot(dir)).toEqual(before);
  });

  it("--dry-run shows the plan and writes nothing; without a terminal it needs --yes", () => {
    const dir = project();
    const before = snapshot(dir);
    const dry = init(dir, "--dry-run");
    expect(dry.status).toBe(0);
    expect(dry.stdout).toContain("  update   CLAUDE.md: append the clerk-guard section\n");
    expect(dry.stdout).toContain("  create   .claude/skills/clerk-alpha/: 2 files\n");
    expect(dry.stdout).toMatch(/Dry run: \d+ changes not applied\.\n$/);
    expect(snapshot(dir)).toEqual(before);
    const noTty = init(dir);
    expect(noTty.status).toBe(2);
    expect(noTty.stderr).toBe("clerk-guard: not a terminal: pass --yes to apply the plan (or --dry-run to only show it)\n");
    expect(snapshot(dir)).toEqual(before);
  });

  it("updates what it installed, refuses to overwrite a skill the user changed unless --force, and replaces only its section", () => {
    const dir = project();
    expect(init(dir, "--yes").status).toBe(0);
    // the user edits a skill and adds text after the section
    const userSkill = SKILLS["clerk-alpha/SKILL.md"] + "\nMy own note.\n";
    write(dir, { ".claude/skills/clerk-alpha/SKILL.md": userSkill });
    fs.appendFileSync(path.join(dir, "CLAUDE.md"), "\n## After\n\nMine.\n");
    // a new package version changes both skills and the template
    write(pkg, { "skills/clerk-alpha/SKILL.md": SKILLS["clerk-alpha/SKILL.md"] + "\nv2\n", "skills/clerk-beta/SKILL.md": SKILLS["clerk-beta/SKILL.md"] + "\nv2\n", "CLAUDE.md": TEMPLATE + "- v2\n" });
    try {
      const run = init(dir, "--yes");
      expect(run.status).toBe(0);
      expect(run.stdout).toContain(
        "  skip     .claude/skills/clerk-alpha/: SKILL.md differs from what clerk-guard installed (changed by you?); --force overwrites, keeping a backup in .clerk-guard/backups/\n",
      );
      expect(run.stdout).toContain("  update   .claude/skills/clerk-beta/: 1 of 1 files\n");
      expect(fs.readFileSync(path.join(dir, ".claude/skills/clerk-alpha/SKILL.md"), "utf8")).toBe(userSkill);
      expect(fs.readFileSync(path.join(dir, ".claude/skills/clerk-beta/SKILL.md"), "utf8")).toBe(SKILLS["clerk-beta/SKILL.md"] + "\nv2\n");
      const v2Section = SECTION.replace("\n<!-- clerk-guard:end -->", "\n- v2\n<!-- clerk-guard:end -->");
      expect(fs.readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe(`${USER_CLAUDE_MD}\n${v2Section}\n\n## After\n\nMine.\n`);

      const forced = init(dir, "--yes", "--force");
      expect(forced.status).toBe(0);
      expect(fs.readFileSync(path.join(dir, ".claude/skills/clerk-alpha/SKILL.md"), "utf8")).toBe(SKILLS["clerk-alpha/SKILL.md"] + "\nv2\n");
      expect(backups(dir)[".claude/skills/clerk-alpha/SKILL.md.<stamp>.bak"]).toBe(userSkill);
      const again = snapshot(dir);
      expect(init(dir, "--yes").stdout).toContain("Nothing to change.\n");
      expect(snapshot(dir)).toEqual(again);
    } finally {
      write(pkg, { "CLAUDE.md": TEMPLATE, ...Object.fromEntries(Object.entries(SKILLS).map(([k, v]) => [`skills/${k}`, v])) });
    }
  });

  it.each([
    ["a read-only CLAUDE.md", (dir: string) => fs.chmodSync(path.join(dir, "CLAUDE.md"), 0o444), "clerk-guard init: CLAUDE.md is read-only; make it writable, or leave that step out (see clerk-guard init --help)"],
    [
      "an invalid settings.json",
      (dir: string) => fs.writeFileSync(path.join(dir, ".claude/settings.json"), '{ "hooks": { "Stop": [ }\n'),
      "clerk-guard init: .claude/settings.json is not valid JSON (",
    ],
    [
      "unbalanced CLAUDE.md markers",
      (dir: string) => fs.appendFileSync(path.join(dir, "CLAUDE.md"), "\n<!-- clerk-guard:start -->\nhalf a section\n"),
      "clerk-guard init: CLAUDE.md has unbalanced clerk-guard markers (1 × <!-- clerk-guard:start -->, 0 × <!-- clerk-guard:end -->); fix them by hand (one start before one end, or none) and run init again",
    ],
    [
      "a CLAUDE.md symlinked outside the project",
      (dir: string) => {
        const outside = path.join(tempDir("clerk-guard-outside-"), "CLAUDE.md");
        fs.writeFileSync(outside, "shared\n");
        fs.rmSync(path.join(dir, "CLAUDE.md"));
        fs.symlinkSync(outside, path.join(dir, "CLAUDE.md"));
      },
      "clerk-guard init: CLAUDE.md is a symlink to ",
    ],
    [
      "a .claude directory symlinked outside the project",
      (dir: string) => {
        const outside = tempDir("clerk-guard-outside-");
        fs.cpSync(path.join(dir, ".claude"), outside, { recursive: true });
        fs.rmSync(path.join(dir, ".claude"), { recursive: true });
        fs.symlinkSync(outside, path.join(dir, ".claude"), "dir");
      },
      "clerk-guard init: .claude is a symlink to ",
    ],
  ])("stops with exit 2 and changes nothing on %s", (_name, breakIt, message) => {
    const dir = project();
    breakIt(dir);
    const before = snapshot(dir);
    const outsideBefore = fs.lstatSync(path.join(dir, ".claude")).isSymbolicLink() ? snapshot(fs.realpathSync(path.join(dir, ".claude"))) : undefined;
    const run = init(dir, "--yes");
    expect(run.status).toBe(2);
    expect(run.stderr.split("\n")[0]).toContain(message);
    expect(run.stderr).toMatch(/clerk-guard init: nothing was changed\n$/);
    expect(snapshot(dir)).toEqual(before);
    if (outsideBefore) expect(snapshot(fs.realpathSync(path.join(dir, ".claude")))).toEqual(outsideBefore);
    fs.chmodSync(path.join(dir, "CLAUDE.md"), 0o644);
  });

  it("writes one section when CLAUDE.md is a symlink to AGENTS.md in the project (--agents-md)", () => {
    const dir = project({ "AGENTS.md": "# Agents\n" });
    fs.rmSync(path.join(dir, "CLAUDE.md"));
    fs.symlinkSync("AGENTS.md", path.join(dir, "CLAUDE.md"));
    expect(init(dir, "--yes", "--agents-md", "--no-skills", "--no-hooks", "--no-eslint").status).toBe(0);
    expect(fs.lstatSync(path.join(dir, "CLAUDE.md")).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, "AGENTS.md"), "utf8")).toBe(`# Agents\n\n${SECTION}\n`);
  });

  it("--agents-md adds the section to AGENTS.md, and to CLAUDE.md unless it imports @AGENTS.md", () => {
    const dir = project({ "CLAUDE.md": "@AGENTS.md\n" });
    const run = init(dir, "--yes", "--agents-md", "--no-skills", "--no-hooks", "--no-eslint");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("  ok       CLAUDE.md: imports @AGENTS.md, which carries the clerk-guard section\n");
    expect(fs.readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe("@AGENTS.md\n");
    expect(fs.readFileSync(path.join(dir, "AGENTS.md"), "utf8")).toBe(`${SECTION}\n`);
  });

  it("--global installs the skills in ~/.claude/skills and nothing of them in the project", () => {
    const dir = project();
    const run = init(dir, "--yes", "--global", "--no-claude-md", "--no-hooks", "--no-eslint");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("  create   ~/.claude/skills/clerk-beta/: 1 file\n");
    expect(fs.readFileSync(path.join(home, ".claude/skills/clerk-beta/SKILL.md"), "utf8")).toBe(SKILLS["clerk-beta/SKILL.md"]);
    expect(fs.existsSync(path.join(dir, ".claude/skills"))).toBe(false);
  });

  it("adds a pre-commit check for husky, lefthook or simple-git-hooks, once", () => {
    expect(STAGED_CHECK).toBe("./node_modules/.bin/clerk-guard check --staged");
    const dir = project({ ".husky/pre-commit": "npm test\n" });
    const parts = ["--no-skills", "--no-claude-md", "--no-hooks", "--no-eslint"];
    expect(init(dir, "--yes", "--pre-commit", "husky", ...parts).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, ".husky/pre-commit"), "utf8")).toBe(`npm test\n\n# clerk-guard: Clerk auth check of the staged JS/TS files\n${HUSKY_CHECK}\n`);
    expect(init(dir, "--yes", "--pre-commit=lefthook", ...parts).status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "lefthook.yml"), "utf8")).toBe(LEFTHOOK_SNIPPET);
    expect(init(dir, "--yes", "--pre-commit", "simple-git-hooks", ...parts).status).toBe(0);
    const pkgJson = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
    expect(pkgJson["simple-git-hooks"]).toEqual({ "pre-commit": STAGED_CHECK });
    expect(pkgJson.dependencies).toEqual({ "@clerk/nextjs": "^7.9.0", next: "^16.0.0" });
    const before = snapshot(dir);
    for (const tool of ["husky", "lefthook", "simple-git-hooks"]) expect(init(dir, "--yes", "--pre-commit", tool, ...parts).stdout).toContain("Nothing to change.\n");
    expect(snapshot(dir)).toEqual(before);
  });

  it("writes the README's pre-commit snippets (husky, simple-git-hooks, lefthook), which npm run test:e2e runs through the real tools", () => {
    const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
    const after = (label: string) => /```\w+\n([\s\S]*?)```/.exec(readme.slice(readme.indexOf(label)))![1]!;
    expect(after("**husky**")).toBe(`${HUSKY_CHECK}\n`);
    expect(JSON.parse(after("**simple-git-hooks**"))["simple-git-hooks"]).toEqual({ "pre-commit": STAGED_CHECK });
    expect(after("**lefthook**")).toBe(LEFTHOOK_SNIPPET);
  });

  it("rejects unknown options and a directory without package.json", () => {
    const dir = project();
    expect(init(dir, "--frobnicate").status).toBe(2);
    expect(init(dir, "--pre-commit", "overcommit").stderr).toBe("clerk-guard: --pre-commit takes one of husky, lefthook, simple-git-hooks\n");
    const bare = tempDir("clerk-guard-bare-");
    const run = init(bare, "--yes");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("clerk-guard: no package.json here: run clerk-guard init in the project's root directory\n");
    expect(fs.readdirSync(bare)).toEqual([]);
  });
});

describe("init never loses or leaks the user's files", () => {
  it("refuses to write through a hard link (the other name may be outside the project)", () => {
    const dir = project();
    const outside = path.join(tempDir("clerk-guard-outside-"), "CLAUDE.md");
    fs.writeFileSync(outside, USER_CLAUDE_MD);
    fs.rmSync(path.join(dir, "CLAUDE.md"));
    fs.linkSync(outside, path.join(dir, "CLAUDE.md"));
    const before = snapshot(dir);
    const run = init(dir, "--yes", "--no-skills", "--no-hooks", "--no-eslint");
    expect(run.status).toBe(2);
    expect(run.stderr).toBe(
      "clerk-guard init: CLAUDE.md has 2 hard links; clerk-guard init does not write through a hard link (the other copies would change). Make it a file of its own (cp CLAUDE.md x && mv x CLAUDE.md), or leave that step out\nclerk-guard init: nothing was changed\n",
    );
    expect(snapshot(dir)).toEqual(before);
    expect(fs.readFileSync(outside, "utf8")).toBe(USER_CLAUDE_MD);
  });

  it("replaces files by rename: a reader never sees half a file, and the mode is kept", () => {
    const dir = project();
    fs.chmodSync(path.join(dir, ".claude/settings.json"), 0o600);
    const inode = fs.statSync(path.join(dir, ".claude/settings.json")).ino;
    expect(init(dir, "--yes", "--no-skills", "--no-claude-md", "--no-eslint").status).toBe(0);
    const st = fs.statSync(path.join(dir, ".claude/settings.json"));
    expect(st.ino).not.toBe(inode);
    expect(st.mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(path.join(dir, ".claude")).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("waits for a concurrent init (the lock), takes over a lock left by a killed run, and gives up with exit 2 after 5 s", async () => {
    const dir = project();
    const lockFile = path.join(dir, ".clerk-guard", "init.lock");
    fs.mkdirSync(path.dirname(lockFile));
    // a live process holds the lock (this test's), then lets go
    fs.writeFileSync(lockFile, `${process.pid}\n`);
    const waiting = initAsync(dir, "--yes", "--no-skills", "--no-eslint");
    await new Promise((r) => setTimeout(r, 1000));
    expect(fs.readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe(USER_CLAUDE_MD); // still waiting
    fs.rmSync(lockFile);
    const done = await waiting;
    expect(done.stderr).toBe("");
    expect(done.status).toBe(0);
    expect(fs.readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toContain("<!-- clerk-guard:start -->");

    // a lock whose process is gone is taken over at once
    const dead = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], { encoding: "utf8", timeout: 30_000 }).stdout.trim();
    fs.writeFileSync(lockFile, `${dead}\n`);
    expect(init(dir, "--yes", "--no-skills", "--no-eslint").status).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);

    // a lock held for longer than the wait: one line, exit 2, nothing changed
    fs.writeFileSync(lockFile, `${process.pid}\n`);
    fs.writeFileSync(path.join(dir, "CLAUDE.md"), USER_CLAUDE_MD);
    const before = snapshot(dir);
    const blocked = init(dir, "--yes", "--no-skills", "--no-eslint");
    expect(blocked.status).toBe(2);
    expect(blocked.stderr).toBe(
      `clerk-guard init: another clerk-guard init is running in this project (pid ${process.pid}, .clerk-guard/init.lock); run it again when that one has finished\nclerk-guard init: nothing was changed\n`,
    );
    expect(snapshot(dir)).toEqual(before);
    fs.rmSync(lockFile);
  }, 60_000);

  it("keeps the user's original settings.json when four inits run at once", async () => {
    const dir = project();
    const runs = await Promise.all([1, 2, 3, 4].map(() => initAsync(dir, "--yes", "--no-skills", "--no-claude-md", "--no-eslint")));
    for (const r of runs) expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(Object.values(backups(dir)).filter((b) => b !== "# backups of files that clerk-guard init changed\n*\n")).toEqual([JSON.stringify(USER_SETTINGS, null, 2) + "\n"]);
    const settings = JSON.parse(fs.readFileSync(path.join(dir, ".claude/settings.json"), "utf8"));
    expect(settings.hooks.Stop).toHaveLength(1);
    expect(settings.hooks.PostToolUse).toHaveLength(2);
  }, 60_000);

  it("takes markers quoted in prose or shown in a code block as the user's text, not as its section", () => {
    const userText = [
      "# My app",
      "",
      "clerk-guard init keeps its notes between `<!-- clerk-guard:start -->` and `<!-- clerk-guard:end -->`; edit outside them.",
      "",
      "```md",
      "<!-- clerk-guard:start -->",
      "an example of the section",
      "<!-- clerk-guard:end -->",
      "```",
      "",
      "~~~",
      "<!-- clerk-guard:end -->",
      "~~~",
      "",
    ].join("\n");
    const dir = project({ "CLAUDE.md": userText });
    const first = init(dir, "--yes", "--no-skills", "--no-hooks", "--no-eslint");
    expect(first.stderr).toBe("");
    expect(first.stdout).toContain("  update   CLAUDE.md: append the clerk-guard section\n");
    expect(fs.readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe(`${userText}\n${SECTION}\n`);
    // a new template replaces only the real section
    write(pkg, { "CLAUDE.md": TEMPLATE + "- v2\n" });
    try {
      expect(init(dir, "--yes", "--no-skills", "--no-hooks", "--no-eslint").stdout).toContain("  update   CLAUDE.md: replace the clerk-guard section\n");
      const v2Section = SECTION.replace("\n<!-- clerk-guard:end -->", "\n- v2\n<!-- clerk-guard:end -->");
      expect(fs.readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe(`${userText}\n${v2Section}\n`);
    } finally {
      write(pkg, { "CLAUDE.md": TEMPLATE });
    }
  });

  it("round-trips settings.json byte for byte apart from its hooks: BOM, big integers, escapes, number spellings, key order, tabs, CRLF", () => {
    const original =
      "\uFEFF{\r\n" +
      '\t"2": "integer-like keys first would be JSON.parse\'s order",\r\n' +
      '\t"1": 1.0,\r\n' +
      '\t"cleanupPeriodDays": 1e3,\r\n' +
      '\t"env": { "BIG": 12345678901234567890123, "NAME": "caf\\u00e9 \\/ \\"q\\"" },\r\n' +
      '\t"hooks": {\r\n' +
      '\t\t"Stop": [\r\n' +
      '\t\t\t{ "hooks": [ { "type": "command", "command": "echo done" } ] }\r\n' +
      "\t\t]\r\n" +
      "\t}\r\n" +
      "}\r\n";
    const dir = project({ ".claude/settings.json": original });
    const run = init(dir, "--yes", "--no-skills", "--no-claude-md", "--no-eslint");
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    const text = fs.readFileSync(path.join(dir, ".claude/settings.json"), "utf8");
    const post = JSON.stringify([{ matcher: "Edit|Write|MultiEdit", hooks: [HOOKS.PostToolUse.handler] }], null, "\t").split("\n").join("\r\n\t\t");
    const stop = JSON.stringify({ hooks: [HOOKS.Stop.handler] }, null, "\t").split("\n").join("\r\n\t\t\t");
    expect(text).toBe(
      original
        .replace('{ "hooks": [ { "type": "command", "command": "echo done" } ] }', `{ "hooks": [ { "type": "command", "command": "echo done" } ] },\r\n\t\t\t${stop}`)
        .replace("\t\t]\r\n\t}", `\t\t],\r\n\t\t"PostToolUse": ${post}\r\n\t}`),
    );
    expect(Object.values(backups(dir))).toContain(original);
    expect(init(dir, "--yes", "--no-skills", "--no-claude-md", "--no-eslint").stdout).toContain("Nothing to change.\n");
  });

  it("leaves the skills and hooks to the clerk-guard Claude Code plugin when it is enabled, and adds only the CLAUDE.md section", () => {
    const dir = project({
      ".claude/settings.json": JSON.stringify({ ...USER_SETTINGS, enabledPlugins: { "clerk-guard@clerk-guard": true } }, null, 2) + "\n",
    });
    const run = init(dir, "--yes", "--no-eslint");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("  skip     skills: the clerk-guard Claude Code plugin is enabled (.claude/settings.json) and brings them\n");
    expect(run.stdout).toContain("  skip     hooks: the clerk-guard Claude Code plugin is enabled (.claude/settings.json) and runs them\n");
    expect(fs.existsSync(path.join(dir, ".claude/skills"))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(dir, ".claude/settings.json"), "utf8")).hooks).toEqual(USER_SETTINGS.hooks);
    expect(fs.readFileSync(path.join(dir, "CLAUDE.md"), "utf8")).toBe(`${USER_CLAUDE_MD}\n${SECTION}\n`);

    // enabled for the user (~/.claude/settings.json), but turned off in this project's local settings
    const other = project({ ".claude/settings.local.json": JSON.stringify({ enabledPlugins: { "clerk-guard@acme-tools": false } }) });
    write(home, { ".claude/settings.json": JSON.stringify({ enabledPlugins: { "clerk-guard@clerk-guard": true } }) });
    try {
      const local = init(other, "--dry-run", "--no-eslint");
      expect(local.stdout).toContain("  create   .claude/skills/clerk-alpha/: 2 files\n");
      fs.rmSync(path.join(other, ".claude/settings.local.json"));
      expect(init(other, "--dry-run", "--no-eslint").stdout).toContain("  skip     skills: the clerk-guard Claude Code plugin is enabled (~/.claude/settings.json) and brings them\n");
    } finally {
      fs.rmSync(path.join(home, ".claude/settings.json"));
    }
  });
});

describe("init building blocks", () => {
  it("edits the common flat-config shapes with two insertions", async () => {
    const cases: Array<[string, string, string]> = [
      [
        "eslint.config.js",
        `import js from "@eslint/js";\n\nexport default [\n  js.configs.recommended,\n  { rules: { "no-console": "warn" } }\n];\n`,
        `import js from "@eslint/js";\nimport clerkGuard from "clerk-guard";\n\nexport default [\n  js.configs.recommended,\n  { rules: { "no-console": "warn" } },\n  clerkGuard.configs.recommended\n];\n`,
      ],
      [
        "eslint.config.mjs",
        `import tseslint from 'typescript-eslint'\nexport default tseslint.config(tseslint.configs.recommended, { ignores: ['dist'] })\n`,
        `import tseslint from 'typescript-eslint'\nimport clerkGuard from 'clerk-guard'\nexport default tseslint.config(tseslint.configs.recommended, { ignores: ['dist'] }, clerkGuard.configs.recommended)\n`,
      ],
      ["eslint.config.mjs", `export default [];\n`, `import clerkGuard from "clerk-guard";\n\nexport default [clerkGuard.configs.recommended];\n`],
      [
        "eslint.config.ts",
        `import type { Linter } from "eslint";\nconst config = [{ files: ["**/*.ts"] }] satisfies Linter.Config[];\nexport default config;\n`,
        `import type { Linter } from "eslint";\nimport clerkGuard from "clerk-guard";\nconst config = [{ files: ["**/*.ts"] }, clerkGuard.configs.recommended] satisfies Linter.Config[];\nexport default config;\n`,
      ],
    ];
    for (const [name, input, output] of cases) expect(await addToConfig(input, name)).toEqual({ text: output });
    for (const input of [
      `module.exports = [];\n`,
      `export default makeConfig();\n`,
      `let config = [];\nexport default config;\n`,
      `import clerkGuard from "./mine.js";\nexport default [clerkGuard];\n`,
      `export default [\n`,
    ]) {
      expect(await addToConfig(input, "eslint.config.js")).toHaveProperty("reason");
    }
  });

  it("merges hooks without touching other entries, and never accepts broken settings", () => {
    const { text, added } = mergeHooks(`{\n\t"model": "opus"\n}\n`, "settings.json");
    expect(added).toEqual(["PostToolUse", "Stop"]);
    expect(text.startsWith('{\n\t"model": "opus",\n\t"hooks": {')).toBe(true);
    expect(mergeHooks(text, "settings.json")).toEqual({ text, added: [] });
    expect(() => mergeHooks(`{"hooks": []}`, "settings.json")).toThrow('"hooks" is not an object');
    expect(() => mergeHooks(`[1]`, "settings.json")).toThrow("is not a JSON object");
  });

  it("keeps CRLF line endings and the text around the section", () => {
    const text = upsertSection("a\r\nb\r\n", "T", "CLAUDE.md");
    expect(text).toBe(`a\r\nb\r\n\r\n${upsertSection(undefined, "T", "x").trimEnd().replace(/\n/g, "\r\n")}\r\n`);
    expect(upsertSection(text, "T", "CLAUDE.md")).toBe(text);
  });
});
