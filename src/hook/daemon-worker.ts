/**
 * The daemon's lint thread (see daemon.ts): loads the engine once, warms it up,
 * then answers one task per message. It runs in a worker so the daemon's main
 * thread stays free to say "busy" to other sessions and to stop a task at its deadline.
 */
import fs from "node:fs";
import module from "node:module";
import path from "node:path";
import { parentPort, workerData } from "node:worker_threads";
import type { HookTask } from "./types.js";

try {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // an optimisation only
}

const { hookOutput } = await import("./analyze.js");

// warm the parser and the rules on a tiny file, so the first real request is warm too
try {
  const { analyze } = await import("../findings/analyze.js");
  const root = path.join(String((workerData as { dir: string }).dir), "warmup");
  fs.mkdirSync(root, { recursive: true, mode: 0o700 });
  fs.writeFileSync(path.join(root, "package.json"), JSON.stringify({ private: true, dependencies: { "@clerk/nextjs": "^7.0.0", next: "^16.0.0" } }));
  const probe = path.join(root, "app", "page.tsx");
  const code = 'import { auth } from "@clerk/nextjs/server";\nexport default async function Page() {\n  const { userId } = await auth();\n  return <p>{userId}</p>;\n}\n';
  analyze([probe], { cwd: root, root, contents: new Map([[probe, code]]) });
} catch {
  // warming up is an optimisation only
}

parentPort!.on("message", (task: HookTask) => {
  try {
    parentPort!.postMessage({ ok: true, output: hookOutput(task) ?? null });
  } catch (error) {
    parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
  }
});
parentPort!.postMessage({ ready: true });
