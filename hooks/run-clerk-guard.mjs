#!/usr/bin/env node
// Claude Code plugin hook launcher: runs the clerk-guard installed in the project
// (${CLAUDE_PROJECT_DIR}/node_modules/clerk-guard, the target of node_modules/.bin/clerk-guard),
// so the rules and the Clerk version facts are the project's own. Usage: run-clerk-guard.mjs post-tool-use|stop
//
// It never fails a session: when clerk-guard is not installed in a project that uses Clerk,
// it says so once per session in a systemMessage; in projects without Clerk it stays silent;
// when the project's .claude/settings.json already runs `clerk-guard hook claude` (clerk-guard init),
// it leaves the work to that hook so nothing is reported twice.
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

const event = process.argv[2] === "stop" ? "stop" : "post-tool-use";
// CLERK_GUARD_TIMEOUT (e.g. "8s") raises the lint budget; plugin users cannot edit these hook arguments.
const timeout = process.env.CLERK_GUARD_TIMEOUT || (event === "stop" ? "30s" : "4s");
const project = process.env.CLAUDE_PROJECT_DIR || process.cwd();

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function readStdin() {
  try {
    return fs.readFileSync(0, "utf8");
  } catch {
    return "";
  }
}

function installedBin() {
  try {
    const pkg = createRequire(path.join(project, "package.json")).resolve("clerk-guard/package.json");
    const bin = path.join(path.dirname(pkg), "bin", "clerk-guard.js");
    return fs.existsSync(bin) ? bin : undefined;
  } catch {
    return undefined;
  }
}

/** Does a project settings file already run `clerk-guard hook claude` for this event? */
function wiredInSettings() {
  const eventName = event === "stop" ? "Stop" : "PostToolUse";
  for (const name of ["settings.json", "settings.local.json"]) {
    const groups = readJson(path.join(project, ".claude", name))?.hooks?.[eventName];
    if (!Array.isArray(groups)) continue;
    for (const group of groups) {
      for (const handler of Array.isArray(group?.hooks) ? group.hooks : []) {
        const line = [handler?.command, ...(Array.isArray(handler?.args) ? handler.args : [])].join(" ");
        if (/clerk-guard/.test(line) && /\bhook\s+claude\b/.test(line)) return true;
      }
    }
  }
  return false;
}

function usesClerk() {
  const pkg = readJson(path.join(project, "package.json"));
  if (!pkg || typeof pkg !== "object") return false;
  return ["dependencies", "devDependencies", "peerDependencies"].some((field) =>
    Object.keys(pkg[field] ?? {}).some((name) => name.startsWith("@clerk/")),
  );
}

/** Say it once per session (a marker in the plugin's data directory or the temp directory). */
function firstTimeThisSession(sessionId) {
  const dir = process.env.CLAUDE_PLUGIN_DATA || path.join(os.tmpdir(), "clerk-guard-plugin");
  const marker = path.join(dir, `not-installed-${String(sessionId || "unknown").replace(/[^\w-]/g, "_")}`);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(marker, "", { flag: "wx" });
    return true;
  } catch {
    return false;
  }
}

/**
 * CLERK_GUARD_SKIP as the CLI reads it (src/cli/env.ts; this launcher runs before any
 * clerk-guard is found, so it cannot import it): any value but empty, 0, false, no or off.
 */
function skipRequested() {
  const v = (process.env.CLERK_GUARD_SKIP ?? "").trim();
  return v !== "" && !/^(0|false|no|off)$/i.test(v);
}

try {
  if (skipRequested() || wiredInSettings()) process.exit(0);
  const bin = installedBin();
  if (bin) {
    process.argv = [process.argv[0], bin, "hook", "claude", "--event", event, "--timeout", timeout];
    await import(pathToFileURL(bin).href);
  } else if (usesClerk()) {
    let sessionId;
    try {
      sessionId = JSON.parse(readStdin()).session_id;
    } catch {
      sessionId = undefined;
    }
    if (firstTimeThisSession(sessionId)) {
      process.stdout.write(
        JSON.stringify({
          systemMessage:
            "clerk-guard plugin: this project uses Clerk but clerk-guard is not installed in it, so its Clerk auth checks are off. Install it with `npm install --save-dev clerk-guard` (the hooks run the project's own copy).",
        }) + "\n",
      );
    }
  }
} catch (error) {
  process.stdout.write(JSON.stringify({ systemMessage: `clerk-guard plugin: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}; nothing was checked.` }) + "\n");
  process.exitCode = 0;
}
