/**
 * Markdown report for humans: the score with every term (ci), the table of new
 * findings with links, what was fixed, and a short explanation of each rule
 * involved. Written to $GITHUB_STEP_SUMMARY in GitHub Actions (1 MiB cap per
 * step, so long tables are cut with a note).
 */
import { L_MAX, L_MIN, D_ZERO, REPEAT_CAP, SEVERITY_WEIGHT, explainScore } from "../findings/score.js";
import { ruleInfo } from "../findings/meta-rules.js";
import { markdownCell, markdownCode } from "./escape.js";
import { type ReportData, type ReportFinding, bySeverity, displayPath, lineLink } from "./model.js";
import { redact } from "./redact.js";

const MAX_ROWS = 300;
const ICON: Record<string, string> = { critical: "🔴", high: "🟠", medium: "🟡", low: "🔵" };

/** Text from the repository or a rule, safe inside a table cell (redacted, one line, no raw HTML, no pipes). */
export function cell(s: string): string {
  return markdownCell(redact(s));
}

/** A code span for a path, rule id or ref (redacted, fenced so no backtick or newline in it can escape). */
function code(s: string): string {
  return markdownCode(redact(s));
}

function locationCell(data: ReportData, f: ReportFinding): string {
  const label = `${displayPath(data, f)}:${f.line}`;
  const link = lineLink(data, f);
  return link ? `[${code(label)}](${link})` : code(label);
}

function findingsTable(data: ReportData, findings: ReportFinding[]): string[] {
  const lines = ["| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"];
  for (const f of findings.slice(0, MAX_ROWS)) {
    const rule = f.ruleId === "parse-error" ? code(f.ruleId) : `[${code(f.ruleId)}](${ruleInfo(f.ruleId).url})`;
    const tags = [f.inDiff === true ? "changed line" : ""].filter(Boolean);
    lines.push(`| ${ICON[f.ruleSeverity] ?? ""} ${f.ruleSeverity} | ${rule} | ${locationCell(data, f)} | ${cell(f.message)}${tags.length ? ` _(${tags.join(", ")})_` : ""} |`);
  }
  if (findings.length > MAX_ROWS) lines.push("", `…and ${findings.length - MAX_ROWS} more (see the SARIF or \`report\` output).`);
  return lines;
}

function rulesSection(findings: ReportFinding[]): string[] {
  const ids = [...new Set(findings.map((f) => f.ruleId))].sort();
  if (ids.length === 0) return [];
  const lines = ["", "### Rules involved", ""];
  for (const id of ids) {
    const info = ruleInfo(id);
    lines.push(`- **[${id}](${info.url})** (${info.severity}): ${cell(info.description)}.${info.fix ? ` Fix: ${cell(info.fix)}` : ""}`);
  }
  return lines;
}

function ciSummary(data: ReportData): string[] {
  const s = data.score!;
  const gate = data.gate!;
  const status = gate.passed ? "✅ passed" : "❌ failed";
  const lines = [`## clerk-guard: ${status} · score ${s.score}/100 · grade ${s.grade}`, ""];
  const base = data.base ? `base ${code(data.base.mergeBase.slice(0, 12))} (merge base with ${code(data.base.ref)})` : "";
  const head = data.head ? `head ${code(data.head.sha.slice(0, 12))}` : "";
  lines.push(`Score model ${s.model} · scope ${code(data.scope ?? "new")} · ${[base, head].filter(Boolean).join(" → ")}`, "");
  lines.push("| Scored findings | Fixed (credited) | Not scored (pre-existing or out of scope) | Changed lines (L) | Files changed |");
  lines.push("| ---: | ---: | ---: | ---: | ---: |");
  lines.push(`| ${data.findings.filter((f) => f.ruleId !== "parse-error").length} | ${data.fixed.length} | ${data.outOfScope + data.baselined} | ${s.changedLines} | ${data.changedFiles ?? 0} |`);
  lines.push("");
  lines.push(
    `**Gate:** score ≥ ${gate.minScore}${gate.failOn === "none" ? "" : ` and no new finding at or above **${gate.failOn}**`} → ${gate.passed ? "passed" : `failed: ${gate.reasons.map(cell).join("; ")}`}`,
  );
  const scored = data.findings.filter((f) => f.ruleId !== "parse-error").sort(bySeverity);
  lines.push("", `### ${data.scope === "all" ? "Findings" : data.scope === "files" ? "Findings in changed files" : "New findings"} (${scored.length})`, "");
  if (scored.length === 0) lines.push("None. 🎉");
  else lines.push(...findingsTable(data, scored));

  lines.push("", "### How the score was computed", "");
  lines.push(
    `Each scored finding weighs ${Object.entries(SEVERITY_WEIGHT)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}; repeats of one rule in one file count at most ${REPEAT_CAP} times. ` +
      `L is the number of added non-blank lines in linted, non-test files, clamped to [${L_MIN}, ${L_MAX}]. ` +
      `D = 100 × Σ points / clamp(L); score = round(100 × max(0, 1 − D / ${D_ZERO})).`,
    "",
  );
  if (s.terms.length > 0) {
    lines.push("| Rule | File | Severity | w | n | min(n, 3) | Points |", "| --- | --- | --- | ---: | ---: | ---: | ---: |");
    for (const t of s.terms.slice(0, MAX_ROWS)) lines.push(`| ${code(t.ruleId)} | ${code(t.relPath)} | ${t.severity} | ${t.weight} | ${t.count} | ${t.counted} | ${t.points} |`);
    if (s.terms.length > MAX_ROWS) lines.push(`| … ${s.terms.length - MAX_ROWS} more | | | | | | |`);
    lines.push(`| **Σ** | | | | | | **${s.points}** |`, "");
    if (s.topContributors.length > 0) {
      lines.push(`Top contributors: ${s.topContributors.map((t) => `${code(t.ruleId)} in ${code(t.relPath)} (${t.points})`).join(", ")}.`, "");
    }
  }
  lines.push(explainScore(s));

  if (data.fixed.length > 0) {
    lines.push("", `### Fixed by this change (${data.fixed.length}) 👏`, "");
    for (const f of data.fixed.slice(0, MAX_ROWS)) lines.push(`- ${code(f.ruleId)} in ${code(f.relPath)}: ${cell(f.message)}`);
    if (data.fixed.length > MAX_ROWS) lines.push(`- …and ${data.fixed.length - MAX_ROWS} more`);
  }
  const unread = data.findings.filter((f) => f.ruleId === "parse-error" || f.ruleId === "not-analyzed");
  if (unread.length > 0) {
    lines.push("", "### Not analyzed", "", ...unread.map((f) => `- ${code(f.relPath)}: ${cell(f.message)}`));
    if (unread.some((f) => f.ruleId === "not-analyzed")) {
      lines.push("", "clerk-guard cannot vouch for code it could not read, so a changed code file that is not UTF-8, holds a NUL byte, is over 1 MB or does not parse counts as the most severe finding (`--allow-unanalyzed` accepts such files).");
    }
  }
  lines.push(...rulesSection(scored));
  return lines;
}

function checkSummary(data: ReportData): string[] {
  const errors = data.findings.filter((f) => f.level === "error").length;
  const warnings = data.findings.length - errors;
  const lines = [`## clerk-guard: ${data.findings.length === 0 ? "✅ no findings" : `${data.findings.length} finding${data.findings.length === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`}`, ""];
  lines.push(`${data.files.length} file${data.files.length === 1 ? "" : "s"} checked${data.baselined ? ` · ${data.baselined} accepted by the baseline` : ""}.`, "");
  if (data.findings.length > 0) lines.push(...findingsTable(data, [...data.findings].sort(bySeverity)));
  lines.push(...rulesSection(data.findings));
  return lines;
}

export function formatSummaryMd(data: ReportData): string {
  const lines = data.mode === "ci" && data.score ? ciSummary(data) : checkSummary(data);
  for (const n of data.notes) lines.push("", `> ${cell(n)}`);
  return lines.join("\n") + "\n";
}
