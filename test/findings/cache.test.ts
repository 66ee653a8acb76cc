/**
 * The cache serves single-file rules from content hashes but re-runs every rule
 * that reads other files. This guards that classification against drift: a rule
 * (or a detector it imports) that reads the project index or the file system
 * must be declared docs.projectRule or listed in READS_OTHER_FILES.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../../src/rules/index.js";
import { READS_OTHER_FILES, isProjectDependent } from "../../src/findings/cache.js";
import { REPO } from "../helpers.js";

const SRC = path.join(REPO, "src");
/** Modules every rule reaches for per-file facts; their reads are covered by the package-facts hash. */
const PER_FILE_FACTS = new Set(["analysis/file-facts.ts", "analysis/project-info.ts", "analysis/fs-cache.ts", "analysis/caches.ts", "util/create-rule.ts"]);
const READS = /\b(getProjectIndex|readText|readJson|listDir|findWithExtensions|exists|statSafe|listCodeFiles|readFileSync|readdirSync)\s*\(/;

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, "utf8");
  const out: string[] = [];
  for (const m of text.matchAll(/from\s+["'](\.[^"']+)["']/g)) {
    const target = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ".ts"));
    if (fs.existsSync(target)) out.push(target);
  }
  return out;
}

function readsOtherFiles(entry: string): string | undefined {
  const seen = new Set<string>();
  const stack = [entry];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const rel = path.relative(SRC, file).split(path.sep).join("/");
    if (PER_FILE_FACTS.has(rel) || rel.startsWith("rules/index")) continue;
    if (READS.test(fs.readFileSync(file, "utf8"))) return rel;
    stack.push(...importsOf(file));
  }
  return undefined;
}

describe("result cache: rule classification", () => {
  for (const id of Object.keys(rules)) {
    it(`${id}`, () => {
      const reader = readsOtherFiles(path.join(SRC, "rules", `${id}.ts`));
      // every rule is checked: one that reaches a file reader must re-run on project changes
      expect(reader === undefined || isProjectDependent(id), `${id} reaches ${reader}, which reads other files`).toBe(true);
    });
  }

  it("the scan sees the known cross-file rules (it is not vacuous)", () => {
    for (const id of ["require-webhook-verification", "require-clerk-provider", "require-clerk-middleware"]) {
      expect(readsOtherFiles(path.join(SRC, "rules", `${id}.ts`)), id).toBeDefined();
    }
  });

  it("READS_OTHER_FILES names existing rules only", () => {
    for (const id of READS_OTHER_FILES) expect(Object.keys(rules)).toContain(id);
  });
});
