#!/usr/bin/env node
// clerk-guard CLI entry. dist/ is compiled from the TypeScript sources by `npm run build` (prepare, in a
// clone); the npm package and the release tags of the repository ship it built.
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
