/**
 * `clerk-guard check` and `baseline` on a project whose content is hostile
 * (issue 12): committed links must not redirect writes or make reads unbounded
 * or leak, a committed cache is not trusted, file names cannot drive the
 * terminal or break markdown, secrets in names never leave in full, and a huge
 * file is never read whole.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";
import { REPO } from "../helpers.js";
import { tempDir, tempProject } from "../temp.js";

const PKG = JSON.stringify({ name: "t", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0" } });
const BAD_CLIENT = `'use client'\nimport { currentUser } from "@clerk/nextjs/server"\nexport const x = currentUser\n`;
const SECRET = "sk_live_4fQmZ8rT2xWv9LpK3nBc7YhD";
const linux = process.platform === "linux";

/** A project in a git repository (the link policy's boundary is the repository). */
function project(files: Record<string, string | Buffer>): string {
  const dir = tempProject({ ...files, ".git/HEAD": "ref: refs/heads/main\n" }, "clerk-guard-hostile-");
  return dir;
}

function check(dir: string, args: string[] = [], env: Record<string, string> = {}) {
  return runCli(["check", ".", ...args], { cwd: dir, env: { XDG_CACHE_HOME: path.join(dir, ".git", "cache-home"), ...env }, timeoutMs: 120_000 });
}

describe("writes never follow a link the project commits", () => {
  it("-f report=report.json through a linked file, and -f sarif=out/x.sarif through a linked directory, are refused", () => {
    const dir = project({ "package.json": PKG, "components/bad.tsx": BAD_CLIENT });
    const outside = tempDir("clerk-guard-victim-");
    fs.writeFileSync(path.join(outside, "victim.json"), "precious");
    fs.symlinkSync(path.join(outside, "victim.json"), path.join(dir, "report.json"));
    fs.symlinkSync(outside, path.join(dir, "out"));
    const a = check(dir, ["-f", "report=report.json"]);
    expect(a.status).toBe(2);
    expect(a.stderr).toBe("clerk-guard: refusing to write report.json: it is a symbolic link\n");
    const b = check(dir, ["-f", "sarif=out/x.sarif"]);
    expect(b.status).toBe(2);
    expect(b.stderr).toBe("clerk-guard: refusing to write out/x.sarif: out is a symbolic link\n");
    expect(fs.readdirSync(outside)).toEqual(["victim.json"]);
    expect(fs.readFileSync(path.join(outside, "victim.json"), "utf8")).toBe("precious");
  });

  it("--cache and baseline --write through a committed .clerk-guard link write nothing outside", () => {
    const dir = project({ "package.json": PKG, "components/bad.tsx": BAD_CLIENT });
    const outside = tempDir("clerk-guard-victim-");
    fs.symlinkSync(outside, path.join(dir, ".clerk-guard"));
    const cached = check(dir, ["--cache", "-f", "json"]);
    expect(cached.status).toBe(1); // the findings are still reported; the cache is not written
    expect(cached.stderr).toMatch(/could not write the cache in .*refusing to write \.clerk-guard\/cache\/\.gitignore: \.clerk-guard is a symbolic link/);
    const written = runCli(["baseline", "--write"], { cwd: dir, timeoutMs: 120_000 });
    expect(written.status).toBe(2);
    expect(written.stderr).toBe("clerk-guard: refusing to write .clerk-guard/baseline.json: .clerk-guard is a symbolic link\n");
    expect(fs.readdirSync(outside)).toEqual([]);
  });
});

describe.runIf(linux)("reads of committed files are bounded and never leak", () => {
  const marker = "CLERK_GUARD_ENV_MARKER_93ab41";

  it("a baseline, cache file or lockfile linked to /dev/zero does not make check read forever", () => {
    const dir = project({ "package.json": PKG, "components/bad.tsx": BAD_CLIENT, ".clerk-guard/cache/.keep": "" });
    fs.symlinkSync("/dev/zero", path.join(dir, "package-lock.json"));
    fs.symlinkSync("/dev/zero", path.join(dir, ".clerk-guard", "cache", "results-v2.json"));
    fs.symlinkSync("/dev/zero", path.join(dir, ".clerk-guard", "cache", "results-v1.json"));
    const cached = check(dir, ["--cache", "-f", "json"]);
    expect(cached.status).toBe(1);
    expect(cached.stderr).toMatch(/ignoring the cache file in .*\(outside\)/);
    fs.symlinkSync("/dev/zero", path.join(dir, ".clerk-guard", "baseline.json"));
    const run = check(dir);
    expect(run.status).toBe(2);
    expect(run.stderr).toBe("clerk-guard: cannot use the baseline .clerk-guard/baseline.json: it is a link that leaves the project\n");
  });

  /** The CLI with the marker as the first variable of its environment (what /proc/self/environ starts with). */
  function checkWithMarker(dir: string) {
    const env: Record<string, string> = { [marker]: "leaked-value", PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1" };
    const r = spawnSync(process.execPath, [path.join(REPO, "bin", "clerk-guard.js"), "check", ".", "-f", "json"], { cwd: dir, env, encoding: "utf8", timeout: 120_000 });
    return { status: r.status, out: r.stdout + r.stderr };
  }

  it("a package.json or baseline linked to /proc/self/environ never prints the environment", () => {
    const dir = project({ "components/bad.tsx": BAD_CLIENT });
    fs.symlinkSync("/proc/self/environ", path.join(dir, "package.json"));
    const run = checkWithMarker(dir);
    expect(run.status).toBe(1);
    expect(run.out).not.toContain(marker.slice(0, 8));
    fs.mkdirSync(path.join(dir, ".clerk-guard"));
    fs.symlinkSync("/proc/self/environ", path.join(dir, ".clerk-guard", "baseline.json"));
    const baseline = checkWithMarker(dir);
    expect(baseline.status).toBe(2);
    expect(baseline.out).not.toContain(marker.slice(0, 8));
  });

  it("a malformed package.json is named, never quoted", () => {
    const dir = project({ "package.json": `{ "name": "t", "token": "${SECRET}" `, "components/bad.tsx": BAD_CLIENT });
    const run = check(dir, ["-f", "json"]);
    expect(run.stderr).toMatch(/ignoring malformed package\.json at .*: not valid JSON/);
    expect(run.stderr).not.toContain("token");
  });
});

describe("a committed cache is not trusted", () => {
  it("a cache file the repository commits (old or new format) hides no finding and prints no escape sequence", async () => {
    const dir = project({ "package.json": PKG, "components/bad.tsx": BAD_CLIENT, "components/ok.tsx": "export const ok = 1\n" });
    const { createHash } = await import("node:crypto");
    const { StateHasher } = await import("../../src/findings/cache.js");
    const { rulesetHash, toolVersion } = await import("../../src/findings/ruleset.js");
    const sha = (s: string) => createHash("sha256").update(s).digest("hex");
    const hasher = new StateHasher();
    const header = JSON.stringify({ version: toolVersion(), ruleset: rulesetHash(), root: dir });
    const evil = "\u001b]0;owned\u0007\u001b[2J owned";
    const entry = (file: string, messages: unknown[]) => ({
      c: sha(fs.readFileSync(path.join(dir, file), "utf8")),
      s: hasher.stateHash(path.join(dir, file)),
      m: messages,
      f: messages.map(() => ({ ruleId: "no-secret-exposure", level: "error", severity: "critical", message: evil, relPath: file, line: 1, column: 1, scope: "", fingerprint: "0" })),
      sm: [],
      p: "stale",
      pm: [],
      pf: [],
    });
    const entries = {
      "components/bad.tsx": entry("components/bad.tsx", []),
      "components/ok.tsx": entry("components/ok.tsx", [{ ruleId: "clerk-guard/no-secret-exposure", severity: 2, message: evil, line: 1, column: 1 }]),
    };
    fs.mkdirSync(path.join(dir, ".clerk-guard", "cache"), { recursive: true });
    fs.writeFileSync(path.join(dir, ".clerk-guard", "cache", "results-v1.json"), JSON.stringify({ version: 1, header, entries }));
    fs.writeFileSync(path.join(dir, ".clerk-guard", "cache", "results-v2.json"), `${"0".repeat(64)}\n${JSON.stringify({ version: 2, header, entries })}`);
    const run = check(dir, ["--cache"], { CLERK_GUARD_DEBUG: "1" });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/components\/bad\.tsx\n\s+2:10\s+error/);
    expect(run.stdout).not.toContain("owned");
    expect(run.stdout + run.stderr).not.toContain("\u001b");
    expect(run.stderr).toMatch(/ignoring the cache file in .*: it was not written by clerk-guard for this user/);
    expect(run.stderr).toMatch(/cache: 0 hit\(s\), 0 partial \(project rules re-run\), 2 miss/);
  });
});

describe("file names cannot drive the terminal or break markdown", () => {
  it("escapes control characters in stylish and keeps summary-md tables and code spans intact", () => {
    const osc = "bad\u001b]0;owned\u0007\u001b[31m.tsx";
    const md = "a`b|c\n<img src=x onerror=alert(1)>.tsx";
    const dir = project({ "package.json": PKG, [`components/${osc}`]: BAD_CLIENT, [`components/${md}`]: BAD_CLIENT });
    const stylish = check(dir);
    expect(stylish.status).toBe(1);
    expect(stylish.stdout).not.toContain("\u001b");
    expect(stylish.stdout).toContain("components/bad\\x1b]0;owned\\x07\\x1b[31m.tsx");
    expect(stylish.stdout).toContain("components/a`b|c\\n<img src=x onerror=alert(1)>.tsx");

    const summary = check(dir, ["-f", "summary-md"]).stdout;
    const rows = summary.split("\n").filter((l) => l.startsWith("| "));
    // header, separator and two findings; every row one line, with four cells (escaped pipes do not split)
    expect(rows).toHaveLength(4);
    for (const row of rows) expect(row.replace(/\\\|/g, "").split("|")).toHaveLength(6);
    // outside code spans there is no raw HTML and no control character
    for (const line of summary.split("\n")) {
      const outside = line.split(/(`+)(?:(?!\1)[\s\S])*?\1/).join("");
      expect(outside).not.toMatch(/<img|\u001b/);
    }
    expect(summary).toContain("``components/a`b\\|c\\n<img src=x onerror=alert(1)>.tsx:2``");
  });
});

describe("secrets in file and function names are redacted in every format", () => {
  it("report, sarif and json never carry the key in full", () => {
    const route = `import { auth } from "@clerk/nextjs/server";\nexport async function GET() {\n  function ${SECRET}() {\n    const { userId } = auth();\n    return userId;\n  }\n  return Response.json({ id: ${SECRET}() });\n}\n`;
    const dir = project({ "package.json": PKG, [`app/api/${SECRET}/route.ts`]: route, [`components/${SECRET}.tsx`]: BAD_CLIENT });
    for (const format of ["report", "sarif", "json", "stylish", "github", "summary-md"]) {
      const run = check(dir, ["-f", format]);
      expect(run.status, format).toBe(1);
      expect(run.stdout, format).toContain("sk_live_4fQm…");
      expect(run.stdout + run.stderr, format).not.toContain(SECRET);
    }
    const report = JSON.parse(check(dir, ["-f", "report"]).stdout) as { findings: Array<{ enclosingFunction: string; path: string }> };
    expect(report.findings.map((f) => f.enclosingFunction)).toContain("GET > sk_live_4fQm…");
  });
});

describe.runIf(linux)("a file over the size cap is never read", () => {
  it("a 1.5 GB sparse .ts file is skipped after a stat, without reading it", () => {
    const dir = project({ "package.json": PKG, "components/bad.tsx": BAD_CLIENT });
    const huge = path.join(dir, "lib", "huge.ts");
    fs.mkdirSync(path.dirname(huge));
    fs.writeFileSync(huge, "");
    fs.truncateSync(huge, 1_500_000_000); // sparse: no disk space used
    const rssFile = path.join(dir, ".git", "rss");
    const probe = pathToFileURL(path.join(REPO, "scripts", "bench-rss-probe.mjs")).href;
    const run = runCli(["check", ".", "-f", "json"], { cwd: dir, env: { NODE_OPTIONS: `--import=${probe}`, CLERK_GUARD_BENCH_RSS_FILE: rssFile }, timeoutMs: 120_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/skipped 1 file\(s\) that are larger than 1 MB/);
    const peakMb = Number(fs.readFileSync(rssFile, "utf8")) / 1024;
    expect(peakMb).toBeLessThan(1024); // reading it whole costs more than 1.5 GB
  });
});
