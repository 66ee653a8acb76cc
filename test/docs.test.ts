/**
 * rules/<id>.md examples are tests: every ❌ block must be reported by its rule,
 * every ✅ block must pass the whole `all` config. Docs cannot drift from behaviour.
 */
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rules } from "../src/rules/index.js";
import { describeBlock, extractBlocks, formatMessages, lintBlocks } from "./doc-blocks.js";
import { REPO } from "./helpers.js";

const ruleIds = Object.keys(rules);

describe.each(ruleIds)("rules/%s.md", (id) => {
  const doc = path.join(REPO, "rules", `${id}.md`);
  it("exists", () => {
    expect(fs.existsSync(doc), `missing rules/${id}.md`).toBe(true);
  });
  if (!fs.existsSync(doc)) return;
  const blocks = extractBlocks(doc, id);
  it("has at least one ❌ and one ✅ example, each with a title", () => {
    expect(blocks.some((b) => b.isWrong)).toBe(true);
    expect(blocks.some((b) => !b.isWrong)).toBe(true);
    for (const b of blocks) expect(b.title, `${describeBlock(b)} needs title="path"`).toBeTruthy();
  });
  it("examples behave as documented", () => {
    const failures: string[] = [];
    for (const { block, messages } of lintBlocks(blocks)) {
      const fatal = messages.filter((m) => m.fatal);
      if (fatal.length) {
        failures.push(`${describeBlock(block)} does not parse:\n${formatMessages(fatal)}`);
        continue;
      }
      const found = new Set(messages.map((m) => m.ruleId?.replace(/^clerk-guard\//, "")));
      if (block.isWrong) {
        for (const r of block.wrong) if (!found.has(r)) failures.push(`${describeBlock(block)} ❌ should be reported by ${r}; got:\n${formatMessages(messages)}`);
      } else if (messages.length > 0) {
        failures.push(`${describeBlock(block)} ✅ should pass every rule; got:\n${formatMessages(messages)}`);
      }
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
  });
});
