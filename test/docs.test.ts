/**
 * rules/<id>.md examples are tests: every ❌ block must be reported by its rule, every ✅ block
 * must pass the whole `all` config and type-check against the real SDK types. What each ❌ block
 * produces (every finding at its Markdown line and column with its message, and the type
 * checker's verdict) is asserted against test/__snapshots__/rule-docs-findings.txt, so a rule
 * that moves its report or changes its message shows up in review.
 * After a deliberate change: `npx vitest run test/docs.test.ts -u`, then read the diff.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rules } from "../src/rules/index.js";
import { type CodeBlock, type Judged, cleanupBlocks, describeBlock, extractBlocks, formatProblems, judgeBlocks, markdownFinding } from "./doc-blocks.js";
import { REPO } from "./helpers.js";

const ruleIds = Object.keys(rules);
const docOf = (id: string) => path.join(REPO, "rules", `${id}.md`);
const blocksOf = new Map<string, CodeBlock[]>(ruleIds.filter((id) => fs.existsSync(docOf(id))).map((id) => [id, extractBlocks(docOf(id), id)]));

let judged = new Map<CodeBlock, Judged>();
beforeAll(() => {
  judged = new Map(judgeBlocks([...blocksOf.values()].flat(), new Set(ruleIds)).map((j) => [j.block, j]));
}, 240_000);
afterAll(cleanupBlocks);

describe.each(ruleIds)("rules/%s.md", (id) => {
  it("exists", () => {
    expect(fs.existsSync(docOf(id)), `missing rules/${id}.md`).toBe(true);
  });
  const blocks = blocksOf.get(id) ?? [];
  it("has at least one ❌ and one ✅ example, each with a title", () => {
    expect(blocks.some((b) => b.isWrong)).toBe(true);
    expect(blocks.some((b) => !b.isWrong)).toBe(true);
    for (const b of blocks) expect(b.title, `${describeBlock(b)} needs title="path"`).toBeTruthy();
  });
  it("examples behave as documented (❌ reported by the rule; ✅ no finding, no type error)", () => {
    const problems = formatProblems(blocks.map((b) => judged.get(b)!));
    expect(problems, problems.join("\n\n")).toEqual([]);
  });
});

/** One ❌ block as the reader should understand it: where each finding lands, and what tsc says. */
function describeWrong(j: Judged): string {
  const head = `${describeBlock(j.block)}${j.block.project === "next7" ? "" : ` [${j.block.project}]`}`;
  const findings = j.messages.map((m) => `  ${markdownFinding(j.block, m)}`);
  const tsc =
    j.typeErrors === undefined
      ? [`  tsc: not run (${j.typecheckSkipped})`]
      : j.typeErrors.length === 0
        ? ["  tsc: no error (only the rule catches it)"]
        : j.typeErrors.map((e) => `  tsc ${e.replace(/^(\d+):(\d+)/, (_, l: string, c: string) => `${j.block.line + Number(l)}:${c}`)}`);
  return [head, ...findings, ...tsc].join("\n");
}

describe("❌ examples: position and message of every finding", () => {
  it("match the recorded findings", async () => {
    const text = [...blocksOf.values()]
      .flat()
      .filter((b) => b.isWrong)
      .map((b) => describeWrong(judged.get(b)!))
      .join("\n\n");
    await expect(text + "\n").toMatchFileSnapshot("__snapshots__/rule-docs-findings.txt");
  });

  it("every ❌ finding of the rule lies inside its block", () => {
    const outside: string[] = [];
    for (const [id, blocks] of blocksOf) {
      for (const b of blocks.filter((x) => x.isWrong)) {
        const lines = b.code.split("\n").length - 1;
        for (const m of judged.get(b)!.messages) if (m.ruleId === `clerk-guard/${id}` && (m.line < 1 || m.line > lines)) outside.push(markdownFinding(b, m));
      }
    }
    expect(outside).toEqual([]);
  });
});
