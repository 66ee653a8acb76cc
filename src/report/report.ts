/**
 * The `report` format: our JSON superset for tools and dashboards. Stable
 * field names; `schemaVersion` changes on any breaking change, `scoreModel`
 * names the score formula (README, "Score model").
 */
import { SCORE_MODEL } from "../findings/score.js";
import { SECURITY_SEVERITY, ruleInfo } from "../findings/meta-rules.js";
import { toLintMessage } from "./eslint.js";
import { type ReportData, byLocation, displayPath } from "./model.js";
import { redactDeep } from "./redact.js";

export const REPORT_SCHEMA_VERSION = 1;

export function formatReport(data: ReportData): string {
  const findings = [...data.findings].sort(byLocation).map((f) => {
    const m = toLintMessage(f);
    const info = ruleInfo(f.ruleId);
    return {
      ruleId: m.ruleId,
      severity: m.severity,
      message: f.message,
      ...(m.messageId ? { messageId: m.messageId } : {}),
      line: f.line,
      column: f.column,
      ...(f.endLine !== undefined ? { endLine: f.endLine } : {}),
      ...(f.endColumn !== undefined ? { endColumn: f.endColumn } : {}),
      ...(m.fatal ? { fatal: true } : {}),
      path: f.relPath,
      displayPath: displayPath(data, f),
      ruleSeverity: f.ruleSeverity,
      securitySeverity: Number(SECURITY_SEVERITY[f.ruleSeverity]),
      fingerprint: f.fingerprint,
      enclosingFunction: f.enclosingFunction,
      isNew: f.isNew,
      inDiff: f.inDiff,
      docsUrl: f.ruleId === "parse-error" ? null : info.url,
      fix: info.fix && f.ruleId !== "parse-error" ? info.fix : null,
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
    fixed: data.fixed.map((f) => ({ ruleId: `clerk-guard/${f.ruleId}`, path: f.relPath, line: f.line, message: f.message, fingerprint: f.fingerprint, ruleSeverity: f.ruleSeverity })),
    notes: data.notes,
  };
  return JSON.stringify(redactDeep(out), null, 2) + "\n";
}
