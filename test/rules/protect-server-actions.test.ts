import path from "node:path";
import rule from "../../src/rules/protect-server-actions.js";
import { REPO, file, runRuleTests } from "../helpers.js";

/** A file of fixtures/rule-projects/protect-endpoints (real lib/ helpers on disk, @clerk/nextjs 7). */
const ep = (rel: string) => path.join(REPO, "fixtures", "rule-projects", "protect-endpoints", rel);

/** The expected suggestion: `call` as the first statement after line `fnLine`, plus the import after line `importAfter`. */
function withProtect(code: string, fnLine: number, importAfter?: number, call = "  await auth.protect()"): string {
  const lines = code.split("\n");
  lines.splice(fnLine, 0, call);
  if (importAfter !== undefined) lines.splice(importAfter, 0, 'import { auth } from "@clerk/nextjs/server"');
  return lines.join("\n");
}

const POSTS = `"use server"
import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export async function publish(id: string) {
  await db.auditLog.create({ data: { action: "publish", id } })
  await auth.protect()
  await db.post.update({ where: { id }, data: { published: true } })
}
export async function draft(title: string) {
  const { userId } = await auth()
  if (!userId) console.warn("anonymous draft")
  await db.post.create({ data: { title, authorId: userId } })
}
export async function trash(id: string) {
  const { userId } = await auth()
  await db.post.deleteMany({ where: { id, authorId: userId } })
}`;

const ADMIN = `"use server"
import { clerkClient } from "@clerk/nextjs/server"
export async function setRole(userId: string, role: string) {
  const client = await clerkClient()
  await client.users.updateUserMetadata(userId, { publicMetadata: { role } })
}
export async function notify(text: string) {
  await fetch(process.env.SLACK_WEBHOOK_URL!, { method: "POST", body: JSON.stringify({ text }) })
}`;

const ITEMS = `"use server"
import { sql } from "@vercel/postgres"
import { db } from "@/db"
import { items } from "@/db/schema"
import { supabase } from "@/lib/supabase"
async function addItem(name: string) {
  await db.insert(items).values({ name })
}
async function dropItem(id: string) {
  await supabase.from("items").delete().eq("id", id)
}
export { addItem, dropItem as removeItem }
export default async function resetCounts() {
  await sql\`UPDATE items SET count = 0\`
}`;

const EP = `"use server"
import { archiveProjectRecord } from "@/lib/projects"
import * as lib from "@/lib"
import { callerId } from "@/lib/auth"
import { db } from "@/lib/db"
export async function archive(id: string) {
  await archiveProjectRecord(id)
}
export async function archiveAgain(id: string) {
  await lib.archiveProjectRecord(id)
}
export async function tag(id: string, tag: string) {
  const userId = await callerId()
  await db.tag.create({ data: { projectId: id, tag, userId } })
}`;

runRuleTests("protect-server-actions", rule, {
  valid: [
    {
      name: "a search action that POSTs its query to an outside search API reads, it does not write",
      filename: file("lib/actions/places.action.ts"),
      code: `"use server"
const PLACES_URL = "https://places.example.com/v1/places:searchNearby"
export async function searchRestaurants(lat: number, lng: number) {
  const res = await fetch(PLACES_URL, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Api-Key": process.env.PLACES_API_KEY! },
    body: JSON.stringify({ includedTypes: ["restaurant"], location: { lat, lng } }),
  })
  return res.json()
}`,
    },
    {
      name: "await auth() and a userId check before the write (Core 3 docs pattern)",
      filename: file("src/app/dashboard/actions.ts"),
      code: `"use server"
import { revalidatePath } from "next/cache"
import { auth } from "@clerk/nextjs/server"
import { prisma } from "@/lib/db"
export async function createProject(formData: FormData) {
  const { userId } = await auth()
  if (!userId) throw new Error("Unauthorized")
  const name = String(formData.get("name") ?? "").trim()
  if (!name) return { error: "Name it" }
  await prisma.project.create({ data: { name, ownerId: userId } })
  revalidatePath("/dashboard")
}`,
    },
    {
      name: "await auth.protect(), with and without a permission",
      filename: file("app/dashboard/actions.ts"),
      code: `"use server"
import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export async function createNote(title: string) {
  const { userId, orgId } = await auth.protect()
  await db.note.create({ data: { orgId, authorId: userId, title } })
}
export async function markPaid(id: string) {
  const { orgId } = await auth.protect({ permission: "org:invoices:manage" })
  await db.invoice.updateMany({ where: { id, orgId: orgId! }, data: { status: "paid" } })
}`,
    },
    {
      name: "orgId and has() checked together; isAuthenticated with an early return",
      filename: file("app/notes/actions.ts"),
      code: `"use server"
import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export async function deleteNote(noteId: string) {
  const { orgId, has } = await auth()
  if (!orgId || !has({ permission: "org:notes:delete" })) {
    throw new Error("You do not have permission to delete notes")
  }
  await db.note.deleteMany({ where: { id: noteId, orgId } })
}
export async function renameNote(noteId: string, title: string) {
  const { isAuthenticated, userId } = await auth()
  if (!isAuthenticated) return { error: "Sign in first" }
  await db.note.updateMany({ where: { id: noteId, authorId: userId }, data: { title } })
  return { ok: true }
}`,
    },
    {
      name: "currentUser() checked for null; redirectToSignIn from the auth object",
      filename: file("app/profile/actions.ts"),
      code: `"use server"
import { auth, currentUser } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export async function saveBio(bio: string) {
  const user = await currentUser()
  if (!user) return
  await db.profile.upsert({ where: { clerkId: user.id }, create: { clerkId: user.id, bio }, update: { bio } })
}
export async function follow(targetId: string) {
  const { userId, redirectToSignIn } = await auth()
  if (!userId) return redirectToSignIn()
  await db.follow.create({ data: { from: userId, to: targetId } })
}`,
    },
    {
      name: "the write happens only inside a userId branch",
      filename: file("app/likes/actions.ts"),
      code: `"use server"
import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export async function like(postId: string) {
  const { userId } = await auth()
  if (userId) {
    await db.like.create({ data: { postId, userId } })
  }
}`,
    },
    {
      name: "a same-file helper that calls auth.protect() (also through cache())",
      filename: file("app/billing/actions.ts"),
      code: `"use server"
import { cache } from "react"
import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
const signedIn = cache(async () => (await auth.protect()).userId)
async function owner() {
  const { userId } = await auth()
  if (!userId) throw new Error("Unauthorized")
  return userId
}
export async function cancelPlan() {
  const userId = await owner()
  await db.subscription.updateMany({ where: { userId }, data: { canceledAt: new Date() } })
}
export async function addSeat() {
  const userId = await signedIn()
  await db.seat.create({ data: { userId } })
}`,
    },
    {
      name: "imported helpers: one that throws, one through a barrel, one whose result is checked",
      filename: ep("app/projects/actions.ts"),
      code: `"use server"
import { callerId, gate, requireUser } from "@/lib/auth"
import { entry } from "@/lib"
import { db } from "@/lib/db"
export async function archive(id: string) {
  const userId = await requireUser()
  await db.project.updateMany({ where: { id, ownerId: userId }, data: { archivedAt: new Date() } })
}
export async function pin(id: string) {
  await gate()
  await db.pin.create({ data: { projectId: id } })
}
export async function star(id: string) {
  await entry()
  await db.star.create({ data: { projectId: id } })
}
export async function tag(id: string, tag: string) {
  const userId = await callerId()
  if (!userId) throw new Error("Unauthorized")
  await db.tag.create({ data: { projectId: id, tag, userId } })
}`,
    },
    {
      name: "an imported helper that establishes the caller before its own write",
      filename: ep("app/projects/archive-action.ts"),
      code: `"use server"
import { archiveOwnProject } from "@/lib/projects"
export async function archive(id: string) {
  await archiveOwnProject(id)
}`,
    },
    {
      name: "Clerk + Supabase: writes through a client that carries the caller's session token (RLS authorizes)",
      filename: ep("app/ssr/actions.ts"),
      code: `"use server"
import { createServerSupabaseClient } from "@/lib/supabase"
const client = createServerSupabaseClient()
export async function addTask(name: string) {
  try {
    await client.from("tasks").insert({ name })
  } catch (error: any) {
    throw new Error("Failed to add task")
  }
}
export async function removeTask(id: string) {
  const supabase = createServerSupabaseClient()
  await supabase.from("tasks").delete().eq("id", id)
}`,
    },
    {
      name: "same-file Supabase client with accessToken; Convex mutation with the caller's token",
      filename: file("app/tasks/actions.ts"),
      code: `"use server"
import { auth } from "@clerk/nextjs/server"
import { createClient } from "@supabase/supabase-js"
import { fetchMutation } from "convex/nextjs"
import { api } from "@/convex/_generated/api"
const supabase = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.NEXT_PUBLIC_SUPABASE_KEY!, {
  async accessToken() {
    return (await auth()).getToken()
  },
})
export async function addTask(name: string) {
  await supabase.from("tasks").insert({ name })
}
export async function addTodo(text: string) {
  const token = await (await auth()).getToken({ template: "convex" })
  await fetchMutation(api.todos.add, { text }, { token: token ?? undefined })
}`,
    },
    {
      name: "v5: sync auth() with a userId check, and auth().protect()",
      filename: file("app/dashboard/actions.ts", "next5"),
      code: `"use server"
import { auth } from "@clerk/nextjs/server"
import prisma from "@/lib/db"
export async function createProject(name: string) {
  const { userId, orgId } = auth()
  if (!userId) throw new Error("Unauthorized")
  await prisma.project.create({ data: { name, ownerId: userId, orgId: orgId ?? null } })
}
export async function removeProject(id: string) {
  auth().protect()
  await prisma.project.deleteMany({ where: { id } })
}`,
    },
    {
      name: "reads only; fetch without a method; GET fetch",
      filename: file("app/search/actions.ts"),
      code: `"use server"
import { db } from "@/lib/db"
export async function search(q: string) {
  const hits = await db.project.findMany({ where: { name: { contains: q } } })
  const weather = await fetch("https://api.example.com/weather")
  const more = await fetch("https://api.example.com/x", { method: "GET" })
  return { hits, weather: await weather.json(), more: more.ok }
}`,
    },
    {
      name: "inline action: the page checked the caller before defining it (closure)",
      filename: file("app/projects/[id]/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const { userId } = await auth.protect()
  async function archive() {
    "use server"
    await db.project.updateMany({ where: { id, ownerId: userId }, data: { archivedAt: new Date() } })
  }
  return <form action={archive}><button>Archive</button></form>
}`,
    },
    {
      name: "inline action with its own check",
      filename: file("app/feedback/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export default function FeedbackPage() {
  async function send(formData: FormData) {
    "use server"
    const { userId } = await auth.protect()
    await db.feedback.create({ data: { userId, text: String(formData.get("text")) } })
  }
  return <form action={send}><textarea name="text" /></form>
}`,
    },
    {
      name: "exports wrapped by an action client are judged by that client, not here",
      filename: file("app/todos/actions.ts"),
      code: `"use server"
import { authActionClient } from "@/lib/safe-action"
import { db } from "@/lib/db"
export const addTodo = authActionClient.action(async ({ parsedInput, ctx }: any) => db.todo.create({ data: { text: parsedInput.text, userId: ctx.userId } }))`,
    },
    {
      name: "a module without 'use server' is a helper, not an endpoint",
      filename: file("lib/projects.ts"),
      code: `import { db } from "@/lib/db"
export async function archiveProjectRecord(id: string) {
  return db.project.updateMany({ where: { id }, data: { archivedAt: new Date() } })
}`,
    },
    {
      name: "non-exported functions of a 'use server' module are not endpoints",
      filename: file("app/admin/actions.ts"),
      code: `"use server"
import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
async function purge(id: string) {
  await db.project.delete({ where: { id } })
}
export async function purgeProject(id: string) {
  await auth.protect({ role: "org:admin" })
  await purge(id)
}`,
    },
    {
      name: "no @clerk/nextjs in the project: silent",
      filename: file("app/actions.ts", "plain"),
      code: `"use server"
import { db } from "@/lib/db"
export async function remove(id: string) { await db.item.delete({ where: { id } }) }`,
    },
  ],
  invalid: [
    {
      name: "no check at all (AI-written): suggestion adds the import and await auth.protect()",
      filename: file("app/dashboard/projects/actions.ts"),
      code: `"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";

export async function renameProject(projectId: string, name: string) {
  const trimmed = name.trim();
  if (!trimmed) {
    throw new Error("Project name cannot be empty");
  }
  await db.project.update({ where: { id: projectId }, data: { name: trimmed } });
  revalidatePath("/dashboard");
}

export const deleteProject = async (projectId: string) => {
  await db.project.delete({ where: { id: projectId } });
};`,
      errors: [
        {
          messageId: "unprotected",
          line: 6,
          column: 23,
          endColumn: 36,
          data: { name: "renameProject", write: "`db.project.update(…)` on line 11" },
          suggestions: [
            {
              messageId: "addProtect",
              data: { call: "await auth.protect()" },
              output: `"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { auth } from "@clerk/nextjs/server";

export async function renameProject(projectId: string, name: string) {
  await auth.protect();
  const trimmed = name.trim();
  if (!trimmed) {
    throw new Error("Project name cannot be empty");
  }
  await db.project.update({ where: { id: projectId }, data: { name: trimmed } });
  revalidatePath("/dashboard");
}

export const deleteProject = async (projectId: string) => {
  await db.project.delete({ where: { id: projectId } });
};`,
            },
          ],
        },
        {
          messageId: "unprotected",
          line: 15,
          column: 14,
          data: { name: "deleteProject", write: "`db.project.delete(…)` on line 16" },
          suggestions: [
            {
              messageId: "addProtect",
              output: `"use server";

import { revalidatePath } from "next/cache";
import { db } from "@/lib/db";
import { auth } from "@clerk/nextjs/server";

export async function renameProject(projectId: string, name: string) {
  const trimmed = name.trim();
  if (!trimmed) {
    throw new Error("Project name cannot be empty");
  }
  await db.project.update({ where: { id: projectId }, data: { name: trimmed } });
  revalidatePath("/dashboard");
}

export const deleteProject = async (projectId: string) => {
  await auth.protect();
  await db.project.delete({ where: { id: projectId } });
};`,
            },
          ],
        },
      ],
    },
    {
      name: "write before the check; a check that does not stop; userId read but never checked",
      filename: file("app/posts/actions.ts"),
      code: POSTS,
      errors: [
        {
          messageId: "unprotected",
          line: 4,
          column: 23,
          data: { name: "publish", write: "`db.auditLog.create(…)` on line 5" },
          suggestions: [
            {
              messageId: "addProtect",
              output: `"use server"
import { auth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export async function publish(id: string) {
  await auth.protect()
  await db.auditLog.create({ data: { action: "publish", id } })
  await auth.protect()
  await db.post.update({ where: { id }, data: { published: true } })
}
export async function draft(title: string) {
  const { userId } = await auth()
  if (!userId) console.warn("anonymous draft")
  await db.post.create({ data: { title, authorId: userId } })
}
export async function trash(id: string) {
  const { userId } = await auth()
  await db.post.deleteMany({ where: { id, authorId: userId } })
}`,
            },
          ],
        },
        { messageId: "unprotected", line: 9, column: 23, data: { name: "draft", write: "`db.post.create(…)` on line 12" }, suggestions: [{ messageId: "addProtect", output: withProtect(POSTS, 9) }] },
        { messageId: "unprotected", line: 14, column: 23, data: { name: "trash", write: "`db.post.deleteMany(…)` on line 16" }, suggestions: [{ messageId: "addProtect", output: withProtect(POSTS, 14) }] },
      ],
    },
    {
      name: "Clerk Backend API mutation and a POST request without a check",
      filename: file("app/admin/actions.ts"),
      code: ADMIN,
      errors: [
        { messageId: "unprotected", line: 3, column: 23, data: { name: "setRole", write: "`client.users.updateUserMetadata(…)` on line 5" }, suggestions: [{ messageId: "addProtect", output: withProtect(ADMIN, 3, 2) }] },
        { messageId: "unprotected", line: 7, column: 23, data: { name: "notify", write: "`fetch(…)` on line 8" }, suggestions: [{ messageId: "addProtect", output: withProtect(ADMIN, 7, 2) }] },
      ],
    },
    {
      name: "Drizzle, Supabase and raw SQL writes; specifier and default exports",
      filename: file("app/items/actions.ts"),
      code: ITEMS,
      errors: [
        { messageId: "unprotected", line: 12, column: 10, data: { name: "addItem", write: "`db.insert(…)` on line 7" }, suggestions: [{ messageId: "addProtect", output: withProtect(ITEMS, 6, 5) }] },
        { messageId: "unprotected", line: 12, column: 31, data: { name: "removeItem", write: "`supabase.from(\"items\").delete(…)` on line 10" }, suggestions: [{ messageId: "addProtect", output: withProtect(ITEMS, 9, 5) }] },
        { messageId: "unprotected", line: 13, column: 31, data: { name: "resetCounts", write: "`sql`…`` on line 14" }, suggestions: [{ messageId: "addProtect", output: withProtect(ITEMS, 13, 5) }] },
      ],
    },
    {
      name: "an imported helper writes without a check (direct and through a barrel); a reader helper whose result is not checked",
      filename: ep("app/projects/actions.ts"),
      code: EP,
      errors: [
        {
          messageId: "unprotected",
          line: 6,
          column: 23,
          data: { name: "archive", write: "`archiveProjectRecord(…)` on line 7, which writes in lib/projects.ts:archiveProjectRecord" },
          suggestions: [{ messageId: "addProtect", output: withProtect(EP, 6, 5) }],
        },
        {
          messageId: "unprotected",
          line: 9,
          column: 23,
          data: { name: "archiveAgain", write: "`lib.archiveProjectRecord(…)` on line 10, which writes in lib/projects.ts:archiveProjectRecord" },
          suggestions: [{ messageId: "addProtect", output: withProtect(EP, 9, 5) }],
        },
        { messageId: "unprotected", line: 12, column: 23, data: { name: "tag", write: "`db.tag.create(…)` on line 14" }, suggestions: [{ messageId: "addProtect", output: withProtect(EP, 12, 5) }] },
      ],
    },
    {
      name: "inline action without any check; the existing auth import is reused",
      filename: file("app/guestbook/page.tsx"),
      code: `import { auth as clerkAuth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export default async function Guestbook() {
  const { userId } = await clerkAuth()
  async function sign(formData: FormData) {
    "use server"
    await db.entry.create({ data: { text: String(formData.get("text")) } })
  }
  return <form action={sign}>{userId}</form>
}`,
      errors: [
        {
          messageId: "unprotected",
          line: 5,
          column: 18,
          data: { name: "sign", write: "`db.entry.create(…)` on line 7" },
          suggestions: [
            {
              messageId: "addProtect",
              output: `import { auth as clerkAuth } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export default async function Guestbook() {
  const { userId } = await clerkAuth()
  async function sign(formData: FormData) {
    "use server"
    await clerkAuth.protect()
    await db.entry.create({ data: { text: String(formData.get("text")) } })
  }
  return <form action={sign}>{userId}</form>
}`,
            },
          ],
        },
      ],
    },
    {
      name: "v5: the suggestion uses the sync auth().protect()",
      filename: file("app/dashboard/actions.ts", "next5"),
      code: `"use server"
import prisma from "@/lib/db"
export async function setStatus(id: string, status: string) {
  await prisma.project.updateMany({ where: { id }, data: { status } })
}`,
      errors: [
        {
          messageId: "unprotected",
          line: 3,
          column: 23,
          suggestions: [
            {
              messageId: "addProtect",
              data: { call: "auth().protect()" },
              output: `"use server"
import prisma from "@/lib/db"
import { auth } from "@clerk/nextjs/server"
export async function setStatus(id: string, status: string) {
  auth().protect()
  await prisma.project.updateMany({ where: { id }, data: { status } })
}`,
            },
          ],
        },
      ],
    },
    {
      name: "no suggestion when the name auth is already taken by something else",
      filename: file("app/settings/actions.ts"),
      code: `"use server"
import { db } from "@/lib/db"
const auth = { mode: "none" }
export async function save(theme: string) {
  await db.setting.upsert({ where: { key: "theme" }, create: { key: "theme", value: theme }, update: { value: theme } })
  return auth.mode
}`,
      errors: [{ messageId: "unprotected", line: 4, column: 23, suggestions: [] }],
    },
  ],
});
