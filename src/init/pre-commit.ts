/**
 * A pre-commit check of the staged JS/TS files (`--pre-commit husky|lefthook|simple-git-hooks`),
 * through `clerk-guard check --staged` (husky, simple-git-hooks) or lefthook's {staged_files}.
 * Files init can edit safely are edited (a husky hook script, package.json's
 * "simple-git-hooks" key, a new lefthook.yml); an existing YAML or JS config is
 * left to the user with the snippet to add.
 */
import fs from "node:fs";
import path from "node:path";
import { type Action, type InitContext, InitError, display, eolOf, target } from "./plan.js";

export type PreCommitTool = "husky" | "lefthook" | "simple-git-hooks";
export const PRE_COMMIT_TOOLS: readonly PreCommitTool[] = ["husky", "lefthook", "simple-git-hooks"];

/**
 * Lints the staged (index) content of the added and changed files in memory, so partially
 * staged files are judged by what is committed; exits 0 when no JS/TS file is staged.
 * The binary is called directly (`npx --no-install` would add about 0.4 s to every commit):
 * husky puts node_modules/.bin on the PATH; simple-git-hooks runs the hook from the repository root.
 */
export const HUSKY_CHECK = "clerk-guard check --staged";
export const STAGED_CHECK = "./node_modules/.bin/clerk-guard check --staged";

/** The same snippets as the README's Pre-commit section (a test keeps them equal). */
export const LEFTHOOK_SNIPPET = `pre-commit:
  jobs:
    - name: clerk-guard
      glob: "*.{ts,tsx,mts,cts,js,jsx,mjs,cjs}"
      run: ./node_modules/.bin/clerk-guard check {staged_files}
`;

function readPackageJson(ctx: InitContext): { file: string; content?: string; json?: Record<string, unknown> } {
  const t = target(ctx, path.join(ctx.project, "package.json"));
  if (t.content === undefined) return { file: t.path };
  try {
    const json = JSON.parse(t.content) as unknown;
    if (json && typeof json === "object" && !Array.isArray(json)) return { file: t.path, content: t.content, json: json as Record<string, unknown> };
  } catch {
    // reported below
  }
  throw new InitError(`package.json is not a valid JSON object; clerk-guard init does not overwrite it`);
}

function hasDependency(pkg: Record<string, unknown> | undefined, name: string): boolean {
  return ["dependencies", "devDependencies"].some((f) => !!pkg && typeof pkg[f] === "object" && pkg[f] !== null && name in (pkg[f] as object));
}

function planHusky(ctx: InitContext): Action[] {
  const file = path.join(ctx.project, ".husky", "pre-commit");
  const t = target(ctx, file);
  const name = display(ctx, file);
  if (t.content?.includes("clerk-guard check")) return [{ kind: "unchanged", target: name, summary: "already runs clerk-guard" }];
  const block = `# clerk-guard: Clerk auth check of the staged JS/TS files\n${HUSKY_CHECK}\n`;
  const eol = eolOf(t.content);
  const content = t.content === undefined ? block : `${t.content.replace(/(\r?\n)*$/, "")}${eol}${eol}${block.replace(/\n/g, eol)}`;
  const actions: Action[] = [
    { kind: t.content === undefined ? "create" : "update", target: name, summary: "check the staged JS/TS files with clerk-guard", writes: [{ file: t.path, content, mode: 0o755 }] },
  ];
  const pkg = readPackageJson(ctx).json;
  if (!hasDependency(pkg, "husky")) {
    actions.push({ kind: "manual", target: "husky", summary: "husky is not a dependency; to run .husky/ hooks:", details: ["npm install --save-dev husky && npx husky"] });
  }
  return actions;
}

function planLefthook(ctx: InitContext): Action[] {
  const names = ["lefthook.yml", "lefthook.yaml", ".lefthook.yml", ".lefthook.yaml", "lefthook.json", "lefthook.toml"];
  const existing = names.map((n) => path.join(ctx.project, n)).find((f) => fs.existsSync(f));
  if (existing) {
    const t = target(ctx, existing);
    if (t.content?.includes("clerk-guard")) return [{ kind: "unchanged", target: display(ctx, existing), summary: "already runs clerk-guard" }];
    return [{ kind: "manual", target: display(ctx, existing), summary: "not edited automatically; add this job:", details: LEFTHOOK_SNIPPET.trimEnd().split("\n") }];
  }
  const file = path.join(ctx.project, "lefthook.yml");
  const t = target(ctx, file);
  return [
    { kind: "create", target: display(ctx, file), summary: "pre-commit job: clerk-guard check {staged_files}", writes: [{ file: t.path, content: LEFTHOOK_SNIPPET }] },
    { kind: "manual", target: "lefthook", summary: "install the git hooks with:", details: [hasDependency(readPackageJson(ctx).json, "lefthook") ? "npx lefthook install" : "npm install --save-dev lefthook && npx lefthook install"] },
  ];
}

function planSimpleGitHooks(ctx: InitContext): Action[] {
  const configs = [".simple-git-hooks.cjs", ".simple-git-hooks.js", ".simple-git-hooks.mjs", ".simple-git-hooks.json", "simple-git-hooks.cjs", "simple-git-hooks.js", "simple-git-hooks.mjs", "simple-git-hooks.json"];
  const config = configs.map((n) => path.join(ctx.project, n)).find((f) => fs.existsSync(f));
  if (config) {
    const t = target(ctx, config);
    if (t.content?.includes("clerk-guard")) return [{ kind: "unchanged", target: display(ctx, config), summary: "already runs clerk-guard" }];
    return [{ kind: "manual", target: display(ctx, config), summary: 'not edited automatically; add to "pre-commit":', details: [STAGED_CHECK] }];
  }
  const pkg = readPackageJson(ctx);
  if (!pkg.json) throw new InitError("no package.json in the project; --pre-commit simple-git-hooks keeps its config there");
  const current = pkg.json["simple-git-hooks"];
  if (current !== undefined && (typeof current !== "object" || current === null || Array.isArray(current))) {
    throw new InitError('package.json: "simple-git-hooks" is not an object; clerk-guard init does not overwrite it');
  }
  const hooks = { ...((current ?? {}) as Record<string, unknown>) };
  const pre = hooks["pre-commit"];
  if (typeof pre === "string" && pre.includes("clerk-guard")) return [{ kind: "unchanged", target: 'package.json "simple-git-hooks"', summary: "already runs clerk-guard" }];
  if (pre !== undefined && typeof pre !== "string") throw new InitError('package.json: "simple-git-hooks"."pre-commit" is not a string');
  hooks["pre-commit"] = pre ? `${pre} && ${STAGED_CHECK}` : STAGED_CHECK;
  const json = { ...pkg.json, "simple-git-hooks": hooks };
  const indent = /^\{\r?\n([ \t]+)/.exec(pkg.content!)?.[1] ?? 2;
  const eol = eolOf(pkg.content);
  const content = JSON.stringify(json, null, indent).replace(/\n/g, eol) + eol;
  const actions: Action[] = [
    { kind: "update", target: 'package.json "simple-git-hooks"', summary: "pre-commit: check the staged JS/TS files with clerk-guard", writes: [{ file: pkg.file, content }] },
  ];
  actions.push({
    kind: "manual",
    target: "simple-git-hooks",
    summary: "install the git hook with:",
    details: [hasDependency(pkg.json, "simple-git-hooks") ? "npx simple-git-hooks" : "npm install --save-dev simple-git-hooks && npx simple-git-hooks"],
  });
  return actions;
}

export function planPreCommit(ctx: InitContext, tool: PreCommitTool): Action[] {
  if (tool === "husky") return planHusky(ctx);
  if (tool === "lefthook") return planLefthook(ctx);
  return planSimpleGitHooks(ctx);
}
