/**
 * Module resolution for local imports: relative paths and tsconfig/jsconfig
 * `paths` aliases (`@/*`), with the usual extension and index-file probing.
 */
import path from "node:path";
import { exists, readJson } from "../fs-cache.js";

const EXTENSIONS = [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];

interface PathsConfig {
  baseDir: string;
  paths: Array<{ prefix: string; suffix: string; targets: string[] }>;
}

const configCache = new Map<string, PathsConfig>();

function loadPaths(root: string): PathsConfig {
  const cached = configCache.get(root);
  if (cached) return cached;
  const config: PathsConfig = { baseDir: root, paths: [] };
  for (const name of ["tsconfig.json", "jsconfig.json"]) {
    const file = path.join(root, name);
    let json = readJson(file, true) as { compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> }; extends?: string } | undefined;
    if (!json) continue;
    // follow one relative `extends` for paths defined in a base config
    if (!json.compilerOptions?.paths && typeof json.extends === "string" && json.extends.startsWith(".")) {
      const base = readJson(path.resolve(root, json.extends.endsWith(".json") ? json.extends : json.extends + ".json"), true) as typeof json;
      if (base?.compilerOptions) json = { ...json, compilerOptions: { ...base.compilerOptions, ...json.compilerOptions } };
    }
    const opts = json.compilerOptions ?? {};
    config.baseDir = path.resolve(root, opts.baseUrl ?? ".");
    for (const [pattern, targets] of Object.entries(opts.paths ?? {})) {
      if (!Array.isArray(targets)) continue;
      const star = pattern.indexOf("*");
      config.paths.push({
        prefix: star === -1 ? pattern : pattern.slice(0, star),
        suffix: star === -1 ? "" : pattern.slice(star + 1),
        targets: targets.filter((t): t is string => typeof t === "string"),
      });
    }
    break;
  }
  configCache.set(root, config);
  return config;
}

export function clearResolveCache(): void {
  configCache.clear();
}

function probe(candidate: string): string | undefined {
  if (EXTENSIONS.some((e) => candidate.endsWith(e)) && exists(candidate)) return candidate;
  // `./x.js` written for a `./x.ts` source (NodeNext style)
  const jsLike = /\.(m|c)?jsx?$/.exec(candidate);
  if (jsLike) {
    const stem = candidate.slice(0, -jsLike[0].length);
    for (const ext of EXTENSIONS) if (exists(stem + ext)) return stem + ext;
  }
  for (const ext of EXTENSIONS) if (exists(candidate + ext)) return candidate + ext;
  for (const ext of EXTENSIONS) {
    const index = path.join(candidate, "index" + ext);
    if (exists(index)) return index;
  }
  return undefined;
}

/** Absolute path of the local module `specifier` imported from `fromFile`, or undefined for packages. */
export function resolveLocal(root: string, fromFile: string, specifier: string): string | undefined {
  if (specifier.startsWith(".")) return probe(path.resolve(path.dirname(fromFile), specifier));
  if (specifier.startsWith("/")) return probe(specifier);
  const config = loadPaths(root);
  for (const p of config.paths) {
    if (!specifier.startsWith(p.prefix) || !specifier.endsWith(p.suffix)) continue;
    if (p.suffix === "" && p.prefix === specifier && p.targets.length && !p.targets[0]!.includes("*")) {
      const hit = probe(path.resolve(config.baseDir, p.targets[0]!));
      if (hit) return hit;
      continue;
    }
    const middle = specifier.slice(p.prefix.length, specifier.length - p.suffix.length);
    for (const target of p.targets) {
      const hit = probe(path.resolve(config.baseDir, target.replace("*", middle)));
      if (hit) return hit;
    }
  }
  // Common default even without tsconfig: `@/x` → ./x or ./src/x
  if (specifier.startsWith("@/") || specifier.startsWith("~/")) {
    const rest = specifier.slice(2);
    return probe(path.join(root, "src", rest)) ?? probe(path.join(root, rest));
  }
  return undefined;
}
