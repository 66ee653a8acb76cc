/**
 * dotenv files (`.env`, `.env.local`, `.env.production.vercel`…): which files are
 * env files, and their assignments. clerk-guard lints them through a processor
 * that turns each `NAME=value` line into `process.env.NAME = "value";` on the same
 * line, so the secret rules judge committed env files with the code's own logic,
 * and positions map back to the env file.
 */
import path from "node:path";

/** `.env`, `.env.local`, `.env.production`, `.env.development.vercel`, `.env.local.nx` — not `.envrc`, not `env.ts`. */
export function isEnvFile(file: string): boolean {
  return /^\.env(?:\.[\w.-]+)?$/.test(path.basename(file));
}

/** Example files document names with placeholder values; they are checked, but a placeholder is never a finding. */
export function isEnvExample(file: string): boolean {
  return /\.(example|sample|template|dist|defaults?)$/i.test(path.basename(file));
}

export interface EnvEntry {
  name: string;
  /** 0-based column of the name. */
  nameColumn: number;
  value: string;
  /** 1-based line of the entry. */
  line: number;
  /** 0-based column of the value's first character (after an opening quote). */
  valueColumn: number;
}

const ASSIGNMENT = /^(\s*(?:export\s+)?)([A-Za-z_][A-Za-z0-9_.-]*)(\s*=\s*)(.*)$/;

/** The `NAME=value` entries of a dotenv text (quotes removed, comments after unquoted values dropped). */
export function parseEnv(text: string): EnvEntry[] {
  const out: EnvEntry[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = ASSIGNMENT.exec(lines[i]!);
    if (!m) continue;
    let raw = m[4]!;
    let column = m[1]!.length + m[2]!.length + m[3]!.length;
    const quote = raw[0];
    if (quote === '"' || quote === "'" || quote === "`") {
      const end = raw.indexOf(quote, 1);
      raw = end === -1 ? raw.slice(1) : raw.slice(1, end);
      column += 1;
    } else {
      raw = raw.replace(/\s+#.*$/, "").trim();
    }
    out.push({ name: m[2]!, nameColumn: m[1]!.length, value: raw, line: i + 1, valueColumn: column });
  }
  return out;
}

export interface EnvScript {
  /** JavaScript with one statement per env line (the same line numbers). */
  code: string;
  /** line → where the name and the value sit in the env file and in the script (0-based columns). */
  columns: Map<number, { envName: number; envValue: number; scriptValue: number }>;
}

/** The env text as a script the rules can lint: `process.env.NAME = "value";` on each entry's own line. */
export function envAsScript(text: string): EnvScript {
  const lines = text.split(/\r?\n/).map(() => "");
  const columns: EnvScript["columns"] = new Map();
  for (const e of parseEnv(text)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(e.name)) continue;
    const prefix = `process.env.${e.name} = `;
    lines[e.line - 1] = `${prefix}${JSON.stringify(e.value)};`;
    // the script's string literal starts at prefix.length (its quote), its content one later
    columns.set(e.line, { envName: e.nameColumn, envValue: e.valueColumn, scriptValue: prefix.length + 1 });
  }
  return { code: lines.join("\n"), columns };
}
