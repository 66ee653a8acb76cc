/**
 * The hook daemon (see daemon-client.ts): `node daemon.js <socket> <pid-file>`.
 * Answers one JSON task per connection with one JSON reply. The engine lives in
 * a worker thread (daemon-worker.ts) that runs one task at a time; the main
 * thread only accepts connections, so it can always answer:
 *  - "busy" when another session's task is running (the hook then lints cold,
 *    within its own budget: one long Stop check never blinds other sessions);
 *  - "timeout" when a task passes its deadline: the worker is stopped and a
 *    fresh one takes its place.
 * The analysis caches revalidate every file by inode, size and mtime (package
 * facts included, by every file they came from), so a warm answer equals a cold one.
 * Exits after CLERK_GUARD_DAEMON_IDLE_MS (default five minutes) without requests.
 */
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { Worker } from "node:worker_threads";
import type { HookTask } from "./types.js";

const [socketPath, pidFile] = process.argv.slice(2);
const IDLE_MS = Number(process.env.CLERK_GUARD_DAEMON_IDLE_MS) || 5 * 60_000;
const MAX_REQUEST_BYTES = 16 * 1024 * 1024;
/** A task without a deadline gets this long; past its deadline a task gets this grace before it is stopped. */
const DEFAULT_TASK_MS = 30_000;
const GRACE_MS = 250;

function isTask(value: unknown): value is HookTask {
  const t = value as HookTask;
  return (
    !!t &&
    (t.event === "post-tool-use" || t.event === "stop") &&
    Array.isArray(t.files) &&
    t.files.every((f) => typeof f === "string" && path.isAbsolute(f)) &&
    typeof t.displayRoot === "string" &&
    path.isAbsolute(t.displayRoot) &&
    typeof t.stopHookActive === "boolean" &&
    (t.deadline === undefined || typeof t.deadline === "number") &&
    (t.budgetMs === undefined || typeof t.budgetMs === "number")
  );
}

interface Reply {
  ok: boolean;
  output?: unknown;
  error?: string;
  busy?: boolean;
  timeout?: boolean;
}

/** The lint thread, restarted when a task overruns its deadline or the thread dies. */
class LintThread {
  private worker!: Worker;
  private current?: { reply: (r: Reply) => void; timer: NodeJS.Timeout };

  constructor(private readonly dir: string) {
    this.start();
  }

  private start(): void {
    this.worker = new Worker(new URL("./daemon-worker.js", import.meta.url), { workerData: { dir: this.dir }, stdout: true, stderr: true });
    this.worker.on("message", (m: Reply & { ready?: boolean }) => {
      if (m.ready) return;
      this.finish(m);
    });
    const restart = (error: string) => {
      this.finish({ ok: false, error });
      this.start();
    };
    this.worker.on("error", (e) => restart(e.message));
    this.worker.on("exit", (code) => {
      if (this.current) restart(`the lint thread exited (code ${code})`);
    });
  }

  private finish(reply: Reply): void {
    const current = this.current;
    if (!current) return;
    this.current = undefined;
    clearTimeout(current.timer);
    current.reply(reply);
  }

  get busy(): boolean {
    return this.current !== undefined;
  }

  run(task: HookTask, reply: (r: Reply) => void): void {
    const left = task.deadline !== undefined ? task.deadline - Date.now() : DEFAULT_TASK_MS;
    const timer = setTimeout(() => {
      const old = this.worker;
      this.worker.removeAllListeners();
      this.finish({ ok: false, timeout: true });
      void old.terminate();
      this.start();
    }, Math.max(0, Math.min(left, 10 * 60_000)) + GRACE_MS);
    this.current = { reply, timer };
    this.worker.postMessage(task);
  }
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
  const thread = new LintThread(path.dirname(socketPath));

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
      const send = (reply: Reply) => {
        if (!conn.destroyed) conn.end(JSON.stringify(reply) + "\n");
      };
      let task: unknown;
      try {
        task = JSON.parse(data.slice(0, nl));
      } catch {
        task = undefined;
      }
      data = "";
      if (!isTask(task)) return send({ ok: false, error: "malformed task" });
      if (thread.busy) return send({ ok: false, busy: true });
      conn.setTimeout(0);
      thread.run(task, send);
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
