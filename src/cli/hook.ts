import { UsageError } from "./main.js";

// TODO(issue 6): implement 'clerk-guard hook'.
export async function runHook(_argv: string[]): Promise<number> {
  throw new UsageError("'hook' is not implemented yet");
}
