import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { gitignoreMatcher } from "../../src/analysis/project/discover.js";

function matcher(gitignore: string) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-gi-"));
  fs.writeFileSync(path.join(dir, ".gitignore"), gitignore);
  return gitignoreMatcher(dir);
}

describe(".gitignore matching", () => {
  it("applies directory-only patterns to files beneath the directory, not to a file of that name", () => {
    const m = matcher("generated/\n");
    expect(m.ignores("generated/a.tsx", false)).toBe(true);
    expect(m.ignores("src/generated/deep/b.ts", false)).toBe(true);
    expect(m.ignores("generated", true)).toBe(true);
    expect(m.ignores("generated", false)).toBe(false);
    expect(m.ignores("src/generated.ts", false)).toBe(false);
  });

  it("handles anchored, globbed and negated patterns", () => {
    const m = matcher("/build\n*.local.ts\n**/tmp/**\n!keep.local.ts\n");
    expect(m.ignores("build/x.js", false)).toBe(true);
    expect(m.ignores("src/build/x.js", false)).toBe(false);
    expect(m.ignores("lib/secret.local.ts", false)).toBe(true);
    expect(m.ignores("lib/keep.local.ts", false)).toBe(false);
    expect(m.ignores("a/tmp/b/c.ts", false)).toBe(true);
  });
});
