import rule from "../../src/rules/no-custom-auth.js";
import fs from "node:fs";
import path from "node:path";
import { PROJECTS, file, runRuleTests } from "../helpers.js";

/** fixtures/projects/real-world-shapes: an admin create-user route and form, an own sign-up route. */
const shapes = (rel: string) => {
  const filename = path.join(PROJECTS, "real-world-shapes", rel);
  return { filename, code: fs.readFileSync(filename, "utf8") };
};

runRuleTests("no-custom-auth", rule, {
  valid: [
    // ── password fields that are not credential auth ───────────────────────
    {
      name: "form showcase: the submit only shows an alert",
      filename: file("src/components/forms/demo-form.tsx"),
      code: `"use client"
import { useState } from "react"
import { Input } from "@/components/ui/input"
export function DemoForm() {
  const [values, setValues] = useState({ email: "", password: "" })
  return (
    <form onSubmit={(e) => { e.preventDefault(); alert("Form submitted successfully!") }}>
      <Input type="email" value={values.email} onChange={(e) => setValues({ ...values, email: e.target.value })} />
      <Input type="password" placeholder="Min 8 characters" value={values.password} onChange={(e) => setValues({ ...values, password: e.target.value })} />
      <button type="submit">Submit</button>
    </form>
  )
}`,
    },
    {
      name: "mock settings card: the change-password button only shows a toast",
      filename: file("app/admin/profile/page.tsx"),
      code: `"use client"
import { Button } from "@/components/ui/button"
import { Input } from "@/components/ui/input"
import { toast } from "@/hooks/use-toast"
export default function ProfilePage() {
  const save = async () => { await fetch("/api/profile", { method: "POST", body: "{}" }) }
  const handleChangePassword = () => { toast({ title: "Password changed" }) }
  return (
    <div>
      <button onClick={save}>Save profile</button>
      <div className="space-y-4">
        <Input id="currentPassword" type="password" />
        <Input id="newPassword" type="password" />
        <Button onClick={handleChangePassword}>Change Password</Button>
      </div>
    </div>
  )
}`,
    },
    {
      name: "a masked, read-only password shown in a settings panel",
      filename: file("components/builder/settings.tsx"),
      code: `"use client"
import { Input } from "@/components/ui/input"
export function AccountSettings({ onSave }: { onSave: () => Promise<void> }) {
  return <div><h3>Password</h3><Input type="password" placeholder="••••••••" value="••••••••" /><button onClick={() => onSave()}>Save</button></div>
}`,
    },
    {
      name: "an admin form whose password goes to a route that creates the user through Clerk",
      ...shapes("components/admin/create-user-form.tsx"),
    },
    {
      name: "an admin route that checks the caller's permission before creating the user through Clerk",
      ...shapes("app/api/admin/users/route.ts"),
    },
    // ── hashing that is not about passwords ─────────────────────────────────
    {
      name: "bcrypt on API keys (a non-password secret)",
      filename: file("src/lib/api-keys.ts"),
      code: `import bcrypt from "bcrypt";
import { randomBytes } from "node:crypto";

export async function createApiKey() {
  const apiKey = "ak_" + randomBytes(24).toString("base64url");
  const hashedKey = await bcrypt.hash(apiKey, 10);
  return { apiKey, hashedKey };
}

export async function matchesApiKey(presented: string, storedHash: string) {
  return bcrypt.compare(presented, storedHash);
}`,
    },
    {
      name: "argon2 on a webhook secret and crypto.scrypt for an encryption key",
      filename: file("lib/crypto.ts"),
      code: `import * as argon2 from "argon2";
import { scryptSync } from "node:crypto";

export const hashSigningSecret = (secret: string) => argon2.hash(secret);
export const deriveEncryptionKey = (masterKey: string, salt: Buffer) => scryptSync(masterKey, salt, 32);`,
    },
    {
      name: "a helper named for tokens, not passwords",
      filename: file("lib/reset-tokens.ts"),
      code: `import { hash } from "bcryptjs";
export async function hashPasswordResetToken(value: string) {
  return hash(value, 10);
}`,
    },
    {
      name: "not a Clerk project: password hashing is this app's own business",
      filename: file("lib/auth.ts", "plain"),
      code: `import bcrypt from "bcryptjs";
export const hashPassword = (password: string) => bcrypt.hash(password, 12);`,
    },
    {
      name: "a local function named hash is not bcrypt",
      filename: file("lib/fingerprint.ts"),
      code: `import bcrypt from "bcryptjs";
const hash = (password: string) => password.length.toString(16);
export const fingerprint = (password: string) => hash(password);
export const rounds = bcrypt.getRounds("$2a$10$abcdefghijklmnopqrstuu");`,
    },
    // ── Clerk custom flows with a password input ───────────────────────────
    {
      name: "Core 3 custom sign-in: useSignIn from the root (signal API)",
      filename: file("app/sign-in/[[...sign-in]]/page.tsx"),
      code: `"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useSignIn } from "@clerk/nextjs";

export default function SignInPage() {
  const { signIn, errors, fetchStatus } = useSignIn();
  const router = useRouter();
  const [emailAddress, setEmailAddress] = useState("");
  const [password, setPassword] = useState("");

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    await signIn.password({ emailAddress, password });
    if (signIn.status === "complete") {
      await signIn.finalize({ navigate: ({ decorateUrl }) => router.push(decorateUrl("/dashboard")) });
    }
  }

  return (
    <form onSubmit={onSubmit}>
      <input type="email" name="email" value={emailAddress} onChange={(e) => setEmailAddress(e.target.value)} />
      <input type="password" name="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      {errors.fields.password && <p>{errors.fields.password.message}</p>}
      <button disabled={fetchStatus === "fetching"}>Sign in</button>
    </form>
  );
}`,
    },
    {
      name: "custom sign-up with useSignUp from @clerk/nextjs/legacy",
      filename: file("components/custom-sign-up.tsx"),
      code: `"use client";

import { useState } from "react";
import { useSignUp } from "@clerk/nextjs/legacy";

export function CustomSignUp() {
  const { isLoaded, signUp, setActive } = useSignUp();
  const [emailAddress, setEmailAddress] = useState("");
  const [password, setPassword] = useState("");

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!isLoaded) return;
    const attempt = await signUp.create({ emailAddress, password });
    if (attempt.status === "complete") await setActive({ session: attempt.createdSessionId });
  }

  return (
    <form onSubmit={submit}>
      <input type="email" value={emailAddress} onChange={(e) => setEmailAddress(e.target.value)} />
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <button type="submit">Create account</button>
    </form>
  );
}`,
    },
    {
      name: "v5 custom flow: useSignIn from the root returns { isLoaded, signIn, setActive }",
      filename: file("app/sign-in/[[...sign-in]]/page.tsx", "next5"),
      code: `"use client";
import { useState } from "react";
import { useSignIn } from "@clerk/nextjs";

export default function SignInPage() {
  const { isLoaded, signIn, setActive } = useSignIn();
  const [password, setPassword] = useState("");
  async function submit(identifier: string) {
    if (!isLoaded) return;
    const result = await signIn.create({ identifier, password });
    if (result.status === "complete") await setActive({ session: result.createdSessionId });
  }
  return (
    <form onSubmit={(e) => { e.preventDefault(); void submit(new FormData(e.currentTarget).get("email") as string); }}>
      <input type="email" name="email" />
      <input type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
    </form>
  );
}`,
    },
    {
      name: "aliased useSignIn from @clerk/react",
      filename: file("src/components/login.tsx"),
      code: `import { useSignIn as useClerkSignIn } from "@clerk/react";
export function Login() {
  const { signIn } = useClerkSignIn();
  return <input type="password" name="password" onChange={(e) => signIn.password({ identifier: "x", password: e.target.value })} />;
}`,
    },
    {
      name: "Clerk Elements",
      filename: file("app/sign-in/[[...sign-in]]/page.tsx"),
      code: `"use client";

import * as Clerk from "@clerk/elements/common";
import * as SignIn from "@clerk/elements/sign-in";

export default function SignInPage() {
  return (
    <SignIn.Root>
      <SignIn.Step name="start">
        <Clerk.Field name="identifier">
          <Clerk.Input type="email" />
        </Clerk.Field>
        <Clerk.Field name="password">
          <Clerk.Input type="password" />
        </Clerk.Field>
        <SignIn.Action submit>Continue</SignIn.Action>
      </SignIn.Step>
    </SignIn.Root>
  );
}`,
    },
    {
      name: "change-password form on Clerk's user.updatePassword",
      filename: file("app/account/security/change-password.tsx"),
      code: `"use client";

import { useState } from "react";
import { useUser } from "@clerk/nextjs";

export function ChangePassword() {
  const { user } = useUser();
  const [currentPassword, setCurrentPassword] = useState("");
  const [newPassword, setNewPassword] = useState("");
  return (
    <form onSubmit={async (e) => { e.preventDefault(); await user?.updatePassword({ currentPassword, newPassword }); }}>
      <input type="password" autoComplete="current-password" value={currentPassword} onChange={(e) => setCurrentPassword(e.target.value)} />
      <input type="password" autoComplete="new-password" value={newPassword} onChange={(e) => setNewPassword(e.target.value)} />
      <button>Update password</button>
    </form>
  );
}`,
    },
    // ── password-typed inputs that are not sign-in credentials ─────────────
    {
      name: "CVV in a card form",
      filename: file("src/app/billing/checkout-form.tsx"),
      code: `"use client";

export function CheckoutForm() {
  return (
    <form>
      <input type="email" name="email" placeholder="Receipt email" />
      <input name="cardNumber" inputMode="numeric" />
      <input type="password" name="cvv" placeholder="CVV" inputMode="numeric" maxLength={4} />
    </form>
  );
}`,
    },
    {
      name: "CVC in a react-hook-form field (the name sits on the FormField)",
      filename: file("components/payment-form.tsx"),
      code: `"use client";

import { FormControl, FormField, FormItem } from "@/components/ui/form";
import { Input } from "@/components/ui/input";

export function PaymentForm({ form }: { form: any }) {
  return (
    <form>
      <FormField control={form.control} name="email" render={({ field }) => <Input type="email" {...field} />} />
      <FormField
        control={form.control}
        name="cvc"
        render={({ field }) => (
          <FormItem>
            <FormControl>
              <Input type="password" {...field} />
            </FormControl>
          </FormItem>
        )}
      />
    </form>
  );
}`,
    },
    {
      name: "a card PIN wrapped in its label, and a Wi-Fi password setting",
      filename: file("app/devices/[id]/settings-form.tsx"),
      code: `export function DeviceSettings() {
  return (
    <form>
      <input type="email" name="owner" />
      <label>Card PIN <input type="password" /></label>
      <input type="password" name="wifiPassword" />
    </form>
  );
}`,
    },
    {
      name: "a masked API key field",
      filename: file("app/settings/integrations/page.tsx"),
      code: `export default function Integrations() {
  return <input type="password" name="openaiApiKey" placeholder="sk-..." />;
}`,
    },
    // ── tokens and cookies that are not a session ───────────────────────────
    {
      name: "jose SignJWT for a service token, no cookie written",
      filename: file("lib/service-token.ts"),
      code: `import { SignJWT } from "jose";
import superjson from "superjson";

export async function serviceToken(secret: Uint8Array) {
  const token = await new SignJWT({ scope: "reports:read" }).setProtectedHeader({ alg: "HS256" }).setExpirationTime("5m").sign(secret);
  return superjson.serialize({ token });
}`,
    },
    {
      name: "jwt.verify of a third-party token with a cookie write elsewhere in the file",
      filename: file("app/api/integrations/callback/route.ts"),
      code: `import jwt from "jsonwebtoken";
import { cookies } from "next/headers";

export async function GET(req: Request) {
  const state = new URL(req.url).searchParams.get("state") ?? "";
  const claims = jwt.verify(state, process.env.INTEGRATION_STATE_SECRET!);
  const cookieStore = await cookies();
  cookieStore.set("integration_connected", "1");
  return Response.json({ claims });
}`,
    },
    {
      name: "type-only import of iron-session",
      filename: file("lib/types.ts"),
      code: `import type { IronSession } from "iron-session";
export type LegacySession = IronSession<{ cartId: string }>;`,
    },
  ],
  invalid: [
    {
      name: "an own sign-up route relaying the plaintext password to clerkClient.users.createUser",
      ...shapes("app/api/register/route.ts"),
      errors: [{ messageId: "passwordRelay", line: 7, column: 22 }],
    },
    // ── password hashing ────────────────────────────────────────────────────
    {
      name: "bcrypt.hash on the password from the JSON body",
      filename: file("app/api/auth/signup/route.ts"),
      code: `import bcrypt from "bcryptjs";
import { db } from "@/lib/db";

export async function POST(req: Request) {
  const { email, password } = await req.json();
  const passwordHash = await bcrypt.hash(password, 10);
  await db.account.create({ data: { email, passwordHash } });
  return Response.json({ ok: true });
}`,
      errors: [{ messageId: "passwordHash", line: 6, column: 30, data: { lib: "bcryptjs" } }],
    },
    {
      name: "named bcrypt compare against the stored hash",
      filename: file("app/api/auth/login/route.ts"),
      code: `import { compare } from "bcrypt";
import { db } from "@/lib/db";

export async function POST(req: Request) {
  const body = await req.json();
  const account = await db.account.findUnique({ where: { email: body.email } });
  if (!account || !(await compare(body.password, account.passwordHash))) {
    return Response.json({ error: "Invalid credentials" }, { status: 401 });
  }
  return Response.json({ ok: true });
}`,
      errors: [{ messageId: "passwordHash", line: 7, column: 27, data: { lib: "bcrypt" } }],
    },
    {
      name: "value read from the password form field (one hop through a local)",
      filename: file("app/register/actions.ts"),
      code: `"use server";
import { hash } from "@node-rs/argon2";

export async function register(formData: FormData) {
  const secretValue = formData.get("password") as string;
  return hash(secretValue);
}`,
      errors: [{ messageId: "passwordHash", line: 6, column: 10, data: { lib: "@node-rs/argon2" } }],
    },
    {
      name: "a hashPassword helper whose parameter is not named password",
      filename: file("lib/password.ts"),
      code: `import bcrypt from "bcryptjs";

export function hashPassword(plain: string) {
  return bcrypt.hash(plain, 12);
}

export const verifyPassword = (input: string, stored: string) => bcrypt.compare(input, stored);`,
      errors: [
        { messageId: "passwordHash", line: 4, column: 10 },
        { messageId: "passwordHash", line: 7, column: 66 },
      ],
    },
    {
      name: "crypto.scrypt through util.promisify, and pbkdf2Sync on credentials",
      filename: file("lib/auth/hash.ts"),
      code: `import crypto from "node:crypto";
import { promisify } from "node:util";

const scryptAsync = promisify(crypto.scrypt);

export async function derive(password: string, salt: string) {
  return (await scryptAsync(password, salt, 64)) as Buffer;
}

export function legacyDigest(credentials: { password: string }) {
  return crypto.pbkdf2Sync(credentials.password, "salt", 310000, 32, "sha256");
}`,
      errors: [
        { messageId: "passwordHash", line: 7, column: 17, data: { lib: "crypto.scrypt" } },
        { messageId: "passwordHash", line: 11, column: 10, data: { lib: "crypto.pbkdf2Sync" } },
      ],
    },
    {
      name: "Mongoose pre-save hook hashing this.password (require)",
      filename: file("models/user.js"),
      code: `const bcrypt = require("bcrypt");
userSchema.pre("save", async function () {
  this.password = await bcrypt.hash(this.password, 10);
});`,
      errors: [{ messageId: "passwordHash", line: 3, column: 25, data: { lib: "bcrypt" } }],
    },
    {
      name: "Express app (a Clerk project through @clerk/express) hashing passwords",
      filename: file("src/routes/register.ts", "express2"),
      code: `import { Router } from "express";
import argon2 from "argon2";

export const register = Router().post("/register", async (req, res) => {
  const digest = await argon2.hash(req.body.password);
  res.json({ digest });
});`,
      errors: [{ messageId: "passwordHash", line: 5, column: 24, data: { lib: "argon2" } }],
    },
    // ── home-made password forms ────────────────────────────────────────────
    {
      name: "login form posting to its own API",
      filename: file("components/login-form.tsx"),
      code: `"use client";

import { useState } from "react";

export function LoginForm() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  return (
    <form onSubmit={() => fetch("/api/auth/login", { method: "POST", body: JSON.stringify({ email, password }) })}>
      <input id="email" type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
      <input id="password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <input id="confirm" type="password" />
    </form>
  );
}`,
      errors: [{ messageId: "passwordForm", line: 11, column: 7 }],
    },
    {
      name: "show/hide toggle: type is a conditional",
      filename: file("app/login/page.tsx"),
      code: `"use client";
import { useState } from "react";
export default function LoginPage() {
  const [show, setShow] = useState(false);
  return (
    <form action="/api/login" method="post">
      <input type="email" name="email" />
      <input type={show ? "text" : "password"} name="pw" />
      <button type="button" onClick={() => setShow(!show)}>Show</button>
    </form>
  );
}`,
      errors: [{ messageId: "passwordForm", line: 8, column: 7 }],
    },
    {
      name: "shadcn Input under a FormField named password",
      filename: file("components/auth/sign-up-form.tsx"),
      code: `"use client";
import { FormField } from "@/components/ui/form";
import { Input } from "@/components/ui/input";
export function SignUpForm({ form }: { form: any }) {
  return <FormField control={form.control} name="password" render={({ field }) => <Input type="password" {...field} />} />;
}`,
      errors: [{ messageId: "passwordForm", line: 5, column: 83 }],
    },
    {
      name: "useUser for a redirect does not make a home-made login form Clerk's",
      filename: file("components/login-card.tsx"),
      code: `"use client";
import { useUser } from "@clerk/nextjs";
export function LoginCard() {
  const { isSignedIn } = useUser();
  if (isSignedIn) return null;
  return (
    <form action="/api/auth/login" method="post">
      <input type="email" name="email" />
      <input type="password" name="password" />
    </form>
  );
}`,
      errors: [{ messageId: "passwordForm", line: 9, column: 7 }],
    },
    // ── own session tokens and session libraries ────────────────────────────
    {
      name: "jsonwebtoken sign stored in a cookie",
      filename: file("lib/session.ts"),
      code: `import jwt from "jsonwebtoken";
import { cookies } from "next/headers";

export async function createSession(userId: string) {
  const token = jwt.sign({ sub: userId }, process.env.JWT_SECRET!, { expiresIn: "7d" });
  (await cookies()).set("session", token, { httpOnly: true, secure: true });
}`,
      errors: [{ messageId: "sessionToken", line: 5, column: 17, data: { lib: "jsonwebtoken" } }],
    },
    {
      name: "jose SignJWT with the cookie package's serialize",
      filename: file("pages/api/login.ts"),
      code: `import { SignJWT } from "jose";
import { serialize } from "cookie";

export default async function handler(req: any, res: any) {
  const token = await new SignJWT({ sub: req.body.email }).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(process.env.SESSION_SECRET));
  res.setHeader("Set-Cookie", serialize("session", token, { httpOnly: true, path: "/" }));
  res.status(200).end();
}`,
      errors: [{ messageId: "sessionToken", line: 5, column: 23, data: { lib: "jose SignJWT" } }],
    },
    {
      name: "iron-session and lucia",
      filename: file("lib/session.ts"),
      code: `import { getIronSession } from "iron-session";
import { Lucia } from "lucia";
export const lucia = new Lucia(adapter);
export const getSession = (cookieStore: any) => getIronSession(cookieStore, { password: process.env.SESSION_PASSWORD!, cookieName: "sid" });`,
      errors: [
        { messageId: "sessionLibrary", line: 1, column: 10, data: { lib: "iron-session" } },
        { messageId: "sessionLibrary", line: 2, column: 10, data: { lib: "lucia" } },
      ],
    },
  ],
});
