/**
 * no-custom-auth beyond Next.js: Express session cookies signed with jsonwebtoken, password
 * screens of an Expo app posting to a backend of its own, user ids taken from request headers;
 * and Clerk's own custom flows kept silent.
 */
import path from "node:path";
import rule from "../../src/rules/no-custom-auth.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);

runRuleTests("no-custom-auth (stacks)", rule, {
  valid: [
    {
      name: "Expo: a sign-in screen built on Clerk's useSignIn() with a masked password input",
      filename: at("expo3", "app/(auth)/sign-in.tsx"),
      code: `import { useSignIn } from "@clerk/expo";
import { useState } from "react";
import { Button, TextInput, View } from "react-native";

export default function SignInScreen() {
  const { signIn } = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  return (
    <View>
      <TextInput autoCapitalize="none" value={email} onChangeText={setEmail} />
      <TextInput secureTextEntry value={password} onChangeText={setPassword} />
      <Button title="Sign in" onPress={() => void signIn.password({ identifier: email, password })} />
    </View>
  );
}`,
    },
    {
      name: "Express: a middleware of the app forwards the verified user id in a header it sets itself",
      filename: at("express2", "src/routes/internal.ts"),
      code: `import { Router } from "express";
import { db } from "../db.js";

export const internal = Router();

internal.get("/usage", async (req, res) => {
  const userId = req.header("x-user-id");
  res.json(await db.usage.findMany({ where: { userId } }));
});`,
    },
    {
      name: "Express: a masked API-key field value is not a user id (formData.get('userId') is a form field)",
      filename: at("express2", "src/routes/admin.ts"),
      code: `import { Router } from "express";
import { requireAuth } from "@clerk/express";

export const admin = Router();

admin.post("/impersonate", requireAuth(), async (req, res) => {
  const form = new URLSearchParams(req.body);
  res.json({ target: form.get("userId") });
});`,
    },
  ],
  invalid: [
    {
      name: "Express: a login route signs its own JWT and sets it as a cookie",
      filename: at("express2", "src/routes/session.ts"),
      code: `import { Router } from "express";
import jwt from "jsonwebtoken";
import { db } from "../db.js";

export const session = Router();

session.post("/login", async (req, res) => {
  const user = await db.user.findUnique({ where: { email: req.body.email } });
  if (!user) return res.status(401).end();
  const token = jwt.sign({ sub: user.id }, process.env.JWT_SECRET!, { expiresIn: "7d" });
  res.cookie("session", token, { httpOnly: true, sameSite: "lax" });
  res.json({ ok: true });
});`,
      errors: [{ messageId: "sessionToken", line: 10, data: { lib: "jsonwebtoken" } }],
    },
    {
      name: "Hono: the user id comes from an x-user-id header",
      filename: at("hono", "src/routes/me.ts"),
      code: `import { Hono } from "hono";
import { eq } from "drizzle-orm";
import { db } from "../db";
import { profiles } from "../schema";

export const me = new Hono();

me.get("/", async (c) => {
  const userId = c.req.header("x-user-id");
  if (!userId) return c.json({ error: "missing user" }, 400);
  return c.json(await db.select().from(profiles).where(eq(profiles.clerkId, userId)));
});`,
      errors: [{ messageId: "headerIdentity", line: 9, data: { header: "x-user-id", how: "`getAuth(c)`" } }],
    },
    {
      name: "Expo: a sign-in screen posts the password to a backend of its own",
      filename: at("expo3", "app/(auth)/login.tsx"),
      code: `import { useState } from "react";
import { Button, TextInput, View } from "react-native";
import * as SecureStore from "expo-secure-store";

export default function LoginScreen() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const onLogin = async () => {
    const res = await fetch(\`\${process.env.EXPO_PUBLIC_API_URL}/auth/login\`, { method: "POST", body: JSON.stringify({ email, password }) });
    await SecureStore.setItemAsync("jwt", (await res.json()).token);
  };
  return (
    <View>
      <TextInput value={email} onChangeText={setEmail} />
      <TextInput secureTextEntry value={password} onChangeText={setPassword} />
      <Button title="Log in" onPress={onLogin} />
    </View>
  );
}`,
      errors: [{ messageId: "passwordForm", line: 15 }],
    },
  ],
});
