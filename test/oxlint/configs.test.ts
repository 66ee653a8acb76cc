/**
 * The oxlint configs shipped in the package: generated from the plugin's configs (a test fails
 * when one is stale: `npm run oxlint-configs`), shipped by npm, and usable as the README shows
 * them, with the oxlint CLI, in a project that installs clerk-guard: `.oxlintrc.json` extending
 * the shipped file, `oxlint.config.mjs` spreading `configs.recommended.rules`,
 * `settings["clerk-guard"]`, and `--fix` that takes a second run for overlapping fixes.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import plugin from "../../src/index.js";
import { OXLINT_CONFIG_DIR, oxlintConfigFiles } from "../../src/util/oxlint-configs.js";
import { REPO } from "../helpers.js";
import { OXLINT_BIN, runOxlint } from "./run-oxlint.js";
import { spawnSync } from "node:child_process";

const readme = fs.readFileSync(path.join(REPO, "README.md"), "utf8");
/** The README's code block whose first line is `// <name>` (the comment line is part of the file). */
function readmeBlock(name: string): string {
  const m = new RegExp("```[a-z]*\\n(// " + name.replace(/\./g, "\\.") + "\\n[\\s\\S]*?)```").exec(readme);
  if (!m) throw new Error(`README.md has no code block starting with // ${name}`);
  return m[1]!;
}

describe("the shipped oxlint configs", () => {
  it("are up to date with the plugin's configs (run `npm run oxlint-configs`)", () => {
    const dir = path.join(REPO, OXLINT_CONFIG_DIR);
    const expected = oxlintConfigFiles();
    expect(fs.readdirSync(dir).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, text] of Object.entries(expected)) expect(fs.readFileSync(path.join(dir, name), "utf8"), name).toBe(text);
  });

  it.each(["recommended", "strict", "all"] as const)("%s.json turns on the rules of configs.%s at the same severities, from the package's own entry", (name) => {
    const config = JSON.parse(fs.readFileSync(path.join(REPO, OXLINT_CONFIG_DIR, `${name}.json`), "utf8"));
    expect(config.rules).toEqual(plugin.configs[name].rules);
    expect(config.jsPlugins).toEqual(["../dist/index.js"]);
    expect(fs.existsSync(path.resolve(REPO, OXLINT_CONFIG_DIR, config.jsPlugins[0]))).toBe(true);
  });

  it("can be imported by package path (exports)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, "package.json"), "utf8"));
    expect(pkg.exports["./oxlint/*.json"]).toBe("./oxlint/*.json");
    expect(pkg.files).toContain("oxlint");
  });
});

describe("oxlint in a project that installs clerk-guard (the README's set-ups)", () => {
  let project: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(project, rel)), { recursive: true });
    fs.writeFileSync(path.join(project, rel), text);
  };

  beforeEach(() => {
    project = fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-oxlint-project-"));
    // the package as npm installs it, linked (what it resolves, it resolves from the repository)
    fs.mkdirSync(path.join(project, "node_modules"));
    fs.symlinkSync(REPO, path.join(project, "node_modules", "clerk-guard"), "dir");
    write(".gitignore", "node_modules\n.next\n");
    write("package.json", JSON.stringify({ name: "acme-dashboard", private: true, dependencies: { "@clerk/nextjs": "^7.0.0", next: "^16.0.0" } }, null, 2));
    write("app/api/projects/route.ts", `import { auth } from "@clerk/nextjs/server";\n\nexport async function GET() {\n  const { userId } = auth();\n  if (!userId) return new Response("Unauthorized", { status: 401 });\n  return Response.json({ userId });\n}\n`);
  });
  afterEach(() => fs.rmSync(project, { recursive: true, force: true }));

  const ids = (run: ReturnType<typeof runOxlint>) => run.findings.map((f) => `${path.relative(project, f.file)}:${f.line} ${f.ruleId}`);

  it(".oxlintrc.json extending clerk-guard/oxlint/recommended.json, as written in the README", () => {
    write(".oxlintrc.json", readmeBlock(".oxlintrc.json"));
    const run = runOxlint(project, ".oxlintrc.json", ["app"]);
    expect(run.stderr).toBe("");
    expect(ids(run)).toEqual(["app/api/projects/route.ts:4 clerk-guard/await-auth"]);
    expect(run.status).toBe(1);
  });

  it("oxlint.config.mjs spreading configs.recommended.rules, as written in the README", () => {
    write("oxlint.config.mjs", readmeBlock("oxlint.config.mjs"));
    const run = runOxlint(project, "oxlint.config.mjs", ["app"]);
    expect(run.stderr).toBe("");
    expect(ids(run)).toEqual(["app/api/projects/route.ts:4 clerk-guard/await-auth"]);
  });

  it("settings[\"clerk-guard\"] reaches the rules: the Clerk version decides what is reported", () => {
    // no Clerk in package.json: the version is unknown and await-auth stays silent
    write("package.json", JSON.stringify({ name: "acme-dashboard", private: true }));
    const config = (settings: object) => JSON.stringify({ extends: ["./node_modules/clerk-guard/oxlint/recommended.json"], ...settings });
    write(".oxlintrc.json", config({}));
    expect(ids(runOxlint(project, ".oxlintrc.json", ["app"]))).toEqual([]);
    write(".oxlintrc.json", config({ settings: { "clerk-guard": { clerkVersion: 7 } } }));
    expect(ids(runOxlint(project, ".oxlintrc.json", ["app"]))).toEqual(["app/api/projects/route.ts:4 clerk-guard/await-auth"]);
    write(".oxlintrc.json", config({ settings: { "clerk-guard": { clerkVersion: 5 } } }));
    expect(ids(runOxlint(project, ".oxlintrc.json", ["app"]))).toEqual([]);
  });

  it("--fix applies one pass: overlapping no-legacy-api fixes take a second run (as the README says)", () => {
    write(".oxlintrc.json", readmeBlock(".oxlintrc.json"));
    const header = `import { SignInButton, SignedIn, SignedOut, UserButton } from "@clerk/nextjs"\n\nexport function SiteHeader() {\n  return (\n    <header>\n      <SignedOut>\n        <SignInButton />\n      </SignedOut>\n      <SignedIn>\n        <UserButton />\n      </SignedIn>\n    </header>\n  )\n}\n`;
    write("components/site-header.tsx", header);
    const fix = () => spawnSync(process.execPath, [OXLINT_BIN, "-c", ".oxlintrc.json", "--fix", "components/site-header.tsx"], { cwd: project, encoding: "utf8", timeout: 120_000 });
    const text = () => fs.readFileSync(path.join(project, "components/site-header.tsx"), "utf8");
    expect(fix().status).toBe(1);
    expect(text()).toContain(`import { SignInButton, Show, SignedOut, UserButton } from "@clerk/nextjs"`);
    expect(text()).toContain(`<Show when="signed-in">`);
    expect(text()).toContain(`<SignedOut>`);
    expect(fix().status).toBe(0);
    expect(text()).toBe(
      `import { SignInButton, Show, UserButton } from "@clerk/nextjs"\n\nexport function SiteHeader() {\n  return (\n    <header>\n      <Show when="signed-out">\n        <SignInButton />\n      </Show>\n      <Show when="signed-in">\n        <UserButton />\n      </Show>\n    </header>\n  )\n}\n`,
    );
  });
});
