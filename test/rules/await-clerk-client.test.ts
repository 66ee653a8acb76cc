import rule from "../../src/rules/await-clerk-client.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("await-clerk-client", rule, {
  valid: [
    {
      name: "const client = await clerkClient()",
      filename: file("app/api/users/[id]/route.ts"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const client = await clerkClient()
  const user = await client.users.getUser(id)
  return Response.json({ id: user.id })
}`,
    },
    {
      name: "(await clerkClient()).users",
      filename: file("app/dashboard/actions.ts"),
      code: `"use server"
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function setTheme(theme: string) {
  const { userId } = await auth.protect()
  await (await clerkClient()).users.updateUserMetadata(userId, { unsafeMetadata: { theme } })
}`,
    },
    {
      name: "returning or passing the promise on",
      filename: file("lib/clerk.ts"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export const getClient = () => clerkClient()
export function withClient<T>(fn: (c: Awaited<ReturnType<typeof clerkClient>>) => Promise<T>) {
  return clerkClient().then(fn)
}`,
    },
    {
      name: "v5: the clerkClient singleton still works",
      filename: file("app/team/[userId]/page.tsx", "next5"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export default async function Member({ params }: { params: { userId: string } }) {
  const user = await clerkClient.users.getUser(params.userId)
  return <p>{user.firstName}</p>
}`,
    },
    {
      name: "@clerk/express clerkClient is an instance",
      filename: file("src/routes/me.ts", "express2"),
      code: `import { clerkClient, getAuth } from "@clerk/express"
import type { Request, Response } from "express"
export async function me(req: Request, res: Response) {
  const { userId } = getAuth(req)
  if (!userId) return res.status(401).end()
  res.json(await clerkClient.users.getUser(userId))
}`,
    },
    {
      name: "@clerk/fastify clerkClient is an instance (in a Next 7 project)",
      filename: file("server/users.ts"),
      code: `import { clerkClient } from "@clerk/fastify"
export const countUsers = () => clerkClient.users.getCount()`,
    },
    {
      name: "createClerkClient() returns an instance",
      filename: file("lib/clerk-admin.ts"),
      code: `import { createClerkClient } from "@clerk/nextjs/server"
const clerk = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY })
export const getUser = (id: string) => clerk.users.getUser(id)`,
    },
    {
      name: "@clerk/backend createClerkClient",
      filename: file("scripts/backfill.ts"),
      code: `import { createClerkClient } from "@clerk/backend"
const clerkClient = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY! })
await clerkClient.users.getUserList({ limit: 10 })`,
    },
    {
      name: "@clerk/clerk-sdk-node object: no-legacy-api's finding, not this rule's",
      filename: file("scripts/legacy.ts"),
      code: `import { clerkClient } from "@clerk/clerk-sdk-node"
export const list = () => clerkClient.users.getUserList()`,
    },
    {
      name: "local variable named clerkClient shadows the import",
      filename: file("lib/admin.ts"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export async function ban(id: string) {
  const clerkClient2 = await clerkClient()
  {
    const clerkClient = clerkClient2
    await clerkClient.users.banUser(id)
  }
}`,
    },
    {
      name: "unknown @clerk/nextjs version: silent",
      filename: file("lib/admin.ts", "plain"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export const getUser = (id: string) => clerkClient.users.getUser(id)`,
    },
  ],
  invalid: [
    {
      name: "clerkClient.users on v7 (property of the function)",
      filename: file("app/api/users/[id]/route.ts"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const user = await clerkClient.users.getUser(id)
  return Response.json({ id: user.id })
}`,
      errors: [
        {
          messageId: "notCalled",
          line: 4,
          column: 22,
          endColumn: 39,
          data: { name: "clerkClient", property: "users", major: "7" },
          suggestions: [
            {
              messageId: "useAwaitedClient",
              output: `import { clerkClient } from "@clerk/nextjs/server"
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const user = await (await clerkClient()).users.getUser(id)
  return Response.json({ id: user.id })
}`,
            },
          ],
        },
      ],
    },
    {
      name: "v6 boundary: the v5 singleton is reported on v6",
      filename: file("app/team/[userId]/page.tsx", "next6"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export default async function Member({ params }: { params: { userId: string } }) {
  const user = await clerkClient.users.getUser(params.userId)
  return <p>{user.firstName}</p>
}`,
      errors: [
        {
          messageId: "notCalled",
          line: 3,
          column: 22,
          data: { name: "clerkClient", property: "users", major: "6" },
          suggestions: [
            {
              messageId: "useAwaitedClient",
              output: `import { clerkClient } from "@clerk/nextjs/server"
export default async function Member({ params }: { params: { userId: string } }) {
  const user = await (await clerkClient()).users.getUser(params.userId)
  return <p>{user.firstName}</p>
}`,
            },
          ],
        },
      ],
    },
    {
      name: "await clerkClient().users: the await applies to getUser, not to clerkClient()",
      filename: file("src/app/api/members/[id]/route.ts", "next6"),
      code: `import { clerkClient } from "@clerk/nextjs/server"
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const user = await clerkClient().users.getUser(id)
  return Response.json({ id: user.id })
}`,
      errors: [
        {
          messageId: "notAwaited",
          line: 4,
          column: 22,
          endColumn: 35,
          data: { name: "clerkClient", property: "users", major: "6" },
          suggestions: [
            {
              messageId: "useAwaitedClient",
              output: `import { clerkClient } from "@clerk/nextjs/server"
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params
  const user = await (await clerkClient()).users.getUser(id)
  return Response.json({ id: user.id })
}`,
            },
          ],
        },
      ],
    },
    {
      name: "stored promise used as the client, and destructuring",
      filename: file("app/admin/actions.ts"),
      code: `"use server"
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function promote(userId: string) {
  await auth.protect({ role: "org:admin" })
  const client = clerkClient()
  await client.users.updateUserMetadata(userId, { publicMetadata: { role: "admin" } })
}
export async function count() {
  await auth.protect()
  const { users } = clerkClient()
  return users.getCount()
}`,
      errors: [
        {
          messageId: "notAwaitedVariable",
          line: 5,
          column: 18,
          data: { name: "clerkClient", variable: "client" },
          suggestions: [
            {
              messageId: "useAwaitedClient",
              output: `"use server"
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function promote(userId: string) {
  await auth.protect({ role: "org:admin" })
  const client = await clerkClient()
  await client.users.updateUserMetadata(userId, { publicMetadata: { role: "admin" } })
}
export async function count() {
  await auth.protect()
  const { users } = clerkClient()
  return users.getCount()
}`,
            },
          ],
        },
        {
          messageId: "notAwaitedDestructure",
          line: 10,
          column: 21,
          suggestions: [
            {
              messageId: "useAwaitedClient",
              output: `"use server"
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function promote(userId: string) {
  await auth.protect({ role: "org:admin" })
  const client = clerkClient()
  await client.users.updateUserMetadata(userId, { publicMetadata: { role: "admin" } })
}
export async function count() {
  await auth.protect()
  const { users } = await clerkClient()
  return users.getCount()
}`,
            },
          ],
        },
      ],
    },
    {
      name: "namespace import; no suggestion outside an async function",
      filename: file("lib/orgs.ts"),
      code: `import * as clerk from "@clerk/nextjs/server"
export function listOrgs() {
  return clerk.clerkClient.organizations.getOrganizationList()
}`,
      errors: [{ messageId: "notCalled", line: 3, column: 10, data: { name: "clerk.clerkClient", property: "organizations", major: "7" }, suggestions: [] }],
    },
  ],
});
