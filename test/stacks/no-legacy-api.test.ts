/**
 * no-legacy-api facts of the other SDKs, each checked against the published package: the
 * version that changed the API reports, an earlier one (or an unknown one) stays silent.
 */
import path from "node:path";
import rule from "../../src/rules/no-legacy-api.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);

const TANSTACK_SERVER_FN = `import { createServerFn } from "@tanstack/react-start";
import { getWebRequest } from "@tanstack/react-start/server";
import { getAuth } from "@clerk/tanstack-react-start/server";

export const fetchClerkAuth = createServerFn({ method: "GET" }).handler(async () => {
  const { userId } = await getAuth(getWebRequest()!);
  return { userId };
});`;

const EXPRESS_REQ_AUTH = `import { Router } from "express";
import { clerkMiddleware } from "@clerk/express";

export const me = Router();
me.use(clerkMiddleware());
me.get("/", (req, res) => {
  res.json({ userId: req.auth.userId });
});`;

runRuleTests("no-legacy-api (stacks)", rule, {
  valid: [
    {
      name: "@clerk/express 1.3 (lockfile-free pin): req.auth is an object and the only form",
      filename: at("express1", "src/routes/me.ts"),
      code: EXPRESS_REQ_AUTH,
    },
    {
      name: "@clerk/tanstack-react-start 0.25.3 still exports getAuth",
      filename: at("tanstack0", "src/server/auth.ts"),
      code: TANSTACK_SERVER_FN,
    },
    {
      name: "@clerk/nuxt 3: event.context.auth() called as a function",
      filename: at("nuxt3", "server/api/me.get.ts"),
      code: `export default defineEventHandler((event) => {
  const { userId } = event.context.auth();
  return { userId };
});`,
    },
    {
      name: "@clerk/express 2: getAuth(req) and a 401, no requireAuth",
      filename: at("express2", "src/routes/me.ts"),
      code: `import { Router } from "express";
import { getAuth } from "@clerk/express";

export const me = Router();
me.get("/", (req, res) => {
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).end();
  res.json({ userId });
});`,
    },
  ],
  invalid: [
    {
      name: "@clerk/express 2: req.auth used as an object (removed in 2.0.0)",
      filename: at("express2", "src/routes/me.ts"),
      code: EXPRESS_REQ_AUTH,
      errors: [{ messageId: "removed", line: 7 }],
    },
    {
      name: "@clerk/express 2.1+: requireAuth() is deprecated (it redirects API callers)",
      filename: at("express2", "src/routes/projects.ts"),
      code: `import { Router } from "express";
import { requireAuth } from "@clerk/express";

export const projects = Router();
projects.use(requireAuth());`,
      errors: [{ messageId: "deprecated", line: 2 }],
    },
    {
      name: "@clerk/tanstack-react-start 1: getAuth is gone from /server (auth() replaces it)",
      filename: at("tanstack1", "src/server/auth.ts"),
      code: TANSTACK_SERVER_FN,
      // removed inside the 0.x line: the message names 0.26.2, not "0"
      errors: [
        {
          messageId: "removed",
          line: 3,
          data: {
            what: '`getAuth` from "@clerk/tanstack-react-start/server"',
            pkg: "@clerk/tanstack-react-start",
            removedIn: "0.26.2",
            installed: "; this project uses 1",
            replacement:
              'Use `await auth()` from "@clerk/tanstack-react-start/server" (it takes no request) and `clerkMiddleware()` in `src/start.ts` (`createStart(() => ({ requestMiddleware: [clerkMiddleware()] }))`) instead of `createClerkHandler`.',
          },
        },
      ],
    },
    {
      name: "@clerk/nuxt 3: event.context.auth read as an object",
      filename: at("nuxt3", "server/api/me.get.ts"),
      code: `export default defineEventHandler((event) => {
  const { userId } = event.context.auth;
  return { userId };
});`,
      errors: [{ messageId: "removed", line: 2 }],
    },
    {
      name: "@clerk/nuxt 1.13: getAuth(event) is deprecated since 1.8.7",
      filename: at("nuxt1", "server/api/me.get.ts"),
      code: `import { getAuth } from "@clerk/nuxt/server";

export default defineEventHandler((event) => {
  const { userId } = getAuth(event);
  return { userId };
});`,
      errors: [{ messageId: "deprecated", line: 1 }],
    },
    {
      name: "@clerk/astro 4: createRouteMatcher is no longer exported",
      filename: at("astro4", "src/middleware.ts"),
      code: `import { clerkMiddleware, createRouteMatcher } from "@clerk/astro/server";

const isProtected = createRouteMatcher(["/dashboard(.*)"]);

export const onRequest = clerkMiddleware((auth, context) => {
  if (isProtected(context.request) && !auth().userId) return auth().redirectToSignIn();
});`,
      errors: [{ messageId: "removed", line: 1 }],
    },
    {
      name: "@clerk/expo 3: the old package's subpath (@clerk/clerk-expo/token-cache) is the old package too",
      filename: at("expo3", "app/_layout.tsx"),
      code: `import { ClerkProvider } from "@clerk/expo";
import { tokenCache } from "@clerk/clerk-expo/token-cache";
import { Slot } from "expo-router";

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!} tokenCache={tokenCache}>
      <Slot />
    </ClerkProvider>
  );
}`,
      errors: [
        {
          messageId: "deprecated",
          line: 2,
          data: { what: '"@clerk/clerk-expo/token-cache"', detail: "replaced in Clerk Core 3, which this project uses", replacement: 'Import from "@clerk/expo", its Core 3 name.' },
          suggestions: [
            {
              messageId: "suggestion",
              data: { desc: 'Import from "@clerk/expo/token-cache" instead.' },
              output: `import { ClerkProvider } from "@clerk/expo";
import { tokenCache } from "@clerk/expo/token-cache";
import { Slot } from "expo-router";

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!} tokenCache={tokenCache}>
      <Slot />
    </ClerkProvider>
  );
}`,
            },
          ],
        },
      ],
    },
  ],
});
