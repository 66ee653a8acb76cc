/**
 * protect-server-actions beyond Next.js: TanStack Start server functions and public Convex
 * functions are RPC endpoints anyone can call with any arguments.
 */
import path from "node:path";
import rule from "../../src/rules/protect-server-actions.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);

runRuleTests("protect-server-actions (stacks)", rule, {
  valid: [
    {
      name: "TanStack Start: auth() checked before the write",
      filename: at("tanstack1", "src/server/todos.ts"),
      code: `import { createServerFn } from "@tanstack/react-start";
import { auth } from "@clerk/tanstack-react-start/server";
import { db } from "./db";

export const addTodo = createServerFn({ method: "POST" })
  .inputValidator((title: string) => title)
  .handler(async ({ data }) => {
    const { userId } = await auth();
    if (!userId) throw new Error("Unauthorized");
    return db.todo.create({ data: { title: data, ownerId: userId } });
  });`,
    },
    {
      name: "TanStack Start: function middleware of its own in the builder chain",
      filename: at("tanstack1", "src/server/admin.ts"),
      code: `import { createServerFn } from "@tanstack/react-start";
import { requireAdmin } from "./middleware";
import { db } from "./db";

export const banUser = createServerFn({ method: "POST" })
  .middleware([requireAdmin])
  .inputValidator((id: string) => id)
  .handler(async ({ data }) => db.user.update({ where: { id: data }, data: { banned: true } }));`,
    },
    {
      name: "Convex: a public mutation that checks ctx.auth.getUserIdentity() first",
      filename: at("convex-react", "convex/messages.ts"),
      code: `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const send = mutation({
  args: { body: v.string() },
  handler: async (ctx, { body }) => {
    const identity = await ctx.auth.getUserIdentity();
    if (identity === null) throw new Error("Not authenticated");
    await ctx.db.insert("messages", { body, author: identity.subject });
  },
});`,
    },
    {
      name: "Convex: a demo counter appends an anonymous number to a shared table",
      filename: at("convex-react", "convex/numbers.ts"),
      code: `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const addNumber = mutation({
  args: { value: v.number() },
  handler: async (ctx, args) => {
    await ctx.db.insert("numbers", { value: args.value });
  },
});`,
    },
    {
      name: "Convex: internal mutations only the backend can run",
      filename: at("convex-react", "convex/admin.ts"),
      code: `import { v } from "convex/values";
import { internalMutation } from "./_generated/server";

export const deleteUser = internalMutation({
  args: { id: v.id("users") },
  handler: async (ctx, { id }) => ctx.db.delete(id),
});`,
    },
  ],
  invalid: [
    {
      name: "TanStack Start: a server function updates a row by id without reading the caller",
      filename: at("tanstack1", "src/server/posts.ts"),
      code: `import { createServerFn } from "@tanstack/react-start";
import { db } from "./db";

export const publishPost = createServerFn({ method: "POST" })
  .inputValidator((id: string) => id)
  .handler(async ({ data }) => {
    await db.post.update({ where: { id: data }, data: { published: true } });
  });`,
      errors: [{ messageId: "unprotectedRpc", line: 4 }],
    },
    {
      name: "Convex: a public mutation takes the author from its arguments",
      filename: at("convex-react", "convex/messages.ts"),
      code: `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const send = mutation({
  args: { body: v.string(), userId: v.id("users") },
  handler: async (ctx, { body, userId }) => {
    await ctx.db.insert("messages", { body, userId });
  },
});`,
      errors: [{ messageId: "unprotectedRpc", line: 4 }],
    },
    {
      name: "Convex: a public mutation patches any document it is given",
      filename: at("convex-react", "convex/profiles.ts"),
      code: `import { v } from "convex/values";
import { mutation } from "./_generated/server";

export const rename = mutation({
  args: { id: v.id("profiles"), name: v.string() },
  handler: async (ctx, { id, name }) => {
    await ctx.db.patch(id, { name });
  },
});`,
      errors: [{ messageId: "unprotectedRpc", line: 4 }],
    },
  ],
});
