/**
 * Clerk Backend API clients: which Clerk import an expression used as a
 * client (`client.users…`) comes from. Recognises the factory and instance
 * forms of every SDK:
 *   clerkClient.users                 (@clerk/express, @clerk/fastify: an instance)
 *   (await clerkClient()).users       (@clerk/nextjs/server: an async factory)
 *   const client = await clerkClient(); client.users
 *   const clerk = createClerkClient({ secretKey }); clerk.users
 * and local `const` aliases of those (a few hops).
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, unwrap } from "../ast.js";
import type { Module } from "../module.js";
import { type ImportBinding, isClerkSource } from "../imports.js";

const CLIENT_EXPORTS = new Set(["clerkClient", "createClerkClient"]);

/** The Clerk import a client expression comes from, or undefined when it is not (provably) a Clerk client. */
export function clerkClientOrigin(node: Node, facts: Module, depth = 0): ImportBinding | undefined {
  let n = unwrap(node);
  if (n.type === "AwaitExpression") n = unwrap(n.argument);
  if (n.type === "CallExpression") {
    const origin = facts.exportOf(unwrap(n.callee));
    return origin && CLIENT_EXPORTS.has(origin.exportName) && isClerkSource(origin.binding.source) ? origin.binding : undefined;
  }
  if (n.type !== "Identifier" && n.type !== "MemberExpression") return undefined;
  const origin = facts.exportOf(n);
  if (origin) return origin.exportName === "clerkClient" && isClerkSource(origin.binding.source) ? origin.binding : undefined;
  if (n.type !== "Identifier" || depth >= 3) return undefined;
  const variable = facts.resolveVariable(n);
  if (!variable || variable.defs.length !== 1) return undefined;
  const def = variable.defs[0]!;
  if (def.type !== "Variable") return undefined;
  const declarator = def.node as TSESTree.VariableDeclarator;
  if (declarator.id.type !== "Identifier" || !declarator.init) return undefined;
  const declaration = declarator.parent as TSESTree.VariableDeclaration | undefined;
  const reassigned = variable.references.some((r) => r.isWrite() && !r.init);
  if (declaration?.kind !== "const" && reassigned) return undefined;
  return clerkClientOrigin(declarator.init, facts, depth + 1);
}
