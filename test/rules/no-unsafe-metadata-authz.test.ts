import rule from "../../src/rules/no-unsafe-metadata-authz.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("no-unsafe-metadata-authz", rule, {
  valid: [
    {
      name: "UI preferences in unsafeMetadata at sign-up",
      filename: file("src/app/sign-up/[[...sign-up]]/page.tsx"),
      code: `import { SignUp } from "@clerk/nextjs"
export default function SignUpPage() {
  return <SignUp fallbackRedirectUrl="/onboarding" unsafeMetadata={{ theme: "system", referral: "landing" }} />
}`,
    },
    {
      name: "onboarding step written and read from unsafeMetadata",
      filename: file("components/onboarding-steps.tsx"),
      code: `'use client'
import { useUser } from "@clerk/nextjs"
import { useRouter } from "next/navigation"
export function OnboardingSteps() {
  const { user } = useUser()
  const router = useRouter()
  if (user?.unsafeMetadata.onboardingComplete) router.push("/dashboard")
  const step = Number(user?.unsafeMetadata.onboardingStep ?? 0)
  return <button onClick={() => user?.update({ unsafeMetadata: { onboardingStep: step + 1, theme: "dark" } })}>Next</button>
}`,
    },
    {
      name: "role from publicMetadata and from sessionClaims.metadata",
      filename: file("app/admin/page.tsx"),
      code: `import { notFound } from "next/navigation"
import { auth, currentUser } from "@clerk/nextjs/server"
export default async function AdminPage() {
  const { sessionClaims } = await auth.protect()
  if (sessionClaims?.metadata?.role !== "admin") notFound()
  const user = await currentUser()
  if (user?.publicMetadata.role !== "admin") notFound()
  return <h1>Admin</h1>
}`,
    },
    {
      name: "has() for organization roles",
      filename: file("app/billing/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Billing() {
  const { has } = await auth.protect()
  return has({ role: "org:admin" }) ? <p>Manage billing</p> : <p>Ask an admin</p>
}`,
    },
    {
      name: "showing an unsafe value is not a decision",
      filename: file("components/profile-badge.tsx"),
      code: `'use client'
import { useUser } from "@clerk/nextjs"
export function ProfileBadge() {
  const { user } = useUser()
  return <span>{String(user?.unsafeMetadata.role ?? "member")}</span>
}`,
    },
    {
      name: "backend copies a UI preference from the webhook payload",
      filename: file("lib/users.ts"),
      code: `import type { UserJSON } from "@clerk/nextjs/server"
import { db } from "./db"
export async function saveUser(data: UserJSON) {
  return db.user.update({ where: { clerkId: data.id }, data: { theme: String(data.unsafe_metadata.theme ?? "system") } })
}`,
    },
    {
      name: "Express: theme stored with updateUserMetadata",
      filename: file("src/routes/me.ts", "express2"),
      code: `import { clerkClient, getAuth } from "@clerk/express"
export async function setTheme(req: any, res: any) {
  const { userId } = getAuth(req)
  if (!userId) return res.status(401).end()
  await clerkClient.users.updateUserMetadata(userId, { unsafeMetadata: { theme: req.body.theme } })
  res.json({ ok: true })
}`,
    },
    {
      name: "a project without Clerk",
      filename: file("lib/flags.ts", "plain"),
      code: `export const isAdmin = (u: { unsafeMetadata: { role: string } }) => u.unsafeMetadata.role === "admin"`,
    },
  ],
  invalid: [
    {
      name: "role comparison guards the admin page",
      filename: file("app/admin/page.tsx"),
      code: `import { redirect } from "next/navigation"
import { currentUser } from "@clerk/nextjs/server"
export default async function AdminPage() {
  const user = await currentUser()
  if (!user) redirect("/sign-in")
  const isAdmin = user.unsafeMetadata.role === "admin"
  if (!isAdmin) redirect("/dashboard")
  return <h1>Admin</h1>
}`,
      errors: [{ messageId: "readGuard", line: 6, column: 19, endColumn: 43, data: { key: "role" } }],
    },
    {
      name: "optional chains, a boolean flag, includes() and && in JSX",
      filename: file("components/admin-menu.tsx"),
      code: `'use client'
import { useUser } from "@clerk/nextjs"
const STAFF = ["admin", "support"]
export function AdminMenu() {
  const { user } = useUser()
  if (!user?.unsafeMetadata?.isAdmin) return null
  const canSupport = STAFF.includes(user.unsafeMetadata.role as string)
  const tags = user.unsafeMetadata.permissions as string[]
  return <nav>{user.unsafeMetadata.plan === "pro" && <a href="/pro">Pro</a>}{canSupport ? "support" : ""}{tags.includes("billing") && "billing"}</nav>
}`,
      errors: [
        { messageId: "readGuard", line: 6, column: 8, data: { key: "isAdmin" } },
        { messageId: "readGuard", line: 7, column: 37, data: { key: "role" } },
        { messageId: "readGuard", line: 8, column: 16, data: { key: "permissions" } },
        { messageId: "readGuard", line: 9, column: 16, data: { key: "plan" } },
      ],
    },
    {
      name: "destructured role and an aliased metadata object in a switch",
      filename: file("app/dashboard/page.tsx"),
      code: `import { redirect } from "next/navigation"
import { currentUser } from "@clerk/nextjs/server"
export default async function Dashboard() {
  const user = await currentUser()
  if (!user) redirect("/sign-in")
  const { role } = user.unsafeMetadata as { role?: string }
  if (role !== "admin") redirect("/")
  const meta = user.unsafeMetadata
  switch (meta.tier) {
    case "enterprise": return <p>Enterprise</p>
    default: return <p>Free</p>
  }
}`,
      errors: [
        { messageId: "readGuard", line: 6, column: 11, data: { key: "role" } },
        { messageId: "readGuard", line: 9, column: 11, data: { key: "tier" } },
      ],
    },
    {
      name: "backend payload: snake_case unsafe_metadata decides a branch",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks"
import { db } from "@/lib/db"
export async function POST(req: Request) {
  const evt = await verifyWebhook(req)
  if (evt.type === "user.created" && evt.data.unsafe_metadata.role === "admin") {
    await db.admin.create({ data: { clerkId: evt.data.id } })
  }
  return new Response("ok")
}`,
      errors: [{ messageId: "readGuard", line: 5, column: 38, data: { key: "role" } }],
    },
    {
      name: "frontend writes of a role: user.update, updateMetadata, signUp.create and <SignUp unsafeMetadata>",
      filename: file("components/role-picker.tsx"),
      code: `'use client'
import { SignUp, useSignUp, useUser } from "@clerk/nextjs"
export function RolePicker({ role }: { role: "teacher" | "student" }) {
  const { user } = useUser()
  const { signUp } = useSignUp()
  async function save() {
    await user?.update({ unsafeMetadata: { role } })
    await user?.updateMetadata({ unsafeMetadata: { isAdmin: true, theme: "dark" } })
    await signUp?.create({ emailAddress: "a@b.c", unsafeMetadata: { plan: "pro" } })
  }
  return <><button onClick={save}>Save</button><SignUp unsafeMetadata={{ role: "teacher" }} /></>
}`,
      errors: [
        { messageId: "write", line: 7, column: 44, data: { key: "role" } },
        { messageId: "write", line: 8, column: 52, data: { key: "isAdmin" } },
        { messageId: "write", line: 9, column: 69, data: { key: "plan" } },
        { messageId: "write", line: 11, column: 74, data: { key: "role" } },
      ],
    },
    {
      name: "backend stores a role where the user can overwrite it",
      filename: file("app/onboarding/actions.ts"),
      code: `"use server"
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function chooseRole(role: string) {
  const { userId } = await auth.protect()
  const client = await clerkClient()
  await client.users.updateUserMetadata(userId, { unsafeMetadata: { userRole: role } })
}`,
      errors: [{ messageId: "write", line: 6, column: 69, data: { key: "userRole" } }],
    },
  ],
});
