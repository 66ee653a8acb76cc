/**
 * `.clerk-guard/baseline.json`: the fingerprints of accepted (pre-existing)
 * findings, so a team adopting clerk-guard on an old codebase sees only new
 * problems in `check` and `ci`. Fingerprints are content-based (see model.ts),
 * so the file does not churn when lines move; one entry per line keeps its
 * diffs reviewable.
 */
import fs from "node:fs";
import path from "node:path";
import { readBounded } from "../analysis/fs-cache.js";
import type { Finding } from "./model.js";
import { writeInside } from "./safe-io.js";

export const BASELINE_DIR = ".clerk-guard";
export const BASELINE_FILE = path.join(BASELINE_DIR, "baseline.json");
export const BASELINE_VERSION = 1;
/** A baseline is one short line per accepted finding; anything bigger is not one. */
const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

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
  } catch {
    // not the parser's message: it quotes the text, and a committed link can point anywhere
    throw new BaselineError(`malformed baseline ${where}: not valid JSON (rewrite it with 'clerk-guard baseline --write')`);
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

/**
 * Read a baseline: a regular file of bounded size (a link only when it stays
 * inside the project); undefined when there is none. `where` names it in errors.
 */
export function readBaseline(file: string, where = file): Baseline | undefined {
  const read = readBounded(file, MAX_BASELINE_BYTES);
  if (read.failure === "missing") return undefined;
  if (!read.bytes) throw new BaselineError(`cannot use the baseline ${where}: ${read.failure === "too-large" ? "it is larger than 64 MB" : read.failure === "outside" ? "it is a link that leaves the project" : "it is not a regular file"}`);
  return parseBaseline(read.bytes.toString("utf8"), where);
}

/** The nearest `.clerk-guard/baseline.json` from `dir` up to `stop` (inclusive). */
export function findBaseline(dir: string, stop?: string): string | undefined {
  let current = path.resolve(dir);
  const end = stop ? path.resolve(stop) : undefined;
  for (;;) {
    const candidate = path.join(current, BASELINE_FILE);
    if (fs.lstatSync(candidate, { throwIfNoEntry: false })) return candidate;
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

/** Write the baseline (never through a link inside `root`, see safe-io.ts). */
export function writeBaseline(root: string, file: string, findings: readonly Pick<Finding, "fingerprint" | "ruleId" | "relPath">[]): void {
  writeInside(root, file, serializeBaseline(findings));
}
