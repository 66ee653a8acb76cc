#!/usr/bin/env node
// The release tree: what a git tag of clerk-guard holds, so that every install from a git ref
// works without a build on the user's machine:
//   - the npm package exactly as `npm pack` ships it (dist/ built, rules, skills, CLAUDE.md, …), with a
//     package.json that has no devDependencies and no scripts: `npm install git+…#vX.Y.Z`, the
//     pre-commit framework (npm install, npm pack, npm install -g) and `npx` install only the runtime
//     dependencies and run no lifecycle script (a `prepare` would need the dev toolchain, and its
//     output on stdout breaks the pre-commit framework, which reads `npm pack`'s stdout as a file name);
//   - .pre-commit-hooks.yaml, action.yml and the Claude Code marketplace with the plugin folder
//     (plugin/, links resolved to real files).
//
//   node scripts/release-tree.mjs --out DIR [--commit --parent SHA --tag vX.Y.Z [--tag vX]] [--git-dir DIR]
// After `npm run build`. With --commit it writes DIR as one commit (parent: the source commit) into the
// repository of the current directory (or --git-dir) and points the tags at it; pushing is left to the caller.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** Files of the repository that a git ref of clerk-guard needs beside the npm package. */
const EXTRA = [".pre-commit-hooks.yaml", "action.yml", ".claude-plugin/marketplace.json", "plugin"];

function run(cmd, args, options = {}) {
  return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], timeout: 120_000, maxBuffer: 64 * 1024 * 1024, ...options });
}

/** The files `npm pack` would ship (no scripts run: dist/ must be built already). */
export function packFiles(repo = REPO) {
  const [report] = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: repo }));
  return report.files.map((f) => f.path).sort();
}

/** Copy `from` to `to`, resolving symbolic links that stay inside the repository into real files. */
function copyResolved(from, to, repo) {
  const st = fs.lstatSync(from);
  if (st.isSymbolicLink()) {
    const real = fs.realpathSync(from);
    const rel = path.relative(fs.realpathSync(repo), real);
    if (rel.startsWith("..") || path.isAbsolute(rel)) throw new Error(`${path.relative(repo, from)} links outside the repository`);
    return copyResolved(real, to, repo);
  }
  if (st.isDirectory()) {
    fs.mkdirSync(to, { recursive: true });
    for (const name of fs.readdirSync(from)) copyResolved(path.join(from, name), path.join(to, name), repo);
    return;
  }
  fs.mkdirSync(path.dirname(to), { recursive: true });
  fs.copyFileSync(from, to);
  fs.chmodSync(to, st.mode & 0o777);
}

/** The package.json of a release tree: what npm installs, nothing it would build or run. */
export function releasePackageJson(pkg) {
  const out = { ...pkg };
  delete out.devDependencies;
  delete out.scripts;
  return out;
}

export function buildReleaseTree(out, repo = REPO) {
  for (const f of ["dist/index.js", "dist/index.cjs", "dist/cli/main.js"]) {
    if (!fs.existsSync(path.join(repo, f))) throw new Error(`${f} is missing: run \`npm run build\` first`);
  }
  fs.rmSync(out, { recursive: true, force: true });
  fs.mkdirSync(out, { recursive: true });
  const files = packFiles(repo);
  for (const rel of files) copyResolved(path.join(repo, rel), path.join(out, rel), repo);
  const pkg = JSON.parse(fs.readFileSync(path.join(repo, "package.json"), "utf8"));
  fs.writeFileSync(path.join(out, "package.json"), JSON.stringify(releasePackageJson(pkg), null, 2) + "\n");
  for (const rel of EXTRA) copyResolved(path.join(repo, rel), path.join(out, rel), repo);
  return { files: [...files, ...EXTRA], version: pkg.version };
}

/** Write `tree` as a commit with `parent` into `gitDir`'s repository and point `tags` at it. */
export function commitTree(tree, { gitDir = REPO, parent, tags = [], message }) {
  const index = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clerk-guard-release-")), "index");
  const env = { ...process.env, GIT_INDEX_FILE: index, GIT_WORK_TREE: tree };
  try {
    run("git", ["-C", gitDir, "add", "--all", "--force", "."], { env });
    const treeId = run("git", ["-C", gitDir, "write-tree"], { env }).trim();
    const identity = ["-c", "user.name=clerk-guard release", "-c", "user.email=release@clerk-guard.invalid"];
    const commit = run("git", ["-C", gitDir, ...identity, "commit-tree", treeId, ...(parent ? ["-p", parent] : []), "-m", message], { env }).trim();
    for (const tag of tags) run("git", ["-C", gitDir, "tag", "--force", tag, commit]);
    return commit;
  } finally {
    fs.rmSync(path.dirname(index), { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const value = (name) => {
    const i = args.indexOf(name);
    return i === -1 ? undefined : args[i + 1];
  };
  const out = value("--out");
  if (!out) {
    process.stderr.write("usage: node scripts/release-tree.mjs --out DIR [--commit --parent SHA --tag vX.Y.Z [--tag vX]] [--git-dir DIR]\n");
    process.exitCode = 2;
  } else {
    const { files, version } = buildReleaseTree(path.resolve(out));
    process.stdout.write(`release tree of clerk-guard ${version}: ${files.length} entries in ${out}\n`);
    if (args.includes("--commit")) {
      const tags = args.flatMap((a, i) => (a === "--tag" ? [args[i + 1]] : []));
      const parent = value("--parent");
      const commit = commitTree(path.resolve(out), {
        gitDir: value("--git-dir") ?? process.cwd(),
        parent,
        tags,
        message: `clerk-guard ${version}\n\nThe release tree (built package, no devDependencies or scripts)${parent ? ` of ${parent}` : ""}.`,
      });
      process.stdout.write(`commit ${commit}${tags.length ? ` tagged ${tags.join(", ")}` : ""}\n`);
    }
  }
}
