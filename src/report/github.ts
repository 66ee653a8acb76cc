/**
 * GitHub Actions workflow-command annotations. GitHub shows at most 10 error
 * and 10 warning annotations per step, so we pick them: most severe first,
 * then findings on changed lines, and end with one notice naming how many
 * more there are (all of them are in the job summary and the SARIF).
 */
import { ruleInfo } from "../findings/meta-rules.js";
import { terminalText } from "./escape.js";
import { type ReportData, type ReportFinding, bySeverity } from "./model.js";
import { redact } from "./redact.js";

/** Repository text for a log line: redacted, control characters escaped. */
const safe = (s: string) => terminalText(redact(s));

export const ANNOTATION_CAP = 10;

/** Escape the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a property value (file=, title=) of a workflow command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

function annotation(data: ReportData, f: ReportFinding): string {
  const kind = f.level === "error" ? "error" : "warning";
  // paths relative to the repository root: GitHub resolves them from the workspace, whatever the step's directory
  const props = [`file=${escapeProperty(safe(f.relPath))}`, `line=${f.line}`];
  if (f.endLine !== undefined) props.push(`endLine=${f.endLine}`);
  // GitHub ignores columns on multi-line annotations
  if (f.endLine === undefined || f.endLine === f.line) {
    props.push(`col=${f.column}`);
    if (f.endColumn !== undefined) props.push(`endColumn=${f.endColumn}`);
  }
  props.push(`title=${escapeProperty(`clerk-guard/${f.ruleId} (${f.ruleSeverity}${f.isNew && data.mode === "ci" ? ", new" : ""})`)}`);
  const info = ruleInfo(f.ruleId);
  // one annotation may span lines: escape each line, keep the breaks
  const body = [f.message.split("\n").map(safe).join("\n")];
  if (info.fix) body.push(`Fix: ${safe(info.fix)}`);
  body.push(`Docs: ${info.url}`);
  return `::${kind} ${props.join(",")}::${escapeData(body.join("\n"))}`;
}

export function formatGithub(data: ReportData): string {
  const sorted = data.findings.filter((f) => f.ruleId !== "parse-error").sort(bySeverity);
  const errors = sorted.filter((f) => f.level === "error");
  const warnings = sorted.filter((f) => f.level !== "error");
  const shown = [...errors.slice(0, ANNOTATION_CAP), ...warnings.slice(0, ANNOTATION_CAP)];
  const lines = shown.map((f) => annotation(data, f));
  const moreErrors = Math.max(0, errors.length - ANNOTATION_CAP);
  const moreWarnings = Math.max(0, warnings.length - ANNOTATION_CAP);
  if (moreErrors + moreWarnings > 0) {
    const parts = [];
    if (moreErrors) parts.push(`${moreErrors} error${moreErrors === 1 ? "" : "s"}`);
    if (moreWarnings) parts.push(`${moreWarnings} warning${moreWarnings === 1 ? "" : "s"}`);
    lines.push(
      `::notice title=${escapeProperty("clerk-guard")}::${escapeData(`${moreErrors + moreWarnings} more finding${moreErrors + moreWarnings === 1 ? "" : "s"} not annotated (${parts.join(", ")}; GitHub shows 10 of each per step): see the job summary or the SARIF report`)}`,
    );
  }
  return lines.length ? lines.join("\n") + "\n" : "";
}
