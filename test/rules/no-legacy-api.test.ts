import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LEGACY_API } from "../../src/analysis/legacy-api-table.js";
// @ts-expect-error: a plain .mjs script without type declarations
import { renderLegacyTable } from "../../scripts/legacy-table.mjs";
import rule from "../../src/rules/no-legacy-api.js";
import { PROJECTS, REPO, file, runRuleTests } from "../helpers.js";

const replacement = (id: string, pkg?: string): string => {
  const entry = LEGACY_API.find((e) => e.id === id)!;
  const target = pkg ? entry.targets.find((t) => t.pkg === pkg) : undefined;
  return target?.replacement ?? entry.replacement;
};

/** Full data of a "removed" message. */
const removed = (what: string, id: string, pkg: string, removedIn: number, installed: number) => ({
  what,
  pkg,
  removedIn: String(removedIn),
  installed: installed === removedIn ? ", the version this project uses" : `; this project uses ${installed}`,
  replacement: replacement(id, pkg),
});

/** Settings for SDKs that have no fixture project: package → major. */
const versions = (v: Record<string, number>) => ({ "clerk-guard": { clerkVersion: v } });

runRuleTests("no-legacy-api", rule, {
  valid: [
    // ── Correct everywhere ────────────────────────────────────────────────
    {
      name: "afterSignOutUrl on ClerkProvider is current (Core 3 root layout)",
      filename: file("src/app/layout.tsx"),
      code: `import { ClerkProvider } from "@clerk/nextjs"
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <ClerkProvider afterSignOutUrl="/" signInFallbackRedirectUrl="/dashboard">{children}</ClerkProvider>
      </body>
    </html>
  )
}`,
    },
    {
      name: "redirectUrl on SignOutButton and RedirectToSignIn, signOut({ redirectUrl }) and useClerk().redirectToSignIn()",
      filename: file("components/account-actions.tsx"),
      code: `'use client'
import { RedirectToSignIn, SignOutButton, Show, useClerk } from "@clerk/nextjs"
export function AccountActions() {
  const clerk = useClerk()
  return (
    <div>
      <Show when="signed-out"><RedirectToSignIn redirectUrl="/dashboard" /></Show>
      <SignOutButton redirectUrl="/"><button>Sign out</button></SignOutButton>
      <button onClick={() => clerk.signOut({ redirectUrl: "/goodbye" })}>Leave</button>
      <button onClick={() => clerk.redirectToSignIn()}>Switch account</button>
    </div>
  )
}`,
    },
    {
      name: "redirectToSignIn from the auth object (not the removed top-level import)",
      filename: file("src/app/dashboard/projects/[id]/page.tsx"),
      code: `import { auth } from "@clerk/nextjs/server"
export default async function ProjectPage({ params }: { params: Promise<{ id: string }> }) {
  const { userId, redirectToSignIn } = await auth()
  if (!userId) return redirectToSignIn()
  const { id } = await params
  return <h1>{id}</h1>
}`,
    },
    {
      name: "<Show> is the Core 3 control component",
      filename: file("src/components/header.tsx"),
      code: `import { Show, SignInButton, UserButton } from "@clerk/nextjs"
export function Header() {
  return (
    <header>
      <Show when="signed-in" fallback={<SignInButton />}><UserButton /></Show>
      <Show when={{ role: "org:admin" }}><a href="/admin">Admin</a></Show>
    </header>
  )
}`,
    },
    {
      name: "a local component named SignedIn is not Clerk's",
      filename: file("components/docs/signed-in.tsx"),
      code: `import { useAuth } from "@clerk/nextjs"
function SignedIn({ children }: { children: React.ReactNode }) {
  const { isSignedIn } = useAuth()
  return isSignedIn ? <>{children}</> : null
}
export function Page() { return <SignedIn><p>Welcome back</p></SignedIn> }`,
    },
    {
      name: "a local SignIn component with afterSignInUrl is not Clerk's",
      filename: file("components/auth/sign-in.tsx"),
      code: `import { SignIn as ClerkSignIn } from "@clerk/nextjs"
function SignIn({ afterSignInUrl }: { afterSignInUrl: string }) { return <ClerkSignIn fallbackRedirectUrl={afterSignInUrl} /> }
export const Page = () => <SignIn afterSignInUrl="/home" />`,
    },
    {
      name: "legacy useSignIn from @clerk/nextjs/legacy is the supported Core 3 path",
      filename: file("src/components/password-sign-in-form.tsx"),
      code: `'use client'
import { useSignIn } from "@clerk/nextjs/legacy"
export function PasswordSignInForm() {
  const { isLoaded, signIn, setActive } = useSignIn()
  if (!isLoaded) return null
  return <button onClick={async () => { const r = await signIn.create({ identifier: "a" }); await setActive({ session: r.createdSessionId }) }}>Go</button>
}`,
    },
    {
      name: "the Core 3 signal API of useSignIn from the root",
      filename: file("components/custom-sign-in.tsx"),
      code: `'use client'
import { useSignIn } from "@clerk/nextjs"
export function CustomSignIn() {
  const { signIn, errors, fetchStatus } = useSignIn()
  return <button disabled={fetchStatus === "fetching"} onClick={() => signIn.password({ identifier: "a", password: "b" })}>{errors?.global?.[0]?.message ?? "Sign in"}</button>
}`,
    },
    {
      name: "updateUserMetadata and updateUser without metadata",
      filename: file("src/app/onboarding/actions.ts"),
      code: `'use server'
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function completeOnboarding(name: string) {
  const { userId } = await auth()
  if (!userId) throw new Error("unauthenticated")
  const client = await clerkClient()
  await client.users.updateUser(userId, { firstName: name })
  await client.users.updateUserMetadata(userId, { publicMetadata: { onboardingComplete: true } })
}`,
    },
    {
      name: "updateUser with metadata on something that is not a Clerk client",
      filename: file("lib/admin.ts"),
      code: `import { auth } from "@clerk/nextjs/server"
import { db } from "./db"
export async function touch() { const { userId } = await auth(); if (userId) await db.users.updateUser(userId, { publicMetadata: {} }) }`,
    },
    {
      name: "the current env var names",
      filename: file("lib/redirects.ts"),
      code: `export const afterSignIn = process.env.NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL ?? "/dashboard"`,
    },
    {
      name: "clerkMiddleware() without createRouteMatcher",
      filename: file("src/proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
export default clerkMiddleware()
export const config = { matcher: ["/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)", "/(api|trpc)(.*)", "/__clerk/(.*)"] }`,
    },
    // ── Correct on older versions ────────────────────────────────────────
    {
      name: "<SignedIn>/<SignedOut> are the v6 API",
      filename: file("src/components/header.tsx", "next6"),
      code: `import { SignInButton, SignedIn, SignedOut, UserButton } from "@clerk/nextjs"
export function Header() {
  return <header><SignedOut><SignInButton /></SignedOut><SignedIn><UserButton /></SignedIn></header>
}`,
    },
    {
      name: "<SignedIn> is the v5 API too",
      filename: file("app/page.tsx", "next5"),
      code: `import { SignedIn, SignedOut, SignUpButton } from "@clerk/nextjs"
export default function Home() { return <main><SignedOut><SignUpButton /></SignedOut><SignedIn><a href="/dashboard">Open</a></SignedIn></main> }`,
    },
    {
      name: "afterSignInUrl on <SignIn> is current in v4",
      filename: file("pages/sign-in/[[...index]].tsx", "next4"),
      code: `import { SignIn } from "@clerk/nextjs"
export default function SignInPage() { return <SignIn afterSignInUrl="/dashboard" /> }`,
    },
    {
      name: "<Protect> is the v5 API",
      filename: file("components/billing-gate.tsx", "next5"),
      code: `import { Protect } from "@clerk/nextjs"
export function BillingGate({ children }: { children: React.ReactNode }) {
  return <Protect permission="org:billing:manage" fallback={<p>No access</p>}>{children}</Protect>
}`,
    },
    {
      name: "createRouteMatcher is not deprecated in v6",
      filename: file("src/middleware.ts", "next6"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isPublicRoute = createRouteMatcher(["/", "/sign-in(.*)", "/api/webhooks(.*)"])
export default clerkMiddleware(async (auth, req) => { if (!isPublicRoute(req)) await auth.protect() })`,
    },
    {
      name: "createRouteMatcher is fine in v5 too",
      filename: file("middleware.ts", "next5"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isProtectedRoute = createRouteMatcher(["/dashboard(.*)"])
export default clerkMiddleware((auth, req) => { if (isProtectedRoute(req)) auth().protect() })`,
    },
    {
      name: "createRouteMatcher on 7.3.3 (from the lockfile) predates its deprecation in 7.5.14",
      filename: path.join(PROJECTS, "next7-lock73", "src/proxy.ts"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const needsAccount = createRouteMatcher(["/account(.*)", "/:locale/account(.*)"])
export default clerkMiddleware(async (auth, req) => {
  if (needsAccount(req)) await auth.protect()
})`,
    },
    {
      name: "createRouteMatcher on a 7.4 pinned through settings",
      filename: file("src/proxy.ts"),
      settings: { "clerk-guard": { clerkVersion: { "@clerk/nextjs": "7.4.2" } } },
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isAdminArea = createRouteMatcher(["/admin(.*)"])
export default clerkMiddleware(async (auth, req) => {
  if (isAdminArea(req)) await auth.protect({ role: "org:admin" })
})`,
    },
    {
      name: "authMiddleware is the v4 API",
      filename: file("middleware.ts", "next4"),
      code: `import { authMiddleware } from "@clerk/nextjs"
export default authMiddleware({ publicRoutes: ["/"] })`,
    },
    {
      name: "useSignIn with isLoaded on v6 (Core 2 API)",
      filename: file("components/sign-in-form.tsx", "next6"),
      code: `'use client'
import { useSignIn } from "@clerk/nextjs"
export function SignInForm() { const { isLoaded, signIn, setActive } = useSignIn(); return isLoaded ? <button onClick={() => signIn.create({}).then((r) => setActive({ session: r.createdSessionId }))}>Go</button> : null }`,
    },
    {
      name: "updateUser with metadata on v6 (not deprecated before Core 3)",
      filename: file("src/app/onboarding/actions.ts", "next6"),
      code: `'use server'
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function finish() { const { userId } = await auth(); if (!userId) return; const client = await clerkClient(); await client.users.updateUser(userId, { publicMetadata: { done: true } }) }`,
    },
    {
      name: "@clerk/clerk-react and @clerk/types without a Core 3 SDK",
      filename: file("components/org.tsx", "next6"),
      code: `import type { OrganizationResource } from "@clerk/types"
import { useUser } from "@clerk/clerk-react"
export function Org({ org }: { org: OrganizationResource }) { const { user } = useUser(); return <p>{org.name} {user?.id}</p> }`,
    },
    {
      name: "createRouteMatcher in @clerk/astro 3",
      filename: file("src/middleware.ts", "plain"),
      settings: versions({ "@clerk/astro": 3 }),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/astro/server"
const isProtected = createRouteMatcher(["/dashboard(.*)"])
export const onRequest = clerkMiddleware((auth, context) => { if (isProtected(context.request) && !auth().userId) return auth().redirectToSignIn() })`,
    },
    // ── Unknown version: never "removed"; silent unless deprecated before the current major ──
    {
      name: "unknown version: SignedIn stays silent (it was current until Core 3)",
      filename: file("components/header.tsx", "plain"),
      settings: versions({}),
      code: `import { SignedIn, UserButton } from "@clerk/nextjs"
export const Header = () => <SignedIn><UserButton /></SignedIn>`,
    },
    {
      name: "a project without Clerk reading the old env var",
      filename: file("lib/redirects.ts", "plain"),
      code: `export const next = process.env.NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL ?? "/"`,
    },
    // ── Express ──────────────────────────────────────────────────────────
    {
      name: "req.auth() is the @clerk/express 2 function form; getAuth(req) too",
      filename: file("src/routes/me.ts", "express2"),
      code: `import { Router } from "express"
import { clerkClient, getAuth } from "@clerk/express"
export const meRouter = Router()
meRouter.get("/", async (req, res) => {
  const { userId } = req.auth()
  const { isAuthenticated } = getAuth(req)
  if (!isAuthenticated || !userId) return res.status(401).json({ error: "unauthenticated" })
  res.json(await clerkClient.users.getUser(userId))
})`,
    },
    {
      name: "req.auth.userId in a file that does not import @clerk/express (passport, express-jwt)",
      filename: file("src/routes/legacy.ts", "express2"),
      code: `import { Router } from "express"
export const legacyRouter = Router()
legacyRouter.get("/", (req: any, res: any) => res.json({ sub: req.auth.sub }))`,
    },
    {
      name: "an options object with an auth key",
      filename: file("src/index.ts", "express2"),
      code: `import { clerkMiddleware } from "@clerk/express"
const options = { auth: { mode: "strict" } }
export const mw = clerkMiddleware()
export const mode = options.auth.mode`,
    },
    {
      name: "a non-request parameter with an auth key",
      filename: file("src/config.ts", "express2"),
      code: `import { clerkMiddleware } from "@clerk/express"
export const mw = clerkMiddleware()
export function tokenOf(config: { auth: { token: string } }) { return config.auth.token }`,
    },
  ],
  invalid: [
    // ── authMiddleware / redirectToSignIn / withClerkMiddleware ──────────
    {
      name: "authMiddleware on v7 (removed in v6)",
      filename: file("middleware.ts"),
      code: `import { authMiddleware } from "@clerk/nextjs/server"

export default authMiddleware({
  publicRoutes: ["/", "/login"],
})`,
      errors: [
        {
          messageId: "removed",
          line: 1,
          column: 10,
          endColumn: 24,
          data: removed('`authMiddleware` from "@clerk/nextjs/server"', "auth-middleware", "@clerk/nextjs", 6, 7),
        },
      ],
    },
    {
      name: "authMiddleware on v5 is deprecated (a warning)",
      filename: file("lib/legacy-middleware.ts", "next5"),
      code: `import { authMiddleware } from "@clerk/nextjs/server"
export const legacyMiddleware = authMiddleware({ publicRoutes: ["/api/webhooks(.*)"] })`,
      errors: [
        {
          messageId: "deprecated",
          line: 1,
          column: 10,
          data: {
            what: '`authMiddleware` from "@clerk/nextjs/server"',
            detail: "since @clerk/nextjs 5; removed in 6",
            replacement: replacement("auth-middleware"),
          },
        },
      ],
    },
    {
      name: "top-level redirectToSignIn on v6 (removed) — aliased",
      filename: file("src/app/settings/page.tsx", "next6"),
      code: `import { auth, redirectToSignIn as toSignIn } from "@clerk/nextjs/server"
export default async function Settings() {
  const { userId } = await auth()
  if (!userId) return toSignIn()
  return <h1>Settings</h1>
}`,
      errors: [{ messageId: "removed", line: 1, column: 16, endColumn: 44 }],
    },
    {
      name: "redirectToSignUp import on v5 is deprecated",
      filename: file("app/join/page.tsx", "next5"),
      code: `import { auth, redirectToSignUp } from "@clerk/nextjs/server"
export default function Join() { const { userId } = auth(); if (!userId) return redirectToSignUp(); return null }`,
      errors: [{ messageId: "deprecated", line: 1, column: 16 }],
    },
    {
      name: "withClerkMiddleware on v6 (removed in v5)",
      filename: file("middleware.ts", "next6"),
      code: `import { withClerkMiddleware } from "@clerk/nextjs/server"
export default withClerkMiddleware(() => undefined)`,
      errors: [{ messageId: "removed", line: 1, column: 10, data: removed('`withClerkMiddleware` from "@clerk/nextjs/server"', "with-clerk-middleware", "@clerk/nextjs", 5, 6) }],
    },
    {
      name: "dynamic import and namespace access",
      filename: file("lib/mw.ts"),
      code: `import * as clerk from "@clerk/nextjs/server"
export async function load() {
  const { authMiddleware } = await import("@clerk/nextjs/server")
  return [authMiddleware, clerk.redirectToSignIn]
}`,
      errors: [
        { messageId: "removed", line: 3, column: 11 },
        { messageId: "removed", line: 4, column: 27, endColumn: 49 },
      ],
    },
    {
      name: "unknown version: authMiddleware is deprecated at most (never removed)",
      filename: file("middleware.ts", "plain"),
      settings: versions({}),
      code: `import { authMiddleware } from "@clerk/nextjs/server"
export default authMiddleware()`,
      errors: [
        {
          messageId: "deprecated",
          line: 1,
          column: 10,
          data: {
            what: '`authMiddleware` from "@clerk/nextjs/server"',
            detail: "since @clerk/nextjs 5, removed in 6; the installed version could not be determined",
            replacement: replacement("auth-middleware"),
          },
        },
      ],
    },
    // ── SignedIn / SignedOut / Protect ───────────────────────────────────
    {
      name: "SignedIn/SignedOut on v7: autofix to <Show when>",
      filename: file("components/site-header.tsx"),
      code: `import { SignInButton, SignedIn, SignedOut, UserButton } from "@clerk/nextjs"

export function SiteHeader() {
  return (
    <header>
      <SignedOut>
        <SignInButton />
      </SignedOut>
      <SignedIn>
        <UserButton />
      </SignedIn>
    </header>
  )
}`,
      output: [
        `import { SignInButton, Show, SignedOut, UserButton } from "@clerk/nextjs"

export function SiteHeader() {
  return (
    <header>
      <SignedOut>
        <SignInButton />
      </SignedOut>
      <Show when="signed-in">
        <UserButton />
      </Show>
    </header>
  )
}`,
        `import { SignInButton, Show, UserButton } from "@clerk/nextjs"

export function SiteHeader() {
  return (
    <header>
      <Show when="signed-out">
        <SignInButton />
      </Show>
      <Show when="signed-in">
        <UserButton />
      </Show>
    </header>
  )
}`,
      ],
      errors: [
        { messageId: "removed", line: 1, column: 24, endColumn: 32, data: removed('`SignedIn` from "@clerk/nextjs"', "signed-in", "@clerk/nextjs", 7, 7) },
        { messageId: "removed", line: 1, column: 34, endColumn: 43, data: removed('`SignedOut` from "@clerk/nextjs"', "signed-out", "@clerk/nextjs", 7, 7) },
      ],
    },
    {
      name: "SignedOut when Show is already imported; self-closing and attributes kept",
      filename: file("app/page.tsx"),
      code: `import { Show, SignedOut, SignUpButton } from "@clerk/nextjs"
export default function Home() {
  return <main><Show when="signed-in"><a href="/dashboard">Dashboard</a></Show><SignedOut treatPendingAsSignedOut={false}><SignUpButton /></SignedOut></main>
}`,
      output: `import { Show, SignUpButton } from "@clerk/nextjs"
export default function Home() {
  return <main><Show when="signed-in"><a href="/dashboard">Dashboard</a></Show><Show when="signed-out" treatPendingAsSignedOut={false}><SignUpButton /></Show></main>
}`,
      errors: [{ messageId: "removed", line: 1, column: 16 }],
    },
    {
      name: "SignedIn in @clerk/react 6, aliased, alone in its import",
      filename: file("src/App.tsx", "plain"),
      settings: versions({ "@clerk/react": 6 }),
      code: `import { SignedIn as WhenSignedIn } from "@clerk/react"
export const App = () => <WhenSignedIn><p>Hi</p></WhenSignedIn>`,
      output: `import { Show } from "@clerk/react"
export const App = () => <Show when="signed-in"><p>Hi</p></Show>`,
      errors: [{ messageId: "removed", line: 1, column: 10, data: removed('`SignedIn` from "@clerk/react"', "signed-in", "@clerk/react", 6, 6) }],
    },
    {
      name: "SignedIn used as a value: reported, no autofix",
      filename: file("components/gate.tsx"),
      code: `import { SignedIn } from "@clerk/nextjs"
export const Gate = SignedIn`,
      output: null,
      errors: [{ messageId: "removed", line: 1, column: 10 }],
    },
    {
      name: "a local Show in scope blocks the autofix",
      filename: file("components/gate.tsx"),
      code: `import { SignedIn } from "@clerk/nextjs"
const Show = ({ children }: { children: React.ReactNode }) => <>{children}</>
export const Gate = () => <Show><SignedIn>x</SignedIn></Show>`,
      output: null,
      errors: [{ messageId: "removed", line: 1, column: 10 }],
    },
    {
      name: "namespace JSX <Clerk.SignedIn>",
      filename: file("components/nav.tsx"),
      code: `import * as Clerk from "@clerk/nextjs"
export const Nav = () => <Clerk.SignedIn><Clerk.UserButton /></Clerk.SignedIn>`,
      errors: [{ messageId: "removed", line: 2, column: 27, endColumn: 41 }],
    },
    {
      name: "re-exported control components",
      filename: file("components/clerk.ts"),
      code: `export { SignedIn, SignedOut, Show } from "@clerk/nextjs"`,
      errors: [
        { messageId: "removed", line: 1, column: 10 },
        { messageId: "removed", line: 1, column: 20 },
      ],
    },
    {
      name: "Protect on v7: suggestion to <Show when={{ plan }}>",
      filename: file("components/pro-features.tsx"),
      code: `import { Protect } from "@clerk/nextjs"
export function ProFeatures() {
  return (
    <Protect plan="pro" fallback={<p>Upgrade to Pro</p>}>
      <p>Pro analytics</p>
    </Protect>
  )
}`,
      errors: [
        {
          messageId: "removed",
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: "suggestion",
              output: `import { Show } from "@clerk/nextjs"
export function ProFeatures() {
  return (
    <Show when={{ plan: "pro" }} fallback={<p>Upgrade to Pro</p>}>
      <p>Pro analytics</p>
    </Show>
  )
}`,
            },
          ],
        },
      ],
    },
    {
      name: "Protect with condition and bare Protect, Show already imported",
      filename: file("components/admin.tsx"),
      code: `import { Protect, Show } from "@clerk/nextjs"
export const A = () => <Show when="signed-in"><Protect condition={(has) => has({ role: "org:admin" })}>admin</Protect><Protect>member</Protect></Show>`,
      errors: [
        {
          messageId: "removed",
          line: 1,
          column: 10,
          suggestions: [
            {
              messageId: "suggestion",
              output: `import { Show } from "@clerk/nextjs"
export const A = () => <Show when="signed-in"><Show when={(has) => has({ role: "org:admin" })}>admin</Show><Show when="signed-in">member</Show></Show>`,
            },
          ],
        },
      ],
    },
    {
      name: "Protect with an unknown prop: reported without a suggestion",
      filename: file("components/admin.tsx"),
      code: `import { Protect } from "@clerk/nextjs"
const props = { role: "org:admin" }
export const A = () => <Protect {...props}>admin</Protect>`,
      errors: [{ messageId: "removed", line: 1, column: 10, suggestions: [] }],
    },
    // ── Props ────────────────────────────────────────────────────────────
    {
      name: "UserButton afterSignOutUrl on v7 (removed, no autofix)",
      filename: file("components/mobile-nav.tsx"),
      code: `'use client'
import { UserButton } from "@clerk/nextjs"
export function MobileNav() {
  return <nav><UserButton afterSignOutUrl="/" /></nav>
}`,
      output: null,
      errors: [
        {
          messageId: "removed",
          line: 4,
          column: 27,
          endColumn: 46,
          data: removed("The `afterSignOutUrl` prop on <UserButton>", "user-button-after-sign-out-url", "@clerk/nextjs", 7, 7),
        },
      ],
    },
    {
      name: "redirectUrl on SignIn on v7: autofix to fallbackRedirectUrl",
      filename: file("app/sign-in/[[...sign-in]]/page.tsx"),
      code: `import { SignIn } from "@clerk/nextjs"
export default function Page() {
  return (
    <SignIn
      redirectUrl="/dashboard"
      signUpUrl="/sign-up"
    />
  )
}`,
      output: `import { SignIn } from "@clerk/nextjs"
export default function Page() {
  return (
    <SignIn
      fallbackRedirectUrl="/dashboard"
      signUpUrl="/sign-up"
    />
  )
}`,
      errors: [{ messageId: "removed", line: 5, column: 7, endColumn: 31 }],
    },
    {
      name: "afterSignInUrl on SignIn on v5 is deprecated (fix still applies)",
      filename: file("app/sign-in/[[...sign-in]]/page.tsx", "next5"),
      code: `import { SignIn } from "@clerk/nextjs"
export default function Page() { return <SignIn afterSignInUrl="/dashboard" /> }`,
      output: `import { SignIn } from "@clerk/nextjs"
export default function Page() { return <SignIn fallbackRedirectUrl="/dashboard" /> }`,
      errors: [
        {
          messageId: "deprecated",
          line: 2,
          column: 49,
          data: { what: "The `afterSignInUrl` prop on <SignIn>", detail: "since @clerk/nextjs 5; removed in 7", replacement: replacement("sign-in-after-sign-in-url") },
        },
      ],
    },
    {
      name: "SignUp afterSignInUrl on v6; the replacement is already there so no fix",
      filename: file("src/app/sign-up/[[...sign-up]]/page.tsx", "next6"),
      code: `import { SignUp } from "@clerk/nextjs"
export default function Page() { return <SignUp afterSignInUrl="/a" signInFallbackRedirectUrl="/b" /> }`,
      output: null,
      errors: [{ messageId: "deprecated", line: 2, column: 49 }],
    },
    {
      name: "ClerkProvider redirectUrl (v6): suggestion for both fallback props",
      filename: file("src/app/layout.tsx", "next6"),
      code: `import { ClerkProvider } from "@clerk/nextjs"
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <ClerkProvider redirectUrl="/home"><html><body>{children}</body></html></ClerkProvider>
}`,
      errors: [
        {
          messageId: "deprecated",
          line: 3,
          column: 25,
          suggestions: [
            {
              messageId: "suggestion",
              output: `import { ClerkProvider } from "@clerk/nextjs"
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <ClerkProvider signInFallbackRedirectUrl="/home" signUpFallbackRedirectUrl="/home"><html><body>{children}</body></html></ClerkProvider>
}`,
            },
          ],
        },
      ],
    },
    {
      name: "OrganizationSwitcher afterSwitchOrganizationUrl (fix) and hideSlug (suggestion) on v7",
      filename: file("components/team-switcher.tsx"),
      code: `import { OrganizationSwitcher } from "@clerk/nextjs"
export function TeamSwitcher() {
  return <OrganizationSwitcher afterSwitchOrganizationUrl="/org" hideSlug />
}`,
      output: `import { OrganizationSwitcher } from "@clerk/nextjs"
export function TeamSwitcher() {
  return <OrganizationSwitcher afterSelectOrganizationUrl="/org" hideSlug />
}`,
      errors: [
        { messageId: "removed", line: 3, column: 32 },
        {
          messageId: "removed",
          line: 3,
          column: 66,
          suggestions: [
            {
              messageId: "suggestion",
              output: `import { OrganizationSwitcher } from "@clerk/nextjs"
export function TeamSwitcher() {
  return <OrganizationSwitcher afterSwitchOrganizationUrl="/org" />
}`,
            },
          ],
        },
      ],
    },
    {
      name: "props on a namespace-imported component",
      filename: file("components/nav.tsx"),
      code: `import * as Clerk from "@clerk/nextjs"
export const Nav = () => <Clerk.UserButton afterMultiSessionSingleSignOutUrl="/" />`,
      errors: [{ messageId: "removed", line: 2, column: 44 }],
    },
    // ── Env vars ─────────────────────────────────────────────────────────
    {
      name: "NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL on v6 (deprecated, still read)",
      filename: file("src/lib/redirects.ts", "next6"),
      code: `const DEFAULT_AFTER_SIGN_IN = "/dashboard"
export function afterSignInUrl(): string {
  return process.env.NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL ?? DEFAULT_AFTER_SIGN_IN
}`,
      errors: [
        {
          messageId: "deprecated",
          line: 3,
          column: 10,
          endColumn: 57,
          data: {
            what: "The `NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL` environment variable",
            detail: "since @clerk/nextjs 5; removed in 7",
            replacement: replacement("after-sign-in-url-env"),
          },
        },
      ],
    },
    {
      name: "the env var on v7 (ignored: removed), computed and destructured forms",
      filename: file("lib/redirects.ts"),
      code: `const { NEXT_PUBLIC_CLERK_AFTER_SIGN_UP_URL: afterSignUp } = process.env
export const urls = [afterSignUp, process.env["NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL"]]`,
      errors: [
        { messageId: "removed", line: 1, column: 9, data: removed("The `NEXT_PUBLIC_CLERK_AFTER_SIGN_UP_URL` environment variable", "after-sign-up-url-env", "@clerk/nextjs", 7, 7) },
        { messageId: "removed", line: 2, column: 35 },
      ],
    },
    // ── createRouteMatcher ───────────────────────────────────────────────
    {
      name: "createRouteMatcher on v7 is deprecated (7.5.14)",
      filename: file("src/proxy.ts"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isProtectedRoute = createRouteMatcher(["/dashboard(.*)"])
export default clerkMiddleware(async (auth, req) => {
  if (isProtectedRoute(req)) await auth.protect()
})`,
      errors: [
        {
          messageId: "deprecated",
          line: 1,
          column: 27,
          data: {
            what: '`createRouteMatcher` from "@clerk/nextjs/server"',
            detail: "since @clerk/nextjs 7.5.14; it will be removed in a future major",
            replacement: replacement("create-route-matcher"),
          },
        },
      ],
    },
    {
      name: "createRouteMatcher from 7.5.14 exactly is deprecated",
      filename: file("src/proxy.ts"),
      settings: { "clerk-guard": { clerkVersion: { "@clerk/nextjs": "7.5.14" } } },
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isAdminArea = createRouteMatcher(["/admin(.*)"])
export default clerkMiddleware(async (auth, req) => { if (isAdminArea(req)) await auth.protect() })`,
      errors: [{ messageId: "deprecated", line: 1, column: 27 }],
    },
    {
      name: "createRouteMatcher when only the major is known (clerkVersion: 7) is reported",
      filename: file("src/proxy.ts", "plain"),
      settings: versions({ "@clerk/nextjs": 7 }),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server"
const isAdminArea = createRouteMatcher(["/admin(.*)"])
export default clerkMiddleware(async (auth, req) => { if (isAdminArea(req)) await auth.protect() })`,
      errors: [{ messageId: "deprecated", line: 1, column: 27 }],
    },
    {
      name: "createRouteMatcher removed in @clerk/astro 4",
      filename: file("src/middleware.ts", "plain"),
      settings: versions({ "@clerk/astro": 4 }),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/astro/server"
const isProtected = createRouteMatcher(["/dashboard(.*)"])
export const onRequest = clerkMiddleware((auth, context) => { if (isProtected(context.request) && !auth().userId) return auth().redirectToSignIn() })`,
      errors: [{ messageId: "removed", line: 1, column: 27, data: removed('`createRouteMatcher` from "@clerk/astro/server"', "create-route-matcher", "@clerk/astro", 4, 4) }],
    },
    {
      name: "createRouteMatcher removed in @clerk/nuxt 3",
      filename: file("server/middleware/clerk.ts", "plain"),
      settings: versions({ "@clerk/nuxt": 3 }),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/nuxt/server"
const isAdmin = createRouteMatcher(["/api/admin(.*)"])
export default clerkMiddleware((event) => { if (isAdmin(event) && !event.context.auth().userId) throw new Error("unauthorized") })`,
      errors: [{ messageId: "removed", line: 1, column: 27 }],
    },
    // ── @clerk/clerk-sdk-node and @clerk/express ─────────────────────────
    {
      name: "@clerk/clerk-sdk-node (unsupported) with ClerkExpressRequireAuth, and req.auth.userId on @clerk/express 2",
      filename: file("src/routes/admin.ts", "express2"),
      code: `import { Router } from "express"
import { ClerkExpressRequireAuth } from "@clerk/clerk-sdk-node"
import { clerkClient } from "@clerk/express"

export const adminRouter = Router()

adminRouter.use(ClerkExpressRequireAuth())

adminRouter.get("/stats", async (req, res) => {
  const userId = req.auth.userId
  const user = await clerkClient.users.getUser(userId)
  res.json({ role: user.publicMetadata.role })
})`,
      errors: [
        {
          messageId: "unsupported",
          line: 2,
          column: 41,
          endColumn: 64,
          data: { what: '"@clerk/clerk-sdk-node"', replacement: replacement("clerk-sdk-node") },
        },
        {
          messageId: "unsupported",
          line: 7,
          column: 17,
          endColumn: 40,
          data: { what: '`ClerkExpressRequireAuth` from "@clerk/clerk-sdk-node"', replacement: replacement("clerk-express-require-auth") },
        },
        {
          messageId: "removed",
          line: 10,
          column: 18,
          endColumn: 26,
          data: removed("`req.auth` used as an object", "express-req-auth-object", "@clerk/express", 2, 2),
        },
      ],
    },
    {
      name: "ClerkExpressWithAuth through require()",
      filename: file("src/server.js", "express2"),
      code: `const { ClerkExpressWithAuth } = require("@clerk/clerk-sdk-node")
module.exports = [ClerkExpressWithAuth()]`,
      errors: [
        { messageId: "unsupported", line: 1, column: 42 },
        { messageId: "unsupported", line: 2, column: 19 },
      ],
    },
    {
      name: "destructuring req.auth and optional chaining",
      filename: file("src/routes/notes.ts", "express2"),
      code: `import { Router, type Request } from "express"
import "@clerk/express"
export const notes = Router()
notes.get("/", (req: Request, res) => { const { userId } = req.auth; res.json({ userId, org: req.auth?.orgId }) })`,
      errors: [
        { messageId: "removed", line: 4, column: 60 },
        { messageId: "removed", line: 4, column: 94 },
      ],
    },
    // ── Packages renamed in Core 3 ───────────────────────────────────────
    {
      name: "@clerk/types in a Core 3 project (deprecated, suggestion to @clerk/nextjs/types)",
      filename: file("components/org-card.tsx"),
      code: `import type { OrganizationResource } from "@clerk/types"
export function OrgCard({ org }: { org: OrganizationResource }) { return <p>{org.name}</p> }`,
      errors: [
        {
          messageId: "deprecated",
          line: 1,
          column: 43,
          data: { what: '"@clerk/types"', detail: "replaced in Clerk Core 3, which this project uses", replacement: replacement("clerk-types-package") },
          suggestions: [
            {
              messageId: "suggestion",
              output: `import type { OrganizationResource } from "@clerk/nextjs/types"
export function OrgCard({ org }: { org: OrganizationResource }) { return <p>{org.name}</p> }`,
            },
          ],
        },
      ],
    },
    {
      name: "@clerk/clerk-react next to a Core 3 SDK",
      filename: file("components/widget.tsx"),
      code: `import { useUser } from '@clerk/clerk-react'
export function Widget() { const { user } = useUser(); return <p>{user?.id}</p> }`,
      errors: [{ messageId: "deprecated", line: 1, column: 25, suggestions: [] }],
    },
    {
      name: "@clerk/clerk-react when @clerk/react 6 is installed: suggestion",
      filename: file("src/widget.tsx", "plain"),
      settings: versions({ "@clerk/react": 6 }),
      code: `import { useUser } from '@clerk/clerk-react'
export function Widget() { const { user } = useUser(); return <p>{user?.id}</p> }`,
      errors: [
        {
          messageId: "deprecated",
          line: 1,
          column: 25,
          suggestions: [
            {
              messageId: "suggestion",
              output: `import { useUser } from '@clerk/react'
export function Widget() { const { user } = useUser(); return <p>{user?.id}</p> }`,
            },
          ],
        },
      ],
    },
    // ── useSignIn()/useSignUp() Core 2 shape on Core 3 ───────────────────
    {
      name: "useSignIn from the root destructuring isLoaded/setActive on v7",
      filename: file("components/custom-sign-in.tsx"),
      code: `'use client'
import { useSignIn } from "@clerk/nextjs"

export function CustomSignIn() {
  const { isLoaded, signIn, setActive } = useSignIn()
  if (!isLoaded) return null
  return <button onClick={async () => { const r = await signIn.create({ identifier: "a@b.co" }); await setActive({ session: r.createdSessionId }) }}>Sign in</button>
}`,
      errors: [
        {
          messageId: "removed",
          line: 5,
          column: 43,
          data: removed('The Core 2 result of `useSignIn()` from "@clerk/nextjs" (`isLoaded`, `setActive`)', "legacy-sign-in-hooks", "@clerk/nextjs", 7, 7),
          suggestions: [
            {
              messageId: "suggestion",
              output: `'use client'
import { useSignIn } from "@clerk/nextjs/legacy"

export function CustomSignIn() {
  const { isLoaded, signIn, setActive } = useSignIn()
  if (!isLoaded) return null
  return <button onClick={async () => { const r = await signIn.create({ identifier: "a@b.co" }); await setActive({ session: r.createdSessionId }) }}>Sign in</button>
}`,
            },
          ],
        },
      ],
    },
    {
      name: "useSignUp in a mixed import (member access form), @clerk/react 6",
      filename: file("src/sign-up.tsx", "plain"),
      settings: versions({ "@clerk/react": 6 }),
      code: `import { useClerk, useSignUp } from "@clerk/react"
export function SignUpForm() {
  const clerk = useClerk()
  const hook = useSignUp()
  if (!hook.isLoaded) return null
  return <p>{clerk.loaded ? "ready" : ""}</p>
}`,
      errors: [
        {
          messageId: "removed",
          line: 4,
          column: 16,
          suggestions: [
            {
              messageId: "suggestion",
              output: `import { useClerk } from "@clerk/react"
import { useSignUp } from "@clerk/react/legacy";
export function SignUpForm() {
  const clerk = useClerk()
  const hook = useSignUp()
  if (!hook.isLoaded) return null
  return <p>{clerk.loaded ? "ready" : ""}</p>
}`,
            },
          ],
        },
      ],
    },
    // ── updateUser metadata (Core 3) ─────────────────────────────────────
    {
      name: "updateUser with publicMetadata through await clerkClient() (v7)",
      filename: file("app/onboarding/actions.ts"),
      code: `'use server'
import { auth, clerkClient } from "@clerk/nextjs/server"
export async function setRole(role: string) {
  const { userId } = await auth()
  if (!userId) throw new Error("unauthenticated")
  const client = await clerkClient()
  await client.users.updateUser(userId, { publicMetadata: { role }, firstName: "A" })
  await (await clerkClient()).users.updateUser(userId, { privateMetadata: {}, unsafeMetadata: {} })
}`,
      errors: [
        {
          messageId: "deprecated",
          line: 7,
          column: 43,
          data: { what: "Passing `publicMetadata` to `users.updateUser()`", detail: "since @clerk/nextjs 7; it will be removed in a future major", replacement: replacement("update-user-metadata") },
        },
        { messageId: "deprecated", line: 8, column: 58 },
      ],
    },
    {
      name: "updateUser with metadata on the @clerk/express instance and a createClerkClient() client",
      filename: file("src/routes/profile.ts", "express2"),
      code: `import { clerkClient } from "@clerk/express"
import { createClerkClient } from "@clerk/backend"
const backend = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY })
export async function save(userId: string) {
  await clerkClient.users.updateUser(userId, { unsafeMetadata: { theme: "dark" } })
  await backend.users.updateUser(userId, { publicMetadata: { plan: "pro" } })
}`,
      errors: [
        { messageId: "deprecated", line: 5, column: 48 },
        // @clerk/backend is not a dependency of this project: its version is unknown, so it stays silent.
      ],
    },
  ],
});

describe("rules/no-legacy-api.md", () => {
  it("embeds the table generated from src/analysis/legacy-api-table.ts", () => {
    const doc = fs.readFileSync(path.join(REPO, "rules", "no-legacy-api.md"), "utf8");
    const m = /<!-- legacy-table:start -->\n([\s\S]*?)\n<!-- legacy-table:end -->/.exec(doc);
    expect(m, "rules/no-legacy-api.md needs the <!-- legacy-table:start/end --> markers").toBeTruthy();
    expect(m![1]).toBe(renderLegacyTable(LEGACY_API));
  });

  it("lists every entry id", () => {
    const table = renderLegacyTable(LEGACY_API) as string;
    for (const e of LEGACY_API) expect(table).toContain(`\`${e.id}\``);
    expect(new Set(LEGACY_API.map((e) => e.id)).size).toBe(LEGACY_API.length);
  });
});
