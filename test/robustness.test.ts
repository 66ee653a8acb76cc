/**
 * Robustness: every rule over broken, truncated, mutated and hostile input,
 * through the production pipeline (a rule that throws reports an internal-error
 * finding; nothing rethrows under the test runner). No rule may crash; parse
 * errors come back as parse-error findings; time stays bounded.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { listCodeFiles } from "../src/analysis/project/discover.js";
import { type AnalyzeOptions, analyze } from "../src/findings/analyze.js";
import { REPO } from "./helpers.js";
import { rng } from "./random.js";
import { tempProject } from "./temp.js";

/** Lint with the `all` config, as the CLI does; paths relative to the file's own directory. */
function lintFiles(files: readonly string[], options: Partial<AnalyzeOptions> = {}) {
  const root = options.root ?? path.dirname(files[0] ?? REPO);
  return analyze(files, { cwd: root, root, config: "all", ...options });
}

const FIXTURES = path.join(REPO, "fixtures");

function allFixtureFiles(): string[] {
  const out: string[] = [];
  for (const group of ["apps", "projects"]) {
    const base = path.join(FIXTURES, group);
    if (!fs.existsSync(base)) continue;
    for (const entry of fs.readdirSync(base)) out.push(...listCodeFiles(path.join(base, entry)));
  }
  return out;
}

/** Lint in-memory variants of files as if they were on disk at `file`: crashes, and how many variants did not parse. */
function lintVariants(file: string, variants: string[]): { problems: string[]; unparsed: number } {
  const problems: string[] = [];
  let unparsed = 0;
  for (const text of variants) {
    const { files: results } = lintFiles([file], { contents: new Map([[file, text]]) });
    for (const r of results) {
      for (const f of r.findings) {
        if (f.ruleId === "internal-error") problems.push(`${path.relative(REPO, file)}: ${f.message}`);
        // a fatal message is a parse error, and a parse error is the file's only finding
        if (f.fatal) {
          unparsed++;
          if (f.ruleId !== "parse-error" || r.findings.length !== 1) problems.push(`${path.relative(REPO, file)}: fatal ${f.ruleId} among ${r.findings.length} findings`);
        }
      }
    }
  }
  return { problems, unparsed };
}

const files = allFixtureFiles();

describe("robustness over fixtures", () => {
  it("has fixture files to torture", () => {
    expect(files.length).toBeGreaterThan(50);
  });

  it("survives every fixture file truncated at many cut points", () => {
    const problems: string[] = [];
    let unparsed = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, "utf8");
      const cuts = [1, 2, 3, 5, 8, 13].map((d) => Math.floor((text.length * d) / 21));
      const r = lintVariants(file, cuts.map((c) => text.slice(0, c)));
      problems.push(...r.problems);
      unparsed += r.unparsed;
    }
    expect(problems).toEqual([]);
    // truncation breaks most files: the parse-error path was exercised, not skipped
    expect(unparsed).toBeGreaterThan(files.length);
  });

  it("survives randomly mutated token streams", () => {
    const random = rng(20261122);
    const problems: string[] = [];
    for (const file of files) {
      const tokens = fs.readFileSync(file, "utf8").split(/(\s+|[{}()[\];,.<>=])/).filter((t) => t !== "");
      const variants: string[] = [];
      for (let k = 0; k < 4; k++) {
        const t = [...tokens];
        for (let n = 0; n < 3; n++) {
          const i = Math.floor(random() * t.length);
          const j = Math.floor(random() * t.length);
          const op = random();
          if (op < 0.33) t.splice(i, 1);
          else if (op < 0.66) t.splice(i, 0, t[j] ?? "");
          else [t[i], t[j]] = [t[j] ?? "", t[i] ?? ""];
        }
        variants.push(t.join(""));
      }
      problems.push(...lintVariants(file, variants).problems);
    }
    expect(problems).toEqual([]);
  });
});

const PKG = JSON.stringify({ name: "t", dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.0.0" } });
const CLIENT_BAD = `'use client'\nimport { currentUser } from "@clerk/nextjs/server"\nexport const x = currentUser\n`;

describe("hostile input", () => {
  it("handles a BOM and CRLF line endings like any file", () => {
    const dir = tempProject({ "package.json": PKG, "components/a.tsx": "\uFEFF" + CLIENT_BAD.replace(/\n/g, "\r\n") }, "clerk-guard-robust-");
    const { files: results } = lintFiles(listCodeFiles(dir), { root: dir });
    expect(results[0]!.findings.map((f) => [f.ruleId, f.line])).toEqual([["no-server-helpers-in-client", 2]]);
  });

  it("skips non-UTF-8 bytes and minified bundles over 1 MB", () => {
    const dir = tempProject(
      {
        "package.json": PKG,
        "lib/latin1.ts": Buffer.from("const a = '\xe9'\n", "latin1"),
        "public/app.min.js": "!function(){var a=1;".repeat(110_000) + "}()",
      },
      "clerk-guard-robust-",
    );
    const { files: results, skipped } = lintFiles(listCodeFiles(dir), { root: dir });
    expect(results).toEqual([]);
    expect([...skipped.keys()].sort()).toEqual(["not-utf8", "too-large"]);
  });

  it("survives 5,000 nested parentheses and a very long line", () => {
    const deep = "export const v = " + "(".repeat(5000) + "1" + ")".repeat(5000) + "\n";
    const long = "export const s = [" + Array.from({ length: 40_000 }, (_, i) => i).join(",") + "]\n";
    const dir = tempProject({ "package.json": PKG, "lib/deep.ts": deep, "lib/long.ts": long, "components/a.tsx": CLIENT_BAD }, "clerk-guard-robust-");
    const { files: results } = lintFiles(listCodeFiles(dir), { root: dir });
    expect(results).toHaveLength(3);
    expect(results.flatMap((r) => r.findings).filter((f) => f.ruleId === "internal-error")).toEqual([]);
    expect(results.find((r) => r.filePath.endsWith("a.tsx"))!.findings).toHaveLength(1);
  });

  it("does not follow symlink loops in the project tree", () => {
    const dir = tempProject({ "package.json": PKG, "app/page.tsx": "export default function Page() { return null }\n" }, "clerk-guard-robust-");
    fs.symlinkSync(dir, path.join(dir, "app", "loop"));
    fs.symlinkSync(path.join(dir, "app"), path.join(dir, "app", "loop2"));
    const found = listCodeFiles(dir);
    expect(found.map((f) => path.relative(dir, f))).toEqual([path.join("app", "page.tsx")]);
    const { files: results } = lintFiles(found, { root: dir });
    expect(results).toHaveLength(1);
  });
});

describe("statelessness", () => {
  it("gives the same findings for a file whatever was linted before it", () => {
    const bad = path.join(REPO, "fixtures", "apps", "ai-written", "components", "login-form.tsx");
    const alone = lintFiles([bad], { root: REPO }).files[0]!.findings;
    expect(alone.length).toBeGreaterThan(0);
    const others = files.filter((f) => f !== bad).slice(0, 60);
    const after = lintFiles([...others, bad], { root: REPO }).files.at(-1)!.findings;
    expect(after).toEqual(alone);
  });

  it("gives the same findings whatever the order of files", () => {
    const subset = files.slice(0, 40);
    const first = lintFiles(subset, { root: REPO }).files.map((r) => r.findings);
    expect(first.flat().length).toBeGreaterThan(0);
    const reversed = lintFiles([...subset].reverse(), { root: REPO }).files.map((r) => r.findings).reverse();
    expect(reversed).toEqual(first);
  });
});
