import { describe, expect, it } from "vitest";
import { type ScoredFinding, computeScore, evaluateGate, gradeOf } from "../../src/findings/score.js";

const f = (ruleId: string, ruleSeverity: ScoredFinding["ruleSeverity"], relPath = "app/a.ts"): ScoredFinding => ({ ruleId, ruleSeverity, relPath });

describe("score model v2", () => {
  it("no new findings scores 100, grade A", () => {
    const s = computeScore([], 120);
    expect(s).toMatchObject({ score: 100, grade: "A", points: 0, changedLines: 120, lEff: 120 });
  });

  it("matches the documented examples", () => {
    // one high (5) in a 100-line PR: D = 5 → 80
    expect(computeScore([f("await-auth", "high")], 100).score).toBe(80);
    // one critical (10) in a 100-line PR: D = 10 → 60
    expect(computeScore([f("protect-server-actions", "critical")], 100).score).toBe(60);
    // one low (1) in a 3-line PR: L clamps to 40, D = 2.5 → 90
    expect(computeScore([f("prefer-permission-checks", "low")], 3)).toMatchObject({ score: 90, lEff: 40, density: 2.5 });
    // three highs in a 5,000-line PR: L clamps to 400, D = 3.75 → 85
    expect(computeScore([f("a", "high", "x.ts"), f("b", "high", "y.ts"), f("c", "high", "z.ts")], 5000)).toMatchObject({ score: 85, lEff: 400 });
    // one medium in a tiny PR: D = 100 × 2 / 40 = 5 → 80; a critical there already reaches D = 25 → 0
    expect(computeScore([f("a", "medium")], 10).score).toBe(80);
    expect(computeScore([f("a", "critical")], 10).score).toBe(0);
    expect(computeScore([f("a", "critical"), f("b", "critical")], 10).score).toBe(0);
  });

  it("caps repeats of one rule in one file at 3, not across files", () => {
    const same = Array.from({ length: 7 }, () => f("no-legacy-api", "medium"));
    const s = computeScore(same, 400);
    expect(s.terms).toEqual([{ ruleId: "no-legacy-api", relPath: "app/a.ts", severity: "medium", weight: 2, count: 7, counted: 3, points: 6 }]);
    const spread = computeScore([f("no-legacy-api", "medium", "a.ts"), f("no-legacy-api", "medium", "b.ts"), f("no-legacy-api", "medium", "c.ts"), f("no-legacy-api", "medium", "d.ts")], 400);
    expect(spread.points).toBe(8);
  });

  it("orders terms by cost and keeps the top 5 as contributors", () => {
    const findings = [f("l", "low", "1.ts"), f("c", "critical", "2.ts"), f("m", "medium", "3.ts"), f("h", "high", "4.ts"), f("h2", "high", "5.ts"), f("m2", "medium", "6.ts")];
    const s = computeScore(findings, 200);
    expect(s.terms.map((t) => t.points)).toEqual([10, 5, 5, 2, 2, 1]);
    expect(s.topContributors).toHaveLength(5);
    expect(s.points).toBe(25);
    expect(s.score).toBe(Math.round(100 * (1 - (100 * 25) / 200 / 25)));
  });

  it("grades by the worst severity", () => {
    expect(gradeOf([])).toBe("A");
    expect(gradeOf([f("a", "low")])).toBe("B");
    expect(gradeOf([f("a", "low"), f("b", "medium")])).toBe("C");
    expect(gradeOf([f("a", "high")])).toBe("D");
    expect(gradeOf([f("a", "low"), f("b", "critical")])).toBe("E");
  });

  it("gates on min score and fail-on", () => {
    const crit = [f("a", "critical")];
    const s = computeScore(crit, 400); // D = 2.5 → 90
    expect(s.score).toBe(90);
    expect(evaluateGate(s, crit, 80, "critical")).toMatchObject({ passed: false });
    expect(evaluateGate(s, crit, 80, "none")).toMatchObject({ passed: true, reasons: [] });
    expect(evaluateGate(s, crit, 95, "none").reasons).toEqual(["score 90 is below the minimum 95"]);
    const high = [f("b", "high")];
    expect(evaluateGate(computeScore(high, 400), high, 80, "critical").passed).toBe(true);
    expect(evaluateGate(computeScore(high, 400), high, 80, "high").passed).toBe(false);
    expect(evaluateGate(computeScore(high, 400), high, 80, "medium").passed).toBe(false);
  });
});
