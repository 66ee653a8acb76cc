import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";

function tempProject(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-cli-"));
  for (const [rel, content] of Object.entries(files)) {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, content);
  }
  return dir;
}

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
