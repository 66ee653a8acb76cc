import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";
import { TempRepo } from "../git-repo.js";
import { REPO } from "../helpers.js";
import { tempDir, tempProject } from "../temp.js";

const PKG = JSON.stringify({ name: "t", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0" } });

describe("clerk-guard check: bad input", () => {
  it("exits 2 with one line for a missing path", () => {
    const run = runCli(["check", "does/not/exist"]);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("clerk-guard: no such file or directory: does/not/exist\n");
    expect(run.stdout).toBe("");
  });

  it("exits 2 on an unknown option and an unknown command", () => {
    expect(runCli(["check", "--frobnicate"]).status).toBe(2);
    const r = runCli(["frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("reports a file that does not parse as one fatal message and goes on", () => {
    const dir = tempProject({
      "package.json": PKG,
      "app/broken/page.tsx": "export default function Page( {\n",
      "components/profile.tsx": `'use client'\nimport { currentUser } from "@clerk/nextjs/server"\nexport const x = currentUser\n`,
    });
    const run = runCli(["check", dir, "--format", "json"]);
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; fatal?: boolean; severity: number; message: string }> }>;
    const broken = results.find((r) => r.filePath.endsWith(path.join("broken", "page.tsx")))!;
    expect(broken.messages).toHaveLength(1);
    expect(broken.messages[0]).toMatchObject({ ruleId: null, fatal: true, severity: 2 });
    const profile = results.find((r) => r.filePath.endsWith("profile.tsx"))!;
    expect(profile.messages.map((m) => m.ruleId)).toEqual(["clerk-guard/no-server-helpers-in-client"]);
  });

  it("skips binary, non-UTF-8 and oversized files with a note, never crashing", () => {
    const dir = tempProject({
      "package.json": PKG,
      "lib/binary.js": Buffer.from([0x00, 0x01, 0x02, 0x03]),
      "lib/latin1.ts": Buffer.from([0x63, 0x6f, 0x6e, 0x73, 0x74, 0x20, 0x61, 0x3d, 0x22, 0xe9, 0x22]),
      "public/bundle.min.js": "var a=1;".repeat(200_000),
      "lib/ok.ts": "export const ok = 1\n",
    });
    const run = runCli(["check", dir, "--format", "json"]);
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/skipped 1 file\(s\) that are binary/);
    expect(run.stderr).toMatch(/skipped 1 file\(s\) that are not UTF-8/);
    expect(run.stderr).toMatch(/skipped 1 file\(s\) that are larger than 1 MB/);
    expect(JSON.parse(run.stdout)).toHaveLength(1);
  });

  it("notes a malformed package.json once and treats it as absent", () => {
    const dir = tempProject({
      "package.json": "{ not json",
      "components/a.tsx": `'use client'\nimport { auth } from "@clerk/nextjs/server"\nexport const a = auth\n`,
      "components/b.tsx": `'use client'\nimport { auth } from "@clerk/nextjs/server"\nexport const b = auth\n`,
    });
    const run = runCli(["check", dir, "--format", "json"]);
    expect(run.stderr.match(/malformed package\.json/g)).toHaveLength(1);
    expect(run.status).toBe(1);
  });

  it("skips node_modules, build output and .gitignored paths", () => {
    const bad = `'use client'\nimport { auth } from "@clerk/nextjs/server"\nexport const a = auth\n`;
    const dir = tempProject({
      "package.json": PKG,
      ".gitignore": "generated/\n*.local.ts\n",
      "node_modules/x/index.js": bad,
      ".next/server/page.js": bad,
      "dist/a.js": bad,
      "generated/a.tsx": bad,
      "lib/secret.local.ts": bad,
      "components/real.tsx": bad,
    });
    const run = runCli(["check", dir, "--format", "json"]);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string }>;
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual([path.join("components", "real.tsx")]);
  });

  it("never executes the project's eslint config", () => {
    const dir = tempProject({
      "package.json": PKG,
      "eslint.config.mjs": `import fs from "node:fs"; fs.writeFileSync(new URL("./PWNED", import.meta.url), "x"); export default [];`,
      "app/page.tsx": "export default function Page() { return null }\n",
    });
    const run = runCli(["check", dir]);
    expect(run.status).toBe(0);
    expect(fs.existsSync(path.join(dir, "PWNED"))).toBe(false);
  });

  it("keeps every byte of large JSON output on a pipe", () => {
    const files: Record<string, string> = { "package.json": PKG };
    for (let i = 0; i < 400; i++) files[`components/c${i}.tsx`] = `'use client'\nimport { auth, currentUser, clerkClient } from "@clerk/nextjs/server"\nexport const a${i} = [auth, currentUser, clerkClient]\n`;
    const dir = tempProject(files);
    const run = runCli(["check", dir, "--format", "json"]);
    expect(run.stdout.length).toBeGreaterThan(64 * 1024);
    const results = JSON.parse(run.stdout) as Array<{ messages: unknown[] }>;
    expect(results).toHaveLength(400);
    expect(results.every((r) => r.messages.length === 3)).toBe(true);
  });
});

// ---------------------------------------------------------------------------
// Pre-commit contract (issue 5): file arguments, --staged, warnings budget,
// skip switch, the no-op path, the cache, formats and the baseline.
// ---------------------------------------------------------------------------

const BAD_CLIENT = `'use client'\nimport { currentUser } from "@clerk/nextjs/server"\nexport const x = currentUser\n`;
const GOOD_CLIENT = `'use client'\nimport { useUser } from "@clerk/nextjs"\nexport function Me() { const { user } = useUser(); return user?.id ?? null }\n`;
/** A Next 16 project with middleware.ts: a deprecation warning (require-clerk-middleware). */
const MIDDLEWARE = `import { clerkMiddleware } from "@clerk/nextjs/server"\nexport default clerkMiddleware()\n`;

function rel(root: string, results: Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number }> }>): string[] {
  return results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath).split(path.sep).join("/")}:${m.line} ${m.ruleId}`)).sort();
}

describe("clerk-guard check: file arguments as hook runners pass them", () => {
  it("accepts absolute and relative paths, skips unchecked and ignored files silently, exits 0 on zero files", () => {
    const dir = tempProject({
      "package.json": PKG,
      ".gitignore": "generated/\n",
      "components/a b/ünï.tsx": BAD_CLIENT,
      "components/ok.tsx": GOOD_CLIENT,
      "generated/bad.tsx": BAD_CLIENT,
      "node_modules/x/bad.tsx": BAD_CLIENT,
      "NOTES.txt": "notes\n",
      "styles.css": "a{}\n",
    });
    fs.mkdirSync(path.join(dir, ".git"));
    const abs = path.join(dir, "components", "a b", "ünï.tsx");
    const run = runCli(["check", "-f", "json", abs, "components/ok.tsx", "generated/bad.tsx", "node_modules/x/bad.tsx", "NOTES.txt", "styles.css"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number }> }>;
    expect(results.map((r) => path.relative(dir, r.filePath))).toEqual([path.join("components", "a b", "ünï.tsx"), path.join("components", "ok.tsx")]);
    expect(rel(dir, results)).toEqual(["components/a b/ünï.tsx:2 clerk-guard/no-server-helpers-in-client"]);

    const none = runCli(["check", "NOTES.txt", "styles.css", "generated/bad.tsx"], { cwd: dir });
    expect(none).toEqual({ status: 0, stdout: "", stderr: "" });
  });

  it("checks the code examples of Markdown files and committed dotenv files, at their own lines", () => {
    const fence = "```";
    const dir = tempProject({
      "package.json": PKG,
      ".gitignore": ".env.local\n",
      "docs/auth.md": ["# Reading the user", "", "Show the signed-in user in the header:", "", `${fence}tsx title="components/me.tsx"`, BAD_CLIENT.trimEnd(), fence, ""].join("\n"),
      "AGENTS.md": ["# Agents", "", "❌ Don't:", "", `${fence}tsx title="components/me.tsx"`, BAD_CLIENT.trimEnd(), fence, ""].join("\n"),
      ".env": "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/dashboard\n",
      ".env.local": "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/dashboard\n",
    });
    fs.mkdirSync(path.join(dir, ".git"));
    const run = runCli(["check", "-f", "json"], { cwd: dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number }> }>;
    // AGENTS.md shows the mistake on purpose; .env.local is ignored by git
    expect(rel(dir, results)).toEqual([".env:1 clerk-guard/no-legacy-api", "docs/auth.md:7 clerk-guard/no-server-helpers-in-client"]);
  });

  it("CLERK_GUARD_SKIP=1 exits 0 at once", () => {
    const dir = tempProject({ "package.json": PKG, "components/bad.tsx": BAD_CLIENT });
    expect(runCli(["check", dir], { env: { CLERK_GUARD_SKIP: "1" } })).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(runCli(["check", dir], { env: { CLERK_GUARD_SKIP: "0" } }).status).toBe(1);
  });

  it("the no-op path never loads ESLint (it succeeds even where ESLint cannot be found)", () => {
    // a copy of the CLI whose node_modules has everything but eslint
    const copy = tempDir("clerk-guard-noeslint-");
    for (const d of ["bin", "dist"]) fs.cpSync(path.join(REPO, d), path.join(copy, d), { recursive: true });
    fs.copyFileSync(path.join(REPO, "package.json"), path.join(copy, "package.json"));
    fs.mkdirSync(path.join(copy, "node_modules"));
    for (const name of fs.readdirSync(path.join(REPO, "node_modules"))) {
      if (name === "eslint" || name === ".bin") continue;
      fs.symlinkSync(path.join(REPO, "node_modules", name), path.join(copy, "node_modules", name));
    }
    const fence = "```";
    const dir = tempProject({
      "package.json": PKG,
      "NOTES.txt": "x",
      "README.md": `# App\n\nRun it:\n\n${fence}bash\nnpm run dev\n${fence}\n`,
      ".env": "DATABASE_URL=postgres://localhost/app\n",
      "docs/auth.md": `# Auth\n\n${fence}ts\nexport {};\n${fence}\n`,
      "components/bad.tsx": BAD_CLIENT,
      "components/Counter.vue": `<script setup>\nimport { ref } from "vue";\nconst n = ref(0);\n</script>\n`,
      "src/pages/about.astro": `---\nconst title = "About";\n---\n<h1>{title}</h1>\n`,
      "components/Profile.vue": `<script setup>\nimport { useUser } from "@clerk/vue";\nconst { user } = useUser();\n</script>\n`,
    });
    const run = (args: string[]) =>
      spawnSync(process.execPath, [path.join(copy, "bin", "clerk-guard.js"), ...args], { cwd: dir, encoding: "utf8", timeout: 120_000, env: { ...process.env, NO_COLOR: "1", CLERK_GUARD_DEBUG: "" } });
    // no checked file; Markdown without a JS/TS example and a dotenv file without Clerk: nothing to lint,
    // nor components that name nothing of Clerk
    for (const args of [["check", "NOTES.txt"], ["check", "README.md", ".env"], ["check", "components/Counter.vue", "src/pages/about.astro"]]) {
      const noop = run(args);
      expect(noop.stderr).toBe("");
      expect(noop.status).toBe(0);
    }
    // a Markdown file with a TypeScript example is linted, so ESLint is needed
    expect(run(["check", "docs/auth.md"]).status).toBe(2);
    // and so is a component that uses Clerk
    expect(run(["check", "components/Profile.vue"]).status).toBe(2);
    // proof that the copy really lacks ESLint: a run with a file to lint fails to load it
    const real = run(["check", "components/bad.tsx"]);
    expect(real.status).toBe(2);
    expect(real.stderr).toMatch(/eslint/i);
  });
});

describe("clerk-guard check: warnings budget and fail level", () => {
  const dir = tempProject({ "package.json": PKG, "middleware.ts": MIDDLEWARE });

  it("warnings alone pass by default, fail with --max-warnings 0 or --fail-on warn, disappear with --quiet", () => {
    const plain = runCli(["check", dir, "-f", "json"]);
    expect(plain.status).toBe(0);
    const msgs = (JSON.parse(plain.stdout) as Array<{ messages: Array<{ severity: number }> }>).flatMap((r) => r.messages);
    expect(msgs.length).toBeGreaterThan(0);
    expect(msgs.every((m) => m.severity === 1)).toBe(true);

    const budget = runCli(["check", dir, "--max-warnings", "0"]);
    expect(budget.status).toBe(1);
    expect(budget.stderr).toMatch(/too many warnings \(\d+; maximum: 0\)/);
    expect(runCli(["check", dir, `--max-warnings=${msgs.length}`]).status).toBe(0);
    expect(runCli(["check", dir, "--fail-on", "warn"]).status).toBe(1);

    const quiet = runCli(["check", dir, "--quiet", "--max-warnings", "0", "-f", "json"]);
    expect(quiet.status).toBe(0);
    expect((JSON.parse(quiet.stdout) as Array<{ messages: unknown[] }>).flatMap((r) => r.messages)).toEqual([]);
    expect(runCli(["check", dir, "--fail-on", "info"]).status).toBe(2);
    expect(runCli(["check", dir, "--max-warnings", "many"]).status).toBe(2);
  });
});

describe("clerk-guard check --staged", () => {
  function stagedRepo(): TempRepo {
    const repo = new TempRepo();
    repo.write("package.json", PKG);
    repo.write("components/profile.tsx", GOOD_CLIENT);
    repo.write("lib/util.ts", "export const one = 1\n");
    repo.commit("init");
    return repo;
  }

  it("lints the staged version of a partially staged file and leaves the working tree byte-identical", () => {
    const repo = stagedRepo();
    // stage a bad version (finding on line 4), then fix the working copy without staging
    repo.write("components/profile.tsx", "// staged\n\n" + BAD_CLIENT.replace("import", "\nimport"));
    repo.git("add", "components/profile.tsx");
    repo.write("components/profile.tsx", GOOD_CLIENT + "// unstaged edit\n");
    repo.write("lib/untracked.tsx", BAD_CLIENT);
    const before = repo.snapshot();
    const status = repo.git("status", "--porcelain");
    const run = runCli(["check", "--staged", "-f", "json"], { cwd: repo.dir });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const results = JSON.parse(run.stdout) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number }> }>;
    expect(rel(repo.dir, results)).toEqual(["components/profile.tsx:5 clerk-guard/no-server-helpers-in-client"]);
    expect(repo.snapshot()).toEqual(before);
    expect(repo.git("status", "--porcelain")).toBe(status);
    expect(repo.git("stash", "list")).toBe("");
    // the working tree copy itself is clean: plain `check` on it passes
    expect(runCli(["check", "components/profile.tsx"], { cwd: repo.dir }).status).toBe(0);
  });

  it("passes when the staged version is clean even if the working tree is not; handles deleted and binary staged files", () => {
    const repo = stagedRepo();
    repo.write("components/new.tsx", GOOD_CLIENT);
    repo.write("lib/blob.ts", Buffer.from([0x00, 0x01, 0x02]));
    repo.git("add", "-A");
    repo.write("components/new.tsx", BAD_CLIENT); // unstaged
    repo.remove("lib/util.ts"); // unstaged deletion: the index still has it
    const run = runCli(["check", "--staged"], { cwd: repo.dir });
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/skipped 1 file\(s\) that are binary/);
  });

  it("nothing staged exits 0; outside git exits 2", () => {
    const repo = stagedRepo();
    expect(runCli(["check", "--staged"], { cwd: repo.dir })).toEqual({ status: 0, stdout: "", stderr: "" });
    const dir = tempProject({ "package.json": PKG });
    const run = runCli(["check", "--staged"], { cwd: dir, env: { GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^clerk-guard: --staged needs a git repository/);
  });
});

describe("clerk-guard check --cache", () => {
  it("serves unchanged files from the cache but never stale project-level facts", () => {
    const dir = tempProject({
      "package.json": JSON.stringify({ name: "t", dependencies: { "@clerk/nextjs": "^5.7.0", next: "^15.0.0" } }),
      "app/layout.tsx": `export default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html><body>{children}</body></html>\n}\n`,
      "app/page.tsx": `import { UserButton } from "@clerk/nextjs"\nexport default function Page() { return <UserButton /> }\n`,
      "app/api/me/route.ts": `import { auth } from "@clerk/nextjs/server"\nexport function GET() { const { userId } = auth(); return Response.json({ userId }) }\n`,
      "middleware.ts": MIDDLEWARE,
    });
    const cacheHome = tempDir("clerk-guard-cache-home-");
    const run = () => {
      const r = runCli(["check", dir, "--cache", "-f", "json"], { cwd: dir, env: { CLERK_GUARD_DEBUG: "1", XDG_CACHE_HOME: cacheHome } });
      return { findings: rel(dir, JSON.parse(r.stdout)), stats: /cache: (\d+) hit\(s\), (\d+) partial \(project rules re-run\), (\d+) miss/.exec(r.stderr)!.slice(1).map(Number) };
    };
    const first = run();
    expect(first.findings).toEqual(["app/layout.tsx:1 clerk-guard/require-clerk-provider"]);
    expect(first.stats).toEqual([0, 0, 4]);
    expect(fs.existsSync(path.join(dir, ".clerk-guard", "cache", "results-v2.json"))).toBe(true);
    expect(fs.readFileSync(path.join(dir, ".clerk-guard", "cache", ".gitignore"), "utf8")).toMatch(/^\*$/m);

    const second = run();
    expect(second).toEqual({ findings: first.findings, stats: [4, 0, 0] });

    // a cross-file fact changes (no Clerk component any more): the unchanged layout must not keep its finding
    fs.writeFileSync(path.join(dir, "app/page.tsx"), `export default function Page() { return <p>hi</p> }\n`);
    const third = run();
    expect(third.findings).toEqual([]);
    expect(third.stats).toEqual([0, 3, 1]);

    // package facts change (Clerk 5 → 7): sync auth() in the unchanged route becomes a finding
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "t", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^15.0.0" } }));
    const fourth = run();
    expect(fourth.findings).toContain("app/api/me/route.ts:2 clerk-guard/await-auth");
    expect(fourth.stats).toEqual([0, 0, 4]);
  });
});

describe("clerk-guard check: formats and baseline", () => {
  it("writes several formats in one run, redacting secrets in every one", () => {
    const secret = "sk_live_4fQmZ8rT2xWv9LpK3nBc7YhD";
    const dir = tempProject({
      "package.json": PKG,
      "components/keys.tsx": `'use client'\nexport const key = "${secret}"\n`,
      "components/bad.tsx": BAD_CLIENT,
    });
    const out = path.join(dir, "out dir");
    const run = runCli(["check", ".", "-f", "json", "-f", `sarif=${path.join(out, "r.sarif")}`, "-f", `summary-md=${path.join(out, "s.md")}`, "-f", "report=out dir/r.json", "-f", "github", "-f", "stylish"], { cwd: dir });
    expect(run.status).toBe(1);
    const files = ["r.sarif", "s.md", "r.json"].map((f) => fs.readFileSync(path.join(out, f), "utf8"));
    for (const text of [run.stdout, run.stderr, ...files]) expect(text).not.toContain(secret);
    expect(run.stdout).toContain("sk_live_4fQm…");
    expect(run.stdout).toMatch(/^::error file=components\/keys\.tsx,line=2/m);
    expect(run.stdout).toMatch(/✖ \d+ problems/);
    expect(JSON.parse(files[0]!).version).toBe("2.1.0");
    expect(files[1]).toMatch(/^## clerk-guard: \d+ findings/);
    expect(JSON.parse(files[2]!).findings.length).toBeGreaterThanOrEqual(2);
    expect(runCli(["check", ".", "-f", "xml"], { cwd: dir }).status).toBe(2);
  });

  it("hides findings the baseline accepts; --no-baseline shows them; baseline --check", () => {
    const dir = tempProject({ "package.json": PKG, "components/old.tsx": BAD_CLIENT });
    const w = runCli(["baseline", "--write"], { cwd: dir });
    expect(w.status).toBe(0);
    expect(w.stderr).toMatch(/wrote 1 accepted finding\(s\) to \.clerk-guard\/baseline\.json/);
    const text = fs.readFileSync(path.join(dir, ".clerk-guard", "baseline.json"), "utf8");
    expect(JSON.parse(text).findings).toEqual([{ fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/), rule: "no-server-helpers-in-client", path: "components/old.tsx" }]);

    expect(runCli(["check", "."], { cwd: dir })).toEqual({ status: 0, stdout: "", stderr: "" });
    expect(runCli(["baseline", "--check"], { cwd: dir }).status).toBe(0);
    // moving the accepted code down a few lines keeps it accepted
    fs.writeFileSync(path.join(dir, "components/old.tsx"), BAD_CLIENT.replace("\n", "\n\n\n// moved\n"));
    expect(runCli(["check", "."], { cwd: dir }).status).toBe(0);

    fs.writeFileSync(path.join(dir, "components/new.tsx"), BAD_CLIENT);
    const run = runCli(["check", ".", "-f", "json"], { cwd: dir });
    expect(run.status).toBe(1);
    expect(rel(dir, JSON.parse(run.stdout))).toEqual(["components/new.tsx:2 clerk-guard/no-server-helpers-in-client"]);
    expect(rel(dir, JSON.parse(runCli(["check", ".", "-f", "json", "--no-baseline"], { cwd: dir }).stdout))).toHaveLength(2);
    const check = runCli(["baseline", "--check"], { cwd: dir });
    expect(check.status).toBe(1);
    expect(check.stderr).toMatch(/1 finding\(s\) not in the baseline, 1 accepted/);

    fs.writeFileSync(path.join(dir, ".clerk-guard", "baseline.json"), "{ nope");
    const broken = runCli(["check", "."], { cwd: dir });
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/malformed baseline/);
  });
});
