import rule, { NEXT_AUTH_REPLACEMENTS as R } from "../../src/rules/no-next-auth.js";
import fs from "node:fs";
import path from "node:path";
import { PROJECTS, file, runRuleTests } from "../helpers.js";

/** fixtures/projects/nextauth-beside-clerk: src/auth.ts builds NextAuth(); a route and the middleware use it. */
const beside = (rel: string) => {
  const filename = path.join(PROJECTS, "nextauth-beside-clerk", rel);
  return { filename, code: fs.readFileSync(filename, "utf8") };
};

runRuleTests("no-next-auth", rule, {
  valid: [
    {
      name: "Clerk's own useSession",
      filename: file("components/session-badge.tsx"),
      code: `'use client'
import { useSession } from "@clerk/nextjs"
export function SessionBadge() {
  const { isLoaded, session } = useSession()
  if (!isLoaded || !session) return null
  return <span>Last active {session.lastActiveAt.toLocaleString()}</span>
}`,
    },
    {
      name: "home-grown withAuth built on Clerk",
      filename: file("lib/with-auth.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export function withAuth<T>(handler: (userId: string, req: Request) => Promise<T>) {
  return async (req: Request) => {
    const { userId } = await auth()
    if (!userId) return new Response("Unauthorized", { status: 401 })
    return handler(userId, req)
  }
}`,
    },
    {
      name: "a route using the home-grown withAuth",
      filename: file("app/api/projects/route.ts"),
      code: `import { withAuth } from "@/lib/with-auth"
export const GET = withAuth(async (userId) => Response.json({ userId }))`,
    },
    {
      name: "a local getServerSession that is not NextAuth's",
      filename: file("lib/session.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function getServerSession() { const { userId, sessionId } = await auth(); return userId ? { userId, sessionId } : null }
export async function requireSession() { const s = await getServerSession(); if (!s) throw new Error("unauthenticated"); return s }`,
    },
    {
      name: "non-Clerk project using NextAuth",
      filename: file("app/api/auth/[...nextauth]/route.ts", "plain"),
      code: `import NextAuth from "next-auth"
import GitHub from "next-auth/providers/github"
const handler = NextAuth({ providers: [GitHub] })
export { handler as GET, handler as POST }`,
    },
    {
      name: "non-Clerk project: getServerSession",
      filename: file("app/dashboard/page.tsx", "plain"),
      code: `import { getServerSession } from "next-auth"
export default async function Page() { const session = await getServerSession(); return <p>{session?.user?.name}</p> }`,
    },
    {
      name: "Auth0 is not Auth.js",
      filename: file("lib/auth0.ts"),
      code: `import { Auth0Client } from "@auth0/nextjs-auth0/server"
export const auth0 = new Auth0Client()`,
    },
    {
      name: "a package whose name merely starts with next-auth",
      filename: file("lib/adapter.ts"),
      code: `import { something } from "next-auth-helpers"
export const x = something`,
    },
    { name: "Clerk's useSession in a project that also has NextAuth", ...beside("src/components/session-badge.tsx") },
  ],
  invalid: [
    {
      name: "a route that mounts the handlers built by NextAuth() in src/auth.ts",
      ...beside("src/app/api/auth/[...nextauth]/route.ts"),
      errors: [{ messageId: "nextAuthValue", line: 1, column: 10, data: { name: "handlers", source: "@/auth", file: "src/auth.ts", usage: "this route serves NextAuth's sign-in endpoints" } }],
    },
    {
      name: "Auth.js `auth` re-exported as the named middleware export beside clerkMiddleware()",
      ...beside("src/middleware.ts"),
      errors: [{ messageId: "nextAuthValue", line: 10, column: 1, data: { name: "auth", source: "@/auth", file: "src/auth.ts", usage: "Next.js runs this export as the middleware instead of Clerk's" } }],
    },
    {
      name: "NextAuth route handler in a Clerk project",
      filename: file("app/api/auth/[...nextauth]/route.ts"),
      code: `import NextAuth from "next-auth"
import Credentials from "next-auth/providers/credentials"

const handler = NextAuth({ providers: [Credentials({ credentials: {}, authorize: async () => null })] })
export { handler as GET, handler as POST }`,
      errors: [
        { messageId: "nextAuthImport", line: 1, column: 22, endLine: 1, endColumn: 33, data: { source: "next-auth" } },
        { messageId: "nextAuthImport", line: 2, column: 25, data: { source: "next-auth/providers/credentials" } },
        { messageId: "nextAuthCall", line: 4, column: 17, data: { name: "NextAuth", source: "next-auth", replacement: R.default! } },
      ],
    },
    {
      name: "getServerSession in a server component (v6 project)",
      filename: file("src/app/dashboard/page.tsx", "next6"),
      code: `import { getServerSession } from "next-auth/next"
import { authOptions } from "@/lib/auth-options"
export default async function DashboardPage() {
  const session = await getServerSession(authOptions)
  return <h1>Hello {session?.user?.name}</h1>
}`,
      errors: [
        { messageId: "nextAuthImport", line: 1, column: 34 },
        { messageId: "nextAuthCall", line: 4, column: 25, data: { name: "getServerSession", source: "next-auth/next", replacement: R.getServerSession! } },
      ],
    },
    {
      name: "withAuth middleware from next-auth/middleware",
      filename: file("middleware.ts", "next5"),
      code: `import { withAuth } from "next-auth/middleware"
export default withAuth({ pages: { signIn: "/login" } })
export const config = { matcher: ["/dashboard/:path*"] }`,
      errors: [
        { messageId: "nextAuthImport", line: 1, column: 26 },
        { messageId: "nextAuthCall", line: 2, column: 16, data: { name: "withAuth", source: "next-auth/middleware", replacement: R.withAuth! } },
      ],
    },
    {
      name: "useSession from next-auth/react (not Clerk's)",
      filename: file("components/user-menu.tsx"),
      code: `'use client'
import { useSession, signOut } from "next-auth/react"
export function UserMenu() {
  const { data } = useSession()
  return <button onClick={() => signOut()}>{data?.user?.email}</button>
}`,
      errors: [{ messageId: "nextAuthImport", line: 2, column: 37, data: { source: "next-auth/react" } }],
    },
    {
      name: "Auth.js adapter and re-export",
      filename: file("lib/auth.ts"),
      code: `import { PrismaAdapter } from "@auth/prisma-adapter"
export { handlers } from "@auth/nextjs"
export const adapter = PrismaAdapter`,
      errors: [
        { messageId: "nextAuthImport", line: 1, column: 31, data: { source: "@auth/prisma-adapter" } },
        { messageId: "nextAuthImport", line: 2, column: 26, data: { source: "@auth/nextjs" } },
      ],
    },
    {
      name: "type-only import still ties the project to next-auth",
      filename: file("types/next-auth.d.ts"),
      code: `import type { DefaultSession } from "next-auth"
export type AppSession = DefaultSession & { userId: string }`,
      errors: [{ messageId: "nextAuthImport", line: 1, column: 37 }],
    },
    {
      name: "namespace and require forms",
      filename: file("pages/api/me.js", "express2"),
      code: `const nextAuth = require("next-auth")
import * as na from "next-auth/next"
export default async function handler(req, res) {
  const session = await na.getServerSession(req, res, {})
  res.json({ session, v: nextAuth })
}`,
      errors: [
        { messageId: "nextAuthImport", line: 1, column: 26, data: { source: "next-auth" } },
        { messageId: "nextAuthImport", line: 2, column: 21, data: { source: "next-auth/next" } },
        { messageId: "nextAuthCall", line: 4, column: 25, data: { name: "getServerSession", source: "next-auth/next", replacement: R.getServerSession! } },
      ],
    },
  ],
});
