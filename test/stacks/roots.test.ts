/**
 * Rules about where Clerk code runs, on stacks other than Next.js: require-clerk-provider at the
 * root of React Router, TanStack, Expo and SPA apps; no-server-helpers-in-client in SPA and Expo
 * bundles; no-client-hooks-in-server staying out of a React Router component named `layout.tsx`.
 */
import fs from "node:fs";
import path from "node:path";
import hooksRule from "../../src/rules/no-client-hooks-in-server.js";
import helpersRule from "../../src/rules/no-server-helpers-in-client.js";
import providerRule from "../../src/rules/require-clerk-provider.js";
import { APPS, PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);
const onDisk = (project: string, rel: string) => ({ filename: at(project, rel), code: fs.readFileSync(at(project, rel), "utf8") });

runRuleTests("require-clerk-provider (stacks)", providerRule, {
  valid: [
    { name: "React Router: root.tsx renders <ClerkProvider loaderData>", ...onDisk("react-router3", "app/root.tsx") },
    { name: "Vite: main.tsx renders <App/>, which renders the provider", ...onDisk("vite-react6", "src/main.tsx") },
    { name: "Expo: the root layout renders the provider", ...onDisk("expo3", "app/_layout.tsx") },
    { name: "Remix: the root's default export is wrapped in ClerkApp() (@clerk/remix 4)", ...onDisk("remix4", "app/root.tsx") },
    {
      name: "TanStack: the root route renders the provider in its shell",
      filename: at("tanstack1", "src/routes/__root.tsx"),
      code: `import { ClerkProvider } from "@clerk/tanstack-react-start";
import { HeadContent, Outlet, Scripts, createRootRoute } from "@tanstack/react-router";

export const Route = createRootRoute({ shellComponent: RootDocument, component: () => <Outlet /> });

function RootDocument({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <html lang="en">
        <head>
          <HeadContent />
        </head>
        <body>
          {children}
          <Scripts />
        </body>
      </html>
    </ClerkProvider>
  );
}`,
    },
  ],
  invalid: [
    {
      name: "React Router: root.tsx renders only an <Outlet/> while app/components/layout.tsx uses Clerk",
      filename: at("react-router3", "app/root.tsx"),
      code: `import { rootAuthLoader } from "@clerk/react-router/server";
import { Outlet } from "react-router";
import type { Route } from "./+types/root";

export const loader = (args: Route.LoaderArgs) => rootAuthLoader(args);

export default function App() {
  return <Outlet />;
}`,
      errors: [{ messageId: "missingProvider", line: 1, data: { what: "React Router root (app/root.tsx)", count: 1, example: "app/components/layout.tsx", where: "around everything it renders" } }],
    },
    {
      name: "Remix: the root exports App itself, not ClerkApp(App), while a route uses Clerk",
      filename: at("remix4", "app/root.tsx"),
      code: fs.readFileSync(at("remix4", "app/root.tsx"), "utf8").replace('import { ClerkApp } from "@clerk/remix";\n', "").replace("export default ClerkApp(App);", "export default App;"),
      errors: [{ messageId: "missingProvider", line: 1, data: { what: "React Router root (app/root.tsx)", count: 1, example: "app/routes/_index.tsx", where: "around everything it renders" } }],
    },
    {
      name: "TanStack Start: the root route's shell renders the document without the provider while the nav uses Clerk",
      filename: path.join(APPS, "tanstack-start", "src/routes/__root.tsx"),
      code: fs
        .readFileSync(path.join(APPS, "tanstack-start", "src/routes/__root.tsx"), "utf8")
        .replace('import { ClerkProvider } from "@clerk/tanstack-react-start";\n', "")
        .replace("<ClerkProvider>", "<>")
        .replace("</ClerkProvider>", "</>"),
      errors: [{ messageId: "missingProvider", line: 1, data: { what: "root route (src/routes/__root.tsx)", count: 3, example: "src/components/nav.tsx", where: "around everything it renders" } }],
    },
    {
      name: "Vite: main.tsx renders the router without the provider",
      filename: at("vite-react6", "src/main.tsx"),
      code: `import { createRoot } from "react-dom/client";
import { BrowserRouter, Route, Routes } from "react-router";
import { Dashboard } from "./pages/Dashboard";

createRoot(document.getElementById("root")!).render(
  <BrowserRouter>
    <Routes>
      <Route path="/" element={<Dashboard />} />
    </Routes>
  </BrowserRouter>,
);`,
      errors: [{ messageId: "missingProvider", line: 1, data: { what: "app entry (src/main.tsx)", count: 1, example: "src/pages/Dashboard.tsx", where: "around everything it renders" } }],
    },
    {
      name: "Expo: the root layout renders a Stack without the provider",
      filename: at("expo3", "app/_layout.tsx"),
      code: `import { Stack } from "expo-router";

export default function RootLayout() {
  return <Stack screenOptions={{ headerShown: false }} />;
}`,
      errors: [{ messageId: "missingProvider", line: 1, data: { what: "Expo Router root layout (app/_layout.tsx)", count: 1, example: "app/(tabs)/index.tsx", where: "around everything it renders" } }],
    },
  ],
});

runRuleTests("no-server-helpers-in-client (stacks)", helpersRule, {
  valid: [
    { name: "Expo: @clerk/backend in an API route (+api.ts) is server code", ...onDisk("expo3", "app/api/teams+api.ts") },
    {
      name: "Vite + Express in one package: the server imports @clerk/express, the client never reaches it",
      filename: at("vite-react6", "server/index.ts"),
      code: `import express from "express";
import { clerkMiddleware, getAuth } from "@clerk/express";

const app = express();
app.use(clerkMiddleware());
app.get("/api/me", (req, res) => res.json({ userId: getAuth(req).userId }));
app.listen(3001);`,
    },
  ],
  invalid: [
    {
      name: "Vite: a module of the SPA bundle imports @clerk/backend",
      ...onDisk("vite-react6", "src/lib/team.ts"),
      errors: [{ messageId: "serverImportInBundle", line: 1, data: { name: "createClerkClient", source: "@clerk/backend", app: "single-page app", device: "browser", entry: "src/main.tsx" } }],
    },
    {
      name: "Expo: a screen's helper imports @clerk/backend",
      ...onDisk("expo3", "lib/clerk-admin.ts"),
      errors: [{ messageId: "serverImportInBundle", line: 1, data: { name: "createClerkClient", source: "@clerk/backend", app: "Expo app", device: "device", entry: "app/(tabs)/index.tsx" } }],
    },
    {
      // every screen is an entry: the message names the screen that reaches the module, not the first entry listed
      // (app/(auth)/_layout.tsx sorts first and imports nothing of it)
      name: "Expo: the helper is reached from the team screen, and the message says so",
      filename: path.join(APPS, "expo", "lib/clerk-admin.ts"),
      code: fs.readFileSync(path.join(APPS, "expo", "lib/clerk-admin.ts"), "utf8"),
      errors: [{ messageId: "serverImportInBundle", line: 1, data: { name: "createClerkClient", source: "@clerk/backend", app: "Expo app", device: "device", entry: "app/(home)/team.tsx" } }],
    },
  ],
});

runRuleTests("no-client-hooks-in-server (stacks)", hooksRule, {
  valid: [
    { name: "React Router: app/components/layout.tsx is a component, not a Next.js server layout", ...onDisk("react-router3", "app/components/layout.tsx") },
    {
      name: "React Router: a route module's default export renders on the client too (no 'use client' needed)",
      filename: at("react-router3", "app/routes/settings.tsx"),
      code: `import { useAuth } from "@clerk/react-router";

export default function Settings() {
  const { isSignedIn } = useAuth();
  return <p>{isSignedIn ? "Settings" : "Sign in first"}</p>;
}`,
    },
    {
      name: "Expo Router: app/_layout.tsx uses hooks (a client component, not a Next.js layout)",
      filename: at("expo3", "app/(tabs)/_layout.tsx"),
      code: `import { useAuth } from "@clerk/expo";
import { Redirect, Tabs } from "expo-router";

export default function TabsLayout() {
  const { isSignedIn } = useAuth();
  if (!isSignedIn) return <Redirect href="/sign-in" />;
  return <Tabs />;
}`,
    },
  ],
  invalid: [
    {
      name: "Next.js still: a layout.tsx of a Next.js app is a Server Component",
      filename: path.join(PROJECTS, "next7", "app/dashboard/layout.tsx"),
      code: `import { useUser } from "@clerk/nextjs";

export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  const { user } = useUser();
  return <section title={user?.id}>{children}</section>;
}`,
      errors: [{ messageId: "hookInServerComponent", line: 4 }],
    },
  ],
});
