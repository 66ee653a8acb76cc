/**
 * The hook daemon (see daemon-client.ts): `node daemon.js <socket> <pid-file>`.
 * Loads the engine once, then answers one JSON task per connection with one
 * JSON reply. The analysis caches revalidate every file by mtime and size (they
 * were built for long-lived processes), so a warm answer equals a cold one.
 * Exits after CLERK_GUARD_DAEMON_IDLE_MS (default five minutes) without requests.
 */
import fs from "node:fs";
import module from "node:module";
import net from "node:net";
import path from "node:path";
import type { HookTask } from "./types.js";

const [socketPath, pidFile] = process.argv.slice(2);
const IDLE_MS = Number(process.env.CLERK_GUARD_DAEMON_IDLE_MS) || 5 * 60_000;
const MAX_REQUEST_BYTES = 1_000_000;

function isTask(value: unknown): value is HookTask {
  const t = value as HookTask;
  return (
    !!t &&
    (t.event === "post-tool-use" || t.event === "stop") &&
    Array.isArray(t.files) &&
    t.files.every((f) => typeof f === "string" && path.isAbsolute(f)) &&
    typeof t.displayRoot === "string" &&
    path.isAbsolute(t.displayRoot) &&
    typeof t.stopHookActive === "boolean"
  );
}

function startingLock(): string {
  return socketPath!.replace(/\.sock$/, ".starting");
}

function removeOwnFiles(): void {
  try {
    if (fs.readFileSync(pidFile!, "utf8").trim() !== String(process.pid)) return;
    fs.rmSync(pidFile!, { force: true });
    fs.rmSync(socketPath!, { force: true });
  } catch {
    // already gone
  }
}

/** Is a live daemon answering this socket? */
function alive(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const c = net.createConnection(socket);
    c.on("connect", () => {
      c.destroy();
      resolve(true);
    });
    c.on("error", () => resolve(false));
  });
}

async function main(): Promise<void> {
  if (!socketPath || !pidFile) process.exit(2);
  process.title = "clerk-guard-daemon";
  if (await alive(socketPath)) {
    fs.rmSync(startingLock(), { force: true });
    process.exit(0);
  }
  try {
    (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
  } catch {
    // an optimisation only
  }
  const { hookOutput } = await import("./analyze.js");
  // warm the parser and the rules on a tiny file, so the first real request is warm too
  const { lintFiles } = await import("../engine/lint.js");
  try {
    const root = path.join(path.dirname(socketPath), "warmup");
    fs.mkdirSync(root, { recursive: true, mode: 0o700 });
    fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ private: true, dependencies: { "@clerk/nextjs": "^7.0.0", next: "^16.0.0" } }));
    const probe = path.join(root, "app", "page.tsx");
    const code = 'import { auth } from "@clerk/nextjs/server";\nexport default async function Page() {\n  const { userId } = await auth();\n  return <p>{userId}</p>;\n}\n';
    lintFiles([probe], { cwd: root, contents: new Map([[probe, code]]) });
  } catch {
    // warming up is an optimisation only
  }

  let idle = setTimeout(() => process.exit(0), IDLE_MS);
  const server = net.createServer((conn) => {
    clearTimeout(idle);
    idle = setTimeout(() => process.exit(0), IDLE_MS);
    conn.setEncoding("utf8");
    conn.setTimeout(30_000, () => conn.destroy());
    let data = "";
    conn.on("data", (chunk: string) => {
      data += chunk;
      if (data.length > MAX_REQUEST_BYTES) return conn.destroy();
      const nl = data.indexOf("\n");
      if (nl === -1) return;
      let reply: unknown;
      try {
        const task: unknown = JSON.parse(data.slice(0, nl));
        if (!isTask(task)) throw new Error("malformed task");
        reply = { ok: true, output: hookOutput(task) ?? null };
      } catch (error) {
        reply = { ok: false, error: error instanceof Error ? error.message : String(error) };
      }
      conn.end(JSON.stringify(reply) + "\n");
    });
    conn.on("error", () => undefined);
  });
  server.on("error", () => process.exit(0));
  // loading took a while: another daemon may have come up meanwhile
  if (await alive(socketPath)) {
    fs.rmSync(startingLock(), { force: true });
    process.exit(0);
  }
  // a socket file left by a daemon that died is stale (nothing answered it)
  fs.rmSync(socketPath, { force: true });
  const oldMask = process.umask(0o177);
  server.listen(socketPath, () => {
    process.umask(oldMask);
    fs.writeFileSync(pidFile, String(process.pid), { mode: 0o600 });
    fs.rmSync(startingLock(), { force: true });
  });
  process.on("exit", removeOwnFiles);
  for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"] as const) process.on(signal, () => process.exit(0));
}

main().catch(() => process.exit(1));
