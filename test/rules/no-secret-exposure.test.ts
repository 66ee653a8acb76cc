import { describe, expect, it } from "vitest";
import rule from "../../src/rules/no-secret-exposure.js";
import { file, runRuleTests } from "../helpers.js";

// Made-up keys, assembled at runtime so no secret-shaped literal sits in this repository.
const SK_LIVE = ["sk", "live", "4fQmZ2rT8vLk9WbX1cYpN6dHs3Ej"].join("_");
const SK_TEST = ["sk", "test", "Q8wErT5yUiOp2AsDfGh7JkLz"].join("_");
const WHSEC = ["whsec", "MfKQ9r8GKjV2pZ4cXb7LwN1yTs5hRd3e"].join("_");

runRuleTests("no-secret-exposure", rule, {
  valid: [
    {
      name: "secretKey read from the environment",
      filename: file("lib/clerk.ts"),
      code: `import { createClerkClient } from "@clerk/backend"
export const clerk = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY })`,
    },
    {
      name: "publishable keys are public",
      filename: file("app/layout.tsx"),
      code: `import { ClerkProvider } from "@clerk/nextjs"
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return <html><body><ClerkProvider publishableKey="pk_live_Y2xlcmsuZXhhbXBsZS5jb20k">{children}</ClerkProvider></body></html>
}`,
    },
    {
      name: "docs placeholders",
      filename: file("lib/env-check.ts"),
      code: `export const examples = [
  "sk_test_xxx", "sk_live_xxxxx", "sk_test_...", "whsec_123", "{{CLERK_SECRET_KEY}}",
  "sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "sk_live_your_secret_key_here", "sk_test_1234567890abcdefghij",
  "whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sk_live_REDACTEDREDACTEDREDACTED", "ak_xxxxxxxxxxxxxxxxxxxx",
]`,
    },
    {
      name: "server code reads the secret from a server-only env var",
      filename: file("lib/clerk-admin.ts"),
      code: `import { createClerkClient } from "@clerk/backend"
export const clerkAdmin = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY })`,
    },
    {
      name: "secretKey option in the proxy (server)",
      filename: file("src/proxy.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
export default clerkMiddleware({ secretKey: process.env.CLERK_SECRET_KEY, publishableKey: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY })`,
    },
    {
      name: "public env vars in a client component",
      filename: file("components/clerk-status.tsx"),
      code: `'use client'
export function ClerkStatus() { return <p>{process.env.NEXT_PUBLIC_CLERK_SIGN_IN_URL}{process.env.NEXT_PUBLIC_CLERK_JWT_KEY}</p> }`,
    },
    {
      name: "test files carry fake keys on purpose",
      filename: file("__tests__/clerk-client.test.ts"),
      code: `export const key = "${SK_TEST}"`,
    },
    {
      name: "secretKey destructured from props is not a secretKey option",
      filename: file("components/settings.tsx"),
      code: `'use client'
export function Settings({ secretKey }: { secretKey?: string }) { return <p>{secretKey ? "set" : "unset"}</p> }`,
    },
  ],
  invalid: [
    {
      name: "a literal secretKey in clerkMiddleware's dynamic options (a placeholder still overrides CLERK_SECRET_KEY)",
      filename: file("middleware.ts"),
      code: `import { clerkMiddleware } from "@clerk/nextjs/server"
import { PUBLISHABLE_KEY } from "@/lib/keys"
export default clerkMiddleware(async () => {}, () => ({
  publishableKey: PUBLISHABLE_KEY,
  secretKey: "sk_test_pastethekeyfromthedashboard",
}))`,
      errors: [{ messageId: "hardcodedSecretKey", line: 5, column: 3, data: { redacted: "sk_test_past…" } }],
    },
    {
      name: "NEXT_PUBLIC_ prefix on the secret key",
      filename: file("lib/clerk-admin.ts"),
      code: `import { createClerkClient } from "@clerk/backend"
export const clerkAdmin = createClerkClient({
  secretKey: process.env.NEXT_PUBLIC_CLERK_SECRET_KEY,
})`,
      errors: [
        {
          messageId: "publicEnvName",
          line: 3,
          column: 26,
          data: { name: "NEXT_PUBLIC_CLERK_SECRET_KEY", serverName: "CLERK_SECRET_KEY", why: "Next.js inlines NEXT_PUBLIC_ variables into the client bundle" },
          suggestions: [
            {
              messageId: "renameEnv",
              data: { serverName: "CLERK_SECRET_KEY" },
              output: `import { createClerkClient } from "@clerk/backend"
export const clerkAdmin = createClerkClient({
  secretKey: process.env.CLERK_SECRET_KEY,
})`,
            },
          ],
        },
      ],
    },
    {
      name: "Vite and Expo prefixes, signing secret and machine key names, in strings and schema keys",
      filename: file("src/env.ts", "plain"),
      code: `export const a = import.meta.env.VITE_CLERK_SECRET_KEY
export const b = process.env["EXPO_PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET"]
export const schema = { client: { NEXT_PUBLIC_CLERK_MACHINE_SECRET_KEY: "string" } }`,
      errors: [
        { messageId: "publicEnvName", line: 1, column: 34, data: { name: "VITE_CLERK_SECRET_KEY", serverName: "CLERK_SECRET_KEY", why: "Vite exposes VITE_ variables to the client bundle" }, suggestions: [{ messageId: "renameEnv", output: `export const a = import.meta.env.CLERK_SECRET_KEY
export const b = process.env["EXPO_PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET"]
export const schema = { client: { NEXT_PUBLIC_CLERK_MACHINE_SECRET_KEY: "string" } }` }] },
        { messageId: "publicEnvName", line: 2, column: 30, suggestions: [{ messageId: "renameEnv", output: `export const a = import.meta.env.VITE_CLERK_SECRET_KEY
export const b = process.env["CLERK_WEBHOOK_SIGNING_SECRET"]
export const schema = { client: { NEXT_PUBLIC_CLERK_MACHINE_SECRET_KEY: "string" } }` }] },
        { messageId: "publicEnvName", line: 3, column: 35, suggestions: [] },
      ],
    },
    {
      name: "hard-coded live secret key: reported redacted",
      filename: file("lib/clerk.ts"),
      code: `import { createClerkClient } from "@clerk/backend"
export const clerk = createClerkClient({ secretKey: "${SK_LIVE}" })`,
      errors: [{ messageId: "literalSecret", line: 2, column: 53, data: { redacted: "sk_live_4fQm…", kind: "a production secret key", envName: "CLERK_SECRET_KEY" } }],
    },
    {
      name: "signing secret passed to verifyWebhook and a key in a template literal",
      filename: file("app/api/webhooks/clerk/route.ts"),
      code: `import { verifyWebhook } from "@clerk/nextjs/webhooks"
export async function POST(req: Request) {
  const evt = await verifyWebhook(req, { signingSecret: "${WHSEC}" })
  await fetch("https://api.clerk.com/v1/users", { headers: { Authorization: \`Bearer ${SK_TEST}\` } })
  return Response.json({ type: evt.type })
}`,
      errors: [
        { messageId: "literalSecret", line: 3, column: 57, data: { redacted: "whsec_MfKQ…", kind: "a webhook signing secret", envName: "CLERK_WEBHOOK_SIGNING_SECRET" } },
        { messageId: "literalSecret", line: 4, column: 77, data: { redacted: "sk_test_Q8wE…", kind: "a development secret key", envName: "CLERK_SECRET_KEY" } },
      ],
    },
    {
      name: "server-only env var and secretKey in a client module",
      filename: file("components/admin-panel.tsx"),
      code: `'use client'
import { ClerkProvider } from "@clerk/nextjs"
const secret = process.env.CLERK_SECRET_KEY
export function AdminPanel({ children }: { children: React.ReactNode }) {
  return <ClerkProvider secretKey={secret}>{children}</ClerkProvider>
}
export const options = { secretKey: secret }`,
      errors: [
        { messageId: "serverEnvInClient", line: 3, column: 16, data: { name: "CLERK_SECRET_KEY" } },
        { messageId: "secretKeyInClient", line: 5, column: 25 },
        { messageId: "secretKeyInClient", line: 7, column: 26 },
      ],
    },
  ],
});

describe("no-secret-exposure messages", () => {
  it("never contain the secret itself", async () => {
    const { Linter } = await import("eslint");
    const tsParser = (await import("@typescript-eslint/parser")).default;
    const linter = new Linter({ configType: "flat" });
    const messages = linter.verify(
      `export const k = "${SK_LIVE}"; export const w = "${WHSEC}";`,
      [{ files: ["**/*.ts"], languageOptions: { parser: tsParser as never }, plugins: { g: { rules: { r: rule as never } } }, rules: { "g/r": "error" } }],
      file("lib/keys.ts"),
    );
    expect(messages).toHaveLength(2);
    for (const m of messages) {
      expect(m.message).not.toContain(SK_LIVE.slice(8, 14));
      expect(m.message).not.toContain(WHSEC.slice(6, 12));
    }
  });
});
