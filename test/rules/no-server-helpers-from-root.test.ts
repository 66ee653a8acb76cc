import rule from "../../src/rules/no-server-helpers-from-root.js";
import { file, runRuleTests } from "../helpers.js";

runRuleTests("no-server-helpers-from-root", rule, {
  valid: [
    {
      name: "server helpers from /server, components from the root",
      filename: file("app/dashboard/page.tsx"),
      code: `import { auth, currentUser } from "@clerk/nextjs/server"
import { UserButton } from "@clerk/nextjs"
export default async function Page() {
  const { userId } = await auth()
  const user = await currentUser()
  return <><UserButton />{userId}{user?.firstName}</>
}`,
    },
    {
      name: "v4: the root exported auth and authMiddleware",
      filename: file("app/dashboard/page.tsx", "next4"),
      code: `import { auth, currentUser } from "@clerk/nextjs"
export default async function Page() {
  const { userId } = auth()
  const user = await currentUser()
  return <p>{userId}{user?.firstName}</p>
}`,
    },
    {
      name: "v4 middleware",
      filename: file("middleware.ts", "next4"),
      code: `import { authMiddleware } from "@clerk/nextjs"
export default authMiddleware({ publicRoutes: ["/"] })`,
    },
    {
      name: "hooks and components from the root",
      filename: file("components/header.tsx"),
      code: `"use client"
import { useAuth, SignInButton } from "@clerk/nextjs"
export function Header() { const { isSignedIn } = useAuth(); return isSignedIn ? null : <SignInButton /> }`,
    },
    {
      name: "unknown @clerk/nextjs version: silent",
      filename: file("app/page.tsx", "plain"),
      code: `import { auth } from "@clerk/nextjs"
export default async function Page() { const { userId } = await auth(); return <p>{userId}</p> }`,
    },
    {
      name: "authMiddleware from the root on v6+ is no-legacy-api's finding (moving it would not help)",
      filename: file("middleware.ts", "next6"),
      code: `import { authMiddleware } from "@clerk/nextjs"
export default authMiddleware({})`,
    },
  ],
  invalid: [
    {
      name: "v5: auth from the root (whole declaration moves)",
      filename: file("app/reports/page.tsx", "next5"),
      code: `import { auth } from "@clerk/nextjs";
export default function Reports() {
  const { userId } = auth();
  return <p>{userId}</p>;
}`,
      output: `import { auth } from "@clerk/nextjs/server";
export default function Reports() {
  const { userId } = auth();
  return <p>{userId}</p>;
}`,
      errors: [{ messageId: "fromRoot", line: 1, column: 10, endColumn: 14, data: { names: "`auth`", verb: "is", major: "5" } }],
    },
    {
      name: "v7: mixed declaration is split, single quotes kept",
      filename: file("app/layout.tsx"),
      code: `import { ClerkProvider, auth, currentUser as getUser, Show } from '@clerk/nextjs'
export default async function Layout({ children }: { children: React.ReactNode }) {
  const { userId } = await auth()
  const user = await getUser()
  return <html><body><ClerkProvider><Show when="signed-in">{userId}{user?.id}</Show>{children}</ClerkProvider></body></html>
}`,
      output: `import { ClerkProvider, Show } from '@clerk/nextjs'
import { auth, currentUser as getUser } from '@clerk/nextjs/server'
export default async function Layout({ children }: { children: React.ReactNode }) {
  const { userId } = await auth()
  const user = await getUser()
  return <html><body><ClerkProvider><Show when="signed-in">{userId}{user?.id}</Show>{children}</ClerkProvider></body></html>
}`,
      errors: [{ messageId: "fromRoot", line: 1, column: 25, data: { names: "`auth`, `currentUser`", verb: "are", major: "7" } }],
    },
    {
      name: "helpers at the end of a multi-line list",
      filename: file("src/middleware.ts", "next6"),
      code: `import {
  UserButton,
  clerkMiddleware,
  createRouteMatcher,
} from "@clerk/nextjs";
export const Button = UserButton;
export default clerkMiddleware(async (auth) => { await auth.protect() });
export const isPublic = createRouteMatcher(["/"]);`,
      output: `import {
  UserButton,
} from "@clerk/nextjs";
import { clerkMiddleware, createRouteMatcher } from "@clerk/nextjs/server";
export const Button = UserButton;
export default clerkMiddleware(async (auth) => { await auth.protect() });
export const isPublic = createRouteMatcher(["/"]);`,
      errors: [{ messageId: "fromRoot", line: 3, column: 3 }],
    },
    {
      name: "v5 authMiddleware from the root moves to /server",
      filename: file("middleware.ts", "next5"),
      code: `import { authMiddleware } from "@clerk/nextjs"
export default authMiddleware({ publicRoutes: ["/"] })`,
      output: `import { authMiddleware } from "@clerk/nextjs/server"
export default authMiddleware({ publicRoutes: ["/"] })`,
      errors: [{ messageId: "fromRoot", line: 1, column: 10, data: { names: "`authMiddleware`", verb: "is", major: "5" } }],
    },
    {
      name: "re-export from the root",
      filename: file("lib/clerk.ts"),
      code: `export { clerkClient, SignIn } from "@clerk/nextjs"`,
      output: `export { SignIn } from "@clerk/nextjs"
export { clerkClient } from "@clerk/nextjs/server"`,
      errors: [{ messageId: "fromRoot", line: 1, column: 10 }],
    },
    {
      name: "require() and namespace uses are reported without a fix",
      filename: file("lib/legacy.js"),
      code: `const { currentUser } = require("@clerk/nextjs")
import * as clerk from "@clerk/nextjs"
export const who = () => [currentUser(), clerk.getAuth]`,
      output: null,
      errors: [
        { messageId: "fromRoot", line: 1, column: 9 },
        { messageId: "fromRoot", line: 3, column: 42 },
      ],
    },
  ],
});
