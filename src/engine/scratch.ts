/**
 * Private scratch folders in the OS temp directory (ci's git trees, the oxlint engine's config and
 * records): created with mkdtemp (mode 0700), tagged with an owner file holding our pid, removed on
 * exit, on SIGINT/SIGTERM/SIGHUP and on a crash; folders a killed run (SIGKILL, power loss) left
 * behind are swept by the next run that uses the same prefix.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isProcessAlive } from "../util/process.js";

/** Remove scratch directories that a killed run left behind: ours (same uid), owner pid gone. */
function sweepStaleScratch(tmp: string, prefix: string, ownerFile: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(tmp).filter((n) => n.startsWith(prefix));
  } catch {
    return;
  }
  for (const name of names) {
    const dir = path.join(tmp, name);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory() || (typeof process.getuid === "function" && st.uid !== process.getuid())) continue;
      const pid = Number(fs.readFileSync(path.join(dir, ownerFile), "utf8"));
      if (Number.isInteger(pid) && pid > 0 && !isProcessAlive(pid)) fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // not ours, or being created
    }
  }
}

export interface Scratch {
  dir: string;
  dispose: () => void;
}

/** A scratch directory removed on exit, on SIGINT/SIGTERM/SIGHUP and on a crash. */
export function scratchDir(prefix: string, ownerFile: string): Scratch {
  const tmp = os.tmpdir();
  sweepStaleScratch(tmp, prefix, ownerFile);
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(tmp, prefix)));
  fs.writeFileSync(path.join(dir, ownerFile), String(process.pid));
  let removed = false;
  const remove = () => {
    if (removed) return;
    removed = true;
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    remove();
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  const handlers = signals.map((sig) => {
    const h = () => {
      for (const [s, fn] of handlers) process.removeListener(s, fn);
      onSignal(sig);
    };
    process.once(sig, h);
    return [sig, h] as const;
  });
  process.once("exit", remove);
  return {
    dir,
    dispose: () => {
      remove();
      for (const [s, fn] of handlers) process.removeListener(s, fn);
      process.removeListener("exit", remove);
    },
  };
}
