/**
 * Rule metadata for every rule id a finding can carry: the plugin's rules, plus
 * the "meta" findings that are not ESLint rules (anti-gaming checks, files that
 * could not be analysed, crashes). Formats (SARIF rules, summaries, annotations)
 * and the score read it here.
 */
import { rules } from "../rules/index.js";
import { type ClerkGuardDocs, type Severity, REPO_URL, docsUrl } from "../util/create-rule.js";

/** clerk-guard metadata of a plugin rule (undefined for meta findings). */
export function ruleDocs(ruleId: string): ClerkGuardDocs | undefined {
  const rule = (rules as Record<string, { meta: { docs?: unknown } }>)[ruleId];
  return rule?.meta.docs as ClerkGuardDocs | undefined;
}

export interface RuleInfo {
  id: string;
  description: string;
  severity: Severity;
  fix: string;
  url: string;
  security: boolean;
  /** ESLint-level default: "error" for critical/high, "warning" otherwise. */
  level: "error" | "warning";
  meta: boolean;
}

const README = `${REPO_URL}/blob/main/README.md`;

/** Anti-gaming checks of `clerk-guard ci` (see README, "Score model"). */
export const META_RULES: Readonly<Record<string, Omit<RuleInfo, "id" | "meta" | "level">>> = {
  "unexplained-disable": {
    description: "An eslint-disable comment added in this change turns off a clerk-guard rule without a `-- reason`",
    severity: "medium",
    fix: "Fix the underlying finding, or explain the exception after `--` in the directive (`// eslint-disable-next-line clerk-guard/<rule> -- why this is safe`)",
    url: `${README}#anti-gaming`,
    security: true,
  },
  "rules-turned-off": {
    description: "A change to the ESLint config turns clerk-guard rules off or down, or drops the clerk-guard config",
    severity: "high",
    fix: "Keep clerk-guard's config on; turn a rule off for one line with an explained eslint-disable comment instead",
    url: `${README}#anti-gaming`,
    security: true,
  },
  "parse-error": {
    description: "The file could not be parsed, so no rule could check it",
    severity: "low",
    fix: "Fix the syntax error (clerk-guard parses TypeScript and JSX with @typescript-eslint/parser)",
    url: `${README}#cli`,
    security: false,
  },
  "not-analyzed": {
    description: "A code file changed by this pull request could not be analysed (it does not parse, is not UTF-8, holds a NUL byte or is over 1 MB), so none of its code was checked",
    severity: "critical",
    fix: "Make the file plain UTF-8 source under 1 MB that parses as TypeScript/JavaScript, or pass --allow-unanalyzed to accept files clerk-guard cannot read",
    url: `${README}#security`,
    security: true,
  },
  "stale-example": {
    description: "A code example in Markdown is presented as wrong (❌, `wrong`, \"Don't\", \"Before\"), but no clerk-guard rule reports it",
    severity: "low",
    fix: "Make the example show the mistake its text describes, or drop the marker if the code is correct (readers and agents copy examples)",
    url: `${README}#markdown-and-dotenv-files`,
    security: false,
  },
  "internal-error": {
    description: "A clerk-guard rule crashed on this file, so its checks did not run there",
    severity: "critical",
    fix: "Report the crash (with the rule id and the cause) at the clerk-guard issue tracker; until it is fixed, review the file's auth code by hand",
    url: `${README}#security`,
    security: true,
  },
};

export function ruleInfo(id: string): RuleInfo {
  const docs = ruleDocs(id);
  if (docs) {
    const level = docs.severity === "critical" || docs.severity === "high" ? "error" : "warning";
    return { id, description: docs.description, severity: docs.severity, fix: docs.fix, url: docsUrl(id), security: !!docs.security, level, meta: false };
  }
  const meta = META_RULES[id];
  if (meta) return { id, ...meta, level: meta.severity === "low" ? "warning" : "error", meta: true };
  return { id, description: id, severity: "medium", fix: "", url: README, security: false, level: "warning", meta: true };
}

/** SARIF `security-severity` (GitHub bands: >= 9 critical, 7-8.9 high, 4-6.9 medium, < 4 low). */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: "9.5", high: "8.0", medium: "5.0", low: "2.0" };

export const SEVERITY_ORDER: readonly Severity[] = ["critical", "high", "medium", "low"];

/** Larger is more severe. */
export function severityRank(s: Severity): number {
  return 4 - SEVERITY_ORDER.indexOf(s);
}
