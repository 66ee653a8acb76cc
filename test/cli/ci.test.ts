/**
 * clerk-guard ci on temporary git repositories: base = the clean Core 3 app
 * (plus some pre-existing debt), head = an AI-style change.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "../cli-run.js";
import { CLIENT_FIXED, CLIENT_WITH_SERVER_HELPER, TempRepo } from "../git-repo.js";
import { tempDir } from "../temp.js";
import { D_ZERO, L_MAX, L_MIN, REPEAT_CAP, SEVERITY_WEIGHT } from "../../src/findings/score.js";

/** Environment of a run outside GitHub Actions, whatever the test runner's. */
const NO_GITHUB = {
  GITHUB_ACTIONS: "",
  GITHUB_STEP_SUMMARY: "",
  GITHUB_OUTPUT: "",
  GITHUB_BASE_REF: "",
  GITHUB_SERVER_URL: "",
  GITHUB_REPOSITORY: "",
  GITHUB_HEAD_REF: "",
  GITHUB_REF_NAME: "",
};

interface Report {
  score: number;
  grade: string;
  gate: { passed: boolean; reasons: string[]; minScore: number; failOn: string };
  stats: { changedLines: number; lEff: number; notScored: number; fixed: number; filesChanged: number };
  terms: {
    points: number;
    lEff: number;
    density: number;
    score: number;
    groups: Array<{ ruleId: string; relPath: string; severity: keyof typeof SEVERITY_WEIGHT; weight: number; count: number; counted: number; points: number }>;
    topContributors: unknown[];
  };
  findings: Array<{ ruleId: string; path: string; line: number; isNew: boolean; inDiff: boolean; fingerprint: string; ruleSeverity: string; message: string }>;
  fixed: Array<{ ruleId: string; path: string }>;
}

function ci(repo: TempRepo, args: string[] = [], env: Record<string, string> = {}, cwd = repo.dir) {
  const run = runCli(["ci", "--base", "main", "-f", "report", ...args], { cwd, env: { ...NO_GITHUB, ...env } });
  let report: Report | undefined;
  try {
    report = JSON.parse(run.stdout) as Report;
  } catch {
    report = undefined;
  }
  return { ...run, report: report! };
}

/** A route handler with a pre-existing high finding inside a function (await-auth). */
const LEGACY_ROUTE = `import { auth } from "@clerk/nextjs/server";
import { NextResponse } from "next/server";

export async function GET() {
  const { userId } = auth();
  return NextResponse.json({ userId });
}
`;

/** main: the clean app plus two pre-existing findings (debt); then a `pr` branch. */
function baseRepo(): TempRepo {
  const repo = new TempRepo("clerk-guard-ci-");
  repo.copyApp("core3-clean");
  repo.write("src/components/legacy-profile.tsx", CLIENT_WITH_SERVER_HELPER);
  repo.write("src/app/api/legacy/route.ts", LEGACY_ROUTE);
  repo.commit("base: clean app with two legacy findings");
  repo.git("checkout", "-q", "-b", "pr");
  return repo;
}

describe("clerk-guard ci: new vs pre-existing", () => {
  it("reports only the findings the PR introduces (paths with spaces and unicode included)", () => {
    const repo = baseRepo();
    repo.write("src/app/dashboard/my profile/café-card.tsx", CLIENT_WITH_SERVER_HELPER.replace("Profile", "CafeCard"));
    repo.write("src/lib/format.ts", repo.read("src/lib/format.ts") + "\nexport const VERSION = 2;\n");
    repo.commit("pr: AI-written card");
    const run = ci(repo);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(1);
    const r = run.report;
    expect(r.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`)).toEqual([
      "src/app/dashboard/my profile/café-card.tsx:2 clerk-guard/no-server-helpers-in-client",
    ]);
    expect(r.findings[0]).toMatchObject({ isNew: true, inDiff: true, ruleSeverity: "critical" });
    // the legacy findings exist at head too, but are not blamed on the PR
    expect(r.stats.notScored).toBe(2);
    expect(r.grade).toBe("E");
    expect(r.gate.passed).toBe(false);
    expect(r.gate.reasons.join(" ")).toMatch(/at or above critical/);
  });

  it("moving code around (lines inserted above, re-indented, functions reordered, file renamed) creates no new finding", () => {
    const repo = baseRepo();
    const moved =
      `// a long comment block pushed everything down\n`.repeat(20) +
      CLIENT_WITH_SERVER_HELPER.replace("export function Profile() {", "export function Other() {\n  return null;\n}\n\nexport   function   Profile()   {").replace(
        "  return <button",
        "      return <button",
      );
    repo.write("src/components/legacy-profile.tsx", moved);
    // the route's finding sits inside GET: shift it, re-indent it, add a function before it
    repo.write(
      "src/app/api/legacy/route.ts",
      LEGACY_ROUTE.replace("export async function GET() {", "const TTL = 60;\n\nexport function HEAD() {\n  return new Response(null);\n}\n\nexport async function GET() {\n  // cached for TTL seconds").replace(
        "  const { userId } = auth();",
        "    const {   userId   } =\n      auth();",
      ),
    );
    repo.commit("pr: reshuffle");
    const first = ci(repo);
    expect(first.report.findings).toEqual([]);
    expect(first.report.score).toBe(100);
    expect(first.status).toBe(0);

    repo.move("src/components/legacy-profile.tsx", "src/components/profile/legacy.tsx");
    repo.commit("pr: move the file");
    const second = ci(repo);
    expect(second.report.findings).toEqual([]);
    expect(second.report.fixed).toEqual([]);
    expect(second.status).toBe(0);
  });

  it("a PR that fixes a finding scores 100 and is credited", () => {
    const repo = baseRepo();
    repo.write("src/components/legacy-profile.tsx", CLIENT_FIXED);
    repo.commit("pr: fix the legacy component");
    const run = ci(repo);
    expect(run.status).toBe(0);
    expect(run.report.score).toBe(100);
    expect(run.report.grade).toBe("A");
    expect(run.report.findings).toEqual([]);
    expect(run.report.fixed).toEqual([{ ruleId: "clerk-guard/no-server-helpers-in-client", path: "src/components/legacy-profile.tsx", line: 2, message: expect.any(String), fingerprint: expect.any(String), ruleSeverity: "critical" }]);
    const text = runCli(["ci", "--base", "main"], { cwd: repo.dir, env: NO_GITHUB });
    expect(text.stdout).toMatch(/score 100\/100, grade A/);
    expect(text.stdout).toMatch(/fixed: no-server-helpers-in-client in src\/components\/legacy-profile\.tsx/);
  });

  it("the score terms add up to the printed score", () => {
    const repo = baseRepo();
    // 4 × the same critical rule in one file (counted 3 times), a high one elsewhere
    repo.write(
      "src/components/many.tsx",
      `'use client'\nimport { auth, currentUser, clerkClient } from "@clerk/nextjs/server";\nimport { verifyWebhook } from "@clerk/nextjs/webhooks";\nexport const all = [auth, currentUser, clerkClient, verifyWebhook];\n`,
    );
    repo.write(
      "src/app/api/sync/route.ts",
      `import { auth } from "@clerk/nextjs/server";\nimport { NextResponse } from "next/server";\n\nexport async function GET() {\n  const { userId } = auth();\n  return NextResponse.json({ userId });\n}\n`,
    );
    repo.write("src/lib/notes.ts", "export const notes = [\n" + Array.from({ length: 30 }, (_, i) => `  "note ${i}",\n`).join("") + "\n\n];\n");
    repo.commit("pr: several problems");
    const { report: r, status } = ci(repo, ["--fail-on", "none", "--min-score", "0"]);
    expect(status).toBe(0);
    const critical = r.terms.groups.find((g) => g.relPath === "src/components/many.tsx")!;
    expect(critical).toMatchObject({ ruleId: "no-server-helpers-in-client", severity: "critical", weight: 10, count: 4, counted: REPEAT_CAP, points: 30 });
    let points = 0;
    for (const g of r.terms.groups) {
      expect(g.weight).toBe(SEVERITY_WEIGHT[g.severity]);
      expect(g.counted).toBe(Math.min(g.count, REPEAT_CAP));
      expect(g.points).toBe(g.weight * g.counted);
      points += g.points;
    }
    expect(r.terms.points).toBe(points);
    expect(r.findings.length).toBe(r.terms.groups.reduce((n, g) => n + g.count, 0));
    // L = added non-blank lines: 4 + 6 + 32 (the two blank lines do not count)
    expect(r.stats.changedLines).toBe(4 + 6 + 32);
    const lEff = Math.min(L_MAX, Math.max(L_MIN, r.stats.changedLines));
    expect(r.terms.lEff).toBe(lEff);
    expect(r.terms.density).toBeCloseTo((100 * points) / lEff, 2);
    expect(r.score).toBe(Math.round(Math.max(0, 100 * (1 - (100 * points) / lEff / D_ZERO))));
    expect(r.grade).toBe("E");
  });

  it("handles deleted, renamed-with-changes and binary files without crashing; a changed code file it cannot read fails the gate", () => {
    const repo = baseRepo();
    repo.remove("src/lib/format.ts");
    repo.move("src/components/header.tsx", "src/components/site-header.tsx");
    repo.write("src/components/site-header.tsx", repo.read("src/components/site-header.tsx") + "\n// renamed\n");
    repo.write("public/logo.png", Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x01, 0x02]));
    repo.write("src/lib/blob.ts", Buffer.from([0x00, 0x61, 0x00, 0x62]));
    repo.commit("pr: churn");
    const run = ci(repo);
    // the image is not code; the .ts file holding NUL bytes is code nobody could check
    expect(run.report.findings.map((f) => `${f.path} ${f.ruleId} ${f.ruleSeverity}`)).toEqual(["src/lib/blob.ts clerk-guard/not-analyzed critical"]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/skipped 1 file\(s\) that are binary/);
    const allowed = ci(repo, ["--allow-unanalyzed"]);
    expect(allowed.status).toBe(0);
    expect(allowed.report.score).toBe(100);
    expect(allowed.report.findings.map((f) => f.ruleId)).toEqual(["clerk-guard/not-analyzed"]);
  });

  it("scopes: lines, files and all", () => {
    const repo = baseRepo();
    // a new finding on a changed line, and the legacy file touched elsewhere
    repo.write("src/components/legacy-profile.tsx", "// touched\n" + CLIENT_WITH_SERVER_HELPER);
    repo.write("src/components/new-card.tsx", CLIENT_WITH_SERVER_HELPER.replace("Profile", "NewCard"));
    repo.commit("pr");
    const ids = (scope: string) =>
      ci(repo, ["--scope", scope]).report.findings.map((f) => `${f.path} ${f.isNew ? "new" : "old"}`);
    expect(ids("new")).toEqual(["src/components/new-card.tsx new"]);
    expect(ids("lines")).toEqual(["src/components/new-card.tsx new"]);
    expect(ids("files")).toEqual(["src/components/legacy-profile.tsx old", "src/components/new-card.tsx new"]);
    expect(ids("all")).toEqual(["src/app/api/legacy/route.ts old", "src/components/legacy-profile.tsx old", "src/components/new-card.tsx new"]);
  });
});

describe("clerk-guard ci: monorepo package", () => {
  it("scores only the project in the working directory, with repository-relative paths", () => {
    const repo = new TempRepo("clerk-guard-ci-mono-");
    repo.write("package.json", JSON.stringify({ name: "mono", private: true, workspaces: ["apps/*"] }));
    repo.copyApp("core3-clean", "apps/web");
    repo.write("apps/other/package.json", JSON.stringify({ name: "other", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0" } }));
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "pr");
    repo.write("apps/web/src/components/card.tsx", CLIENT_WITH_SERVER_HELPER);
    repo.write("apps/other/components/card.tsx", CLIENT_WITH_SERVER_HELPER);
    repo.commit("pr");
    const run = ci(repo, ["-f", "github"], {}, repo.path("apps/web"));
    expect(run.status).toBe(1);
    const lines = run.stdout.split("\n");
    const report = JSON.parse(lines.filter((l) => !l.startsWith("::")).join("\n")) as Report;
    expect(report.findings.map((f) => f.path)).toEqual(["apps/web/src/components/card.tsx"]);
    expect(lines.find((l) => l.startsWith("::error"))).toMatch(/^::error file=apps\/web\/src\/components\/card\.tsx,/);
  });
});

describe("clerk-guard ci: anti-gaming", () => {
  it("a new eslint-disable for a clerk-guard rule without a reason is a finding with the rule's weight; with a reason it is not", () => {
    const repo = baseRepo();
    repo.write(
      "src/components/quiet.tsx",
      `'use client'\n// eslint-disable-next-line clerk-guard/no-server-helpers-in-client\nimport { currentUser } from "@clerk/nextjs/server";\nexport const q = currentUser;\n`,
    );
    repo.write(
      "src/components/explained.tsx",
      `'use client'\n// eslint-disable-next-line clerk-guard/no-server-helpers-in-client -- type-only re-export checked by tsc\nimport { currentUser } from "@clerk/nextjs/server";\nexport type Q = typeof currentUser;\n`,
    );
    repo.write(
      "src/components/bare.tsx",
      `'use client'\nimport { auth } from "@clerk/nextjs/server"; // eslint-disable-line\nexport const b = auth;\n`,
    );
    repo.commit("pr: silence the linter");
    const r = ci(repo).report;
    expect(r.findings.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.ruleSeverity}`)).toEqual([
      "src/components/bare.tsx:2 clerk-guard/unexplained-disable critical",
      "src/components/quiet.tsx:2 clerk-guard/unexplained-disable critical",
    ]);
    expect(r.findings[1]!.message).toMatch(/without a reason/);
  });

  it("turning clerk-guard rules off in the ESLint config is a finding", () => {
    const repo = new TempRepo("clerk-guard-ci-");
    repo.copyApp("core3-clean");
    repo.write(
      "eslint.config.mjs",
      `import clerkGuard from "clerk-guard";\nexport default [clerkGuard.configs.recommended];\n`,
    );
    repo.commit("base");
    repo.git("checkout", "-q", "-b", "pr");
    repo.write(
      "eslint.config.mjs",
      `import clerkGuard from "clerk-guard";\nexport default [\n  clerkGuard.configs.recommended,\n  { rules: { "clerk-guard/protect-server-actions": "off", "clerk-guard/await-auth": ["warn"] } },\n];\n`,
    );
    repo.commit("pr: relax");
    const r = ci(repo).report;
    expect(r.findings.map((f) => `${f.path}:${f.line} ${f.ruleId} ${f.ruleSeverity}`)).toEqual([
      "eslint.config.mjs:4 clerk-guard/rules-turned-off critical",
      "eslint.config.mjs:4 clerk-guard/rules-turned-off high",
    ]);
    repo.write("eslint.config.mjs", `export default [];\n`);
    repo.commit("pr: drop it");
    const dropped = ci(repo).report;
    expect(dropped.findings.map((f) => f.message)).toEqual(["The ESLint config no longer includes clerk-guard (it did before this change)"]);
  });

  it("the PR cannot accept its own findings through the baseline (the base tree's baseline is used)", () => {
    const repo = baseRepo();
    repo.write("src/components/new-card.tsx", CLIENT_WITH_SERVER_HELPER.replace("Profile", "NewCard"));
    const w = runCli(["baseline", "--write"], { cwd: repo.dir, env: NO_GITHUB });
    expect(w.status).toBe(0);
    repo.commit("pr: new finding + baseline that accepts it");
    const r = ci(repo).report;
    expect(r.findings.map((f) => f.path)).toEqual(["src/components/new-card.tsx"]);
  });
});

describe("clerk-guard ci: GitHub Actions integration", () => {
  it("writes $GITHUB_OUTPUT, the job summary and capped annotations; defaults the base to origin/$GITHUB_BASE_REF", () => {
    const repo = baseRepo();
    for (let i = 0; i < 12; i++) repo.write(`src/components/c${i}.tsx`, CLIENT_WITH_SERVER_HELPER.replace("Profile", `C${i}`));
    repo.commit("pr: many");
    repo.git("update-ref", "refs/remotes/origin/main", "main");
    const runner = tempDir("clerk-guard-runner-");
    const out = path.join(runner, "output.txt");
    const summary = path.join(runner, "summary.md");
    fs.writeFileSync(summary, "previous step\n");
    const sarif = path.join(runner, "clerk-guard.sarif");
    const run = runCli(["ci", "-f", "github", "-f", `sarif=${sarif}`], {
      cwd: repo.dir,
      env: { ...NO_GITHUB, GITHUB_ACTIONS: "true", GITHUB_BASE_REF: "main", GITHUB_HEAD_REF: "feature/profile", GITHUB_OUTPUT: out, GITHUB_STEP_SUMMARY: summary, GITHUB_SERVER_URL: "https://github.com", GITHUB_REPOSITORY: "acme/app" },
    });
    expect(run.status).toBe(1);
    const lines = run.stdout.trim().split("\n");
    expect(lines.filter((l) => l.startsWith("::error "))).toHaveLength(10);
    expect(lines.at(-1)).toMatch(/^::notice title=clerk-guard::2 more findings not annotated/);
    expect(lines[0]).toMatch(/^::error file=src\/components\/c\d+\.tsx,line=2,endLine=2,col=\d+,endColumn=\d+,title=clerk-guard\/no-server-helpers-in-client \(critical%2C new\)::/);
    const outputs = fs.readFileSync(out, "utf8");
    expect(outputs).toMatch(/^score=0\npassed=false\ngrade=E\nnew-findings=12\n$/);
    const md = fs.readFileSync(summary, "utf8");
    expect(md.startsWith("previous step\n## clerk-guard: ❌ failed · score 0/100 · grade E")).toBe(true);
    expect(md).toContain("https://github.com/acme/app/blob/");
    expect(md).toContain("### How the score was computed");
    const head = repo.git("rev-parse", "HEAD").trim();
    const provenance = (JSON.parse(fs.readFileSync(sarif, "utf8")) as { runs: Array<{ versionControlProvenance?: unknown }> }).runs[0]!.versionControlProvenance;
    expect(provenance).toEqual([{ repositoryUri: "https://github.com/acme/app", revisionId: head, branch: "feature/profile" }]);
  });
});

describe("clerk-guard ci: cannot compute → exit 2 with one line", () => {
  it("outside a git repository", () => {
    const dir = tempDir("clerk-guard-nogit-");
    const run = runCli(["ci"], { cwd: dir, env: { ...NO_GITHUB, GIT_CEILING_DIRECTORIES: path.dirname(dir) } });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/^clerk-guard: not a git repository: .*\n$/);
  });

  it("an unknown ref, or no base at all", () => {
    const repo = baseRepo();
    const bad = runCli(["ci", "--base", "no-such-branch"], { cwd: repo.dir, env: NO_GITHUB });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe("clerk-guard: unknown base ref 'no-such-branch': fetch it or pass another --base\n");
    const none = runCli(["ci"], { cwd: repo.dir, env: NO_GITHUB });
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/origin\/HEAD does not exist: pass --base/);
    expect(runCli(["ci", "--scope", "everything"], { cwd: repo.dir, env: NO_GITHUB }).status).toBe(2);
  });

  it("a shallow clone without the merge base names the fix (fetch-depth: 0)", () => {
    const repo = baseRepo();
    repo.write("src/components/new-card.tsx", CLIENT_WITH_SERVER_HELPER);
    repo.commit("pr 1");
    repo.write("src/components/new-card.tsx", CLIENT_FIXED);
    repo.commit("pr 2");
    repo.git("checkout", "-q", "main");
    repo.write("README.md", "main moved on\n");
    repo.commit("main 2");
    const clone = tempDir("clerk-guard-shallow-");
    repo.git("clone", "-q", "--depth", "1", "--no-single-branch", "--branch", "pr", `file://${repo.dir}`, clone);
    const run = runCli(["ci", "--base", "origin/main"], { cwd: clone, env: NO_GITHUB });
    expect(run.status).toBe(2);
    expect(run.stderr.trim().split("\n")).toHaveLength(1);
    expect(run.stderr).toMatch(/shallow clone.*fetch-depth: 0/);
  });
});
