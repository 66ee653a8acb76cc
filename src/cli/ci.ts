import { UsageError } from "./main.js";

// TODO(issue 5): implement 'clerk-guard ci'.
export async function runCi(_argv: string[]): Promise<number> {
  throw new UsageError("'ci' is not implemented yet");
}
