/**
 * SARIF 2.1.0, written by us (the stock ESLint formatter emits absolute URIs, no
 * fingerprints, no help and suppressed results; see shared research D2):
 *  - URIs relative to %SRCROOT% (the repository root), percent-encoded per segment;
 *  - every rule with shortDescription, fullDescription, help.text/markdown,
 *    helpUri, defaultConfiguration.level, properties.tags and security-severity;
 *  - partialFingerprints from the content fingerprint (upload-sarif adds its own
 *    primaryLocationLineHash next to it);
 *  - no suppressed results (code scanning would reopen them as alerts);
 *  - parse errors as tool notifications, not results; a changed file `ci` could not
 *    analyse is both (a `not-analyzed` result fails the gate like any finding);
 *  - secrets redacted in every string (messages, paths, function names, URIs).
 */
import fs from "node:fs";
import { pathToFileURL } from "node:url";
import { rules } from "../rules/index.js";
import { REPO_URL } from "../util/create-rule.js";
import { SECURITY_SEVERITY, ruleInfo } from "../findings/meta-rules.js";
import { type ReportData, type ReportFinding, byLocation } from "./model.js";
import { redactDeep } from "./redact.js";

export const SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
export const FINGERPRINT_KEY = "clerkGuardFingerprint/v1";

function pascal(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

interface RuleDoc {
  summary?: string;
  howToFix?: string;
}

const docCache = new Map<string, RuleDoc>();

/** First paragraph and "How to fix" section of rules/<id>.md, when shipped. */
function ruleDoc(id: string): RuleDoc {
  const cached = docCache.get(id);
  if (cached) return cached;
  let doc: RuleDoc = {};
  try {
    const text = fs.readFileSync(new URL(`../../rules/${id}.md`, import.meta.url), "utf8");
    const body = text.replace(/^#[^\n]*\n+/, "");
    const summary = body.split(/\n\s*\n/)[0]?.trim();
    const fix = /\n## How to fix\s*\n([\s\S]*?)(?=\n## |$)/.exec(text)?.[1]?.trim();
    doc = { summary: summary && !summary.startsWith("#") ? summary : undefined, howToFix: fix };
  } catch {
    doc = {};
  }
  docCache.set(id, doc);
  return doc;
}

function sarifRule(id: string) {
  const info = ruleInfo(id);
  const doc = info.meta ? {} : ruleDoc(id);
  const full = doc.summary ?? info.description;
  const fixText = doc.howToFix ?? info.fix;
  const markdown = [`**${info.description}**`, "", full === info.description ? "" : full, "", "### How to fix", "", fixText, "", `Severity: ${info.severity}. [Rule documentation](${info.url})`]
    .filter((line, i, all) => !(line === "" && all[i - 1] === ""))
    .join("\n");
  const tags = ["clerk", "auth"];
  if (info.security) tags.push("security");
  if (info.meta) tags.push("ci");
  return {
    id: `clerk-guard/${id}`,
    name: pascal(id),
    shortDescription: { text: info.description },
    fullDescription: { text: full.replace(/`/g, "") },
    help: { text: `${info.description}. How to fix: ${info.fix || fixText} (${info.url})`, markdown },
    helpUri: info.url,
    defaultConfiguration: { level: info.level },
    properties: {
      tags,
      precision: "high",
      "problem.severity": info.level === "error" ? "error" : "warning",
      "security-severity": SECURITY_SEVERITY[info.severity],
      severity: info.severity,
    },
  };
}

export function encodeRelUri(relPath: string): string {
  return relPath.split("/").map((seg) => (seg === ".." || seg === "." ? seg : encodeURIComponent(seg))).join("/");
}

function region(f: ReportFinding) {
  const r: Record<string, number> = { startLine: Math.max(1, f.line), startColumn: Math.max(1, f.column) };
  if (f.endLine !== undefined && f.endColumn !== undefined && (f.endLine > f.line || (f.endLine === f.line && f.endColumn >= f.column))) {
    r.endLine = f.endLine;
    r.endColumn = Math.max(1, f.endColumn);
  }
  return r;
}

function location(f: ReportFinding) {
  return { physicalLocation: { artifactLocation: { uri: encodeRelUri(f.relPath), uriBaseId: "%SRCROOT%" }, region: region(f) } };
}

export function formatSarif(data: ReportData): string {
  const findings = [...data.findings].sort(byLocation);
  const parseErrors = findings.filter((f) => f.ruleId === "parse-error");
  const results = findings.filter((f) => f.ruleId !== "parse-error");
  const ids = new Set<string>(Object.keys(rules));
  for (const f of results) ids.add(f.ruleId);
  const ruleList = [...ids].sort();
  const index = new Map(ruleList.map((id, i) => [id, i]));
  const run: Record<string, unknown> = {
    tool: {
      driver: {
        name: "clerk-guard",
        version: data.tool.version,
        semanticVersion: data.tool.version,
        informationUri: REPO_URL,
        rules: ruleList.map(sarifRule),
      },
    },
    automationDetails: { id: "clerk-guard/" },
    originalUriBaseIds: { "%SRCROOT%": { uri: pathToFileURL(data.root.endsWith("/") ? data.root : `${data.root}/`).href } },
    columnKind: "utf16CodeUnits",
    invocations: [
      {
        executionSuccessful: true,
        toolExecutionNotifications: [...parseErrors, ...results.filter((f) => f.ruleId === "not-analyzed")].sort(byLocation).map((f) => ({
          level: "error",
          message: { text: f.ruleId === "parse-error" ? `Could not parse ${f.relPath}: ${f.message}` : `Could not analyse ${f.relPath}: ${f.message}` },
          locations: [location(f)],
        })),
      },
    ],
    results: results.map((f) => {
      const info = ruleInfo(f.ruleId);
      return {
        ruleId: `clerk-guard/${f.ruleId}`,
        ruleIndex: index.get(f.ruleId),
        level: f.level === "error" ? "error" : "warning",
        message: { text: info.fix ? `${f.message}\nFix: ${info.fix}` : f.message },
        locations: [location(f)],
        partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
        properties: {
          severity: info.severity,
          "security-severity": SECURITY_SEVERITY[f.ruleSeverity],
          isNew: f.isNew,
          ...(f.inDiff === null ? {} : { inDiff: f.inDiff }),
          ...(f.enclosingFunction ? { enclosingFunction: f.enclosingFunction } : {}),
        },
      };
    }),
  };
  if (data.head?.sha && data.links) {
    const repositoryUri = `${data.links.serverUrl.replace(/\/$/, "")}/${data.links.repository}`;
    run.versionControlProvenance = [{ repositoryUri, revisionId: data.head.sha, ...(data.links.branch ? { branch: data.links.branch } : {}) }];
  }
  if (data.score) {
    run.properties = {
      scoreModel: data.score.model,
      score: data.score.score,
      grade: data.score.grade,
      passed: data.gate?.passed,
    };
  }
  return JSON.stringify(redactDeep({ $schema: SARIF_SCHEMA, version: "2.1.0", runs: [run] }), null, 2) + "\n";
}
