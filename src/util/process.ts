/** Is a process with this pid alive (or alive but not ours to signal)? Used to clear stale lock and scratch folders. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
