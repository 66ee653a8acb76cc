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
      name: "client UI: a role only picks which link, menu item or label to show",
      filename: file("components/site-header.tsx"),
      code: `'use client'
import Link from "next/link"
import { useUser } from "@clerk/nextjs"
const STAFF = ["admin", "support"]
export function SiteHeader() {
  const { user } = useUser()
  const role = (user?.unsafeMetadata?.role as string) || "member"
  const home = () => {
    if (role === "admin") return "/admin"
    else if (role === "vendor") return "/vendor"
    return "/dashboard"
  }
  const tags = user?.unsafeMetadata.permissions as string[]
  return (
    <header>
      <Link href={home()}>Dashboard</Link>
      {user?.unsafeMetadata.plan === "pro" && <a href="/pro">Pro</a>}
      {STAFF.includes(role) ? <span>staff</span> : null}
      {tags?.includes("billing") && "billing"}
      <button disabled={role !== "member"}>Upgrade</button>
    </header>
  )
}`,
    },
    {
      name: "client debug page: the role routes the user to the matching dashboard",
      filename: file("app/whoami/page.tsx"),
      code: `'use client'
import { useRouter } from "next/navigation"
import { useUser } from "@clerk/nextjs"
export default function WhoAmI() {
  const router = useRouter()
  const { user } = useUser()
  const role = (user?.unsafeMetadata?.role as string) || "member"
  const go = () => {
    switch (role) {
      case "admin": router.push("/admin"); break
      default: router.push("/dashboard")
    }
  }
  return <button onClick={go}>Open my dashboard ({role})</button>
}`,
    },
    {
      name: "admin grants a role after checking the caller's own role",
      filename: file("app/api/admin/set-role/route.ts"),
      code: `import { auth, clerkClient } from "@clerk/nextjs/server"
export async function POST(req: Request) {
  const { sessionClaims } = await auth.protect()
  if (sessionClaims?.metadata?.role !== "admin") return new Response("Forbidden", { status: 403 })
  const { targetUserId, role } = await req.json()
  const client = await clerkClient()
  await client.users.updateUserMetadata(targetUserId, { publicMetadata: { role } })
  return Response.json({ ok: true })
}`,
    },
    {
      name: "organization role changes guarded by has({ permission })",
      filename: file("app/api/members/role/route.ts"),
      code: `import { auth, clerkClient } from "@clerk/nextjs/server"
export async function POST(req: Request) {
  const { has, orgId } = await auth.protect()
  if (!has({ permission: "org:members:manage" })) return new Response("Forbidden", { status: 403 })
  const { userId, role } = await req.json()
  const client = await clerkClient()
  await client.users.updateUserMetadata(userId, { publicMetadata: { role, orgId } })
  return Response.json({ ok: true })
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
      name: "client component: an early return that hides the page from non-admins (optional chains)",
      filename: file("components/admin-menu.tsx"),
      code: `'use client'
import { useUser } from "@clerk/nextjs"
export function AdminMenu() {
  const { user } = useUser()
  if (!user?.unsafeMetadata?.isAdmin) return null
  return <nav><a href="/admin/users">Users</a></nav>
}`,
      errors: [{ messageId: "readGuard", line: 5, column: 8, data: { key: "isAdmin" } }],
    },
    {
      name: "client page guard: redirects away when the role does not match (in an effect and in the render)",
      filename: file("app/vendor/orders/page.tsx"),
      code: `'use client'
import { useEffect } from "react"
import { useRouter } from "next/navigation"
import { useAuth, useUser } from "@clerk/nextjs"
export default function VendorOrders() {
  const router = useRouter()
  const { isLoaded, isSignedIn } = useAuth()
  const { user } = useUser()
  const accountType = (user?.unsafeMetadata?.accountType as string) || "buyer"
  useEffect(() => {
    if (isLoaded && isSignedIn && accountType !== "seller") router.replace("/")
  }, [isLoaded, isSignedIn, accountType, router])
  if (!isLoaded || accountType !== "seller") return <p>Checking access…</p>
  return <h1>Orders</h1>
}`,
      errors: [{ messageId: "readGuard", line: 9, column: 24, data: { key: "accountType" } }],
    },
    {
      name: "a role hook that sends users without the required role elsewhere",
      filename: file("hooks/use-required-role.ts"),
      code: `'use client'
import { useEffect } from "react"
import { useRouter } from "next/navigation"
import { useUser } from "@clerk/nextjs"
export function useRequiredRole(required: string) {
  const { user, isLoaded } = useUser()
  const router = useRouter()
  const current = (user?.unsafeMetadata.role as string | undefined) ?? "member"
  useEffect(() => {
    if (isLoaded && current !== required) router.push("/not-allowed")
  }, [isLoaded, current, required, router])
}`,
      errors: [{ messageId: "readGuard", line: 8, column: 20, data: { key: "role" } }],
    },
    {
      name: "route handler: the role in unsafeMetadata gates a write",
      filename: file("app/api/courses/route.ts"),
      code: `import { currentUser } from "@clerk/nextjs/server"
import { db } from "@/lib/db"
export async function POST(req: Request) {
  const user = await currentUser()
  if (!user) return new Response("Unauthorized", { status: 401 })
  if (user.unsafeMetadata.role !== "teacher") return new Response("Forbidden", { status: 403 })
  await db.course.create({ data: await req.json() })
  return new Response("ok")
}`,
      errors: [{ messageId: "readGuard", line: 6, column: 7, data: { key: "role" } }],
    },
    {
      name: "a role written into publicMetadata from the request body by any signed-in caller",
      filename: file("app/api/admin/set-role/route.ts"),
      code: `import { auth, clerkClient } from "@clerk/nextjs/server"
export async function POST(req: Request) {
  const { userId } = await auth()
  if (!userId) return new Response("Unauthorized", { status: 401 })
  const { targetUserId, role } = await req.json()
  const client = await clerkClient()
  await client.users.updateUserMetadata(targetUserId, { publicMetadata: { role } })
  return Response.json({ ok: true })
}`,
      errors: [{ messageId: "roleFromRequest", line: 7, column: 75, data: { key: "role" } }],
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
