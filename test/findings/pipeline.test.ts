/**
 * The shared pipeline (findings/analyze.ts): each file read once and only when
 * it is a regular file under the cap, package facts revalidated by stat so a
 * long-lived process answers as a fresh one, and a deadline that names what it
 * left out.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { resetAnalysisCaches } from "../../src/analysis/caches.js";
import { readSource } from "../../src/engine/files.js";
import { analyze } from "../../src/findings/analyze.js";
import { ResultCache } from "../../src/findings/cache.js";
import { hookOutput } from "../../src/hook/analyze.js";
import { tempProject } from "../temp.js";

const ROUTE = `import { auth } from "@clerk/nextjs/server";\n\nexport async function POST() {\n  const { userId } = auth();\n  return Response.json({ userId });\n}\n`;
const BAD_CLIENT = `"use client";\nimport { currentUser } from "@clerk/nextjs/server";\nexport const x = currentUser;\n`;

function lockfile(version: string): string {
  return JSON.stringify({ name: "app", lockfileVersion: 3, packages: { "": {}, "node_modules/@clerk/nextjs": { version } } });
}

function rules(dir: string, file: string): string[] {
  return analyze([file], { cwd: dir, root: dir }).files.flatMap((f) => f.findings.map((x) => `${x.relPath}:${x.line} ${x.ruleId}`));
}

afterEach(() => {
  vi.restoreAllMocks();
  resetAnalysisCaches();
});

describe("package facts in a long-lived process", () => {
  it("a lockfile-only upgrade and a new nested package.json are seen by the next run, as a cold run sees them", () => {
    const dir = tempProject({
      "package.json": JSON.stringify({ name: "app", dependencies: { "@clerk/nextjs": ">=5.7.0", next: "^15.0.0" } }),
      "package-lock.json": lockfile("5.7.0"),
      "app/api/me/route.ts": ROUTE,
      "web/app/api/me/route.ts": ROUTE,
    });
    const route = path.join(dir, "app/api/me/route.ts");
    const nested = path.join(dir, "web/app/api/me/route.ts");
    expect(rules(dir, route)).toEqual([]); // Clerk 5: auth() is synchronous
    expect(rules(dir, nested)).toEqual([]);

    fs.writeFileSync(path.join(dir, "package-lock.json"), lockfile("6.12.0"));
    const warm = rules(dir, route);
    resetAnalysisCaches();
    expect(warm).toEqual(rules(dir, route));
    expect(warm).toEqual(["app/api/me/route.ts:4 await-auth"]);

    fs.writeFileSync(path.join(dir, "web/package.json"), JSON.stringify({ name: "web", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0" } }));
    const warmNested = analyze([nested], { cwd: dir, root: dir }).files[0]!.findings;
    resetAnalysisCaches();
    const coldNested = analyze([nested], { cwd: dir, root: dir }).files[0]!.findings;
    expect(warmNested).toEqual(coldNested);
    expect(warmNested.map((f) => f.message)).toEqual([expect.stringMatching(/this project has 7/)]);
  });
});

describe("reads", () => {
  it("each file is read once, with the result cache too", () => {
    const files: Record<string, string> = { "package.json": JSON.stringify({ name: "plain", dependencies: { react: "^19.0.0" } }) };
    for (let i = 0; i < 5; i++) files[`lib/util-${i}.ts`] = `export const value${i} = ${i};\n`;
    const dir = tempProject(files);
    const code = Object.keys(files).filter((f) => f.endsWith(".ts")).map((f) => path.join(dir, f));
    const opened: string[] = [];
    const open = fs.openSync;
    vi.spyOn(fs, "openSync").mockImplementation(((p: fs.PathLike, ...rest: unknown[]) => {
      opened.push(String(p));
      return (open as (...a: unknown[]) => number)(p, ...rest);
    }) as typeof fs.openSync);
    const readFile = vi.spyOn(fs, "readFileSync");
    analyze(code, { cwd: dir, root: dir, cache: new ResultCache("test") });
    for (const f of code) expect(opened.filter((p) => p === f), f).toHaveLength(1);
    expect(readFile.mock.calls.filter(([p]) => code.includes(String(p)))).toEqual([]);
  });

  it.runIf(process.platform !== "win32")("a FIFO or a device is not opened, whatever its name", () => {
    const dir = tempProject({ "package.json": "{}" });
    const fifo = path.join(dir, "lib", "pipe.ts");
    fs.mkdirSync(path.dirname(fifo));
    execFileSync("mkfifo", [fifo], { timeout: 10_000 });
    // opening a FIFO without a writer would block here forever
    expect(readSource(fifo)).toEqual({ skip: "unreadable" });
    expect(readSource("/dev/zero")).toEqual({ skip: "unreadable" });
    const run = analyze([fifo, "/dev/zero"], { cwd: dir, root: dir });
    expect(run.files).toEqual([]);
    expect([...run.skipped]).toEqual([["unreadable", [fifo, "/dev/zero"]]]);
  });
});

describe("the hook's deadline", () => {
  it("a Stop check that runs out of time names the files it left out, and still reports what it found", () => {
    const files: Record<string, string> = { "package.json": JSON.stringify({ name: "app", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0" } }) };
    files["components/a-card.tsx"] = BAD_CLIENT;
    for (let i = 0; i < 7; i++) files[`lib/util-${i}.ts`] = `export const value${i} = ${i};\n`;
    const dir = tempProject(files);
    const list = Object.keys(files).filter((f) => f !== "package.json").map((f) => path.join(dir, f)).sort();
    // a clock that moves 1 s per look: the budget of 5.3 s lets about five files in
    let t = 0;
    const now = () => (t += 1000);
    const out = hookOutput({ event: "stop", files: list, displayRoot: dir, stopHookActive: false, budgetMs: 5300, deadline: 5300 }, now);
    expect(out?.decision).toBe("block");
    expect(out?.reason).toMatch(/^components\/a-card\.tsx:2:\d+ no-server-helpers-in-client/m);
    expect(out?.systemMessage).toMatch(/^clerk-guard: the time budget allowed checking \d of 8 changed files; not checked: lib\/util-\d\.ts, .*`npx clerk-guard check` checks them all\.$/);
    // nothing checked at all: the hook says it did not finish
    t = 0;
    const none = hookOutput({ event: "stop", files: list, displayRoot: dir, stopHookActive: false, budgetMs: 100, deadline: 100 }, now);
    expect(none).toEqual({ systemMessage: expect.stringMatching(/^clerk-guard hook: the Clerk auth check of 8 changed files did not finish within 100 ms/) });
  });
});

describe("deprecations weigh low", () => {
  it("a deprecated prop is a low-severity warning that costs 1 point; the same prop where it was removed keeps the rule's weight", async () => {
    const { computeScore } = await import("../../src/findings/score.js");
    const page = `import { SignIn } from "@clerk/nextjs";\n\nexport default function Page() {\n  return <SignIn redirectUrl="/dashboard" />;\n}\n`;
    const v6 = tempProject({ "package.json": JSON.stringify({ name: "app", dependencies: { "@clerk/nextjs": "^6.12.0", next: "^15.2.4" } }), "app/sign-in/page.tsx": page });
    const v7 = tempProject({ "package.json": JSON.stringify({ name: "app", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0" } }), "app/sign-in/page.tsx": page });
    const [deprecated] = analyze([path.join(v6, "app/sign-in/page.tsx")], { cwd: v6, root: v6 }).files[0]!.findings;
    const [removed] = analyze([path.join(v7, "app/sign-in/page.tsx")], { cwd: v7, root: v7 }).files[0]!.findings;
    expect(deprecated).toMatchObject({ ruleId: "no-legacy-api", level: "warning", ruleSeverity: "low" });
    expect(removed).toMatchObject({ ruleId: "no-legacy-api", level: "error" });
    expect(removed!.ruleSeverity).not.toBe("low");
    expect(computeScore([deprecated!], 40).points).toBe(1);
    expect(computeScore([removed!], 40).points).toBeGreaterThan(1);
  });
});
