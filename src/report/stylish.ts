/** Human output: grouped by file, with the rule's docs link. Every text from the repository is redacted and escaped. */
import path from "node:path";
import { ruleInfo } from "../findings/meta-rules.js";
import type { LintResult } from "./eslint.js";
import { terminalText } from "./escape.js";
import { redact } from "./redact.js";

const safe = (s: string) => terminalText(redact(s));

export function formatStylish(results: readonly LintResult[], cwd: string, color: boolean): string {
  const c = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  const rulesSeen = new Set<string>();
  for (const r of results) {
    if (r.messages.length === 0) continue;
    lines.push("", c("4", safe(path.relative(cwd, r.filePath) || r.filePath)));
    for (const m of r.messages) {
      const sev = m.severity === 2 ? c("31", "error") : c("33", "warning");
      if (m.severity === 2) errors++;
      else warnings++;
      const rule = m.ruleId ?? "";
      if (rule.startsWith("clerk-guard/")) rulesSeen.add(rule.slice("clerk-guard/".length));
      lines.push(`  ${String(m.line).padStart(4)}:${String(m.column).padEnd(3)} ${sev}  ${safe(m.message)}  ${c("2", rule)}`);
    }
  }
  const total = errors + warnings;
  if (total === 0) return "";
  lines.push("", c(errors ? "31;1" : "33;1", `✖ ${total} problem${total === 1 ? "" : "s"} (${errors} error${errors === 1 ? "" : "s"}, ${warnings} warning${warnings === 1 ? "" : "s"})`));
  if (rulesSeen.size) {
    lines.push("", "Rule docs:");
    for (const id of [...rulesSeen].sort()) lines.push(`  ${id}: ${ruleInfo(id).url}`);
  }
  return lines.join("\n") + "\n";
}
