import rule from "../../src/rules/no-client-hooks-in-server.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("no-client-hooks-in-server", rule, {
  valid: [
    {
      name: "'use client' page",
      filename: file("app/usage/page.tsx"),
      code: `"use client"
import { useAuth } from "@clerk/nextjs"
export default function Usage() { const { orgId } = useAuth(); return <p>{orgId}</p> }`,
    },
    {
      name: "shared component without a directive (may be imported only by client files)",
      filename: file("components/user-name.tsx"),
      code: `import { useUser } from "@clerk/nextjs"
export function UserName() { const { user } = useUser(); return <span>{user?.firstName}</span> }`,
    },
    {
      name: "Pages Router page",
      filename: file("pages/profile.tsx"),
      code: `import { useUser } from "@clerk/nextjs"
export default function Profile() { const { user } = useUser(); return <p>{user?.id}</p> }`,
    },
    {
      name: "server page rendering Clerk components and Show (client references are fine)",
      filename: file("src/app/page.tsx"),
      code: `import { Show, SignInButton, UserButton } from "@clerk/nextjs"
export default function Home() {
  return <Show when="signed-in" fallback={<SignInButton />}><UserButton /></Show>
}`,
    },
    {
      name: "server page using auth()",
      filename: file("app/dashboard/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function Dashboard() { const { userId } = await auth(); return <p>{userId}</p> }`,
    },
    {
      name: "a hook-like local function in a page is not Clerk's",
      filename: file("app/settings/page.tsx"),
      code: `function useSettings() { return { theme: "dark" } }
export default function Settings() { const { theme } = useSettings(); return <p>{theme}</p> }`,
    },
    {
      name: "a hook passed by reference from a client wrapper (not called here)",
      filename: file("components/convex-provider.tsx"),
      code: `"use client"
import { useAuth } from "@clerk/nextjs"
import { ConvexProviderWithClerk } from "convex/react-clerk"
export function Providers({ children, client }: { children: React.ReactNode; client: any }) {
  return <ConvexProviderWithClerk client={client} useAuth={useAuth}>{children}</ConvexProviderWithClerk>
}`,
    },
    {
      name: "getToken in a client component",
      filename: file("components/api-caller.tsx"),
      code: `"use client"
import { getToken } from "@clerk/nextjs"
export async function callApi() { const token = await getToken(); return fetch("/api", { headers: { Authorization: \`Bearer \${token}\` } }) }`,
    },
    {
      name: "useAuth().getToken in a client component",
      filename: file("app/notes/page.tsx"),
      code: `"use client"
import { useAuth } from "@clerk/nextjs"
export default function Notes() { const { getToken } = useAuth(); return <button onClick={() => getToken()}>Sync</button> }`,
    },
  ],
  invalid: [
    {
      name: "useAuth() in a Server Component page",
      filename: file("app/usage/page.tsx"),
      code: `import { useAuth } from "@clerk/nextjs"
export default function UsagePage() {
  const { has, orgId } = useAuth()
  return <p>{orgId}{String(has?.({ plan: "pro" }))}</p>
}`,
      errors: [{ messageId: "hookInServerComponent", line: 3, column: 26, endColumn: 35, data: { name: "useAuth", kind: "page" } }],
    },
    {
      name: "useUser() in a route-group layout (src/app)",
      filename: file("src/app/(dashboard)/layout.tsx"),
      code: `import { useUser as useClerkUser } from "@clerk/nextjs"
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user } = useClerkUser()
  return <section><h2>{user?.firstName}</h2>{children}</section>
}`,
      errors: [{ messageId: "hookInServerComponent", line: 3, column: 20, data: { name: "useClerkUser", kind: "layout" } }],
    },
    {
      name: "hook in a route handler",
      filename: file("app/api/me/route.ts"),
      code: `import { useAuth } from "@clerk/nextjs"
export async function GET() {
  const { userId } = useAuth()
  return Response.json({ userId })
}`,
      errors: [{ messageId: "hookInServerCode", line: 3, column: 22 }],
    },
    {
      name: "hook in a 'use server' file",
      filename: file("app/dashboard/actions.ts"),
      code: `"use server"
import { useOrganization } from "@clerk/nextjs"
export async function rename(name: string) {
  const { organization } = useOrganization()
  await organization?.update({ name })
}`,
      errors: [{ messageId: "hookInServerCode", line: 4, column: 28, data: { name: "useOrganization", where: "a server action ('use server'), which runs on the server" } }],
    },
    {
      name: "hook in an inline 'use server' function of a component file",
      filename: file("components/rename-form.tsx"),
      code: `import { useUser } from "@clerk/nextjs"
export function RenameForm() {
  async function save(formData: FormData) {
    "use server"
    const { user } = useUser()
    await user?.update({ firstName: String(formData.get("name")) })
  }
  return <form action={save}><input name="name" /></form>
}`,
      errors: [{ messageId: "hookInServerCode", line: 5, column: 22 }],
    },
    {
      name: "hook in proxy.ts",
      filename: file("src/proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
import { useSession } from "@clerk/nextjs"
export default clerkMiddleware(async () => {
  const { session } = useSession()
  console.log(session?.id)
})`,
      errors: [{ messageId: "hookInServerCode", line: 4, column: 23, data: { name: "useSession", where: "the proxy file, which runs on the server before every request" } }],
    },
    {
      name: "standalone getToken() in a Server Component (Core 3)",
      filename: file("app/reports/page.tsx"),
      code: `import { getToken } from "@clerk/nextjs"
export default async function Reports() {
  const token = await getToken()
  const res = await fetch("https://api.example.com/reports", { headers: { Authorization: \`Bearer \${token}\` } })
  return <pre>{await res.text()}</pre>
}`,
      errors: [{ messageId: "getTokenOnServer", line: 3, column: 23, data: { name: "getToken", source: "@clerk/nextjs", where: "a Server Component" } }],
    },
    {
      name: "@clerk/react hook in a template, namespace import",
      filename: file("app/template.tsx"),
      code: `import * as Clerk from "@clerk/react"
export default function Template({ children }: { children: React.ReactNode }) {
  const { isSignedIn } = Clerk.useAuth()
  return <div data-signed-in={isSignedIn}>{children}</div>
}`,
      errors: [{ messageId: "hookInServerComponent", line: 3, column: 26, data: { name: "Clerk.useAuth", kind: "template" } }],
    },
    {
      name: "v5 project too (hooks were never server-callable)",
      filename: file("app/profile/page.tsx", "next5"),
      code: `import { useUser } from "@clerk/nextjs"
export default function Profile() { const { user } = useUser(); return <p>{user?.id}</p> }`,
      errors: [{ messageId: "hookInServerComponent", line: 2, column: 54 }],
    },
  ],
});
