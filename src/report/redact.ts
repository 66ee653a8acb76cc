/**
 * Secret redaction for everything that leaves the process, through the
 * no-secret-exposure rule's helper (src/analysis/secrets.ts): messages, fixes,
 * file paths, function names, notes. A finding never repeats a key.
 */
import { redactSecretsIn } from "../analysis/secrets.js";

export const redact = (text: string): string => redactSecretsIn(text);

/** A copy of a JSON-like value with every string (object keys included) redacted. */
export function redactDeep<T>(value: T): T {
  if (typeof value === "string") return redact(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[redact(k)] = redactDeep(v);
    return out as T;
  }
  return value;
}
