/**
 * no-user-sync-outside-webhook follows helpers through the project index, so the
 * cross-file cases lint real files of fixtures/projects/core-user-sync:
 *   lib/users.ts        upsertUserFromClerk (db.user.upsert), getUserByClerkId (read)
 *   lib/ensure-user.ts  ensureUser → upsertUserFromClerk ("lazy sync")
 *   app/api/webhooks/clerk/route.ts, pages/api/webhooks/clerk.ts   verified webhooks calling upsertUserFromClerk
 */
import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/no-user-sync-outside-webhook.js";
import { PROJECTS, file, runRuleTests } from "../helpers.js";

function fixture(rel: string, project = "core-user-sync"): { filename: string; code: string } {
  const filename = path.join(PROJECTS, project, rel);
  return { filename, code: fs.readFileSync(filename, "utf8") };
}

/** fixtures/projects/user-sync-shapes: one real-world shape per file (stores, helpers, callers). */
const shape = (rel: string) => fixture(rel, "user-sync-shapes");

runRuleTests("no-user-sync-outside-webhook", rule, {
  valid: [
    {
      name: "the verified App Router webhook calls the lib/ helper",
      ...fixture("app/api/webhooks/clerk/route.ts"),
    },
    {
      name: "the verified Pages Router webhook calls the lib/ helper",
      ...fixture("pages/api/webhooks/clerk.ts"),
    },
    {
      name: "the helper module itself is judged at its callers",
      ...fixture("lib/users.ts"),
    },
    {
      name: "a page that only reads through the same helper module",
      ...fixture("app/settings/page.tsx"),
    },
    {
      name: "seed script under prisma/",
      ...fixture("prisma/seed.ts"),
    },
    {
      name: "maintenance script under scripts/",
      ...fixture("scripts/backfill-users.ts"),
    },
    {
      name: "Convex: webhook httpAction calling an internalMutation",
      ...fixture("convex/http.ts"),
    },
    {
      name: "Convex: the internalMutation that inserts the user",
      ...fixture("convex/users.ts"),
    },
    {
      name: "insert inside a verified webhook handler",
      filename: file("src/app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks";
import { db } from "@/db";
import { users } from "@/db/schema";

export async function POST(req: Request) {
  try {
    const evt = await verifyWebhook(req);
    if (evt.type === "user.created") {
      await db.insert(users).values({ clerkId: evt.data.id, email: evt.data.email_addresses[0]?.email_address ?? "" });
    }
    return new Response("ok");
  } catch {
    return new Response("invalid", { status: 400 });
  }
}`,
    },
    {
      name: "seed file under drizzle/",
      filename: file("drizzle/seed.ts"),
      code: `import { db } from "../src/db";
import { users } from "../src/db/schema";
await db.insert(users).values({ clerkId: "user_seed", email: "seed@example.com" });`,
    },
    {
      name: "updating (not creating) the user row from a server action",
      filename: file("app/settings/actions.ts"),
      code: `"use server";
import { auth } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export async function savePreferences(formData: FormData) {
  const { userId } = await auth.protect();
  await db.user.update({ where: { clerkId: userId }, data: { theme: String(formData.get("theme")) } });
}`,
    },
    {
      name: "creating other records from a page is fine",
      filename: file("app/projects/new/actions.ts"),
      code: `"use server";
import { auth } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export async function createProject(name: string) {
  const { userId } = await auth.protect();
  await db.project.create({ data: { name, ownerId: userId } });
}`,
    },
    {
      name: "insert(user) of a non-Drizzle library is not a table insert",
      filename: file("app/api/search/reindex/route.ts"),
      code: `import { index } from "@/lib/search";
export async function POST(req: Request) {
  const user = await req.json();
  await index.insert(user);
  return new Response("ok");
}`,
    },
    // ── real-world shapes (fixtures/projects/user-sync-shapes) ─────────────
    {
      name: "a 'use server' helper whose only caller is the verified webhook (it creates the member row)",
      ...shape("lib/actions/user.actions.ts"),
    },
    {
      name: "the verified webhook calling that helper",
      ...shape("app/api/webhooks/clerk/route.ts"),
    },
    {
      name: "a page calling a find-or-create helper that is reported where it inserts",
      ...shape("app/(setup)/page.tsx"),
    },
    {
      name: "a post row carrying the author's Clerk id is not a user record (Drizzle)",
      ...shape("app/api/posts/route.ts"),
    },
    {
      name: "Convex: a note keyed by the identity is not a user record; internal mutations are judged by their callers",
      ...shape("convex/notes.ts"),
    },
    {
      name: "a developer playground script",
      ...shape("scripts/playground.ts"),
    },
    {
      name: "an in-memory mock users store in a demo route handler",
      filename: file("src/app/api/users/route.ts"),
      code: `import { fakeUsers } from "@/constants/mock-users";
export async function POST(req: Request) {
  const body = await req.json();
  return Response.json(await fakeUsers.createUser(body), { status: 201 });
}`,
    },
    {
      name: "not a Clerk project",
      filename: file("app/api/signup/route.ts", "plain"),
      code: `import { db } from "@/lib/db";
export async function POST(req: Request) {
  const { email } = await req.json();
  await db.user.create({ data: { email } });
  return new Response("ok");
}`,
    },
  ],
  invalid: [
    {
      name: "page calls a helper that reaches db.user.upsert (reported at the call, with the chain)",
      ...fixture("app/dashboard/page.tsx"),
      errors: [
        {
          messageId: "viaHelper",
          line: 5,
          column: 22,
          data: { callee: "ensureUser", at: "lib/users.ts:7", chain: "lib/ensure-user.ts:ensureUser → lib/users.ts:upsertUserFromClerk" },
        },
      ],
    },
    {
      name: "non-webhook route handler calls the same helper",
      ...fixture("app/api/users/route.ts"),
      errors: [{ messageId: "viaHelper", line: 5, column: 22 }],
    },
    {
      name: "server action creates the user directly",
      ...fixture("app/onboarding/actions.ts"),
      errors: [{ messageId: "direct", line: 9, column: 9 }],
    },
    {
      name: "inline 'use server' function in a component",
      ...fixture("components/team-invite.tsx"),
      errors: [{ messageId: "direct", line: 8, column: 11 }],
    },
    {
      name: "layout calls the webhook's own helper directly (namespace import)",
      filename: path.join(PROJECTS, "core-user-sync", "app/dashboard/layout.tsx"),
      code: `import { currentUser } from "@clerk/nextjs/server";
import type { UserJSON } from "@clerk/nextjs/server";
import * as users from "@/lib/users";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (user) await users.upsertUserFromClerk(user.raw as UserJSON);
  return <section>{children}</section>;
}`,
      errors: [{ messageId: "viaHelper", line: 7, column: 19, data: { callee: "users.upsertUserFromClerk", at: "lib/users.ts:7", chain: "lib/users.ts:upsertUserFromClerk" } }],
    },
    {
      name: "Drizzle insert(users) in a non-webhook route",
      filename: file("src/app/api/register/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server";
import { db } from "@/db";
import { users } from "@/db/schema";

export async function POST() {
  const { userId } = await auth();
  if (!userId) return new Response("Unauthorized", { status: 401 });
  await db.insert(users).values({ clerkId: userId }).onConflictDoNothing();
  return new Response("ok");
}`,
      errors: [{ messageId: "direct", line: 8, column: 9 }],
    },
    {
      name: "Mongoose: User.create and new User().save() through a local",
      filename: file("app/api/profile/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server";
import User from "@/models/User";

export async function POST() {
  const { userId } = await auth();
  if (!userId) return new Response("Unauthorized", { status: 401 });
  const user = new User({ clerkId: userId });
  await user.save();
  await User.create({ clerkId: userId, role: "member" });
  return new Response("ok");
}`,
      errors: [
        { messageId: "direct", line: 8, column: 9 },
        { messageId: "direct", line: 9, column: 9 },
      ],
    },
    {
      name: "Kysely, Supabase and raw SQL in a page",
      filename: file("app/welcome/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server";
import { db, supabase, sql } from "@/lib/data";

export default async function WelcomePage() {
  const { userId } = await auth.protect();
  await db.insertInto("users").values({ clerk_id: userId }).execute();
  await supabase.from("users").upsert({ clerk_id: userId });
  await sql\`INSERT INTO users (clerk_id) VALUES (\${userId}) ON CONFLICT DO NOTHING\`;
  return <h1>Welcome</h1>;
}`,
      errors: [
        { messageId: "direct", line: 6, column: 9 },
        { messageId: "direct", line: 7, column: 9 },
        { messageId: "direct", line: 8, column: 9 },
      ],
    },
    // ── real-world shapes (fixtures/projects/user-sync-shapes) ─────────────
    {
      name: "find-or-create helper reading currentUser(): a profile row filled from the Clerk user (Prisma)",
      ...shape("lib/initial-profile.ts"),
      errors: [{ messageId: "direct", line: 13, column: 10 }],
    },
    {
      name: "a client form calls the server action that upserts the member (Mongoose findOneAndUpdate with upsert)",
      ...shape("components/forms/onboarding-form.tsx"),
      errors: [{ messageId: "viaHelper", line: 11, column: 11, data: { callee: "saveOnboarding", at: "lib/actions/user.actions.ts:20", chain: "lib/actions/user.actions.ts:saveOnboarding" } }],
    },
    {
      name: "an exported find-or-create helper nobody calls yet",
      ...shape("lib/profile/data-service.ts"),
      errors: [{ messageId: "direct", line: 13, column: 10 }],
    },
    {
      name: "lazy insert of an account document keyed by the Clerk id and filled from currentUser() (MongoDB driver)",
      ...shape("app/api/claims/route.ts"),
      errors: [{ messageId: "direct", line: 14, column: 23 }],
    },
    {
      name: "Firestore setDoc of the users document on every sign-in",
      ...shape("app/api/account/route.ts"),
      errors: [{ messageId: "direct", line: 13, column: 11 }],
    },
    {
      name: "Supabase upsert of the profiles row from the Clerk user",
      ...shape("app/api/profile/route.ts"),
      errors: [{ messageId: "direct", line: 9, column: 27 }],
    },
    {
      name: "Convex public mutation storing the user from ctx.auth.getUserIdentity()",
      ...shape("convex/users.ts"),
      errors: [{ messageId: "direct", line: 15, column: 12 }],
    },
    {
      name: "the Clerk helper loaded with await import()",
      ...shape("lib/lazy-user.ts"),
      errors: [{ messageId: "direct", line: 8, column: 10 }],
    },
    {
      name: "createUser in proxy.ts (clerkMiddleware callback)",
      filename: file("proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server";
import { prisma } from "@/lib/prisma";

export default clerkMiddleware(async (auth) => {
  const { userId } = await auth();
  if (userId) await prisma.user.upsert({ where: { clerkId: userId }, create: { clerkId: userId }, update: {} });
});`,
      errors: [{ messageId: "direct", line: 6, column: 21 }],
    },
  ],
});
