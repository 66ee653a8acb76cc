/**
 * A safety net under "every child process in a test has a timeout": a synchronous
 * child process (spawnSync, execFileSync, execSync) started without a `timeout` gets
 * one of 120 s, so a hung `git`, `npm` or CLI run fails its test instead of blocking
 * the worker (a blocked worker never reaches vitest's own test timeout). Calls that set
 * their own timeout keep it.
 */
import { createRequire, syncBuiltinESMExports } from "node:module";

export const DEFAULT_CHILD_TIMEOUT_MS = 120_000;

const childProcess = createRequire(import.meta.url)("node:child_process") as typeof import("node:child_process");
const PATCHED = Symbol.for("clerk-guard.test.child-timeouts");

type AnyFn = (...args: unknown[]) => unknown;

/** Give the options argument (found by position or as the last object argument) a timeout. */
function withTimeout(fn: AnyFn, optionsIndex: (args: unknown[]) => number): AnyFn {
  return function (this: unknown, ...args: unknown[]) {
    const i = optionsIndex(args);
    const options = args[i];
    if (options === undefined || options === null) args[i] = { timeout: DEFAULT_CHILD_TIMEOUT_MS };
    else if (typeof options === "object" && (options as { timeout?: number }).timeout === undefined) args[i] = { ...options, timeout: DEFAULT_CHILD_TIMEOUT_MS };
    return fn.apply(this, args);
  };
}

// (file, args?, options?) or (file, options?): the options object follows the optional args array
const afterArgs = (args: unknown[]) => (Array.isArray(args[1]) ? 2 : 1);

if (!(childProcess as unknown as Record<symbol, boolean>)[PATCHED]) {
  childProcess.spawnSync = withTimeout(childProcess.spawnSync as AnyFn, afterArgs) as typeof childProcess.spawnSync;
  childProcess.execFileSync = withTimeout(childProcess.execFileSync as AnyFn, afterArgs) as typeof childProcess.execFileSync;
  childProcess.execSync = withTimeout(childProcess.execSync as AnyFn, () => 1) as typeof childProcess.execSync;
  (childProcess as unknown as Record<symbol, boolean>)[PATCHED] = true;
  syncBuiltinESMExports();
}
