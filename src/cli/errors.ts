/**
 * The error a user can fix by changing the command line or the repository:
 * the CLI prints its message as one line on stderr and exits 2. Kept in its
 * own module so every command can throw it without importing the entry point.
 */
export class UsageError extends Error {}
