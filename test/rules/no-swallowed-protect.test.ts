import rule from "../../src/rules/no-swallowed-protect.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("no-swallowed-protect", rule, {
  valid: [
    {
      name: "the catch answers with its own sign-in redirect (a 302 response)",
      filename: file("src/middleware.ts"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isAdminRoute = createRouteMatcher(["/admin(.*)"])
export default clerkMiddleware(async (auth, req) => {
  if (isAdminRoute(req)) {
    try {
      await auth.protect()
    } catch {
      return new Response(null, { status: 302, headers: { Location: new URL("/login", req.url).toString() } })
    }
  }
})`,
    },
    {
      name: "the catch denies with a 401",
      filename: file("app/api/reports/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
import { NextResponse } from "next/server"
export async function GET() {
  try {
    await auth.protect()
  } catch {
    return NextResponse.json({ error: "Sign in first" }, { status: 401 })
  }
  return NextResponse.json({ ok: true })
}`,
    },
    {
      name: "auth.protect() before the try",
      filename: file("app/reports/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Reports() {
  await auth.protect({ permission: "org:reports:read" })
  try {
    const data = await load()
    return <pre>{JSON.stringify(data)}</pre>
  } catch (error) {
    console.error(error)
    return <p>Could not load the reports.</p>
  }
}
declare function load(): Promise<unknown>`,
    },
    {
      name: "catch rethrows conditionally (any throw counts)",
      filename: file("app/api/projects/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
import { isRedirectError } from "next/dist/client/components/redirect-error"
export async function GET() {
  try {
    await auth.protect()
    return Response.json(await list())
  } catch (error) {
    if (isRedirectError(error)) throw error
    return Response.json({ error: "failed" }, { status: 500 })
  }
}
declare function list(): Promise<unknown[]>`,
    },
    {
      name: "catch calls unstable_rethrow first",
      filename: file("app/billing/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
import { unstable_rethrow } from "next/navigation"
export default async function Billing() {
  try {
    await auth.protect({ plan: "pro" })
    return <p>Pro</p>
  } catch (error) {
    unstable_rethrow(error)
    return <p>Something went wrong</p>
  }
}`,
    },
    {
      name: "catch redirects (next/navigation redirect throws too)",
      filename: file("app/settings/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
import { redirect } from "next/navigation"
export default async function Settings() {
  try {
    await auth.protect()
  } catch {
    redirect("/sign-in")
  }
  return <p>Settings</p>
}`,
    },
    {
      name: "middleware catch that sends its own redirect response",
      filename: file("src/proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
import { NextResponse } from "next/server"
export default clerkMiddleware(async (auth, req) => {
  if (!req.nextUrl.pathname.startsWith("/app")) return
  try {
    await auth.protect()
  } catch {
    return NextResponse.redirect(new URL("/sign-in", req.url))
  }
})`,
    },
    {
      name: "try/finally without catch",
      filename: file("app/api/export/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function POST() {
  const started = Date.now()
  try {
    await auth.protect()
    return Response.json({ ok: true })
  } finally {
    console.log("took", Date.now() - started)
  }
}`,
    },
    {
      name: "the protect call is in a nested function, not in the try's own flow",
      filename: file("app/api/jobs/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function POST() {
  try {
    const guard = async () => { await auth.protect() }
    queue.push(guard)
  } catch (e) {
    console.error(e)
  }
  await auth.protect()
  return new Response(null, { status: 204 })
}
declare const queue: Array<() => Promise<void>>`,
    },
    {
      name: "redirectToSignIn() in the catch, not in the try",
      filename: file("app/projects/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Projects() {
  const { userId, redirectToSignIn } = await auth()
  try {
    if (!userId) throw new Error("signed out")
  } catch {
    return redirectToSignIn()
  }
  return <p>{userId}</p>
}`,
    },
    {
      name: "v6 middleware: protect outside any try",
      filename: file("src/middleware.ts", "next6"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
export default clerkMiddleware(async (auth, req) => {
  if (req.nextUrl.pathname.startsWith("/app")) await auth.protect()
  try {
    await fetch("https://example.com/log", { method: "POST" })
  } catch {}
})`,
    },
    {
      name: "unknown @clerk/nextjs version: silent",
      filename: file("app/page.tsx", "plain"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Page() {
  try { await auth.protect() } catch {}
  return null
}`,
    },
    {
      name: "a local protect() that is not Clerk's",
      filename: file("app/api/x/route.ts"),
      code: `const auth = { protect: async () => {} }
export async function GET() {
  try { await auth.protect() } catch {}
  return new Response("ok")
}`,
    },
  ],
  invalid: [
    {
      name: "catch only logs (v7 page)",
      filename: file("app/reports/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Reports() {
  try {
    await auth.protect({ permission: "org:reports:read" })
  } catch (error) {
    console.error("Report access check failed", error)
  }
  const { orgId } = await auth()
  return <p>{orgId}</p>
}`,
      errors: [{ messageId: "swallowed", line: 4, column: 11, endColumn: 59, data: { call: "auth.protect()", line: "5" } }],
    },
    {
      name: "catch returns its own response: the redirect never happens",
      filename: file("app/api/projects/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function GET() {
  try {
    await auth.protect()
    return Response.json(await list())
  } catch (err) {
    return Response.json({ error: "Something went wrong" }, { status: 500 })
  }
}
declare function list(): Promise<unknown[]>`,
      errors: [{ messageId: "replaced", line: 4, column: 11, data: { call: "auth.protect()", line: "6" } }],
    },
    {
      name: "redirectToSignIn() from the auth object inside a swallowing try",
      filename: file("src/app/(app)/dashboard/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Dashboard() {
  const session = await auth()
  try {
    if (!session.userId) session.redirectToSignIn({ returnBackUrl: "/dashboard" })
  } catch {}
  return <p>Dashboard</p>
}`,
      errors: [{ messageId: "swallowed", line: 5, column: 26, data: { call: "redirectToSignIn()", line: "6" } }],
    },
    {
      name: "an inner catch rethrows into an outer catch that swallows",
      filename: file("app/admin/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Admin() {
  try {
    try {
      await auth.protect({ role: "org:admin" })
    } catch (e) {
      throw e
    }
  } catch (e) {
    console.warn(e)
  }
  return <p>Admin</p>
}`,
      errors: [{ messageId: "swallowed", line: 5, column: 13, data: { call: "auth.protect()", line: "9" } }],
    },
    {
      name: ".catch(() => …) on auth.protect()",
      filename: file("app/api/items/route.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
export async function DELETE() {
  await auth.protect({ permission: "org:items:delete" }).catch(() => null)
  return new Response(null, { status: 204 })
}`,
      errors: [{ messageId: "catchCallback", line: 3, column: 9, data: { call: "auth.protect()" } }],
    },
    {
      name: "v6 middleware: redirectToSignIn destructured from await auth()",
      filename: file("src/middleware.ts", "next6"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
export default clerkMiddleware(async (auth, req) => {
  const { userId, redirectToSignIn } = await auth()
  try {
    if (!userId && req.nextUrl.pathname.startsWith("/app")) return redirectToSignIn()
  } catch (error) {
    console.error(error)
  }
})`,
      errors: [{ messageId: "swallowed", line: 5, column: 68, data: { call: "redirectToSignIn()", line: "6" } }],
    },
    {
      name: "v5: auth().protect() (sync) inside a swallowing try",
      filename: file("app/team/page.tsx", "next5"),
      code: `import { auth } from "@clerk/nextjs/server"
export default function Team() {
  try {
    auth().protect()
  } catch {
    console.log("not allowed")
  }
  return <p>Team</p>
}`,
      errors: [{ messageId: "swallowed", line: 4, column: 5, data: { call: "auth().protect()", line: "5" } }],
    },
  ],
});
