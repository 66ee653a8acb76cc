#!/usr/bin/env node
// Print the path of a Node.js binary of a given major version, for CI jobs that need a newer
// Node.js than the machine has (oxlint's RuleTester needs >= 22). The machine's own node is used
// when its major is high enough; otherwise the official build is taken from the npm registry (the
// `node-<platform>-<arch>` packages, which hold the release binaries; npm checks the package's
// integrity), unpacked into a cache folder and reused by later runs.
//
//   node scripts/node-binary.mjs 22.22.0        → /…/clerk-guard-ci/node-v22.22.0-linux-x64/bin/node
//
// Only the npm registry is needed. Every step has a time limit; a failure is one line on stderr
// and exit code 1.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const STEP_TIMEOUT_MS = 300_000;
const ATTEMPTS = 3;

class Failure extends Error {}
function fail(message) {
  throw new Failure(message);
}

function nodeBinary() {
  const version = process.argv[2];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) fail("usage: node scripts/node-binary.mjs <major.minor.patch>");
  const major = Number(version.split(".")[0]);

  function versionOf(bin) {
    const r = spawnSync(bin, ["--version"], { encoding: "utf8", timeout: 30_000 });
    return r.status === 0 ? r.stdout.trim() : undefined;
  }

  // the machine's own Node.js is recent enough
  if (Number(process.versions.node.split(".")[0]) >= major) {
    return process.execPath;
  }

  const platform = { linux: "linux", darwin: "darwin" }[process.platform];
  const arch = { x64: "x64", arm64: "arm64" }[process.arch];
  if (!platform || !arch) fail(`no Node.js ${version} package on the npm registry for ${process.platform}-${process.arch}`);
  const pkg = `node-${platform}-${arch}`;

  const cacheRoot = process.env.CLERK_GUARD_CI_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache"), "clerk-guard-ci");
  const target = path.join(cacheRoot, `node-v${version}-${platform}-${arch}`);
  const bin = path.join(target, "bin", "node");
  if (versionOf(bin) === `v${version}`) return bin;

  fs.mkdirSync(cacheRoot, { recursive: true });
  const work = fs.mkdtempSync(path.join(cacheRoot, ".download-"));
  try {
    let tarball;
    let lastError = "";
    for (let attempt = 1; attempt <= ATTEMPTS && !tarball; attempt++) {
      const r = spawnSync("npm", ["pack", `${pkg}@${version}`, "--pack-destination", work, "--loglevel=error", "--ignore-scripts"], {
        cwd: work,
        encoding: "utf8",
        timeout: STEP_TIMEOUT_MS,
      });
      const name = fs.readdirSync(work).find((f) => f.endsWith(".tgz"));
      if (r.status === 0 && name) tarball = path.join(work, name);
      else lastError = r.error ? String(r.error.message) : `exit ${r.status}: ${(r.stderr || "").trim().split("\n").slice(0, 2).join(" ")}`;
      if (/E404|ETARGET|No matching version/.test(r.stderr || "")) break; // no such package or version: retrying will not help
    }
    if (!tarball) fail(`could not download ${pkg}@${version} from the npm registry (${lastError})`);
    const unpack = path.join(work, "unpacked");
    fs.mkdirSync(unpack);
    const t = spawnSync("tar", ["-xzf", tarball, "-C", unpack], { encoding: "utf8", timeout: STEP_TIMEOUT_MS });
    if (t.status !== 0) fail(`could not unpack ${path.basename(tarball)}: ${t.error?.message ?? t.stderr.trim()}`);
    const unpacked = path.join(unpack, "package");
    const got = versionOf(path.join(unpacked, "bin", "node"));
    if (got !== `v${version}`) fail(`${pkg}@${version} holds no working Node.js ${version} binary (got ${got ?? "nothing"})`);
    fs.rmSync(target, { recursive: true, force: true });
    fs.renameSync(unpacked, target);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  if (versionOf(bin) !== `v${version}`) fail(`Node.js ${version} did not run from ${bin}`);
  return bin;
}

try {
  process.stdout.write(`${nodeBinary()}\n`);
} catch (error) {
  if (!(error instanceof Failure)) throw error;
  process.stderr.write(`node-binary: ${error.message}\n`);
  process.exitCode = 1;
}
