/**
 * `check --engine oxlint|eslint|auto` and `ci --engine`: the oxlint engine gives byte for byte the
 * output of the ESLint engine (JSON, SARIF with its fingerprints, ci's report), on every fixture
 * app and on the files it cannot settle alone (disable comments, fixes, suggestions, parse
 * errors); a missing oxlint is a usage error, a broken one falls back to ESLint with one note.
 */
import fs from "node:fs";
import path from "node:path";
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { APPS, REPO } from "../helpers.js";
import { runCli } from "../cli-run.js";
import { TempRepo } from "../git-repo.js";
import { tempDir, tempProject } from "../temp.js";
import { AUTO_MIN_FILES } from "../../src/engine/oxlint-install.js";

const apps = fs.readdirSync(APPS).filter((name) => fs.statSync(path.join(APPS, name)).isDirectory());

/** check with one engine; CLERK_GUARD_DEBUG=1 names the engine used on stderr. */
function check(engine: string, args: string[], cwd = REPO, bin = path.join(REPO, "bin", "clerk-guard.js")) {
  const r = spawnSync(process.execPath, [bin, "check", "--engine", engine, ...args], {
    cwd,
    encoding: "utf8",
    timeout: 300_000,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: "1", VITEST: "", CLERK_GUARD_DEBUG: "1" },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function engineLine(stderr: string): string {
  return /^clerk-guard: engine: .*$/m.exec(stderr)?.[0] ?? "";
}

/** Files oxlint settled, from the debug line ("engine: oxlint (12 file(s) from oxlint)"). */
function fromOxlint(stderr: string): number {
  return Number(/\((\d+) file\(s\) from oxlint\)/.exec(stderr)?.[1] ?? -1);
}

/** stderr without the debug lines, which differ by engine on purpose. */
function userStderr(stderr: string): string {
  return stderr
    .split("\n")
    .filter((l) => !/^clerk-guard: (engine|cache):/.test(l))
    .join("\n");
}

describe.each(apps)("fixtures/apps/%s", (name) => {
  it("check -f json and SARIF are byte-identical with --engine oxlint and --engine eslint", () => {
    const out = tempDir("clerk-guard-engine-");
    const app = path.join(APPS, name);
    const ox = check("oxlint", ["-f", "json", "-f", `sarif=${path.join(out, "ox.sarif")}`, app]);
    const es = check("eslint", ["-f", "json", "-f", `sarif=${path.join(out, "es.sarif")}`, app]);
    expect(es.status).not.toBe(2);
    expect(ox.stdout).toBe(es.stdout);
    expect(ox.status).toBe(es.status);
    expect(userStderr(ox.stderr)).toBe(userStderr(es.stderr));
    expect(fs.readFileSync(path.join(out, "ox.sarif"), "utf8")).toBe(fs.readFileSync(path.join(out, "es.sarif"), "utf8"));
    // oxlint really did the work: it settled the app's code files, ESLint only the rest
    expect(engineLine(ox.stderr)).toMatch(/engine: oxlint/);
    const codeFiles = (JSON.parse(es.stdout) as Array<{ filePath: string }>).filter((r) => /\.[cm]?[jt]sx?$/.test(r.filePath)).length;
    expect(fromOxlint(ox.stderr)).toBeGreaterThan(codeFiles / 2);
    expect(engineLine(es.stderr)).toMatch(/engine: eslint \(0 file/);
  });
});

const NEXT7 = JSON.stringify({ name: "edge-app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0", react: "^19.2.0" } });

/** An app with what oxlint cannot settle alone, beside plain files it can. */
const EDGE_APP: Record<string, string> = {
  "package.json": NEXT7,
  // no-legacy-api: two fixes of one import merged into one, as ESLint does
  "components/site-header.tsx": `import { SignInButton, SignedIn, SignedOut, UserButton } from "@clerk/nextjs"

export function SiteHeader() {
  return (
    <header>
      <SignedOut>
        <SignInButton />
      </SignedOut>
      <SignedIn>
        <UserButton />
      </SignedIn>
    </header>
  )
}
`,
  // await-auth: a suggestion
  "app/api/mail/callback/route.ts": `import { auth } from "@clerk/nextjs/server"
import { NextResponse } from "next/server"
export const GET = async () => {
  const { userId } = await auth
  if (!userId) return NextResponse.json({ message: "Unauthorized" }, { status: 401 })
  return NextResponse.json({ userId })
}
`,
  // a finding suppressed by an eslint-disable comment with a justification, one left standing
  "app/api/legacy/route.ts": `import { auth } from "@clerk/nextjs/server"
import { NextResponse } from "next/server"

export async function GET() {
  // eslint-disable-next-line clerk-guard/await-auth -- migrated in the next release
  const { userId } = auth()
  return NextResponse.json({ userId })
}

export async function POST() {
  const { sessionId } = auth()
  return NextResponse.json({ sessionId })
}
`,
  // oxlint honours oxlint-disable comments, ESLint does not: the finding stands
  "app/api/other/route.ts": `import { auth } from "@clerk/nextjs/server"
export async function GET() {
  // oxlint-disable-next-line clerk-guard/await-auth
  const { userId } = auth()
  return Response.json({ userId })
}
`,
  // a parse error: ESLint's wording
  "app/broken/page.tsx": "export default function Page( {\n",
  // a byte-order mark and characters outside ASCII before the reported range
  "app/café/page.tsx": `\uFEFFimport { auth } from "@clerk/nextjs/server"
export default async function Café() { const t = "héllo 😀"; const { userId } = auth(); return <p>{t}{userId}</p> }
`,
  "app/layout.tsx": `import { ClerkProvider } from "@clerk/nextjs"
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <ClerkProvider><html><body>{children}</body></html></ClerkProvider>
}
`,
  "proxy.ts": `import { clerkMiddleware } from "@clerk/nextjs/server"
export default clerkMiddleware()
export const config = { matcher: ["/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)", "/(api|trpc)(.*)"] }
`,
  "lib/format.ts": `export function formatDate(d: Date): string {\n  return d.toISOString().slice(0, 10)\n}\n`,
  "lib/money.ts": `export const cents = (n: number) => Math.round(n * 100)\n`,
};

interface JsonMessage {
  ruleId: string | null;
  fatal?: boolean;
  fix?: unknown;
  suggestions?: unknown[];
  suppressions?: Array<{ kind: string; justification: string }>;
}

describe("the files oxlint cannot settle alone", () => {
  it("disable comments, merged fixes, suggestions, parse errors and positions after non-ASCII text come out as ESLint's", () => {
    const dir = tempProject(EDGE_APP, "clerk-guard-engine-edge-");
    const ox = check("oxlint", ["-f", "json", "."], dir);
    const es = check("eslint", ["-f", "json", "."], dir);
    expect(ox.stdout).toBe(es.stdout);
    expect(ox.status).toBe(1);
    expect(es.status).toBe(1);
    expect(fromOxlint(ox.stderr)).toBeGreaterThanOrEqual(4);

    const results = JSON.parse(es.stdout) as Array<{ filePath: string; messages: JsonMessage[]; suppressedMessages: JsonMessage[] }>;
    const of = (rel: string) => results.find((r) => r.filePath === path.join(dir, rel))!;
    expect(of("components/site-header.tsx").messages.filter((m) => m.fix)).toHaveLength(2);
    expect(of("app/api/mail/callback/route.ts").messages[0]!.suggestions).toHaveLength(1);
    expect(of("app/api/legacy/route.ts").messages).toHaveLength(1);
    expect(of("app/api/legacy/route.ts").suppressedMessages).toMatchObject([{ ruleId: "clerk-guard/await-auth", suppressions: [{ kind: "directive", justification: "migrated in the next release" }] }]);
    expect(of("app/api/other/route.ts").messages.map((m) => m.ruleId)).toEqual(["clerk-guard/await-auth"]);
    expect(of("app/broken/page.tsx").messages).toMatchObject([{ ruleId: null, fatal: true }]);
    expect(of("app/café/page.tsx").messages.map((m) => m.ruleId)).toEqual(["clerk-guard/await-auth"]);
  });

  it("the result cache works with both engines: a warm run gives the cold run's output, whichever engine filled the cache", () => {
    const dir = tempProject(EDGE_APP, "clerk-guard-engine-cache-");
    const cold = check("oxlint", ["-f", "json", "--cache", "."], dir);
    const warm = check("eslint", ["-f", "json", "--cache", "."], dir);
    const warmOx = check("oxlint", ["-f", "json", "--cache", "."], dir);
    const plain = check("eslint", ["-f", "json", "."], dir);
    expect(cold.stdout).toBe(plain.stdout);
    expect(warm.stdout).toBe(plain.stdout);
    expect(warmOx.stdout).toBe(plain.stdout);
    // every file was a cache hit: nothing left for oxlint to run on
    expect(engineLine(warmOx.stderr)).toMatch(/engine: eslint \(0 file/);
  });
});

describe("the project's oxlint configuration is never read", () => {
  it("root and nested .oxlintrc.json, oxlint.config.mjs/.ts and their jsPlugins: none is loaded, the findings are ours", () => {
    // each plugin and config writes a file when loaded
    const marker = (name: string) => `import fs from "node:fs";\nfs.writeFileSync(new URL("./PWNED-${name}", import.meta.url), "ran");\n`;
    const files: Record<string, string> = {
      ...EDGE_APP,
      "evil-plugin.mjs": `${marker("plugin")}export default { meta: { name: "evil" }, rules: {} };\n`,
      ".oxlintrc.json": JSON.stringify({ jsPlugins: ["./evil-plugin.mjs"], rules: { "clerk-guard/await-auth": "off" } }),
      "app/.oxlintrc.json": JSON.stringify({ jsPlugins: ["../evil-plugin.mjs"], rules: { "clerk-guard/no-legacy-api": "off" } }),
      "oxlint.config.mjs": `${marker("config-mjs")}export default { jsPlugins: ["./evil-plugin.mjs"] };\n`,
      "oxlint.config.ts": `${marker("config-ts")}export default { jsPlugins: ["./evil-plugin.mjs"] };\n`,
    };
    const dir = tempProject(files, "clerk-guard-engine-configs-");
    const ox = check("oxlint", ["-f", "json", "."], dir);
    const es = check("eslint", ["-f", "json", "."], dir);
    expect(fromOxlint(ox.stderr)).toBeGreaterThanOrEqual(4);
    expect(ox.stdout).toBe(es.stdout);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith("PWNED"))).toEqual([]);
    // the rules the project's configs turn off still report
    const rules = (JSON.parse(ox.stdout) as Array<{ messages: JsonMessage[] }>).flatMap((r) => r.messages.map((m) => m.ruleId));
    expect(rules).toContain("clerk-guard/await-auth");
    expect(rules).toContain("clerk-guard/no-legacy-api");
  });
});

describe("--engine values and auto", () => {
  it("a bad --engine value is a one-line usage error (exit 2)", () => {
    const r = runCli(["check", "--engine", "fast", "fixtures/apps/ai-written"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("clerk-guard: --engine must be one of oxlint, eslint, auto, got 'fast'\n");
  });

  it(`auto lints a small project with ESLint and one of ${AUTO_MIN_FILES}+ code files with oxlint, with the same output`, () => {
    const small = check("auto", ["-f", "json", path.join(APPS, "ai-written")]);
    expect(engineLine(small.stderr)).toMatch(/engine: eslint \(0 file/);

    const files: Record<string, string> = { ...EDGE_APP };
    for (let i = 0; i < AUTO_MIN_FILES; i++) files[`lib/widgets/widget-${i}.ts`] = `export function widget${i}(n: number): number {\n  return n * ${i}\n}\n`;
    const dir = tempProject(files, "clerk-guard-engine-auto-");
    const big = check("auto", ["-f", "json", "."], dir);
    expect(engineLine(big.stderr)).toMatch(/engine: oxlint/);
    expect(fromOxlint(big.stderr)).toBeGreaterThanOrEqual(AUTO_MIN_FILES);
    expect(big.stdout).toBe(check("eslint", ["-f", "json", "."], dir).stdout);
  });

  it("check --staged lints staged blobs that differ from the disk with ESLint, the rest with oxlint, with ESLint's output", () => {
    const repo = new TempRepo("clerk-guard-engine-staged-");
    for (const [rel, text] of Object.entries(EDGE_APP)) repo.write(rel, text);
    repo.git("add", "-A");
    // the working tree moves on after staging: the staged text is what is linted
    repo.write("lib/format.ts", `import { auth } from "@clerk/nextjs/server"\nexport const who = () => auth()\n`);
    const ox = check("oxlint", ["--staged", "-f", "json"], repo.dir);
    const es = check("eslint", ["--staged", "-f", "json"], repo.dir);
    expect(ox.stdout).toBe(es.stdout);
    expect(ox.status).toBe(es.status);
    expect(fromOxlint(ox.stderr)).toBeGreaterThanOrEqual(3);
    const staged = (JSON.parse(es.stdout) as Array<{ filePath: string; messages: unknown[] }>).find((r) => r.filePath === repo.path("lib/format.ts"));
    expect(staged?.messages).toEqual([]);
  });
});

/**
 * A copy of the built package whose dependency tree is the repository's, less oxlint (or with a
 * broken oxlint in its place): how clerk-guard runs when it is installed without the optional peer.
 */
function installWithout(oxlint: "missing" | "broken" | "hanging"): string {
  const root = tempDir("clerk-guard-engine-install-");
  const pkg = path.join(root, "node_modules", "clerk-guard");
  fs.mkdirSync(pkg, { recursive: true });
  fs.cpSync(path.join(REPO, "dist"), path.join(pkg, "dist"), { recursive: true });
  fs.cpSync(path.join(REPO, "bin"), path.join(pkg, "bin"), { recursive: true });
  fs.copyFileSync(path.join(REPO, "package.json"), path.join(pkg, "package.json"));
  for (const name of fs.readdirSync(path.join(REPO, "node_modules"))) {
    if (name === "oxlint" || name === ".bin" || name === "clerk-guard" || name.startsWith(".")) continue;
    fs.symlinkSync(path.join(REPO, "node_modules", name), path.join(root, "node_modules", name));
  }
  if (oxlint !== "missing") {
    const fake = path.join(root, "node_modules", "oxlint");
    fs.mkdirSync(path.join(fake, "bin"), { recursive: true });
    fs.writeFileSync(path.join(fake, "package.json"), JSON.stringify({ name: "oxlint", version: "1.96.0", type: "module", bin: { oxlint: "bin/oxlint" } }));
    fs.writeFileSync(
      path.join(fake, "bin", "oxlint"),
      oxlint === "broken"
        ? // prints something that is not oxlint's JSON report
          `process.stdout.write("thread 'main' panicked\\n");\n`
        : // never finishes
          `setTimeout(() => {}, 600_000);\n`,
    );
  }
  return path.join(pkg, "bin", "clerk-guard.js");
}

describe("without a working oxlint", () => {
  it("--engine oxlint with oxlint not installed beside clerk-guard: one line, exit 2; auto falls back to ESLint", () => {
    const bin = installWithout("missing");
    const app = path.join(APPS, "ai-written");
    const r = check("oxlint", ["-f", "json", app], REPO, bin);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("clerk-guard: --engine oxlint: oxlint >= 1.96 is not installed beside clerk-guard (npm install --save-dev oxlint), or use --engine eslint\n");
    // an oxlint in the scanned project is never run, whatever the engine asked for
    const files: Record<string, string> = { ...EDGE_APP };
    for (let i = 0; i < AUTO_MIN_FILES; i++) files[`lib/widgets/widget-${i}.ts`] = `export const widget${i} = ${i}\n`;
    files["node_modules/oxlint/package.json"] = JSON.stringify({ name: "oxlint", version: "1.96.0", type: "module", bin: { oxlint: "bin/oxlint" } });
    files["node_modules/oxlint/bin/oxlint"] = `import fs from "node:fs";\nfs.writeFileSync(new URL("../../../PWNED", import.meta.url), "ran");\n`;
    const project = tempProject(files, "clerk-guard-engine-hostile-");
    expect(check("oxlint", ["-f", "json", "."], project, bin).status).toBe(2);
    const auto = check("auto", ["-f", "json", "."], project, bin);
    expect(engineLine(auto.stderr)).toMatch(/engine: eslint \(0 file/);
    expect(auto.stdout).toBe(check("eslint", ["-f", "json", "."], project).stdout);
    expect(fs.existsSync(path.join(project, "PWNED"))).toBe(false);
  });

  it("a broken oxlint: every file linted with ESLint, one note line, the same output", () => {
    const bin = installWithout("broken");
    const app = path.join(APPS, "v7-app");
    const r = check("oxlint", ["-f", "json", app], REPO, bin);
    const es = check("eslint", ["-f", "json", app]);
    expect(r.stdout).toBe(es.stdout);
    expect(r.status).toBe(es.status);
    const notes = r.stderr.split("\n").filter((l) => l.includes("oxlint engine failed"));
    expect(notes).toEqual(["clerk-guard: note: the oxlint engine failed (oxlint's output could not be read), so ESLint linted every file"]);
  });

  it("an oxlint that does not finish is killed at the timeout: every file linted with ESLint, one note line", () => {
    const bin = installWithout("hanging");
    const app = path.join(APPS, "express-app");
    const r = spawnSync(process.execPath, [bin, "check", "--engine", "oxlint", "-f", "json", app], {
      encoding: "utf8",
      timeout: 120_000,
      env: { ...process.env, NO_COLOR: "1", VITEST: "", CLERK_GUARD_DEBUG: "", CLERK_GUARD_OXLINT_TIMEOUT_MS: "3000" },
    });
    expect(r.stdout).toBe(check("eslint", ["-f", "json", app]).stdout);
    expect(r.stderr.split("\n").filter((l) => l.includes("oxlint"))).toEqual(["clerk-guard: note: the oxlint engine failed (oxlint timed out), so ESLint linted every file"]);
  });
});

describe("ci --engine", () => {
  it("scores a pull request the same with --engine oxlint and --engine eslint", () => {
    const repo = new TempRepo("clerk-guard-engine-ci-");
    repo.copyApp("core3-clean");
    repo.write("src/app/api/legacy/route.ts", EDGE_APP["app/api/legacy/route.ts"]!);
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "pr");
    repo.write("src/app/api/mail/callback/route.ts", EDGE_APP["app/api/mail/callback/route.ts"]!);
    repo.write("src/components/site-header.tsx", EDGE_APP["components/site-header.tsx"]!);
    repo.commit("pr: two findings");
    const env = { GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "", GITHUB_OUTPUT: "", GITHUB_BASE_REF: "", CLERK_GUARD_TIMING: "1" };
    const ox = runCli(["ci", "--base", "main", "-f", "report", "--engine", "oxlint"], { cwd: repo.dir, env });
    const es = runCli(["ci", "--base", "main", "-f", "report", "--engine", "eslint"], { cwd: repo.dir, env });
    expect(ox.stdout).toBe(es.stdout);
    expect(ox.status).toBe(1);
    expect(es.status).toBe(1);
    const report = JSON.parse(ox.stdout) as { findings: Array<{ ruleId: string }> };
    expect(report.findings.map((f) => f.ruleId).sort()).toEqual(["clerk-guard/await-auth", "clerk-guard/no-legacy-api", "clerk-guard/no-legacy-api"]);
    // the untouched files of both trees went through oxlint
    expect(ox.stderr).toMatch(/lint head \(\d+ files, oxlint: [1-9]\d* from oxlint\)/);
    expect(es.stderr).toMatch(/lint head \(\d+ files, eslint: 0 from oxlint\)/);
  });
});
