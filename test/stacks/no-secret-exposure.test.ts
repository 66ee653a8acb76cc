/**
 * no-secret-exposure beyond Next.js: public env prefixes of other bundlers, secret keys read in
 * a SPA's or an Expo app's bundle (found by import reachability from the entries), and Expo
 * session-token caches in unencrypted storage.
 */
import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/no-secret-exposure.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);
const onDisk = (project: string, rel: string) => ({ filename: at(project, rel), code: fs.readFileSync(at(project, rel), "utf8") });
const SPA = { where: "code of the single-page app's bundle", device: "browser", server: "your server code" };
const EXPO = { where: "Expo app code", device: "device", server: "an API route (`+api.ts`) or your backend" };

runRuleTests("no-secret-exposure (stacks)", rule, {
  valid: [
    {
      name: "Vite: a module no entry imports may read server env (a build script, a test helper)",
      filename: at("vite-react6", "src/lib/format.ts"),
      code: `export const secretConfigured = Boolean(process.env.CLERK_SECRET_KEY);`,
    },
    {
      name: "Expo: an API route (+api.ts) is server code",
      ...onDisk("expo3", "app/api/teams+api.ts"),
    },
    {
      name: "Expo: Clerk's tokenCache from @clerk/expo/token-cache",
      filename: at("expo3", "app/_layout.tsx"),
      code: `import { ClerkProvider } from "@clerk/expo";
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
    {
      name: "Expo: a hand-written cache on expo-secure-store",
      filename: at("expo3", "app/_layout.tsx"),
      code: `import * as SecureStore from "expo-secure-store";
import { ClerkProvider } from "@clerk/expo";
import { Slot } from "expo-router";

const tokenCache = {
  getToken: (key: string) => SecureStore.getItemAsync(key),
  saveToken: (key: string, value: string) => SecureStore.setItemAsync(key, value),
};

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!} tokenCache={tokenCache}>
      <Slot />
    </ClerkProvider>
  );
}`,
    },
    {
      name: "Express API beside a Vite client: the server reads the secret key (not reachable from index.html)",
      filename: at("vite-react6", "server/index.ts"),
      code: `import { createClerkClient } from "@clerk/backend";
export const clerk = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY });`,
    },
  ],
  invalid: [
    {
      name: "Vite: a module of the bundle builds a Backend API client with the secret key",
      ...onDisk("vite-react6", "src/lib/team.ts"),
      errors: [
        { messageId: "secretKeyInClient", line: 4, data: SPA },
        { messageId: "serverEnvInClient", line: 4, data: { env: "import.meta.env", name: "CLERK_SECRET_KEY", ...SPA } },
      ],
    },
    {
      name: "Expo: app code reads process.env.CLERK_SECRET_KEY",
      ...onDisk("expo3", "lib/clerk-admin.ts"),
      errors: [
        { messageId: "secretKeyInClient", line: 3, data: EXPO },
        { messageId: "serverEnvInClient", line: 3, data: { env: "process.env", name: "CLERK_SECRET_KEY", ...EXPO } },
      ],
    },
    {
      name: "Expo: the root layout's token cache (lib/token-cache.ts) writes to AsyncStorage",
      ...onDisk("expo3", "app/_layout.tsx"),
      errors: [{ messageId: "insecureTokenCache", line: 7, data: { storage: "AsyncStorage", tokenCacheEntry: "@clerk/expo/token-cache" } }],
    },
    {
      name: "Expo (@clerk/clerk-expo): a localStorage cache for Expo web",
      filename: at("expo3", "app/_layout.web.tsx"),
      code: `import { ClerkProvider } from "@clerk/clerk-expo";
import { Slot } from "expo-router";

const tokenCache = {
  getToken: async (key: string) => localStorage.getItem(key),
  saveToken: async (key: string, token: string) => localStorage.setItem(key, token),
};

export default function RootLayout() {
  return (
    <ClerkProvider publishableKey={process.env.EXPO_PUBLIC_CLERK_PUBLISHABLE_KEY!} tokenCache={tokenCache}>
      <Slot />
    </ClerkProvider>
  );
}`,
      errors: [{ messageId: "insecureTokenCache", line: 11, data: { storage: "localStorage", tokenCacheEntry: "@clerk/clerk-expo/token-cache" } }],
    },
    {
      name: "Expo: EXPO_PUBLIC_ on the secret key inlines it into the app",
      filename: at("expo3", "lib/api.ts"),
      code: `export const adminKey = process.env.EXPO_PUBLIC_CLERK_SECRET_KEY;`,
      errors: [
        {
          messageId: "publicEnvName",
          line: 1,
          suggestions: [{ messageId: "renameEnv", data: { serverName: "CLERK_SECRET_KEY" }, output: `export const adminKey = process.env.CLERK_SECRET_KEY;` }],
        },
      ],
    },
    {
      name: "Astro: PUBLIC_ on the webhook signing secret",
      filename: at("astro4", "src/pages/api/webhooks/clerk.ts"),
      code: `import { verifyWebhook } from "@clerk/astro/webhooks";
import type { APIRoute } from "astro";

export const POST: APIRoute = async ({ request }) => {
  const evt = await verifyWebhook(request, { signingSecret: import.meta.env.PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET });
  return new Response(evt.type);
};`,
      errors: [
        {
          messageId: "publicEnvName",
          line: 5,
          suggestions: [
            {
              messageId: "renameEnv",
              data: { serverName: "CLERK_WEBHOOK_SIGNING_SECRET" },
              output: `import { verifyWebhook } from "@clerk/astro/webhooks";
import type { APIRoute } from "astro";

export const POST: APIRoute = async ({ request }) => {
  const evt = await verifyWebhook(request, { signingSecret: import.meta.env.CLERK_WEBHOOK_SIGNING_SECRET });
  return new Response(evt.type);
};`,
            },
          ],
        },
      ],
    },
  ],
});
