/**
 * The published package, configured as the README says: `npm pack` the package, install
 * the tarball into fresh projects with ESLint 9 (the oldest supported, 9.15, and the
 * latest 9) and 10, write each flat config of the README's "ESLint config" section
 * verbatim (ESM, CommonJS, TypeScript; alone, with eslint-config-next, with
 * typescript-eslint), and run `eslint .` on an app with .js, .jsx, .ts and .tsx files:
 * every file is linted and the clerk-guard findings equal `clerk-guard check`'s.
 * Only the linter toolchain (and, for eslint-config-next, `next`, whose Babel parser it
 * loads) is installed; the app's Clerk version comes from its package.json.
 */
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type Block, npmInstall, packTarball, readmeBlocks, sh, tempDir } from "./install-helpers.js";

let tarball: string;
let work: string;

const ESLINT = ["9.15.0", "9.39.5", "10.15.0"];

const APP: Record<string, string> = {
  "app/layout.tsx": `import { ClerkProvider } from "@clerk/nextjs"
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html lang="en"><body><ClerkProvider>{children}</ClerkProvider></body></html>
}
`,
  // JSX in a .js file, as Next.js apps write it
  "app/dashboard/profile.js": `'use client'
import { currentUser } from "@clerk/nextjs/server"
export async function Profile() {
  const user = await currentUser()
  return <p>{user?.firstName}</p>
}
`,
  "components/admin-badge.jsx": `import { auth } from "@clerk/nextjs/server"
export default async function AdminBadge() {
  const { sessionClaims } = await auth()
  if (sessionClaims?.unsafeMetadata?.role === "admin") return <span>admin</span>
  return null
}
`,
  "app/api/webhooks/clerk/route.ts": `import { db } from "@/lib/db"
export async function POST(req: Request) {
  const evt = await req.json()
  if (evt.type === "user.created") await db.user.create({ data: { clerkId: evt.data.id } })
  return new Response("ok")
}
`,
  "app/account/page.tsx": `import { auth } from "@clerk/nextjs/server"
export default async function Account() {
  const { userId } = auth()
  return <main>{userId}</main>
}
`,
  "lib/db.ts": `export const db = { user: { create: async (_: unknown) => undefined } }\n`,
  "lib/greeting.mjs": `export const greeting = (name) => \`Hello, \${name}\`\n`,
  "scripts/seed.cjs": `const { greeting } = require("./names.cjs")\nmodule.exports = () => greeting\n`,
  "scripts/names.cjs": `module.exports = { greeting: "hi" }\n`,
};

const EXPECTED = [
  "app/account/page.tsx:3:22 await-auth",
  "app/api/webhooks/clerk/route.ts:2:23 require-webhook-verification",
  "app/dashboard/profile.js:2:10 no-server-helpers-in-client",
  "components/admin-badge.jsx:4:7 no-unsafe-metadata-authz",
];

interface Snippet {
  /** Position among the README's configs (1-based). */
  n: number;
  file: string;
  text: string;
  /** Oldest ESLint that runs it. */
  minEslint: string;
  packages: string[];
}

/** The README's flat configs: code blocks whose first line names the config file. */
function snippets(): Snippet[] {
  const configs = readmeBlocks("### ESLint config").filter((b: Block) => /^\/\/ eslint\.config\.[cm]?[jt]s\n/.test(b.text));
  return configs.map((b: Block, i) => {
    const m = /^\/\/ (eslint\.config\.[cm]?[jt]s)\n/.exec(b.text)!;
    const packages: string[] = [];
    let minEslint = "9.15.0";
    if (m[1]!.endsWith("ts")) {
      packages.push("jiti@2");
      minEslint = "9.18.0";
    }
    if (b.text.includes('"eslint/config"')) minEslint = "9.22.0";
    if (b.text.includes("eslint-config-next")) packages.push("eslint-config-next@16.4.6", "next@16.4.5");
    if (b.text.includes('"typescript-eslint"')) packages.push("typescript-eslint@8.73.0");
    return { n: i + 1, file: m[1]!, text: b.text, minEslint, packages };
  });
}

function atLeast(version: string, min: string): boolean {
  const a = version.split(".").map(Number);
  const b = min.split(".").map(Number);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

interface Result {
  filePath: string;
  messages: Array<{ ruleId: string | null; line: number; column: number; message: string; fatal?: boolean }>;
}

/** "path:line:col rule" of clerk-guard findings and parse errors; and the files that were linted. */
function summarize(json: string, root: string): { findings: string[]; linted: string[] } {
  const results = JSON.parse(json) as Result[];
  const rel = (f: string) => path.relative(root, f).split(path.sep).join("/");
  const findings = results
    .flatMap((r) => r.messages.filter((m) => m.fatal || m.ruleId === null || m.ruleId.startsWith("clerk-guard/")).map((m) => `${rel(r.filePath)}:${m.line}:${m.column} ${m.ruleId?.replace("clerk-guard/", "") ?? `fatal: ${m.message}`}`))
    .sort();
  return { findings, linted: results.map((r) => rel(r.filePath)).sort() };
}

const snippetList = snippets();

beforeAll(() => {
  work = tempDir("clerk-guard-packed-");
  tarball = packTarball(work);
}, 180_000);

it("the README's ESLint config section has the five flat configs", () => {
  expect(snippetList.map((s) => s.file)).toEqual(["eslint.config.mjs", "eslint.config.cjs", "eslint.config.ts", "eslint.config.mjs", "eslint.config.mjs"]);
});

describe.each(ESLINT)("packed tarball with ESLint %s", (eslintVersion) => {
  const runnable = snippetList.filter((s) => atLeast(eslintVersion, s.minEslint));
  let dir: string;
  let cli: { findings: string[]; linted: string[] };

  beforeAll(() => {
    dir = path.join(work, `app-eslint-${eslintVersion}`);
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "packed-app", private: true, type: "module" }, null, 2) + "\n");
    const packages = [...new Set(runnable.flatMap((s) => s.packages))];
    npmInstall(dir, [tarball, `eslint@${eslintVersion}`, ...packages]);
    // the app's own dependencies: declared (clerk-guard reads the Clerk major from here), not installed
    fs.writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "packed-app", private: true, type: "module", dependencies: { "@clerk/nextjs": "^7.9.0", next: "16.4.5", react: "^19.2.0" } }, null, 2) + "\n",
    );
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { jsx: "preserve", strict: true, paths: { "@/*": ["./*"] } } }, null, 2) + "\n");
    for (const [rel, text] of Object.entries(APP)) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), text);
    }
    const r = sh("npx", ["--no-install", "clerk-guard", "check", "--format", "json"], { cwd: dir, timeout: 120_000 });
    expect(r.status, r.stderr).toBe(1);
    cli = summarize(r.stdout, dir);
  }, 900_000);

  it("clerk-guard check (npx --no-install) finds the planted anti-patterns in .js, .jsx, .ts and .tsx files", () => {
    expect(cli.findings).toEqual(EXPECTED);
  });

  it.each(runnable.map((s) => [`README config ${s.n}, ${s.file}${s.packages.length ? ` (with ${s.packages.map((p) => p.replace(/@[^@]*$/, "")).join(", ")})` : ""}`, s] as const))(
    "%s: eslint lints every app file and reports what clerk-guard check reports",
    (_name, snippet) => {
      for (const f of fs.readdirSync(dir)) if (f.startsWith("eslint.config.")) fs.rmSync(path.join(dir, f));
      fs.writeFileSync(path.join(dir, snippet.file), snippet.text);
      const r = sh(process.execPath, [path.join(dir, "node_modules", "eslint", "bin", "eslint.js"), "-f", "json", "."], { cwd: dir, timeout: 180_000 });
      expect(r.stderr).toBe("");
      const eslint = summarize(r.stdout, dir);
      for (const rel of Object.keys(APP)) expect(eslint.linted, `${rel} was not linted`).toContain(rel);
      expect(eslint.findings).toEqual(cli.findings);
      expect(r.status).toBe(1);
    },
  );

  if (eslintVersion.startsWith("10.")) {
    it("is safe under eslint --concurrency (rules in worker threads)", () => {
      for (const f of fs.readdirSync(dir)) if (f.startsWith("eslint.config.")) fs.rmSync(path.join(dir, f));
      fs.writeFileSync(path.join(dir, snippetList[0]!.file), snippetList[0]!.text);
      const r = sh(process.execPath, [path.join(dir, "node_modules", "eslint", "bin", "eslint.js"), "--concurrency", "2", "-f", "json", "."], { cwd: dir, timeout: 180_000 });
      expect(summarize(r.stdout, dir).findings).toEqual(cli.findings);
    });
  }
});
