#!/usr/bin/env node
// clerk-guard CLI entry. The TypeScript sources are compiled to dist/ by `npm install` (prepare).
import { existsSync } from "node:fs";
import module from "node:module";

// Node >= 22.1 can cache compiled code between runs, which shortens every hook and pre-commit start.
module.enableCompileCache?.();

const entry = new URL("../dist/cli/main.js", import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write("clerk-guard: not built yet; run `npm run build` in the clerk-guard package\n");
  process.exitCode = 2;
} else {
  const { main } = await import(entry.href);
  process.exitCode = await main(process.argv.slice(2));
}
