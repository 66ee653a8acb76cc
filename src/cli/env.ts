/**
 * Environment switches shared by every entry point (check, baseline, ci and the
 * Claude Code hook), defined once so they mean the same everywhere.
 */

/**
 * CLERK_GUARD_SKIP skips the run, like HUSKY=0: any value but an empty one,
 * `0`, `false`, `no` or `off` (case-insensitive) turns clerk-guard off.
 */
export function skipRequested(env: NodeJS.ProcessEnv = process.env): boolean {
  const v = env.CLERK_GUARD_SKIP;
  return v !== undefined && v.trim() !== "" && !/^(0|false|no|off)$/i.test(v.trim());
}
