/**
 * NextAuth / Auth.js next to Clerk: its packages, and values of the project that
 * come from it (`export const { handlers, auth } = NextAuth(…)` in `auth.ts`,
 * imported by a route or re-exported as the middleware).
 */
import { type Node, unwrap } from "../ast.js";
import type { ImportBinding } from "../imports.js";
import type { Module } from "../module.js";
import { type ExportTarget, followExport, followImport } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";
import { type Source, originsOf } from "../value-flow.js";

/** `next-auth`, `next-auth/*` and the Auth.js packages `@auth/*` (not `@auth0/*`, not `next-auth-foo`). */
export function isNextAuthSource(source: string): boolean {
  return source === "next-auth" || source.startsWith("next-auth/") || source.startsWith("@auth/");
}

/** The result of `NextAuth(config)` (the v5 `{ handlers, auth, signIn, signOut }`, or the v4 handler). */
export const NEXT_AUTH: Source = {
  id: "next-auth",
  match(expr, mod) {
    if (expr.type !== "CallExpression") return undefined;
    const origin = mod.exportOf(unwrap(expr.callee));
    if (!origin || !isNextAuthSource(origin.binding.source)) return undefined;
    return origin.exportName === "default" || origin.exportName === "NextAuth" ? [] : undefined;
  },
};

/**
 * Does any file of the project name a NextAuth package? A value built with `NextAuth(…)` needs an
 * import of one, so without it no import is worth following (following one parses its module).
 */
function projectMentionsNextAuth(index: ProjectIndex): boolean {
  return index.memo("mentions-next-auth", () => index.files().some((f) => /["'](next-auth|@auth\/)/.test(index.text(f) ?? ""))) ?? true;
}

/** Does an export resolved in the project denote a NextAuth value? */
function isNextAuthValue(target: ExportTarget | undefined): boolean {
  if (!target?.value || !target.module.importsFrom(isNextAuthSource)) return false;
  return originsOf(target.value as Node, target.module, [NEXT_AUTH]).length > 0;
}

/** Is this import binding of `mod` a NextAuth value exported by another project module (`import { handlers } from "@/auth"`)? */
export function importsNextAuthValue(index: ProjectIndex, mod: Module, binding: ImportBinding): boolean {
  if (binding.typeOnly || binding.imported === "*" || !projectMentionsNextAuth(index)) return false;
  return isNextAuthValue(followImport(index, mod, binding));
}

/** Is export `name` of the project module `file` a NextAuth value? */
export function exportsNextAuthValue(index: ProjectIndex, file: string, name: string): boolean {
  return projectMentionsNextAuth(index) && isNextAuthValue(followExport(index, file, name));
}
