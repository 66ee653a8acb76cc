/**
 * Secret redaction for every output format, through the no-secret-exposure
 * rule's helper (src/analysis/secrets.ts): a finding never repeats a key.
 */
import type { LintMessage } from "../engine/lint.js";
import { redactSecretsIn } from "../analysis/secrets.js";

export const redact = (text: string): string => redactSecretsIn(text);

/** A copy of an ESLint message with every free-text field redacted. */
export function redactMessage(m: LintMessage): LintMessage {
  const out: LintMessage = { ...m, message: redact(m.message) };
  if (m.fix) out.fix = { range: m.fix.range, text: redact(m.fix.text) };
  if (m.suggestions) out.suggestions = m.suggestions.map((s) => ({ ...s, desc: redact(s.desc), fix: { range: s.fix.range, text: redact(s.fix.text) } }));
  if (m.suppressions) out.suppressions = m.suppressions.map((s) => ({ ...s, justification: redact(s.justification) }));
  return out;
}
