/**
 * `.clerk-guard/baseline.json`: the fingerprints of accepted (pre-existing)
 * findings, so a team adopting clerk-guard on an old codebase sees only new
 * problems in `check` and `ci`. Fingerprints are content-based (see model.ts),
 * so the file does not churn when lines move; one entry per line keeps its
 * diffs reviewable.
 */
import fs from "node:fs";
import path from "node:path";
import type { Finding } from "./model.js";

export const BASELINE_DIR = ".clerk-guard";
export const BASELINE_FILE = path.join(BASELINE_DIR, "baseline.json");
export const BASELINE_VERSION = 1;

export interface BaselineEntry {
  fingerprint: string;
  rule: string;
  path: string;
}

export interface Baseline {
  version: number;
  entries: BaselineEntry[];
  fingerprints: Set<string>;
}

export class BaselineError extends Error {}

export function parseBaseline(text: string, where: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new BaselineError(`malformed baseline ${where}: ${(error as Error).message} (rewrite it with 'clerk-guard baseline --write')`);
  }
  const d = data as { version?: unknown; findings?: unknown };
  if (!d || typeof d !== "object" || d.version !== BASELINE_VERSION || !Array.isArray(d.findings)) {
    throw new BaselineError(`unsupported baseline ${where} (expected version ${BASELINE_VERSION}; rewrite it with 'clerk-guard baseline --write')`);
  }
  const entries: BaselineEntry[] = [];
  for (const e of d.findings as unknown[]) {
    const x = e as Partial<BaselineEntry>;
    if (x && typeof x.fingerprint === "string") entries.push({ fingerprint: x.fingerprint, rule: String(x.rule ?? ""), path: String(x.path ?? "") });
  }
  return { version: BASELINE_VERSION, entries, fingerprints: new Set(entries.map((e) => e.fingerprint)) };
}

export function readBaseline(file: string): Baseline | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  return parseBaseline(text, file);
}

/** The nearest `.clerk-guard/baseline.json` from `dir` up to `stop` (inclusive). */
export function findBaseline(dir: string, stop?: string): string | undefined {
  let current = path.resolve(dir);
  const end = stop ? path.resolve(stop) : undefined;
  for (;;) {
    const candidate = path.join(current, BASELINE_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (end && current === end) return undefined;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export function serializeBaseline(findings: readonly Pick<Finding, "fingerprint" | "ruleId" | "relPath">[]): string {
  const entries = [...new Map(findings.map((f) => [f.fingerprint, { fingerprint: f.fingerprint, rule: f.ruleId, path: f.relPath }])).values()];
  entries.sort((a, b) => a.path.localeCompare(b.path) || a.rule.localeCompare(b.rule) || a.fingerprint.localeCompare(b.fingerprint));
  const lines = entries.map((e) => `    ${JSON.stringify(e)}`);
  return `{\n  "version": ${BASELINE_VERSION},\n  "tool": "clerk-guard",\n  "findings": [\n${lines.join(",\n")}${lines.length ? "\n" : ""}  ]\n}\n`;
}

export function writeBaseline(file: string, findings: readonly Pick<Finding, "fingerprint" | "ruleId" | "relPath">[]): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, serializeBaseline(findings));
  fs.renameSync(tmp, file);
}
