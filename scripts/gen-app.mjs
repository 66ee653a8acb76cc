// Deterministic synthetic Next.js + Clerk app for benchmarks: clean code mixed with every anti-pattern.
import fs from "node:fs";
import path from "node:path";

const T = {
  util: (i) => `export function formatPrice${i}(cents: number, currency = "USD"): string {
  return new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
}

export function slugify${i}(input: string): string {
  return input.toLowerCase().trim().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

export const clamp${i} = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));
`,
  uiComponent: (i) => `import { useMemo, useState } from "react";

type Item = { id: string; label: string; done: boolean };

export function TodoList${i}({ items }: { items: Item[] }) {
  const [filter, setFilter] = useState<"all" | "open">("all");
  const visible = useMemo(() => items.filter((x) => filter === "all" || !x.done), [items, filter]);
  return (
    <section>
      <button onClick={() => setFilter(filter === "all" ? "open" : "all")}>{filter}</button>
      <ul>
        {visible.map((item) => (
          <li key={item.id} className={item.done ? "line-through" : ""}>{item.label}</li>
        ))}
      </ul>
    </section>
  );
}
`,
  clientUser: (i) => `'use client'
import { useUser } from "@clerk/nextjs";

export function Greeting${i}() {
  const { isLoaded, user } = useUser();
  if (!isLoaded) return <span>Loading…</span>;
  return <span>Hello {user?.firstName ?? "there"}</span>;
}
`,
  serverPage: (i) => `import { auth } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export default async function Page${i}() {
  const { userId } = await auth.protect();
  const projects = await db.project.findMany({ where: { ownerId: userId } });
  return <ul>{projects.map((p) => <li key={p.id}>{p.name}</li>)}</ul>;
}
`,
  routeOk: (i) => `import { auth } from "@clerk/nextjs/server";
import { NextResponse } from "next/server";
import { db } from "@/lib/db";

export async function POST(req: Request) {
  const { userId } = await auth();
  if (!userId) return new NextResponse("Unauthorized", { status: 401 });
  const body = (await req.json()) as { name: string };
  const project = await db.project.create({ data: { name: body.name, ownerId: userId, n: ${i} } });
  return NextResponse.json(project);
}
`,
  badAwait: (i) => `import { auth } from "@clerk/nextjs/server";

export async function GET() {
  const { userId } = auth();
  return Response.json({ userId, n: ${i} });
}
`,
  badClient: (i) => `'use client'
import { currentUser } from "@clerk/nextjs/server";

export async function Profile${i}() {
  const user = await currentUser();
  return <p>{user?.emailAddresses[0]?.emailAddress}</p>;
}
`,
  badWebhook: (i) => `import { headers } from "next/headers";
import { db } from "@/lib/db";

export async function POST(req: Request) {
  const h = await headers();
  const id = h.get("svix-id");
  const payload = await req.json();
  if (payload.type === "user.created") {
    await db.user.create({ data: { clerkId: payload.data.id, n: ${i}, svix: id } });
  }
  return new Response("ok");
}
`,
  badUserSync: (i) => `import { auth, currentUser } from "@clerk/nextjs/server";
import { db } from "@/lib/db";

export default async function Onboarding${i}() {
  const { userId } = await auth();
  const user = await currentUser();
  if (userId && user) await db.user.create({ data: { clerkId: userId, email: user.emailAddresses[0]?.emailAddress } });
  return <p>Welcome</p>;
}
`,
  badPassword: (i) => `import bcrypt from "bcryptjs";
import { db } from "@/lib/db";

export async function POST(req: Request) {
  const { email, password } = (await req.json()) as { email: string; password: string };
  const hash = await bcrypt.hash(password, 10);
  await db.account.create({ data: { email, hash, n: ${i} } });
  return new Response("created");
}
`,
};

const MIX = [
  ["util", 30], ["uiComponent", 30], ["clientUser", 10], ["serverPage", 10], ["routeOk", 8],
  ["badAwait", 3], ["badClient", 3], ["badWebhook", 2], ["badUserSync", 2], ["badPassword", 2],
];

function locate(kind, i) {
  switch (kind) {
    case "util": return `lib/utils/u${i}.ts`;
    case "uiComponent": return `components/ui/todo-${i}.tsx`;
    case "clientUser": return `components/greeting-${i}.tsx`;
    case "serverPage": return `app/(app)/p${i}/page.tsx`;
    case "routeOk": return `app/api/projects-${i}/route.ts`;
    case "badAwait": return `app/api/me-${i}/route.ts`;
    case "badClient": return `components/profile-${i}.tsx`;
    case "badWebhook": return `app/api/webhooks/clerk-${i}/route.ts`;
    case "badUserSync": return `app/onboarding-${i}/page.tsx`;
    case "badPassword": return `app/api/register-${i}/route.ts`;
  }
}

/** Write an app of `files` code files into `dir` (replacing it). Returns the file list. */
export function generateApp(dir, files) {
  fs.rmSync(dir, { recursive: true, force: true });
  const write = (rel, text) => {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
  write("package.json", JSON.stringify({ name: "bench-app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0", react: "^19.2.0", bcryptjs: "^3.0.0" } }, null, 2));
  write("tsconfig.json", JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*"] } } }));
  const out = [];
  out.push(write("proxy.ts", `import { clerkMiddleware } from "@clerk/nextjs/server";\nexport default clerkMiddleware();\nexport const config = { matcher: ["/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)", "/(api|trpc)(.*)", "/__clerk/(.*)"] };\n`));
  out.push(write("app/layout.tsx", `import { ClerkProvider } from "@clerk/nextjs";\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body><ClerkProvider>{children}</ClerkProvider></body></html>;\n}\n`));
  out.push(write("lib/db.ts", `import { PrismaClient } from "@prisma/client";\nexport const db = new PrismaClient();\n`));
  const total = MIX.reduce((s, [, w]) => s + w, 0);
  let i = 0;
  while (out.length < files) {
    // deterministic round-robin over the weighted mix
    let slot = i % total;
    let kind = MIX[0][0];
    for (const [k, w] of MIX) {
      if (slot < w) { kind = k; break; }
      slot -= w;
    }
    out.push(write(locate(kind, i), T[kind](i)));
    i++;
  }
  return out;
}
