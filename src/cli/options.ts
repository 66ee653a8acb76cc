/**
 * The argument parser every command uses (check, ci, baseline, hook, explain),
 * kept free of heavy imports: `check` must be able to exit before ESLint is loaded.
 */
import { UsageError } from "./errors.js";
import { FORMAT_NAMES as FORMATS, type FormatName, type FormatSpec } from "../report/names.js";
import { ENGINE_CHOICES, type EngineChoice, oxlintInstall } from "../engine/oxlint-install.js";

export type OptionKind = "boolean" | "string" | "multi";

export interface OptionDef {
  kind: OptionKind;
  short?: string;
}

export interface Parsed {
  values: Map<string, string | boolean | string[]>;
  positionals: string[];
}

export function parseOptions(argv: readonly string[], defs: Record<string, OptionDef>): Parsed {
  const values = new Map<string, string | boolean | string[]>();
  const positionals: string[] = [];
  const byShort = new Map(Object.entries(defs).flatMap(([name, d]) => (d.short ? [[d.short, name] as const] : [])));
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("-") || a === "-") {
      positionals.push(a);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    if (a.startsWith("--")) {
      const eq = a.indexOf("=");
      name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      inline = eq === -1 ? undefined : a.slice(eq + 1);
    } else {
      name = byShort.get(a.slice(1, 2));
      if (a.length > 2) inline = a[2] === "=" ? a.slice(3) : a.slice(2);
    }
    const def = name !== undefined ? defs[name] : undefined;
    if (!name || !def) throw new UsageError(`unknown option '${a}' (try --help)`);
    if (def.kind === "boolean") {
      if (inline !== undefined) throw new UsageError(`option '--${name}' takes no value`);
      values.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith("-") && value !== "-")) {
      throw new UsageError(`option '--${name}' needs a value`);
    }
    if (def.kind === "multi") values.set(name, [...((values.get(name) as string[] | undefined) ?? []), value]);
    else values.set(name, value);
  }
  return { values, positionals };
}

export function intOption(parsed: Parsed, name: string, min: number, max: number): number | undefined {
  const v = parsed.values.get(name);
  if (v === undefined) return undefined;
  const s = String(v);
  if (!/^-?\d+$/.test(s)) throw new UsageError(`--${name} needs a whole number, got '${s}'`);
  const n = Number(s);
  if (n < min || n > max) throw new UsageError(`--${name} must be between ${min} and ${max}, got ${n}`);
  return n;
}

export function choiceOption<T extends string>(parsed: Parsed, name: string, choices: readonly T[], fallback: T): T {
  const v = parsed.values.get(name);
  if (v === undefined) return fallback;
  if (!choices.includes(v as T)) throw new UsageError(`--${name} must be one of ${choices.join(", ")}, got '${String(v)}'`);
  return v as T;
}

/** `-f NAME[=PATH]`, repeatable. */
export function formatSpecs(parsed: Parsed, fallback: FormatName = "stylish"): FormatSpec[] {
  const raw = (parsed.values.get("format") as string[] | undefined) ?? [];
  if (raw.length === 0) return [{ name: fallback }];
  return raw.map((r) => {
    const eq = r.indexOf("=");
    const name = (eq === -1 ? r : r.slice(0, eq)) as FormatName;
    const file = eq === -1 ? undefined : r.slice(eq + 1);
    if (!FORMATS.includes(name)) throw new UsageError(`unknown format '${name}' (${FORMATS.join(", ")})`);
    if (file === "") throw new UsageError(`format '${name}=' needs a file path after '='`);
    return file === undefined ? { name } : { name, path: file };
  });
}

/** `--engine oxlint|eslint|auto` (default auto). */
export function engineOption(parsed: Parsed): EngineChoice {
  return choiceOption(parsed, "engine", ENGINE_CHOICES, "auto");
}

/** `--engine oxlint` needs oxlint installed beside clerk-guard: a usage error (exit 2) before anything runs. */
export function requireEngine(choice: EngineChoice | undefined): void {
  if (choice === "oxlint" && !oxlintInstall()) {
    throw new UsageError("--engine oxlint: oxlint >= 1.96 is not installed beside clerk-guard (npm install --save-dev oxlint), or use --engine eslint");
  }
}
