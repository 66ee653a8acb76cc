/**
 * The pull-request score, model v2 (documented in README, "Score model").
 *
 *   per new finding   w = 10 critical, 5 high, 2 medium, 1 low (the rule's docs.severity)
 *   per (rule, file)  points = w · min(n, 3)              repeats of one mistake saturate
 *   size              L = added non-blank lines in linted, non-test, non-generated files
 *                     L_eff = clamp(L, 40, 400)
 *   density           D = 100 · Σ points / L_eff           weighted points per 100 changed lines
 *   score             round(100 · max(0, 1 − D / 25))      0..100, 100 = nothing new
 *
 * Grade by the worst new severity (A none, B low, C medium, D high, E critical).
 * Gate: fail when score < min-score, or a new finding is at or above fail-on.
 * Changing any constant here is a new model version: thresholds keep their meaning.
 */
import type { Severity } from "../util/create-rule.js";
import { severityRank } from "./meta-rules.js";

export const SCORE_MODEL = "v2" as const;
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 10, high: 5, medium: 2, low: 1 };
export const REPEAT_CAP = 3;
export const L_MIN = 40;
export const L_MAX = 400;
/** Density at which the score reaches 0. */
export const D_ZERO = 25;

export type Grade = "A" | "B" | "C" | "D" | "E";
export type FailOn = Severity | "none";

export interface ScoredFinding {
  ruleId: string;
  relPath: string;
  ruleSeverity: Severity;
}

export interface ScoreTerm {
  ruleId: string;
  relPath: string;
  severity: Severity;
  weight: number;
  /** Findings of this rule in this file. */
  count: number;
  /** min(count, REPEAT_CAP). */
  counted: number;
  /** weight · counted. */
  points: number;
}

export interface Score {
  model: typeof SCORE_MODEL;
  /** L: added non-blank lines in scored files. */
  changedLines: number;
  /** clamp(L, 40, 400). */
  lEff: number;
  /** Σ points. */
  points: number;
  /** D = 100 · points / lEff. */
  density: number;
  score: number;
  grade: Grade;
  /** Every (rule, file) term, largest first. */
  terms: ScoreTerm[];
  /** The terms that cost the most (at most 5). */
  topContributors: ScoreTerm[];
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

export function gradeOf(findings: readonly ScoredFinding[]): Grade {
  let worst = 0;
  for (const f of findings) worst = Math.max(worst, severityRank(f.ruleSeverity));
  return (["A", "B", "C", "D", "E"] as const)[worst]!;
}

export function computeScore(findings: readonly ScoredFinding[], changedLines: number): Score {
  const groups = new Map<string, ScoreTerm>();
  for (const f of findings) {
    const key = `${f.ruleId}\0${f.relPath}`;
    let t = groups.get(key);
    if (!t) {
      t = { ruleId: f.ruleId, relPath: f.relPath, severity: f.ruleSeverity, weight: SEVERITY_WEIGHT[f.ruleSeverity], count: 0, counted: 0, points: 0 };
      groups.set(key, t);
    }
    // one rule has one severity; keep the highest should metadata ever differ
    if (SEVERITY_WEIGHT[f.ruleSeverity] > t.weight) {
      t.severity = f.ruleSeverity;
      t.weight = SEVERITY_WEIGHT[f.ruleSeverity];
    }
    t.count++;
  }
  const terms = [...groups.values()];
  let points = 0;
  for (const t of terms) {
    t.counted = Math.min(t.count, REPEAT_CAP);
    t.points = t.weight * t.counted;
    points += t.points;
  }
  terms.sort((a, b) => b.points - a.points || a.relPath.localeCompare(b.relPath) || a.ruleId.localeCompare(b.ruleId));
  const L = Math.max(0, Math.round(changedLines));
  const lEff = clamp(L, L_MIN, L_MAX);
  const density = (100 * points) / lEff;
  // 100 · (1 − D/25) = 100 − 4·D, computed from integers so .5 cases round the same everywhere
  const raw = 100 - (400 * points) / lEff;
  const score = Math.round(Math.max(0, raw) + 1e-9);
  return {
    model: SCORE_MODEL,
    changedLines: L,
    lEff,
    points,
    density: Math.round(density * 100) / 100,
    score,
    grade: gradeOf(findings),
    terms,
    topContributors: terms.slice(0, 5),
  };
}

export interface Gate {
  minScore: number;
  failOn: FailOn;
  passed: boolean;
  /** Why the gate failed (empty when it passed). */
  reasons: string[];
}

export function evaluateGate(score: Score, findings: readonly ScoredFinding[], minScore: number, failOn: FailOn): Gate {
  const reasons: string[] = [];
  if (score.score < minScore) reasons.push(`score ${score.score} is below the minimum ${minScore}`);
  if (failOn !== "none") {
    const limit = severityRank(failOn);
    const blocking = findings.filter((f) => severityRank(f.ruleSeverity) >= limit);
    if (blocking.length > 0) {
      const worst = blocking.reduce((a, b) => (severityRank(b.ruleSeverity) > severityRank(a.ruleSeverity) ? b : a));
      reasons.push(`${blocking.length} new finding${blocking.length === 1 ? "" : "s"} at or above ${failOn} (worst: ${worst.ruleSeverity} ${worst.ruleId})`);
    }
  }
  return { minScore, failOn, passed: reasons.length === 0, reasons };
}

/** The formula with this score's numbers filled in, for summaries. */
export function explainScore(s: Score): string {
  return `D = 100 × ${s.points} / clamp(${s.changedLines}, ${L_MIN}, ${L_MAX}) = 100 × ${s.points} / ${s.lEff} = ${s.density}; score = round(100 × max(0, 1 − ${s.density} / ${D_ZERO})) = ${s.score}`;
}
