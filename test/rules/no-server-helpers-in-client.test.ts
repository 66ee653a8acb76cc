import rule from "../../src/rules/no-server-helpers-in-client.js";
import fs from "node:fs";
import path from "node:path";
import { PROJECTS, file, runRuleTests } from "../helpers.js";

/** fixtures/projects/real-world-shapes: a hook module only client components import; a lib that a page imports too. */
const shapes = (rel: string) => {
  const filename = path.join(PROJECTS, "real-world-shapes", rel);
  return { filename, code: fs.readFileSync(filename, "utf8") };
};

runRuleTests("no-server-helpers-in-client", rule, {
  valid: [
    {
      name: "a module without a directive that a server page imports too is not client-only",
      ...shapes("lib/user-summary.ts"),
    },
    {
      name: "type-only import of a server type",
      filename: file("components/user-card.tsx"),
      code: `'use client'
import type { User } from "@clerk/nextjs/server"
export function UserCard({ user }: { user: Pick<User, "firstName"> }) { return <p>{user.firstName}</p> }`,
    },
    {
      name: "inline type specifier",
      filename: file("components/user-card.tsx"),
      code: `'use client'
import { type User } from "@clerk/nextjs/server"
export function UserCard({ user }: { user: User }) { return <p>{user.id}</p> }`,
    },
    {
      name: "value-syntax import used only as a type is elided by the compiler",
      filename: file("components/user-card.tsx"),
      code: `'use client'
import { User } from "@clerk/nextjs/server"
export function UserCard({ user }: { user: User }) { return <p>{user.id}</p> }`,
    },
    {
      name: "client component calling a server action that uses auth()",
      filename: file("app/dashboard/new-project-form.tsx"),
      code: `'use client'
import { createProject } from "./actions"
import { useUser } from "@clerk/nextjs"
export function NewProjectForm() {
  const { isLoaded } = useUser()
  if (!isLoaded) return null
  return <form action={createProject}><button>Create</button></form>
}`,
    },
    {
      name: "server component may import server helpers",
      filename: file("app/dashboard/page.tsx"),
      code: `import { auth, currentUser } from "@clerk/nextjs/server"
export default async function Page() { const { userId } = await auth(); const u = await currentUser(); return <p>{userId}{u?.id}</p> }`,
    },
    {
      name: "'use client' that is not the first statement is not a directive",
      filename: file("lib/clerk.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
'use client'
export const getUserId = async () => (await auth()).userId`,
    },
  ],
  invalid: [
    {
      name: "a hook module without 'use client' that only client components import (it ships to the browser)",
      ...shapes("hooks/use-signup-form.ts"),
      errors: [{ messageId: "serverImportInClientGraph", line: 3, column: 10, data: { name: "clerkClient", source: "@clerk/nextjs/server", importer: "components/signup-wizard.tsx" } }],
    },
    {
      name: "currentUser in a client component",
      filename: file("app/dashboard/profile-card.tsx"),
      code: `'use client'
import { useEffect, useState } from "react"
import { currentUser } from "@clerk/nextjs/server"
export function ProfileCard() {
  const [name, setName] = useState("")
  useEffect(() => { currentUser().then((u) => setName(u?.firstName ?? "")) }, [])
  return <p>{name}</p>
}`,
      errors: [{ messageId: "serverImport", line: 3, column: 10, endLine: 3, endColumn: 21, data: { name: "currentUser", source: "@clerk/nextjs/server" } }],
    },
    {
      name: "aliased auth import",
      filename: file("src/components/plan-badge.tsx"),
      code: `"use client"
import { auth as getAuth } from "@clerk/nextjs/server"
export async function PlanBadge() { const { has } = await getAuth(); return has({ plan: "pro" }) ? <b>Pro</b> : null }`,
      errors: [{ messageId: "serverImport", line: 2, column: 10, data: { name: "auth", source: "@clerk/nextjs/server" } }],
    },
    {
      name: "namespace import and webhooks entry",
      filename: file("components/sync.tsx"),
      code: `'use client'
import * as clerk from "@clerk/nextjs/server"
import { verifyWebhook } from "@clerk/nextjs/webhooks"
export const x = [clerk, verifyWebhook]`,
      errors: [
        { messageId: "serverImport", line: 2, column: 8 },
        { messageId: "serverImport", line: 3, column: 10, data: { name: "verifyWebhook", source: "@clerk/nextjs/webhooks" } },
      ],
    },
    {
      name: "backend and express packages",
      filename: file("components/admin.tsx"),
      code: `'use client'
import { createClerkClient } from "@clerk/backend"
import { clerkClient } from "@clerk/express"
export const a = [createClerkClient, clerkClient]`,
      errors: [
        { messageId: "serverImport", line: 2, column: 10 },
        { messageId: "serverImport", line: 3, column: 10 },
      ],
    },
    {
      name: "dynamic import in a client module",
      filename: file("components/lazy.tsx"),
      code: `'use client'
export async function load() {
  const { clerkClient } = await import("@clerk/nextjs/server")
  return clerkClient
}`,
      errors: [{ messageId: "serverImport", line: 3, column: 11, data: { name: "clerkClient", source: "@clerk/nextjs/server" } }],
    },
  ],
});
