import rule from "../../src/rules/await-auth.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("await-auth", rule, {
  valid: [
    {
      name: "awaited auth() and auth.protect() on v7",
      filename: file("app/dashboard/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Page() {
  await auth.protect()
  const { userId, orgId } = await auth()
  return <p>{userId}{orgId}</p>
}`,
    },
    {
      name: "v5: auth() is sync, auth().protect() is the v5 API",
      filename: file("app/dashboard/page.tsx", "next5"),
      code: `import { auth } from "@clerk/nextjs/server"
export default function Page() {
  auth().protect()
  const { userId } = auth()
  return <p>{userId}</p>
}`,
    },
    {
      name: "v5 middleware: auth().protect() in the clerkMiddleware callback",
      filename: file("middleware.ts", "next5"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isProtectedRoute = createRouteMatcher(["/dashboard(.*)"])
export default clerkMiddleware((auth, req) => {
  if (isProtectedRoute(req)) auth().protect()
})`,
    },
    {
      name: "return auth() hands the promise on",
      filename: file("lib/session.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export function getSession() {
  return auth()
}
export const getSessionArrow = () => auth()`,
    },
    {
      name: "a stored promise that is awaited later",
      filename: file("app/api/me/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function GET() {
  const pending = auth()
  const [{ userId }, settings] = await Promise.all([pending, loadSettings()])
  const again = await pending
  return Response.json({ userId, settings, again: again.userId })
}
declare function loadSettings(): Promise<unknown>`,
    },
    {
      name: "a reassigned variable (awaited before use) is not followed",
      filename: file("app/api/me/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function GET() {
  let session: any = auth()
  session = await session
  return Response.json({ userId: session.userId })
}`,
    },
    {
      name: ".then chains and returned auth.protect()",
      filename: file("lib/guards.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export function userIdOrNull() {
  return auth().then((a) => a.userId)
}
export async function requireUser() {
  return auth.protect()
}
export const requireAdmin = () => auth.protect({ role: "org:admin" })`,
    },
    {
      name: "redirectToSignIn() without await (it throws synchronously)",
      filename: file("app/settings/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Settings() {
  const { userId, redirectToSignIn } = await auth()
  if (!userId) redirectToSignIn()
  return <p>{userId}</p>
}`,
    },
    {
      name: "v6 middleware awaiting auth.protect() and auth()",
      filename: file("src/middleware.ts", "next6"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)"])
export default clerkMiddleware(async (auth, req) => {
  if (!isPublicRoute(req)) await auth.protect()
  const { userId } = await auth()
  if (userId && req.nextUrl.pathname === "/") return Response.redirect(new URL("/dashboard", req.url))
})`,
    },
    {
      name: "Express getAuth(req) is sync",
      filename: file("src/routes/me.ts", "express2"),
      code: `import { getAuth } from "@clerk/express"
import type { Request, Response } from "express"
export function me(req: Request, res: Response) {
  const { userId } = getAuth(req)
  if (!userId) return res.status(401).end()
  res.json({ userId })
}`,
    },
    {
      name: "Fastify getAuth(req) is sync",
      filename: file("src/server.ts", "plain"),
      code: `import { getAuth } from "@clerk/fastify"
export async function handler(req: any) {
  const { userId } = getAuth(req)
  return { userId }
}`,
    },
    {
      name: "Astro locals.auth() is sync",
      filename: file("src/pages/dashboard.ts", "plain"),
      code: `import type { APIRoute } from "astro"
export const GET: APIRoute = ({ locals }) => {
  const { userId } = locals.auth()
  return new Response(userId ?? "anonymous")
}`,
    },
    {
      name: "a local function named auth is not Clerk's",
      filename: file("app/api/legacy/route.ts"),
      code: `function auth() { return { userId: "u_1" } }
export async function GET() {
  const { userId } = auth()
  return Response.json({ userId })
}`,
    },
    {
      name: "shadowed auth parameter",
      filename: file("app/api/items/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function GET() {
  const run = (auth: () => { userId: string }) => auth().userId
  const { userId } = await auth()
  return Response.json({ userId, other: run(() => ({ userId: "x" })) })
}`,
    },
    {
      name: "unknown @clerk/nextjs version: silent",
      filename: file("app/api/x/route.ts", "plain"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function GET() { const { userId } = auth(); return Response.json({ userId }) }`,
    },
    {
      name: "TanStack Start: awaited auth()",
      filename: file("src/routes/api/me.ts", "plain"),
      code: `import { auth } from "@clerk/tanstack-react-start/server"
import { createServerFn } from "@tanstack/react-start"
export const me = createServerFn().handler(async () => {
  const { userId } = await auth()
  return { userId }
})`,
    },
  ],
  invalid: [
    {
      name: "`await auth` without calling it (v6)",
      filename: file("src/app/api/mail/callback/route.ts", "next6"),
      code: `import { auth } from "@clerk/nextjs/server"
import { NextResponse } from "next/server"
export const GET = async () => {
  const { userId } = await auth
  if (!userId) return NextResponse.json({ message: "Unauthorized" }, { status: 401 })
  return NextResponse.json({ userId })
}`,
      errors: [{ messageId: "awaitedFunction", line: 4, column: 22, data: { name: "auth" }, suggestions: [{ messageId: "addCall", data: { name: "auth" }, output: `import { auth } from "@clerk/nextjs/server"
import { NextResponse } from "next/server"
export const GET = async () => {
  const { userId } = await auth()
  if (!userId) return NextResponse.json({ message: "Unauthorized" }, { status: 401 })
  return NextResponse.json({ userId })
}` }] }],
    },
    {
      name: "`await auth` is wrong on v5 too, where auth() is synchronous",
      filename: file("app/dashboard/page.tsx", "next5"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Dashboard() {
  const { userId } = await auth
  return <p>{userId}</p>
}`,
      errors: [{ messageId: "awaitedFunction", line: 3, column: 22, suggestions: [{ messageId: "addCall", output: `import { auth } from "@clerk/nextjs/server"
export default async function Dashboard() {
  const { userId } = await auth()
  return <p>{userId}</p>
}` }] }],
    },
    {
      name: "destructuring auth() without await (v7)",
      filename: file("app/api/projects/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function GET() {
  const { userId } = auth()
  if (!userId) return new Response("Unauthorized", { status: 401 })
  return Response.json({ userId })
}`,
      errors: [
        {
          messageId: "unawaitedDestructure",
          line: 3,
          column: 22,
          endColumn: 28,
          suggestions: [
            {
              messageId: "addAwait",
              output: `import { auth } from "@clerk/nextjs/server"
export async function GET() {
  const { userId } = await auth()
  if (!userId) return new Response("Unauthorized", { status: 401 })
  return Response.json({ userId })
}`,
            },
          ],
        },
      ],
    },
    {
      name: "v6 boundary: the same code that is correct on v5",
      filename: file("app/dashboard/page.tsx", "next6"),
      code: `import { auth } from "@clerk/nextjs/server"
export default function Page() {
  auth().protect()
  const { userId } = auth()
  return <p>{userId}</p>
}`,
      errors: [
        {
          messageId: "protectOnPromise",
          line: 3,
          column: 3,
          suggestions: [
            {
              messageId: "addAsyncAwait",
              output: `import { auth } from "@clerk/nextjs/server"
export default async function Page() {
  await auth.protect()
  const { userId } = auth()
  return <p>{userId}</p>
}`,
            },
          ],
        },
        {
          messageId: "unawaitedDestructure",
          line: 4,
          column: 22,
          suggestions: [
            {
              messageId: "addAsyncAwait",
              output: `import { auth } from "@clerk/nextjs/server"
export default async function Page() {
  auth().protect()
  const { userId } = await auth()
  return <p>{userId}</p>
}`,
            },
          ],
        },
      ],
    },
    {
      name: "member access on auth() and an aliased import",
      filename: file("src/app/(app)/layout.tsx"),
      code: `import { auth as getSession } from "@clerk/nextjs/server"
import { redirect } from "next/navigation"
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  if (!getSession().userId) redirect("/sign-in")
  return <>{children}</>
}`,
      errors: [
        {
          messageId: "unawaitedMember",
          line: 4,
          column: 8,
          data: { name: "getSession", property: "userId", since: " since @clerk/nextjs 6 (this project has 7)" },
          suggestions: [
            {
              messageId: "addAwait",
              output: `import { auth as getSession } from "@clerk/nextjs/server"
import { redirect } from "next/navigation"
export default async function AppLayout({ children }: { children: React.ReactNode }) {
  if (!(await getSession()).userId) redirect("/sign-in")
  return <>{children}</>
}`,
            },
          ],
        },
      ],
    },
    {
      name: "namespace import, stored promise read as the auth object",
      filename: file("app/api/orgs/route.ts"),
      code: `import * as clerk from "@clerk/nextjs/server"
export async function GET() {
  const session = clerk.auth()
  return Response.json({ orgId: session.orgId })
}`,
      errors: [
        {
          messageId: "unawaitedVariable",
          line: 3,
          column: 19,
          data: { name: "clerk.auth", variable: "session", since: " since @clerk/nextjs 6 (this project has 7)" },
          suggestions: [
            {
              messageId: "addAwait",
              output: `import * as clerk from "@clerk/nextjs/server"
export async function GET() {
  const session = await clerk.auth()
  return Response.json({ orgId: session.orgId })
}`,
            },
          ],
        },
      ],
    },
    {
      name: "floating auth.protect() in a server action",
      filename: file("app/dashboard/actions.ts"),
      code: `"use server"
import { auth } from "@clerk/nextjs/server"
export async function deleteProject(id: string) {
  auth.protect({ permission: "org:projects:delete" })
  await remove(id)
}
declare function remove(id: string): Promise<void>`,
      errors: [
        {
          messageId: "floatingProtect",
          line: 4,
          column: 3,
          endColumn: 54,
          suggestions: [
            {
              messageId: "addAwait",
              output: `"use server"
import { auth } from "@clerk/nextjs/server"
export async function deleteProject(id: string) {
  await auth.protect({ permission: "org:projects:delete" })
  await remove(id)
}
declare function remove(id: string): Promise<void>`,
            },
          ],
        },
      ],
    },
    {
      name: "v6 middleware callback: floating auth.protect(), non-async callback",
      filename: file("src/middleware.ts", "next6"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isProtectedRoute = createRouteMatcher(["/dashboard(.*)"])
export default clerkMiddleware((auth, req) => {
  if (isProtectedRoute(req)) auth.protect()
})`,
      errors: [
        {
          messageId: "floatingProtect",
          line: 4,
          column: 30,
          suggestions: [
            {
              messageId: "addAsyncAwait",
              output: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isProtectedRoute = createRouteMatcher(["/dashboard(.*)"])
export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect()
})`,
            },
          ],
        },
      ],
    },
    {
      name: "v7 proxy: the v5 middleware idiom auth().protect() and destructured auth()",
      filename: file("src/proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
const handler = async (auth: any, req: Request) => {
  const { userId } = auth()
  if (!userId && new URL(req.url).pathname.startsWith("/app")) await auth().protect()
}
export default clerkMiddleware(handler)`,
      errors: [
        {
          messageId: "unawaitedDestructure",
          line: 3,
          column: 22,
          suggestions: [
            {
              messageId: "addAwait",
              output: `import { clerkMiddleware } from "@clerk/nextjs/server"
const handler = async (auth: any, req: Request) => {
  const { userId } = await auth()
  if (!userId && new URL(req.url).pathname.startsWith("/app")) await auth().protect()
}
export default clerkMiddleware(handler)`,
            },
          ],
        },
        {
          messageId: "protectOnPromise",
          line: 4,
          column: 70,
          suggestions: [
            {
              messageId: "addAwait",
              output: `import { clerkMiddleware } from "@clerk/nextjs/server"
const handler = async (auth: any, req: Request) => {
  const { userId } = auth()
  if (!userId && new URL(req.url).pathname.startsWith("/app")) await auth.protect()
}
export default clerkMiddleware(handler)`,
            },
          ],
        },
      ],
    },
    {
      name: "void auth.protect() is floating; conditional expression statement too",
      filename: file("app/admin/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Admin({ strict }: { strict: boolean }) {
  void auth.protect()
  strict && auth.protect({ role: "org:admin" })
  return <p>admin</p>
}`,
      errors: [
        { messageId: "floatingProtect", line: 3, column: 8, suggestions: [{ messageId: "addAwait", output: `import { auth } from "@clerk/nextjs/server"
export default async function Admin({ strict }: { strict: boolean }) {
  void await auth.protect()
  strict && auth.protect({ role: "org:admin" })
  return <p>admin</p>
}` }] },
        { messageId: "floatingProtect", line: 4, column: 13, suggestions: [{ messageId: "addAwait", output: `import { auth } from "@clerk/nextjs/server"
export default async function Admin({ strict }: { strict: boolean }) {
  void auth.protect()
  strict && await auth.protect({ role: "org:admin" })
  return <p>admin</p>
}` }] },
      ],
    },
    {
      name: "sync helper that cannot safely be made async: report without suggestion",
      filename: file("lib/auth-utils.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export function currentOrg() {
  return auth().orgId
}`,
      errors: [{ messageId: "unawaitedMember", line: 3, column: 10, suggestions: [] }],
    },
    {
      name: "TanStack Start auth() without await",
      filename: file("src/routes/api/me.ts", "plain"),
      code: `import { auth } from "@clerk/tanstack-react-start/server"
import { createServerFn } from "@tanstack/react-start"
export const me = createServerFn().handler(async () => {
  const { userId } = auth()
  return { userId }
})`,
      errors: [
        {
          messageId: "unawaitedDestructure",
          line: 4,
          column: 22,
          data: { name: "auth", since: " in @clerk/tanstack-react-start" },
          suggestions: [
            {
              messageId: "addAwait",
              output: `import { auth } from "@clerk/tanstack-react-start/server"
import { createServerFn } from "@tanstack/react-start"
export const me = createServerFn().handler(async () => {
  const { userId } = await auth()
  return { userId }
})`,
            },
          ],
        },
      ],
    },
    {
      name: "React Router getAuth(args) without await",
      filename: file("app/routes/dashboard.tsx", "plain"),
      code: `import { getAuth } from "@clerk/react-router/server"
import { redirect } from "react-router"
export async function loader(args: any) {
  const { userId } = getAuth(args)
  if (!userId) return redirect("/sign-in")
  return { userId }
}`,
      errors: [{ messageId: "unawaitedDestructure", line: 4, column: 22, data: { name: "getAuth", since: " in @clerk/react-router" }, suggestions: [{ messageId: "addAwait", output: `import { getAuth } from "@clerk/react-router/server"
import { redirect } from "react-router"
export async function loader(args: any) {
  const { userId } = await getAuth(args)
  if (!userId) return redirect("/sign-in")
  return { userId }
}` }] }],
    },
  ],
});
