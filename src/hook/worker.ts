/**
 * Worker-thread entry for the hook's lint step, so the main thread can enforce
 * the time budget (a synchronous lint cannot be interrupted from its own thread).
 */
import module from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { HookTask } from "./types.js";

// Node >= 22.1: reuse compiled code of ESLint, TypeScript and the rules across hook runs.
try {
  (module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
} catch {
  // the cache is an optimisation only
}

try {
  const { hookOutput } = await import("./analyze.js");
  parentPort!.postMessage({ ok: true, output: hookOutput(workerData as HookTask) ?? null });
} catch (error) {
  parentPort!.postMessage({ ok: false, error: error instanceof Error ? error.message : String(error) });
}
