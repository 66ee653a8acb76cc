import rule from "../../src/rules/no-auth-in-use-cache.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("no-auth-in-use-cache", rule, {
  valid: [
    {
      name: "auth() outside, userId passed into the cached function",
      filename: file("app/dashboard/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
async function getProjects(userId: string) {
  "use cache"
  return db.project.findMany({ where: { ownerId: userId } })
}
export default async function Dashboard() {
  const { userId } = await auth.protect()
  const projects = await getProjects(userId)
  return <p>{projects.length}</p>
}
declare const db: any`,
    },
    {
      name: "clerkClient() inside a cached function is fine",
      filename: file("lib/stats.ts"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
import { cacheLife } from "next/cache"
export async function getMemberCount(orgId: string) {
  "use cache"
  cacheLife("hours")
  const client = await clerkClient()
  const org = await client.organizations.getOrganization({ organizationId: orgId })
  return org.membersCount ?? 0
}`,
    },
    {
      name: "'use cache: private' may read request data",
      filename: file("lib/me.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function getMyPlan() {
  "use cache: private"
  const { has } = await auth()
  return has({ plan: "pro" }) ? "pro" : "free"
}`,
    },
    {
      name: "'use cache' that is not in the directive prologue is just a string",
      filename: file("lib/notes.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function notes() {
  const { userId } = await auth()
  "use cache"
  return userId
}`,
    },
    {
      name: "auth in a sibling function of a cached one",
      filename: file("lib/data.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function cachedCount() {
  "use cache"
  return 42
}
export async function mine() {
  const { userId } = await auth()
  return userId
}`,
    },
  ],
  invalid: [
    {
      name: "await auth() inside a 'use cache' function",
      filename: file("lib/stats.ts"),
      code: `import { cacheLife } from "next/cache"
import { auth } from "@clerk/nextjs/server"
export async function getWorkspaceStats() {
  "use cache"
  cacheLife("minutes")
  const { orgId } = await auth()
  return { orgId }
}`,
      errors: [{ messageId: "authInCache", line: 6, column: 27, endColumn: 33, data: { call: "auth()", directive: "use cache" } }],
    },
    {
      name: "currentUser() in a file-level 'use cache' page",
      filename: file("app/profile/page.tsx"),
      code: `"use cache"
import { currentUser } from "@clerk/nextjs/server"
export default async function Profile() {
  const user = await currentUser()
  return <p>{user?.firstName}</p>
}`,
      errors: [{ messageId: "authInCache", line: 4, column: 22, data: { call: "currentUser()", directive: "use cache" } }],
    },
    {
      name: "auth.protect() in 'use cache: remote', inside a nested callback",
      filename: file("lib/reports.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function report(ids: string[]) {
  "use cache: remote"
  return Promise.all(ids.map(async (id) => {
    await auth.protect()
    return id
  }))
}`,
      errors: [{ messageId: "authInCache", line: 5, column: 11, data: { call: "auth.protect()", directive: "use cache: remote" } }],
    },
    {
      name: "v6 project (Next 15 canary 'use cache')",
      filename: file("src/lib/stats.ts", "next6"),
      code: `import { auth as clerkAuth } from "@clerk/nextjs/server"
export async function stats() {
  'use cache'
  const { userId } = await clerkAuth()
  return userId
}`,
      errors: [{ messageId: "authInCache", line: 4, column: 28, data: { call: "clerkAuth()", directive: "use cache" } }],
    },
  ],
});
