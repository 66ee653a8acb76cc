/**
 * Verification through helpers of other project modules: `await verifyClerk(req)`
 * where `verifyClerk` (in lib/) calls `verifyWebhook` or svix. Kept apart from
 * webhooks.ts so the single-file webhook rules do not depend on the project index.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { unwrap } from "../ast.js";
import type { Module } from "../module.js";
import { exportedFunction } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";
import { findVerifyCalls } from "./webhooks.js";

/** Does export `name` of a project module (or a helper it calls) verify webhooks? Accepts `await verifyClerk(req)`. */
export function exportVerifiesWebhook(index: ProjectIndex, file: string, name: string, depth = 0): boolean {
  if (depth > 3) return false;
  return (
    index.memo(`verify:${file}#${name}`, () => {
      const target = exportedFunction(index, file, name);
      if (!target) return false;
      return findVerifyCalls(target.fn, target.module, verifierHelper(index, target.module, depth + 1)).length > 0;
    }) ?? false
  );
}

/** A predicate for `findVerifyCalls`: does this call reach a project helper that verifies? */
export function verifierHelper(index: ProjectIndex, mod: Module, depth = 0): (call: TSESTree.CallExpression) => boolean {
  return (call) => {
    const origin = mod.exportOf(unwrap(call.callee));
    if (!origin) return false;
    const target = index.resolve(mod.file, origin.binding.source);
    return !!target && exportVerifiesWebhook(index, target, origin.exportName, depth);
  };
}

