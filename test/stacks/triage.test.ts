/**
 * Shapes found by running clerk-guard on real Clerk apps of other stacks (React Router,
 * Fastify, Express + Mongoose): each false positive keeps a trap silent here, each miss
 * finds its defect. The projects are written to a temporary folder (removed afterwards)
 * because their layout is the point: a layout route's provider, a model module, a guard
 * module.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import providerRule from "../../src/rules/require-clerk-provider.js";
import { runRuleTests } from "../helpers.js";

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), "cg-triage-"));
afterAll(() => fs.rmSync(TMP, { recursive: true, force: true }));

/** Write a project's files; returns the absolute path of a file in it. */
function project(name: string, files: Record<string, string>): (rel: string) => { filename: string; code: string } {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(TMP, name, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
  }
  return (rel) => ({ filename: path.join(TMP, name, rel), code: files[rel]! });
}

// ── React Router 7: <ClerkProvider> in a layout route, not in root.tsx ─────────────
const RR_PACKAGE = JSON.stringify({
  name: "rr-layout-provider",
  private: true,
  type: "module",
  dependencies: { "@clerk/react-router": "^1.4.0", "@react-router/node": "^7.5.0", "react-router": "^7.5.0", react: "^19.1.0" },
  devDependencies: { "@react-router/dev": "^7.5.0" },
});
const RR_ROOT_BARE = `import { Links, Meta, Outlet, Scripts } from "react-router";

export function Layout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <head>
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}
`;
const rrLayout = project("rr-layout-provider", {
  "package.json": RR_PACKAGE,
  "app/root.tsx": RR_ROOT_BARE,
  "app/routes.ts": `import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  index("routes/landing.tsx"),
  layout("routes/account/shell.tsx", [
    route("login/*", "routes/account/login.tsx"),
    route("settings", "routes/account/settings.tsx"),
  ]),
] satisfies RouteConfig;
`,
  "app/routes/landing.tsx": `export default function Landing() {
  return <h1>Plan your week</h1>;
}
`,
  "app/routes/account/shell.tsx": `import { ClerkProvider } from "@clerk/react-router";
import { rootAuthLoader } from "@clerk/react-router/ssr.server";
import { Outlet } from "react-router";
import type { Route } from "./+types/shell";

export const loader = (args: Route.LoaderArgs) => rootAuthLoader(args);

export default function AccountShell({ loaderData }: Route.ComponentProps) {
  return (
    <ClerkProvider loaderData={loaderData} signInFallbackRedirectUrl="/settings">
      <Outlet />
    </ClerkProvider>
  );
}
`,
  "app/routes/account/login.tsx": `import { LoginCard } from "../../ui/login-card";

export default function Login() {
  return <LoginCard />;
}
`,
  "app/ui/login-card.tsx": `import { SignIn } from "@clerk/react-router";

export function LoginCard() {
  return (
    <section className="card">
      <SignIn />
    </section>
  );
}
`,
  "app/routes/account/settings.tsx": `import { UserProfile } from "@clerk/react-router";

export default function Settings() {
  return <UserProfile />;
}
`,
});

const rrMissing = project("rr-no-provider", {
  "package.json": RR_PACKAGE.replace("rr-layout-provider", "rr-no-provider"),
  "app/root.tsx": RR_ROOT_BARE,
  "app/routes/settings.tsx": `import { UserProfile } from "@clerk/react-router";

export default function Settings() {
  return <UserProfile />;
}
`,
});

runRuleTests("require-clerk-provider (real-world shapes)", providerRule, {
  valid: [
    {
      name: "React Router: the provider sits in a layout route that wraps the routes using Clerk; root.tsx has none",
      ...rrLayout("app/root.tsx"),
    },
  ],
  invalid: [
    {
      name: "React Router: no module renders the provider while a route renders <UserProfile/>",
      ...rrMissing("app/root.tsx"),
      errors: [{ messageId: "missingProvider", data: { what: "React Router root (app/root.tsx)", count: 1, example: "app/routes/settings.tsx", where: "around everything it renders" } }],
    },
  ],
});
