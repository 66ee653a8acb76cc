/**
 * The `report` format: our JSON superset for tools and dashboards. Stable
 * field names; `schemaVersion` changes on any breaking change, `scoreModel`
 * names the score formula (README, "Score model").
 */
import { SCORE_MODEL } from "../findings/score.js";
import { SECURITY_SEVERITY } from "../findings/meta-rules.js";
import { type ReportData, byLocation, displayPath, messageOf } from "./model.js";
import { redact } from "./redact.js";

export const REPORT_SCHEMA_VERSION = 1;

export function formatReport(data: ReportData): string {
  const findings = [...data.findings].sort(byLocation).map((f) => {
    const m = messageOf(f);
    return {
      ruleId: m.ruleId,
      severity: m.severity,
      message: redact(f.message),
      ...(m.messageId ? { messageId: m.messageId } : {}),
      line: f.line,
      column: f.column,
      ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
      ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
      ...(m.fatal ? { fatal: true } : {}),
      path: f.relPath,
      displayPath: displayPath(data, f),
      ruleSeverity: f.severity,
      securitySeverity: Number(SECURITY_SEVERITY[f.severity]),
      fingerprint: f.fingerprint,
      enclosingFunction: f.scope,
      isNew: f.isNew,
      inDiff: f.inDiff,
      docsUrl: f.docsUrl ?? null,
      fix: f.fix ? redact(f.fix) : null,
    };
  });
  const out = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    scoreModel: SCORE_MODEL,
    mode: data.mode,
    tool: data.tool,
    root: data.root,
    base: data.base ?? null,
    head: data.head ?? null,
    scope: data.scope ?? null,
    score: data.score?.score ?? null,
    grade: data.score?.grade ?? null,
    gate: data.gate ?? null,
    stats: {
      filesLinted: data.files.length,
      filesChanged: data.changedFiles ?? null,
      changedLines: data.score?.changedLines ?? null,
      lEff: data.score?.lEff ?? null,
      findings: findings.length,
      errors: findings.filter((f) => f.severity === 2).length,
      warnings: findings.filter((f) => f.severity === 1).length,
      fixed: data.fixed.length,
      baselined: data.baselined,
      notScored: data.outOfScope,
    },
    terms: data.score
      ? {
          points: data.score.points,
          lEff: data.score.lEff,
          density: data.score.density,
          score: data.score.score,
          groups: data.score.terms,
          topContributors: data.score.topContributors,
        }
      : null,
    findings,
    fixed: data.fixed.map((f) => ({ ruleId: `clerk-guard/${f.ruleId}`, path: f.relPath, line: f.line, message: redact(f.message), fingerprint: f.fingerprint, ruleSeverity: f.severity })),
    notes: data.notes.map(redact),
  };
  return JSON.stringify(out, null, 2) + "\n";
}
