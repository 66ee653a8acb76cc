/**
 * Anti-gaming checks for `clerk-guard ci` (scored like findings, see README):
 *
 *  - unexplained-disable: an eslint-disable / eslint-disable-line /
 *    eslint-disable-next-line comment (or an inline `/* eslint clerk-guard/x: off *\/`
 *    config comment) that names a clerk-guard rule, or names no rule and
 *    actually suppressed a clerk-guard finding, without a `-- reason`.
 *    Its weight is that of the most severe rule it turns off, at least medium,
 *    so silencing a critical finding costs as much as the finding.
 *  - rules-turned-off: an ESLint config file (eslint.config.*, .eslintrc*,
 *    package.json#eslintConfig) that sets clerk-guard rules to off/warn, or no
 *    longer mentions clerk-guard although it did at base.
 *
 * Config files are read as text, never loaded or executed.
 */
import path from "node:path";
import type { Severity } from "../util/create-rule.js";
import { lineIndexAt } from "../util/lines.js";
import { type Finding, type FindingSource, Occurrences, enclosingFunctionOf, lineStartsOf, makeFinding } from "./model.js";
import { ruleInfo, severityRank } from "./meta-rules.js";

const DIRECTIVE = /^\s*(eslint-disable-next-line|eslint-disable-line|eslint-disable|eslint)(?:\s+([\s\S]*))?$/;

function maxSeverity(list: Severity[], floor: Severity): Severity {
  let best = floor;
  for (const s of list) if (severityRank(s) > severityRank(best)) best = s;
  return best;
}

function splitReason(body: string): { rules: string; reason: string } {
  const m = /\s-{2,}\s/.exec(` ${body} `);
  if (!m) return { rules: body.trim(), reason: "" };
  const padded = ` ${body} `;
  return { rules: padded.slice(0, m.index).trim(), reason: padded.slice(m.index + m[0].length).trim() };
}

function position(starts: number[], offset: number): { line: number; column: number } {
  const line = lineIndexAt(starts, offset);
  return { line: line + 1, column: offset - starts[line]! + 1 };
}

function finding(
  ruleId: string,
  ruleSeverity: Severity,
  message: string,
  file: { filePath: string; relPath: string },
  loc: { line: number; column: number; endLine: number; endColumn: number },
  enclosingFunction: string,
  code: string,
  occurrences: Occurrences,
): Finding {
  const level = ruleSeverity === "critical" || ruleSeverity === "high" ? "error" : "warning";
  return makeFinding({ ruleId, ruleSeverity, level, message, filePath: file.filePath, relPath: file.relPath, ...loc, enclosingFunction, code }, occurrences);
}

/**
 * Unexplained disable directives in one linted file. `suppressed` are the
 * clerk-guard findings ESLint suppressed in it.
 */
export function disableFindings(file: FindingSource, suppressed: readonly Finding[]): Finding[] {
  const comments = file.program?.comments ?? [];
  const out: Finding[] = [];
  const seen = new Occurrences();
  for (const c of comments) {
    const m = DIRECTIVE.exec(c.value);
    if (!m) continue;
    const kind = m[1]!;
    if (kind === "eslint-disable-line" && c.type === "Block" && c.loc.start.line !== c.loc.end.line) continue;
    const { rules, reason } = splitReason(m[2] ?? "");
    if (reason) continue;
    const named: string[] = [];
    if (kind === "eslint") {
      if (c.type !== "Block") continue; // ESLint reads inline config only from block comments
      // inline config: /* eslint clerk-guard/x: "off" */ (also 0, "warn", 1, ["off"])
      const re = /["']?clerk-guard\/([a-z0-9-]+)["']?\s*:\s*\[?\s*["']?(off|warn|0|1)\b/g;
      for (let r = re.exec(rules); r; r = re.exec(rules)) named.push(r[1]!);
      if (named.length === 0) continue;
    } else {
      const list = rules ? rules.split(",").map((s) => s.trim()).filter(Boolean) : [];
      for (const r of list) if (r.startsWith("clerk-guard/")) named.push(r.slice("clerk-guard/".length));
      if (list.length > 0 && named.length === 0) continue; // names only other plugins' rules
      if (list.length === 0) {
        // a bare directive: count it only when it actually hid a clerk-guard finding
        const hits = suppressed.filter((s) => {
          if (kind === "eslint-disable-line") return s.line === c.loc.start.line;
          if (kind === "eslint-disable-next-line") return s.line === c.loc.end.line + 1;
          return s.line >= c.loc.start.line;
        });
        for (const h of hits) named.push(h.ruleId);
        if (named.length === 0) continue;
      }
    }
    const ids = [...new Set(named)].sort();
    const severity = maxSeverity(
      ids.map((id) => ruleInfo(id).severity),
      "medium",
    );
    const code = file.text.slice(c.range[0], c.range[1]);
    const enclosingFunction = enclosingFunctionOf(file.program, c.range[0], c.range[1]);
    const what = ids.map((id) => `clerk-guard/${id}`).join(", ");
    out.push(
      finding(
        "unexplained-disable",
        severity,
        `${kind === "eslint" ? "An inline config comment" : `An ${kind} comment`} turns off ${what} without a reason; add "-- <why this is safe>" or fix the finding`,
        file,
        { line: c.loc.start.line, column: c.loc.start.column + 1, endLine: c.loc.end.line, endColumn: c.loc.end.column + 1 },
        enclosingFunction,
        code,
        seen,
      ),
    );
  }
  return out;
}

const CONFIG_NAME = /^(eslint\.config\.(?:js|mjs|cjs|ts|mts|cts)|\.eslintrc(?:\.(?:js|cjs|json|ya?ml))?|package\.json)$/;

export function isEslintConfigFile(relPath: string): boolean {
  return CONFIG_NAME.test(path.posix.basename(relPath));
}

function configText(relPath: string, text: string): string {
  if (path.posix.basename(relPath) !== "package.json") return text;
  // only the eslintConfig part of a package.json matters; keep offsets by blanking the rest
  const m = /"eslintConfig"\s*:/.exec(text);
  if (!m) return "";
  return " ".repeat(m.index) + text.slice(m.index);
}

/** Weakening entries and whether the file mentions clerk-guard at all. */
function weakenings(relPath: string, text: string): { entries: Array<{ rule: string; level: string; index: number; code: string }>; mentions: boolean } {
  const t = configText(relPath, text);
  const entries: Array<{ rule: string; level: string; index: number; code: string }> = [];
  const re = /["']?clerk-guard\/([a-z0-9-]+)["']?\s*:\s*\[?\s*(["']?)(off|warn|0|1)\2(?![\w-])/g;
  for (let m = re.exec(t); m; m = re.exec(t)) entries.push({ rule: m[1]!, level: m[3]!, index: m.index, code: m[0] });
  return { entries, mentions: /clerk-guard/.test(t) };
}

/**
 * rules-turned-off findings of one config file at head. `baseText` is the
 * file at base (undefined when added). Only what is new compared with base is
 * returned (by fingerprint).
 */
export function configFindings(filePath: string, relPath: string, headText: string, baseText: string | undefined): Finding[] {
  const compute = (text: string, withRemoval: boolean, base?: string): Finding[] => {
    const seen = new Occurrences();
    const starts = lineStartsOf(text);
    const { entries, mentions } = weakenings(relPath, text);
    const out: Finding[] = [];
    for (const e of entries) {
      const start = position(starts, e.index);
      const end = position(starts, e.index + e.code.length);
      const off = e.level === "off" || e.level === "0";
      const info = ruleInfo(e.rule);
      out.push(
        finding(
          "rules-turned-off",
          maxSeverity([info.meta ? "high" : info.severity], "high"),
          `The ESLint config ${off ? "turns off" : "downgrades to a warning"} clerk-guard/${e.rule}`,
          { filePath, relPath },
          { line: start.line, column: start.column, endLine: end.line, endColumn: end.column },
          "",
          e.code,
          seen,
        ),
      );
    }
    if (withRemoval && !mentions && base !== undefined && weakenings(relPath, base).mentions) {
      out.push(
        finding(
          "rules-turned-off",
          "high",
          "The ESLint config no longer includes clerk-guard (it did before this change)",
          { filePath, relPath },
          { line: 1, column: 1, endLine: 1, endColumn: 1 },
          "",
          "clerk-guard config removed",
          seen,
        ),
      );
    }
    return out;
  };
  const head = compute(headText, true, baseText);
  if (baseText === undefined) return head;
  const before = new Set(compute(baseText, false).map((f) => f.fingerprint));
  return head.filter((f) => !before.has(f.fingerprint));
}
