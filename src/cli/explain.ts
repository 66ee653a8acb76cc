/**
 * `clerk-guard explain <rule-id>`: print a rule's documentation (rules/<id>.md:
 * what it reports and why, wrong and right code, how to fix, versions) for a
 * human or an agent. `--list` prints every rule id with its description.
 */
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "./errors.js";
import { parseOptions } from "./options.js";

const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

export const EXPLAIN_USAGE = `Usage: clerk-guard explain <rule-id>
       clerk-guard explain --list

Prints the rule's documentation: what it reports and why, incorrect and correct code,
how to fix it, and the Clerk versions it applies to. The id may carry the clerk-guard/ prefix.`;

interface RuleMeta {
  description: string;
  fix?: string;
  versions?: string;
  config?: string;
  severity?: string;
}

async function ruleMetas(): Promise<Map<string, RuleMeta>> {
  const { rules } = await import("../rules/index.js");
  const out = new Map<string, RuleMeta>();
  for (const [id, rule] of Object.entries(rules as Record<string, { meta: { docs?: unknown } }>)) {
    out.set(id, (rule.meta.docs ?? { description: "" }) as RuleMeta);
  }
  return out;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

/** Metadata-only text for a rule whose doc file is missing. */
function fromMeta(id: string, meta: RuleMeta): string {
  const lines = [`# ${id}`, "", meta.description];
  if (meta.fix) lines.push("", "## How to fix", "", meta.fix);
  if (meta.versions) lines.push("", "## Versions", "", meta.versions);
  return lines.join("\n") + "\n";
}

const EXPLAIN_OPTIONS = {
  list: { kind: "boolean" },
  help: { kind: "boolean", short: "h" },
} as const;

export async function runExplain(argv: string[]): Promise<number> {
  const parsed = parseOptions(argv, EXPLAIN_OPTIONS);
  if (parsed.values.get("help")) {
    process.stdout.write(EXPLAIN_USAGE + "\n");
    return 0;
  }
  const metas = await ruleMetas();
  const ids = parsed.positionals;
  if (parsed.values.get("list")) {
    if (ids.length > 0) throw new UsageError("--list takes no rule id");
    const all = [...metas.keys()].sort();
    const width = Math.max(...all.map((id) => id.length));
    process.stdout.write(all.map((id) => `${id.padEnd(width)}  ${metas.get(id)!.description}`).join("\n") + "\n");
    return 0;
  }
  if (ids.length !== 1) throw new UsageError(ids.length === 0 ? "missing rule id (clerk-guard explain --list shows them)" : "explain takes one rule id");
  const id = ids[0]!.replace(/^clerk-guard\//, "");
  const meta = metas.get(id);
  if (!meta) {
    const close = [...metas.keys()].filter((k) => distance(k, id) <= 3 || k.includes(id)).sort((a, b) => distance(a, id) - distance(b, id));
    throw new UsageError(`unknown rule '${ids[0]}'${close.length > 0 ? ` (did you mean ${close.slice(0, 3).join(", ")}?)` : ""}; clerk-guard explain --list shows every rule`);
  }
  const doc = path.join(PACKAGE_ROOT, "rules", `${id}.md`);
  let text: string;
  try {
    text = fs.readFileSync(doc, "utf8");
  } catch {
    text = fromMeta(id, meta);
  }
  process.stdout.write(text.endsWith("\n") ? text : text + "\n");
  return 0;
}
