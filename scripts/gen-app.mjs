// Deterministic synthetic Next.js + Clerk app for benchmarks: clean code mixed with every anti-pattern.
import fs from "node:fs";
import path from "node:path";

const T = {
  util: (i) => `// Formatting and validation helpers shared by pages and route handlers.
export type Currency = "USD" | "EUR" | "GBP";

export interface Money {
  cents: number;
  currency: Currency;
}

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(currency: Currency, locale: string): Intl.NumberFormat {
  const key = \`\${locale}:\${currency}\`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, f);
  }
  return f;
}

export function formatMoney${i}(money: Money, locale = "en-US"): string {
  return formatterFor(money.currency, locale).format(money.cents / 100);
}

export function slugify${i}(input: string): string {
  return input
    .normalize("NFKD")
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export const clamp${i} = (n: number, min: number, max: number) => Math.min(max, Math.max(min, n));

export function chunk${i}<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let k = 0; k < items.length; k += size) out.push(items.slice(k, k + size));
  return out;
}

export function isEmail${i}(value: string): boolean {
  return /^[^\\s@]+@[^\\s@]+\\.[^\\s@]+$/.test(value);
}

export function relativeTime${i}(date: Date, now = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  if (Math.abs(seconds) < 60) return rtf.format(seconds, "second");
  if (Math.abs(seconds) < 3600) return rtf.format(Math.round(seconds / 60), "minute");
  if (Math.abs(seconds) < 86400) return rtf.format(Math.round(seconds / 3600), "hour");
  return rtf.format(Math.round(seconds / 86400), "day");
}
`,
  uiComponent: (i) => `import { useMemo, useState } from "react";

type Item = { id: string; label: string; done: boolean; dueAt?: string; tags: string[] };
type Filter = "all" | "open" | "done";

interface Props {
  items: Item[];
  title?: string;
  onToggle?: (id: string) => void;
  onRemove?: (id: string) => void;
}

function matches(item: Item, filter: Filter, query: string): boolean {
  if (filter === "open" && item.done) return false;
  if (filter === "done" && !item.done) return false;
  if (!query) return true;
  const q = query.toLowerCase();
  return item.label.toLowerCase().includes(q) || item.tags.some((t) => t.toLowerCase().includes(q));
}

export function TodoList${i}({ items, title = "Tasks", onToggle, onRemove }: Props) {
  const [filter, setFilter] = useState<Filter>("all");
  const [query, setQuery] = useState("");
  const visible = useMemo(() => items.filter((x) => matches(x, filter, query)), [items, filter, query]);
  const openCount = items.filter((x) => !x.done).length;

  return (
    <section className="rounded-lg border p-4">
      <header className="mb-3 flex items-center justify-between">
        <h2 className="text-lg font-semibold">
          {title} <span className="text-sm text-muted-foreground">({openCount} open)</span>
        </h2>
        <div className="flex gap-2">
          {(["all", "open", "done"] as const).map((f) => (
            <button key={f} type="button" aria-pressed={filter === f} onClick={() => setFilter(f)} className="rounded px-2 py-1 text-sm">
              {f}
            </button>
          ))}
        </div>
      </header>
      <input className="mb-3 w-full rounded border px-2 py-1" placeholder="Search tasks" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="space-y-1">
        {visible.map((item) => (
          <li key={item.id} className="flex items-center gap-2">
            <input type="checkbox" checked={item.done} onChange={() => onToggle?.(item.id)} />
            <span className={item.done ? "line-through" : ""}>{item.label}</span>
            {item.dueAt ? <time className="ml-auto text-xs">{item.dueAt}</time> : null}
            <button type="button" aria-label="Remove" onClick={() => onRemove?.(item.id)}>×</button>
          </li>
        ))}
      </ul>
      {visible.length === 0 ? <p className="text-sm text-muted-foreground">Nothing here.</p> : null}
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
