/**
 * `clerk-guard ci` treats the pull request as hostile (issue 12): code it cannot
 * analyse fails the gate, crafted trees cannot make it write outside its scratch
 * folder, committed links cannot redirect its outputs, an empty comparison is
 * not a pass, and nothing of it is left in the temp folder, even when it is killed.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";
import { CLIENT_WITH_SERVER_HELPER, TempRepo } from "../git-repo.js";
import { REPO } from "../helpers.js";
import { rng } from "../random.js";
import { tempDir } from "../temp.js";

const NO_GITHUB = { GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_OUTPUT: "", GITHUB_BASE_REF: "", GITHUB_SERVER_URL: "", GITHUB_REPOSITORY: "" };
const PKG = JSON.stringify({ name: "app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0", react: "^19.2.0" } });

/** The same mistake in a CommonJS module. */
const CJS_CLIENT_WITH_SERVER_HELPER = `'use client'\nconst { currentUser } = require("@clerk/nextjs/server");\nmodule.exports = { currentUser };\n`;

interface Report {
  score: number;
  gate: { passed: boolean; reasons: string[] };
  findings: Array<{ ruleId: string; path: string; line: number; ruleSeverity: string; message: string; isNew: boolean }>;
  notes: string[];
}

/** A small app on main, and a `pr` branch checked out. */
function smallRepo(): TempRepo {
  const repo = new TempRepo("clerk-guard-ci-hostile-");
  repo.write("package.json", PKG);
  repo.write("app/page.tsx", "export default function Page() {\n  return <main>home</main>;\n}\n");
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "pr");
  return repo;
}

function ci(repo: TempRepo, args: string[], env: Record<string, string> = {}) {
  return runCli(["ci", "--base", "main", ...args], { cwd: repo.dir, env: { ...NO_GITHUB, ...env } });
}

function report(stdout: string): Report {
  return JSON.parse(stdout) as Report;
}

describe("ci: a changed code file that could not be analysed fails the gate (not-analyzed)", () => {
  const tricks: Array<[string, string, (code: string) => string | Buffer, RegExp]> = [
    ["one 0xFF byte in a comment", "app/profile.tsx", (code) => Buffer.concat([Buffer.from(code), Buffer.from("// caf\xff\n", "latin1")]), /not UTF-8/],
    ["a NUL byte", "app/profile.tsx", (code) => code + "// \0\n", /binary/],
    ["over 1 MB", "app/profile.tsx", (code) => code + `// ${"x".repeat(1_100_000)}\n`, /larger than 1 MB/],
    [
      "an HTML-like comment (Node runs it in CommonJS, the parser rejects it)",
      "app/profile.cjs",
      (code) => code.replace("'use client'\n", "'use client'\nconst since = 2024; <!-- an Annex B comment, valid in scripts\n"),
      /does not parse/,
    ],
  ];

  it.each(tricks)("%s", (_name, file, trick, why) => {
    const repo = smallRepo();
    // the same code without the trick is a critical finding
    const code = file.endsWith(".cjs") ? CJS_CLIENT_WITH_SERVER_HELPER : CLIENT_WITH_SERVER_HELPER;
    repo.write(file, code);
    repo.commit("pr: plain");
    const plain = ci(repo, ["-f", "report"]);
    expect(plain.status).toBe(1);
    expect(report(plain.stdout).findings.map((f) => f.ruleId)).toEqual(["clerk-guard/no-server-helpers-in-client"]);

    repo.write(file, trick(code));
    repo.commit("pr: with the trick");
    const run = ci(repo, ["-f", "report"]);
    expect(run.status).toBe(1);
    const r = report(run.stdout);
    expect(r.score).toBeLessThan(100);
    expect(r.gate.passed).toBe(false);
    expect(r.findings.map((f) => `${f.path} ${f.ruleId} ${f.ruleSeverity}`)).toEqual([`${file} clerk-guard/not-analyzed critical`]);
    expect(r.findings[0]!.message).toMatch(why);
    expect(r.notes.join(" ")).toMatch(/could not be analysed/);

    // every format carries it, and the summary explains it
    const formats = ci(repo, ["-f", "json", "-f", "github", "-f", "summary-md", "-f", "stylish"]);
    expect(formats.status).toBe(1);
    expect(formats.stdout).toContain('"ruleId":"clerk-guard/not-analyzed"');
    expect(formats.stdout).toContain(`::error file=${file},`);
    expect(formats.stdout).toMatch(/title=clerk-guard\/not-analyzed \(critical%2C new\)::This changed file could not be analysed/);
    expect(formats.stdout).toContain(`### Not analyzed\n\n- \`${file}\``);
    expect(formats.stdout).toMatch(/could not be analysed, so the gate fails on them/);
    expect(formats.stdout).toMatch(new RegExp(`${file.replace(/\./g, "\\.")}\n\\s+\\d+:\\d+\\s+error\\s+This changed file could not be analysed`));

    const allowed = ci(repo, ["-f", "report", "--allow-unanalyzed"]);
    expect(allowed.status).toBe(0);
    expect(report(allowed.stdout).findings.map((f) => f.ruleId)).toEqual(["clerk-guard/not-analyzed"]);
  });
});

// ---------------------------------------------------------------------------
// Crafted trees (git hash-object --literally): nothing is written outside the scratch folder.
// ---------------------------------------------------------------------------

type Entry = [mode: string, name: string, sha: string];

function gitIn(repo: TempRepo, args: string[], input?: Buffer | string): string {
  return execFileSync("git", args, { cwd: repo.dir, input, encoding: "utf8", stdio: ["pipe", "pipe", "pipe"], timeout: 60_000 }).trim();
}

function blob(repo: TempRepo, content: string): string {
  return gitIn(repo, ["hash-object", "-w", "--stdin"], content);
}

/** A tree object exactly as given: any names, any order, duplicates included. */
function tree(repo: TempRepo, entries: Entry[]): string {
  const bytes = Buffer.concat(entries.map(([mode, name, sha]) => Buffer.concat([Buffer.from(`${mode} ${name}\0`, "utf8"), Buffer.from(sha, "hex")])));
  return gitIn(repo, ["hash-object", "-w", "-t", "tree", "--literally", "--stdin"], bytes);
}

/** Every file and directory under `dir` (relative paths), links not followed. */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const f = path.join(d, e.name);
      out.push(path.relative(dir, f));
      if (e.isDirectory()) walk(f);
    }
  };
  walk(dir);
  return out.sort();
}

describe("ci: crafted trees never write outside the scratch folder (fuzz)", () => {
  /**
   * Hostile entries of every kind; the `..` ones climb 2 to 6 levels above the head
   * tree's folder (so above the scratch folder, still inside the test's sandbox).
   */
  function hostileEntries(repo: TempRepo, random: () => number, only?: number): Entry[] {
    const code = blob(repo, CLIENT_WITH_SERVER_HELPER);
    const other = blob(repo, "export const other = 2;\n");
    const file = (name: string): Entry => ["100644", name, code];
    const up = (inner: Entry[], depth: number): Entry => {
      let t = tree(repo, inner);
      for (let i = 1; i < depth; i++) t = tree(repo, [["40000", "..", t]]);
      return ["40000", "..", t];
    };
    const depth = 3 + Math.floor(random() * 4);
    const kinds: Array<() => Entry[]> = [
      // dot-dot: app/../../pwned.ts and deeper
      () => [["40000", "app", tree(repo, [up([file("pwned.ts")], depth)])]],
      () => [up([file("pwned.ts")], depth)],
      // a "." entry and an empty name
      () => [["40000", ".", tree(repo, [file("dot.ts")])], ["100644", "", code]],
      // absolute and slash-bearing names
      () => [file("/tmp/absolute-pwned.ts"), file("a/../../slash-pwned.ts"), ["40000", "/etc", tree(repo, [file("abs-dir.ts")])]],
      // control characters, a backslash, a drive letter
      () => [file("ctl\u0001\u001b]0;x\u0007.ts"), file("..\\..\\back-pwned.ts"), file("C:pwned.ts"), file("new\nline.ts")],
      // symbolic links to outside, a link named like a directory that files go below
      () => [["120000", "link.ts", blob(repo, "/etc/passwd")], ["120000", "lib", blob(repo, "../../..")], ["40000", "lib", tree(repo, [file("below-link.ts")])]],
      // gitlinks (submodules) and a .git directory with a hook and a config
      () => [["160000", "vendor", code], ["40000", ".git", tree(repo, [file("config"), ["40000", "hooks", tree(repo, [["100755", "post-checkout", code]])]])], ["40000", ".GIT", tree(repo, [file("x.ts")])]],
      // duplicates: the same name twice, and a name that is a file and a directory
      () => [file("dup.ts"), ["100644", "dup.ts", other], file("both"), ["40000", "both", tree(repo, [file("inner.ts")])]],
    ];
    const entries: Entry[] = [["100644", "package.json", blob(repo, PKG)], file("page.tsx")];
    if (only !== undefined) return [...kinds[only]!(), ...entries];
    // a random subset in a random order (tree order is the order a naive writer would follow)
    const chosen = kinds.filter(() => random() < 0.6).map((kind) => ({ kind, key: random() }));
    for (const { kind } of chosen.sort((a, b) => a.key - b.key)) entries.push(...kind());
    return entries;
  }

  it("dot-dot, absolute, control characters, symlinks, gitlinks, .git and duplicate entries", () => {
    const random = rng(20261204);
    for (let round = 0; round < 10; round++) {
      const repo = smallRepo();
      // rounds 0-1: dot-dot alone (both shapes); then random mixes, orders and depths
      const entries = round < 2 ? hostileEntries(repo, () => 0, round) : hostileEntries(repo, random);
      const root = tree(repo, entries);
      const base = gitIn(repo, ["rev-parse", "main"]);
      const commit = gitIn(repo, ["commit-tree", root, "-p", base, "-m", "crafted"]);
      // the scratch folder lives in a temp folder of its own, inside a sandbox we can watch
      const sandbox = tempDir("clerk-guard-ci-sandbox-");
      const tmp = path.join(sandbox, "a", "b", "c", "tmp");
      fs.mkdirSync(tmp, { recursive: true });
      const run = ci(repo, ["--head", commit, "-f", "report"], { TMPDIR: tmp });
      // a crafted tree never passes, and never crashes clerk-guard
      expect([1, 2], run.stderr).toContain(run.status);
      // nothing outside the scratch folder: the sandbox holds only the (now empty) temp folder
      expect(listing(sandbox)).toEqual(["a", "a/b", "a/b/c", "a/b/c/tmp"].map((p) => p.split("/").join(path.sep)));
      expect(fs.existsSync(path.join(path.dirname(sandbox), "pwned.ts"))).toBe(false);
      expect(fs.existsSync("/tmp/absolute-pwned.ts")).toBe(false);
      // the working tree and the repository are untouched
      expect(gitIn(repo, ["status", "--porcelain"])).toBe("");
    }
  }, 600_000);

  it("reports the unsafe changed file as not analysed and names the refused entries", () => {
    const repo = smallRepo();
    const code = blob(repo, CLIENT_WITH_SERVER_HELPER);
    let up = tree(repo, [["100644", "pwned.ts", code]]);
    for (let i = 0; i < 4; i++) up = tree(repo, [["40000", "..", up]]);
    const root = tree(repo, [
      ["100644", "package.json", blob(repo, PKG)],
      ["40000", "app", tree(repo, [["40000", "..", up], ["100644", "page.tsx", blob(repo, "export default function Page() {\n  return <main>home</main>;\n}\n")]])],
    ]);
    const commit = gitIn(repo, ["commit-tree", root, "-p", gitIn(repo, ["rev-parse", "main"]), "-m", "crafted"]);
    const run = ci(repo, ["--head", commit, "-f", "report"], { TMPDIR: tempDir("clerk-guard-ci-tmp-") });
    expect(run.status).toBe(1);
    const r = report(run.stdout);
    expect(r.findings.map((f) => f.ruleId)).toEqual(["clerk-guard/not-analyzed"]);
    expect(r.findings[0]!.message).toMatch(/path is not safe/);
    expect(r.notes.join(" ")).toMatch(/ignored 1 entry of the head tree that cannot be written safely/);
  });
});

describe("ci: outputs never follow a link the repository commits", () => {
  it("refuses -f sarif=clerk-guard.sarif and -f report=out/r.json when the path or a directory on it is a committed symlink", () => {
    const repo = smallRepo();
    const outside = tempDir("clerk-guard-victim-");
    const victim = path.join(outside, "victim.txt");
    fs.writeFileSync(victim, "precious\n");
    fs.symlinkSync(victim, repo.path("clerk-guard.sarif"));
    fs.symlinkSync(outside, repo.path("out"));
    repo.write("app/profile.tsx", CLIENT_WITH_SERVER_HELPER);
    repo.commit("pr: with links");
    const sarif = ci(repo, ["-f", "sarif=clerk-guard.sarif"]);
    expect(sarif.status).toBe(2);
    expect(sarif.stderr).toBe("clerk-guard: refusing to write clerk-guard.sarif: it is a symbolic link\n");
    const rep = ci(repo, ["-f", "report=out/r.json"]);
    expect(rep.status).toBe(2);
    expect(rep.stderr).toBe("clerk-guard: refusing to write out/r.json: out is a symbolic link\n");
    expect(fs.readFileSync(victim, "utf8")).toBe("precious\n");
    expect(fs.readdirSync(outside)).toEqual(["victim.txt"]);
    // a real file is written (replaced, never written through)
    fs.rmSync(repo.path("clerk-guard.sarif"));
    expect(ci(repo, ["-f", "sarif=clerk-guard.sarif"]).status).toBe(1);
    expect(JSON.parse(repo.read("clerk-guard.sarif")).version).toBe("2.1.0");
  });
});

describe("ci: an empty comparison is not a pass", () => {
  it("exits 2 when head is the merge base (a push on main, a depth-1 clone), unless --allow-empty", () => {
    const repo = smallRepo();
    repo.git("checkout", "-q", "main");
    const run = ci(repo, ["-f", "report"]);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^clerk-guard: nothing to compare: HEAD is the merge base of main and HEAD .*--allow-empty/);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    const allowed = ci(repo, ["-f", "report", "--allow-empty"]);
    expect(allowed.status).toBe(0);
    const r = report(allowed.stdout);
    expect(r.score).toBe(100);
    expect(r.notes.join(" ")).toMatch(/nothing to compare/);
  });
});

describe("ci: nothing of ours is left in the temp folder", () => {
  it("after a run, after an error, and after SIGTERM or SIGKILL", async () => {
    const repo = smallRepo();
    repo.write("app/profile.tsx", CLIENT_WITH_SERVER_HELPER);
    repo.commit("pr");
    const tmp = tempDir("clerk-guard-ci-tmp-");
    const env = { TMPDIR: tmp };
    expect(ci(repo, ["-f", "report"], env).status).toBe(1);
    expect(fs.readdirSync(tmp)).toEqual([]);

    // an error while scoring: a malformed baseline at base
    repo.git("checkout", "-q", "main");
    repo.write(".clerk-guard/baseline.json", "{ nope");
    repo.commit("main: broken baseline");
    repo.git("checkout", "-q", "pr");
    repo.git("merge", "-q", "--no-edit", "main");
    repo.write("app/other.tsx", CLIENT_WITH_SERVER_HELPER.replace("Profile", "Other"));
    repo.commit("pr 2");
    const broken = ci(repo, [], env);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/malformed baseline/);
    expect(fs.readdirSync(tmp)).toEqual([]);
    repo.git("checkout", "-q", "main");
    repo.remove(".clerk-guard/baseline.json");
    repo.commit("main: no baseline");
    repo.git("checkout", "-q", "pr");
    repo.git("merge", "-q", "--no-edit", "main");

    // killed while it works: SIGTERM removes the scratch folder at once; after SIGKILL the next run does
    for (const signal of ["SIGTERM", "SIGKILL"] as const) {
      const child = spawn(process.execPath, [path.join(REPO, "bin", "clerk-guard.js"), "ci", "--base", "main"], {
        cwd: repo.dir,
        env: { ...process.env, ...NO_GITHUB, ...env, NO_COLOR: "1", VITEST: "", CLERK_GUARD_DEBUG: "" },
        stdio: "ignore",
        timeout: 300_000,
      });
      const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
      // wait until the scratch folder exists (the run is under way), then kill
      for (let waited = 0; fs.readdirSync(tmp).length === 0 && waited < 120_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
      expect(fs.readdirSync(tmp)).toHaveLength(1);
      child.kill(signal);
      await exited;
      if (signal === "SIGTERM") expect(fs.readdirSync(tmp)).toEqual([]);
      else {
        expect(fs.readdirSync(tmp)).toHaveLength(1); // nothing can run on SIGKILL
        expect(ci(repo, ["-f", "report"], env).status).toBe(1);
        expect(fs.readdirSync(tmp)).toEqual([]);
      }
    }
  }, 600_000);
});
