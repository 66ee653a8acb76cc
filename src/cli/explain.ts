import { UsageError } from "./main.js";

// TODO(issue 6): implement 'clerk-guard explain'.
export async function runExplain(_argv: string[]): Promise<number> {
  throw new UsageError("'explain' is not implemented yet");
}
