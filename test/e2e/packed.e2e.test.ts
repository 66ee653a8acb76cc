/**
 * The published package, not the source tree: `npm pack` the package, install the
 * tarball into a fresh Next.js-like project with its own eslint.config.mjs, and run
 * `eslint` and `clerk-guard check` there — against ESLint 10 and the oldest ESLint 9
 * we support. ESLint 10 also runs with --concurrency to prove the rules are safe in
 * worker threads. The tarball is packed with --ignore-scripts: `npm test` has just built dist/,
 * and rebuilding it here would race the other test files that run the built CLI.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { REPO } from "../helpers.js";

const ESLINT_VERSIONS = ["10.15.0", "9.15.0"];
let tarball: string;
const work = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-packed-"));

function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, npm_config_update_notifier: "false", npm_config_fund: "false", npm_config_audit: "false" } });
}

const APP_FILES: Record<string, string> = {
  "app/layout.tsx": `import { ClerkProvider } from "@clerk/nextjs"
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html lang="en"><body><ClerkProvider>{children}</ClerkProvider></body></html>
}
`,
  "app/dashboard/profile.tsx": `'use client'
import { currentUser } from "@clerk/nextjs/server"
export async function Profile() {
  const user = await currentUser()
  return <p>{user?.firstName}</p>
}
`,
  "app/api/webhooks/clerk/route.ts": `import { db } from "@/lib/db"
export async function POST(req: Request) {
  const evt = await req.json()
  if (evt.type === "user.created") await db.user.create({ data: { clerkId: evt.data.id } })
  return new Response("ok")
}
`,
  "lib/db.ts": `export const db = { user: { create: async (_: unknown) => undefined } }\n`,
  "components/plain.js": `export const add = (a, b) => a + b\n`,
};

const EXPECTED = ["app/api/webhooks/clerk/route.ts:2 require-webhook-verification", "app/dashboard/profile.tsx:2 no-server-helpers-in-client"];

function findings(json: string, root: string): string[] {
  const results = JSON.parse(json) as Array<{ filePath: string; messages: Array<{ ruleId: string | null; line: number }> }>;
  return results
    .flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath).split(path.sep).join("/")}:${m.line} ${(m.ruleId ?? "fatal").replace("clerk-guard/", "")}`))
    .sort();
}

beforeAll(() => {
  const out = npm(["pack", "--silent", "--ignore-scripts", "--pack-destination", work], REPO).trim().split("\n").pop()!;
  tarball = path.join(work, out);
}, 300_000);

describe.each(ESLINT_VERSIONS)("packed tarball with ESLint %s", (eslintVersion) => {
  const dir = path.join(work, `app-eslint-${eslintVersion}`);

  beforeAll(() => {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "packed-app", private: true, type: "module", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0" } }, null, 2),
    );
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { jsx: "preserve", paths: { "@/*": ["./*"] } } }));
    fs.writeFileSync(
      path.join(dir, "eslint.config.mjs"),
      `import clerkGuard from "clerk-guard";
import tsParser from "@typescript-eslint/parser";
export default [
  { files: ["**/*.{ts,tsx}"], languageOptions: { parser: tsParser } },
  { files: ["**/*.{js,jsx}"], languageOptions: { parserOptions: { ecmaFeatures: { jsx: true } } } },
  clerkGuard.configs.recommended,
];
`,
    );
    for (const [rel, text] of Object.entries(APP_FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    // only the linter toolchain is installed; the app's own dependencies are never needed to lint it
    npm(["install", "--no-save", "--prefer-offline", "--ignore-scripts", tarball, `eslint@${eslintVersion}`, "@typescript-eslint/parser@8"], dir);
  }, 600_000);

  it("eslint with clerkGuard.configs.recommended reports the planted findings", () => {
    const r = spawnSync(process.execPath, [path.join(dir, "node_modules", "eslint", "bin", "eslint.js"), "-f", "json", "."], { cwd: dir, encoding: "utf8" });
    expect(r.stderr).toBe("");
    expect(findings(r.stdout, dir)).toEqual(EXPECTED);
    expect(r.status).toBe(1);
  });

  it("npx clerk-guard check reports the same findings", () => {
    const r = spawnSync("npx", ["--no-install", "clerk-guard", "check", "--format", "json"], { cwd: dir, encoding: "utf8" });
    expect(findings(r.stdout, dir)).toEqual(EXPECTED);
    expect(r.status).toBe(1);
  });

  if (eslintVersion.startsWith("10.")) {
    it("is safe under eslint --concurrency", () => {
      const r = spawnSync(process.execPath, [path.join(dir, "node_modules", "eslint", "bin", "eslint.js"), "--concurrency", "2", "-f", "json", "."], { cwd: dir, encoding: "utf8" });
      expect(findings(r.stdout, dir)).toEqual(EXPECTED);
    });
  }
});
