import rule from "../../src/rules/prefer-permission-checks.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("prefer-permission-checks", rule, {
  valid: [
    {
      name: "has() with a role or a permission, and <Show when={{ role }}>",
      filename: file("app/org/settings/page.tsx"),
      code: `import { Show } from "@clerk/nextjs"
import { auth } from "@clerk/nextjs/server"
export default async function OrgSettings() {
  const { has } = await auth.protect()
  const canManage = has({ permission: "org:settings:manage" }) || has({ role: "org:admin" })
  return <>{canManage ? <p>Manage</p> : null}<Show when={{ role: "org:admin" }}><p>Admin</p></Show></>
}`,
    },
    {
      name: "roles of other members listed from the Backend API",
      filename: file("app/org/members/page.tsx"),
      code: `import { auth, clerkClient } from "@clerk/nextjs/server"
export default async function Members() {
  const { orgId } = await auth.protect()
  const client = await clerkClient()
  const { data } = await client.organizations.getOrganizationMembershipList({ organizationId: orgId! })
  const admins = data.filter((m) => m.role === "org:admin")
  return <p>{admins.length} admins</p>
}`,
    },
    {
      name: "a role chosen in an invite form is not the caller's role",
      filename: file("app/org/invite/actions.ts"),
      code: `"use server"
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function invite(formData: FormData) {
  const { orgId } = await auth.protect({ permission: "org:members:manage" })
  const orgRole = String(formData.get("role"))
  const role = orgRole === "org:admin" ? "org:admin" : "org:member"
  const client = await clerkClient()
  await client.organizations.createOrganizationInvitation({ organizationId: orgId!, emailAddress: String(formData.get("email")), role })
}`,
    },
    {
      name: "showing the role, and comparing it with something that is not an org: key",
      filename: file("components/role-label.tsx"),
      code: `'use client'
import { useAuth } from "@clerk/nextjs"
export function RoleLabel() {
  const { orgRole } = useAuth()
  if (orgRole == null) return null
  return <span>{orgRole.replace("org:", "")}</span>
}`,
    },
    {
      name: "a local orgRole without Clerk provenance",
      filename: file("lib/roles.ts"),
      code: `import { useAuth } from "@clerk/nextjs"
export const label = (orgRole: string) => (orgRole === "org:admin" ? "Admin" : "Member")
export const hook = useAuth`,
    },
  ],
  invalid: [
    {
      name: "orgRole from auth.protect() compared with an org: role",
      filename: file("app/org/settings/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function OrgSettingsPage() {
  const { orgId, orgRole } = await auth.protect()
  if (!orgId) return <p>Pick a workspace</p>
  const canManage = orgRole === "org:admin"
  return canManage ? <p>Manage</p> : <p>Ask an admin</p>
}`,
      errors: [{ messageId: "preferHas", line: 5, column: 21, endColumn: 44, data: { text: 'orgRole === "org:admin"', role: "org:admin" } }],
    },
    {
      name: "useAuth(): !==, switch and includes()",
      filename: file("components/billing-link.tsx"),
      code: `'use client'
import { useAuth } from "@clerk/nextjs"
export function BillingLink() {
  const { orgRole: role } = useAuth()
  if (role !== "org:admin") return null
  switch (role) {
    case "org:billing": return <a href="/billing">Billing</a>
  }
  return ["org:admin", "org:owner"].includes(role) ? <a href="/admin">Admin</a> : null
}`,
      errors: [
        { messageId: "preferHas", line: 5, column: 7, data: { text: 'role !== "org:admin"', role: "org:admin" } },
        { messageId: "preferHas", line: 6, column: 11, data: { text: "role", role: "org:billing" } },
        { messageId: "preferHas", line: 9, column: 10, data: { text: '["org:admin", "org:owner"].includes(role)', role: "org:admin" } },
      ],
    },
    {
      name: "useOrganization().membership.role and sessionClaims.org_role",
      filename: file("components/org-tools.tsx"),
      code: `'use client'
import { useAuth, useOrganization } from "@clerk/nextjs"
export function OrgTools() {
  const { membership } = useOrganization()
  const { sessionClaims } = useAuth() as any
  const isAdmin = membership?.role === "org:admin"
  const isBilling = sessionClaims?.org_role === "org:billing"
  return <p>{isAdmin ? "admin" : isBilling ? "billing" : "member"}</p>
}`,
      errors: [
        { messageId: "preferHas", line: 6, column: 19, data: { text: 'membership?.role === "org:admin"', role: "org:admin" } },
        { messageId: "preferHas", line: 7, column: 21, data: { text: 'sessionClaims?.org_role === "org:billing"', role: "org:billing" } },
      ],
    },
    {
      name: "clerkMiddleware callback and an auth object kept in a variable",
      filename: file("src/proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
export default clerkMiddleware(async (auth, req) => {
  const session = await auth()
  if (req.nextUrl.pathname.startsWith("/admin") && session.orgRole !== "org:admin") {
    return new Response("Forbidden", { status: 403 })
  }
})`,
      errors: [{ messageId: "preferHas", line: 4, column: 52, data: { text: 'session.orgRole !== "org:admin"', role: "org:admin" } }],
    },
    {
      name: "Express getAuth(req)",
      filename: file("src/routes/admin.ts", "express2"),
      code: `import { getAuth } from "@clerk/express"
export function requireAdmin(req: any, res: any, next: any) {
  if (getAuth(req).orgRole !== "org:admin") return res.status(403).end()
  next()
}`,
      errors: [{ messageId: "preferHas", line: 3, column: 7, data: { text: 'getAuth(req).orgRole !== "org:admin"', role: "org:admin" } }],
    },
  ],
});
