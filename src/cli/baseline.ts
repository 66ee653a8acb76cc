import { UsageError } from "./main.js";

// TODO(issue 5): implement 'clerk-guard baseline'.
export async function runBaseline(_argv: string[]): Promise<number> {
  throw new UsageError("'baseline' is not implemented yet");
}
