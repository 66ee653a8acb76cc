/**
 * require-clerk-provider is a project rule: it reads the other files of the
 * project from disk. Each scenario is a small project under
 * fixtures/projects/core-provider-*; the linted file is read from that project,
 * so the test and the project cannot disagree.
 */
import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/require-clerk-provider.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

/** A file of a fixture project: its real path and its content on disk. */
function fixture(project: string, rel: string): { filename: string; code: string } {
  const filename = path.join(PROJECTS, project, rel);
  return { filename, code: fs.readFileSync(filename, "utf8") };
}

runRuleTests("require-clerk-provider", rule, {
  valid: [
    {
      name: "<ClerkProvider> inside <body> of app/layout.tsx",
      ...fixture("core-provider-body", "app/layout.tsx"),
    },
    {
      name: "<ClerkProvider> wrapping <html> (still valid without cacheComponents)",
      ...fixture("core-provider-html", "app/layout.tsx"),
    },
    {
      name: "provider in a 'use client' components/providers.tsx imported through @/ (src/ layout)",
      ...fixture("core-provider-wrapper", "src/app/layout.tsx"),
    },
    {
      name: "Convex wrapper (ConvexProviderWithClerk inside ClerkProvider) re-exported by a barrel",
      ...fixture("core-provider-convex", "app/layout.tsx"),
    },
    {
      name: "a 'use client' root layout rendering ClerkProvider",
      ...fixture("core-provider-client-layout", "app/layout.tsx"),
    },
    {
      name: "all Clerk usage sits under app/(auth)/layout.tsx, which renders the provider (a story file is ignored)",
      ...fixture("core-provider-nested", "app/layout.tsx"),
    },
    {
      name: "the nested route-group layout itself is not a root layout",
      ...fixture("core-provider-nested", "app/(auth)/layout.tsx"),
    },
    {
      name: "route-group root layout without Clerk usage; the shared component is used only under the (app) root",
      ...fixture("core-provider-groups", "app/(marketing)/layout.tsx"),
    },
    {
      name: "route-group root layout with the provider",
      ...fixture("core-provider-groups", "app/(app)/layout.tsx"),
    },
    {
      name: "pages/_app renders ClerkProvider",
      ...fixture("core-provider-pages", "pages/_app.tsx"),
    },
    {
      name: "Clerk only on the server (auth.protect in a page): no provider needed",
      ...fixture("core-provider-server-only", "app/layout.tsx"),
    },
    {
      name: "namespace import: <Clerk.ClerkProvider> around <Clerk.UserButton />",
      filename: path.join(PROJECTS, "core-provider-server-only", "app/layout.tsx"),
      code: `import * as Clerk from "@clerk/nextjs";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Clerk.ClerkProvider>
          <Clerk.UserButton />
          {children}
        </Clerk.ClerkProvider>
      </body>
    </html>
  );
}`,
    },
    {
      name: "not a root layout: a nested layout without the provider is not judged",
      filename: path.join(PROJECTS, "core-provider-missing", "app/dashboard/layout.tsx"),
      code: `export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return <section>{children}</section>;
}`,
    },
    {
      name: "a page is not a layout",
      ...fixture("core-provider-missing", "app/sign-up/[[...sign-up]]/page.tsx"),
    },
  ],
  invalid: [
    {
      name: "root layout renders a theme-only Providers; the header and sign-up page use Clerk",
      ...fixture("core-provider-missing", "app/layout.tsx"),
      errors: [{ messageId: "missingProvider", line: 1, column: 1, data: { what: "root layout", count: 2, example: "app/sign-up/[[...sign-up]]/page.tsx", where: "inside <body>" } }],
    },
    {
      name: "the nested layout covers (auth) but a marketing page renders <SignUpButton>",
      ...fixture("core-provider-nested-leak", "app/layout.tsx"),
      errors: [{ messageId: "missingProvider", line: 1, column: 1, data: { what: "root layout", count: 1, example: "app/(marketing)/page.tsx", where: "inside <body>" } }],
    },
    {
      name: "route-group root layout (no app/layout.tsx) whose cart page calls useAuth()",
      ...fixture("core-provider-groups", "app/(shop)/layout.tsx"),
      errors: [{ messageId: "missingProvider", line: 1, column: 1, data: { what: "root layout", count: 1, example: "app/(shop)/cart/page.tsx", where: "inside <body>" } }],
    },
    {
      name: "pages/_app without the provider while a page renders <UserProfile>",
      ...fixture("core-provider-pages-missing", "pages/_app.tsx"),
      errors: [{ messageId: "missingProvider", line: 1, column: 1, data: { what: "pages/_app", count: 1, example: "pages/account.tsx", where: "inside <body>" } }],
    },
    {
      name: "the root layout itself renders <UserButton> without a provider",
      filename: path.join(PROJECTS, "core-provider-server-only", "app/layout.tsx"),
      code: `import { UserButton } from "@clerk/nextjs";

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>
        <header><UserButton /></header>
        {children}
      </body>
    </html>
  );
}`,
      errors: [{ messageId: "missingProvider", line: 1, column: 1, data: { what: "root layout", count: 1, example: "app/layout.tsx", where: "inside <body>" } }],
    },
  ],
});
