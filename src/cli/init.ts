import { UsageError } from "./main.js";

// TODO(issue 6): implement 'clerk-guard init'.
export async function runInit(_argv: string[]): Promise<number> {
  throw new UsageError("'init' is not implemented yet");
}
