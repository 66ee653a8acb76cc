/**
 * The client boundary, as React draws it: a `'use client'` module is client
 * code, and so is a module that only client modules import (it ends up in the
 * browser bundle with them), however many hops away. `'use server'` modules
 * stop the boundary (the client gets an RPC reference, not the code), and so
 * do the entry files a framework runs on the server.
 */
import { isTestOrStory } from "./next-files.js";
import type { Module } from "./module.js";
import { importersOf } from "./project/call-graph.js";
import type { ProjectIndex } from "./project/index.js";

const MAX_DEPTH = 5;

/** Is `mod` client code: `'use client'` itself, or imported only by client code? */
export function isClientCode(index: ProjectIndex, mod: Module): boolean {
  if (mod.directives.has("use client")) return true;
  return importedOnlyByClient(index, mod, 0);
}

/** A module without a directive that only client modules import (directly or through other such modules). */
export function importedOnlyByClient(index: ProjectIndex, mod: Module, depth = 0): boolean {
  if (mod.directives.has("use server") || mod.directives.has("use client")) return mod.directives.has("use client");
  const role = mod.role;
  if (role.appKind !== null || role.pagesKind === "api" || role.middleware !== null) return false;
  if (depth >= MAX_DEPTH) return false;
  return (
    index.memo(`client-only:${mod.file}`, () => {
      const importers = importersOf(index, mod.file).filter((m) => !isTestOrStory(m.role));
      if (importers.length === 0) return false;
      return importers.every((m) => m.directives.has("use client") || importedOnlyByClient(index, m, depth + 1));
    }) ?? false
  );
}
