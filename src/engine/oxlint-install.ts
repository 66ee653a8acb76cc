/**
 * Engine choice and where oxlint is, kept light (node built-ins only) so the CLI can answer
 * `--engine oxlint` without oxlint before anything heavy is loaded. oxlint is resolved from
 * clerk-guard's own install (its dependency tree), never from the project being scanned.
 */
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

/** The environment variable naming the file the recording plugin appends to (oxlint-plugin.ts). */
export const RECORD_ENV = "CLERK_GUARD_OXLINT_RECORD";

export type EngineName = "eslint" | "oxlint";
export type EngineChoice = EngineName | "auto";
export const ENGINE_CHOICES: readonly EngineChoice[] = ["oxlint", "eslint", "auto"];

/**
 * `auto` runs oxlint from this many files on. Measured on the bench's generated Next.js app, CPU
 * time of `check` in fresh processes, since the ESLint engine parses TypeScript with oxc-parser
 * (engine/fast-parser.ts): 1,000 files ESLint 4.6 s, oxlint 4.4 s (even); 5,000 files ESLint
 * 17.6 s, oxlint 13.2 s. Below it, starting oxlint and loading the plugin (about 0.7 s) is not won back.
 */
export const AUTO_MIN_FILES = 1_000;

/** The oxlint release whose JS-plugin API this engine was built and tested against (1.x from it on). */
const MIN_VERSION: readonly [number, number] = [1, 96];

export interface OxlintInstall {
  /** oxlint's JS entry (run with `node`). */
  bin: string;
  version: string;
}

let resolved: OxlintInstall | null | undefined;

/** oxlint as installed beside clerk-guard (its own dependency tree), or undefined. */
export function oxlintInstall(): OxlintInstall | undefined {
  if (resolved !== undefined) return resolved ?? undefined;
  resolved = null;
  try {
    const require = createRequire(import.meta.url);
    const manifestPath = require.resolve("oxlint/package.json");
    const manifest = JSON.parse(fs.readFileSync(manifestPath, "utf8")) as { version?: string; bin?: string | Record<string, string> };
    const [major, minor] = String(manifest.version).split(".").map(Number);
    if (major !== MIN_VERSION[0] || !(minor! >= MIN_VERSION[1])) return undefined;
    const rel = typeof manifest.bin === "string" ? manifest.bin : manifest.bin?.oxlint;
    if (!rel) return undefined;
    const bin = path.resolve(path.dirname(manifestPath), rel);
    if (!fs.statSync(bin).isFile()) return undefined;
    resolved = { bin, version: String(manifest.version) };
  } catch {
    resolved = null;
  }
  return resolved ?? undefined;
}

/** The engine a run uses: `auto` takes oxlint when it is installed and there are enough files for it to pay off. */
export function chooseEngine(choice: EngineChoice, files: number): EngineName {
  if (choice === "eslint") return "eslint";
  if (choice === "oxlint") return "oxlint";
  return files >= AUTO_MIN_FILES && oxlintInstall() ? "oxlint" : "eslint";
}

