// The table of rules/no-legacy-api.md, generated from the data table of the rule
// (src/analysis/legacy-api-table.ts). `npm run readme` rewrites it; a test keeps it in sync.
import fs from "node:fs";

const KIND_LABEL = { export: "import", package: "package import", "jsx-prop": "JSX prop", env: "env var (in code)", call: "usage shape" };
const FIX_LABEL = { fix: "autofix", suggest: "suggestion", none: "—" };

function describeEntry(entry) {
  const names = entry.names.map((n) => `\`${n}\``).join(", ");
  if (entry.kind === "jsx-prop") return `${names} on ${entry.components.map((c) => `\`<${c}>\``).join(", ")}`;
  if (entry.kind === "call") return entry.shape ?? names;
  return names;
}

function describeTarget(t, kind) {
  const where = kind === "export" && t.sources.length > 0 ? t.sources.map((s) => `\`${s}\``).join(", ") : `\`${t.pkg}\``;
  if (t.unsupported) return `${where}: always (end of life)`;
  if (t.core3) return `${where}: deprecated once the project uses a Core 3 SDK`;
  const parts = [];
  if (t.deprecatedIn !== undefined && t.deprecatedIn !== t.removedIn) {
    parts.push(
      t.deprecatedSince
        ? `deprecated ${t.deprecatedSince} (silent on an earlier ${t.deprecatedIn}.x known from the lockfile or the declared range)`
        : t.deprecatedIn === 0
          ? "deprecated in every earlier major"
          : `deprecated ${t.deprecatedIn}`,
    );
  }
  parts.push(t.removedIn !== undefined ? `removed ${t.removedIn}` : "not removed yet");
  return `${where}: ${parts.join(", ")}`;
}

const cell = (text) => text.replace(/\|/g, "\\|");

/** The markdown table for a list of legacy entries. */
export function renderLegacyTable(entries) {
  const lines = ["| Id | Kind | What | Versions (per package major) | Replacement | Fix |", "|---|---|---|---|---|---|"];
  for (const e of entries) {
    const versions = e.targets.map((t) => describeTarget(t, e.kind) + (t.replacement ? ` (${t.replacement})` : "")).join("<br>");
    lines.push(`| \`${e.id}\` | ${KIND_LABEL[e.kind]} | ${cell(describeEntry(e))} | ${cell(versions)} | ${cell(e.replacement)} | ${FIX_LABEL[e.fix]} |`);
  }
  return lines.join("\n");
}

/** Rewrite the table between the markers of rules/no-legacy-api.md. */
export async function updateLegacyDoc() {
  const { LEGACY_API } = await import("../dist/analysis/legacy-api-table.js");
  const file = new URL("../rules/no-legacy-api.md", import.meta.url);
  const doc = fs.readFileSync(file, "utf8");
  const next = doc.replace(/(<!-- legacy-table:start -->\n)[\s\S]*?(\n<!-- legacy-table:end -->)/, (_, a, b) => a + renderLegacyTable(LEGACY_API) + b);
  fs.writeFileSync(file, next);
}
