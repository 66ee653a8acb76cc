/**
 * The hook's warm path: a per-user background process (src/hook/daemon.ts) that
 * keeps ESLint, TypeScript and the rules loaded, so an edit costs a lint instead
 * of a cold start (the pattern of eslint_d). The first hook run starts it and
 * lints cold; later runs send the task over a Unix socket. It serves one
 * clerk-guard installation (a new version gets a new daemon) and exits after
 * five idle minutes. CLERK_GUARD_DAEMON=0 turns it off; it is not used on Windows.
 *
 * The socket lives in a directory only the user can open (checked before every
 * use), so no other account can answer in its place.
 */
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { HookOutput, HookTask } from "./types.js";

export interface DaemonPaths {
  dir: string;
  socket: string;
  pidFile: string;
  /** Present while a daemon is starting. */
  lockFile: string;
}

const HERE = path.dirname(fileURLToPath(import.meta.url));
const CONNECT_TIMEOUT_MS = 300;

export function daemonEnabled(env: NodeJS.ProcessEnv): boolean {
  return process.platform !== "win32" && env.CLERK_GUARD_DAEMON !== "0" && typeof process.getuid === "function";
}

/** A private directory for the socket: created 0700, and refused when it is not the user's own. */
function privateDir(dir: string): boolean {
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const st = fs.lstatSync(dir);
    return st.isDirectory() && st.uid === process.getuid!() && (st.mode & 0o077) === 0;
  } catch {
    return false;
  }
}

/** Socket and pid file for this installation of clerk-guard, or undefined when no safe place exists. */
export function daemonPaths(env: NodeJS.ProcessEnv): DaemonPaths | undefined {
  const dir = env.CLERK_GUARD_DAEMON_DIR || path.join(os.tmpdir(), `clerk-guard-${process.getuid!()}`);
  if (!privateDir(dir)) return undefined;
  let stamp = "";
  try {
    stamp = String(fs.statSync(path.join(HERE, "analyze.js")).mtimeMs);
  } catch {
    // keyed by location only
  }
  const key = createHash("sha256").update(`${HERE}\0${stamp}\0${process.execPath}`).digest("hex").slice(0, 16);
  return { dir, socket: path.join(dir, `${key}.sock`), pidFile: path.join(dir, `${key}.pid`), lockFile: path.join(dir, `${key}.starting`) };
}

const STARTING_GRACE_MS = 30_000;

/** One start at a time: a lock file the daemon removes once it listens (stale after 30 s). */
function claimStart(lock: string): boolean {
  try {
    fs.writeFileSync(lock, String(process.pid), { flag: "wx", mode: 0o600 });
    return true;
  } catch {
    try {
      if (Date.now() - fs.statSync(lock).mtimeMs < STARTING_GRACE_MS) return false;
      fs.writeFileSync(lock, String(process.pid), { mode: 0o600 });
      return true;
    } catch {
      return false;
    }
  }
}

/** Start the daemon in the background, unless one is starting (it exits at once when another one already serves the socket). */
export function startDaemon(paths: DaemonPaths): void {
  if (!claimStart(paths.lockFile)) return;
  try {
    const child = spawn(process.execPath, [path.join(HERE, "daemon.js"), paths.socket, paths.pidFile], {
      cwd: paths.dir,
      detached: true,
      stdio: "ignore",
      windowsHide: true,
    });
    child.on("error", () => undefined);
    child.unref();
  } catch {
    // the cold path still works
  }
}

export type DaemonResult = { kind: "done"; output: HookOutput | undefined } | { kind: "timeout" } | { kind: "busy" } | { kind: "unavailable" };

/**
 * Ask the daemon; "busy" when it is running another task, "unavailable" when
 * none answers the socket (or it failed): either way the caller lints itself.
 */
export function viaDaemon(paths: DaemonPaths, task: HookTask, timeoutMs: number): Promise<DaemonResult> {
  return new Promise((resolve) => {
    let settled = false;
    let connected = false;
    let data = "";
    const socket = net.createConnection(paths.socket);
    const finish = (result: DaemonResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(connectTimer);
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const connectTimer = setTimeout(() => {
      if (!connected) finish({ kind: "unavailable" });
    }, CONNECT_TIMEOUT_MS);
    const timer = setTimeout(() => finish({ kind: "timeout" }), timeoutMs);
    socket.setEncoding("utf8");
    socket.on("connect", () => {
      connected = true;
      socket.write(JSON.stringify(task) + "\n");
    });
    socket.on("data", (chunk: string) => {
      data += chunk;
      const nl = data.indexOf("\n");
      if (nl === -1) return;
      try {
        const reply = JSON.parse(data.slice(0, nl)) as { ok: boolean; output?: HookOutput | null; busy?: boolean; timeout?: boolean };
        finish(reply.ok ? { kind: "done", output: reply.output ?? undefined } : reply.busy ? { kind: "busy" } : reply.timeout ? { kind: "timeout" } : { kind: "unavailable" });
      } catch {
        finish({ kind: "unavailable" });
      }
    });
    socket.on("error", () => finish({ kind: "unavailable" }));
    socket.on("close", () => finish({ kind: "unavailable" }));
  });
}
