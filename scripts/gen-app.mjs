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

/** An emptied `dir` and a function writing `rel` into it (returns the absolute path). */
function writerInto(dir) {
  fs.rmSync(dir, { recursive: true, force: true });
  return (rel, text) => {
    const f = path.join(dir, rel);
    fs.mkdirSync(path.dirname(f), { recursive: true });
    fs.writeFileSync(f, text);
    return f;
  };
}

/** The kind of the i-th file: a deterministic round-robin over a weighted mix. */
function kindAt(mix, i) {
  const total = mix.reduce((s, [, w]) => s + w, 0);
  let slot = i % total;
  for (const [k, w] of mix) {
    if (slot < w) return k;
    slot -= w;
  }
  return mix[0][0];
}

/** Write an app of `files` code files into `dir` (replacing it). Returns the file list. */
export function generateApp(dir, files) {
  const write = writerInto(dir);
  write("package.json", JSON.stringify({ name: "bench-app", private: true, dependencies: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0", react: "^19.2.0", bcryptjs: "^3.0.0" } }, null, 2));
  write("tsconfig.json", JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*"] } } }));
  const out = [];
  out.push(write("proxy.ts", `import { clerkMiddleware } from "@clerk/nextjs/server";\nexport default clerkMiddleware();\nexport const config = { matcher: ["/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)", "/(api|trpc)(.*)", "/__clerk/(.*)"] };\n`));
  out.push(write("app/layout.tsx", `import { ClerkProvider } from "@clerk/nextjs";\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return <html lang="en"><body><ClerkProvider>{children}</ClerkProvider></body></html>;\n}\n`));
  out.push(write("lib/db.ts", `import { PrismaClient } from "@prisma/client";\nexport const db = new PrismaClient();\n`));
  let i = 0;
  while (out.length < files) {
    const kind = kindAt(MIX, i);
    out.push(write(locate(kind, i), T[kind](i)));
    i++;
  }
  return out;
}

// An Express API (server/) beside a Vite SPA (index.html → src/main.tsx) in one package: the other
// common shape of AI-built Clerk apps. Routers are mounted from server/index.ts, so what runs in front
// of each route is read across files; the SPA's bundle is what index.html reaches.
const E = {
  util: T.util,
  uiComponent: T.uiComponent,
  clientUser: (i) => `import { useUser } from "@clerk/react";

export function Greeting${i}() {
  const { isLoaded, user } = useUser();
  if (!isLoaded) return <span>Loading…</span>;
  return <span>Hello {user?.firstName ?? "there"}</span>;
}
`,
  page: (i) => `import { useAuth } from "@clerk/react";
import { useEffect, useState } from "react";
import { TodoList${i - 30} } from "../components/ui/todo-${i - 30}";

export function Page${i}() {
  const { getToken } = useAuth();
  const [items, setItems] = useState<{ id: string; title: string; done: boolean }[]>([]);
  useEffect(() => {
    getToken().then((t) => fetch("/api/r${i}", { headers: { Authorization: \`Bearer \${t}\` } })).then((r) => r.json()).then(setItems);
  }, [getToken]);
  return <TodoList${i - 30} items={items} onToggle={() => {}} onRemove={() => {}} />;
}
`,
  routeOk: (i) => `import { Router } from "express";
import { getAuth } from "@clerk/express";
import { prisma } from "../lib/db.js";

export const router${i} = Router();

router${i}.post("/", async (req, res) => {
  const { userId } = getAuth(req);
  if (!userId) return res.status(401).json({ error: "Unauthenticated" });
  const project = await prisma.project.create({ data: { name: String(req.body.name), ownerId: userId, n: ${i} } });
  res.status(201).json(project);
});

router${i}.get("/", async (req, res) => {
  const { userId } = getAuth(req);
  res.json(await prisma.project.findMany({ where: { ownerId: userId ?? "" } }));
});
`,
  badHeader: (i) => `import { Router } from "express";
import { prisma } from "../lib/db.js";

export const router${i} = Router();

router${i}.put("/", async (req, res) => {
  const userId = req.header("x-user-id");
  await prisma.user.update({ where: { clerkId: userId }, data: { name: String(req.body.name), n: ${i} } });
  res.status(204).end();
});
`,
  badDelete: (i) => `import { Router } from "express";
import { prisma } from "../lib/db.js";

export const router${i} = Router();

router${i}.delete("/:id", async (req, res) => {
  await prisma.project.delete({ where: { id: req.params.id } });
  res.status(204).end();
});
`,
  badSecret: (i) => `import { createClerkClient } from "@clerk/express";

const clerk = createClerkClient({ secretKey: import.meta.env.VITE_CLERK_SECRET_KEY });

export const listUsers${i} = () => clerk.users.getUserList({ limit: ${i} });
`,
};

const E_MIX = [
  ["util", 25], ["uiComponent", 25], ["clientUser", 10], ["page", 10], ["routeOk", 20],
  ["badHeader", 3], ["badDelete", 3], ["badSecret", 2],
];

function locateE(kind, i) {
  switch (kind) {
    case "util": return `src/lib/utils/u${i}.ts`;
    case "uiComponent": return `src/components/ui/todo-${i}.tsx`;
    case "clientUser": return `src/components/greeting-${i}.tsx`;
    case "page": return `src/pages/page-${i}.tsx`;
    case "badSecret": return `src/lib/admin-${i}.ts`;
    default: return `server/routes/r${i}.ts`;
  }
}

/** Write an Express + Vite app of `files` code files into `dir` (replacing it). Returns the file list. */
export function generateExpressViteApp(dir, files) {
  const write = writerInto(dir);
  const deps = { "@clerk/express": "^2.1.0", "@clerk/react": "^6.18.0", express: "^5.1.0", react: "^19.2.0", "react-dom": "^19.2.0" };
  write("package.json", JSON.stringify({ name: "bench-express-vite", private: true, type: "module", dependencies: deps, devDependencies: { vite: "^7.1.0" } }, null, 2));
  write("index.html", `<!doctype html><html><body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>\n`);
  const out = [];
  out.push(write("server/lib/db.ts", `import { PrismaClient } from "@prisma/client";\nexport const prisma = new PrismaClient();\n`));
  const routers = [];
  const pages = [];
  const reserved = 3; // server/index.ts, src/main.tsx, src/App.tsx
  let i = 0;
  while (out.length < files - reserved) {
    // a page imports a UI component of the same round (slot 60+ → 30+)
    const kind = kindAt(E_MIX, i);
    out.push(write(locateE(kind, i), E[kind](i)));
    if (locateE(kind, i).startsWith("server/routes/")) routers.push(i);
    if (kind === "page") pages.push(i);
    if (kind === "badSecret") pages.push(-i);
    i++;
  }
  const mounts = routers.map((n) => `app.use("/api/r${n}", router${n});`).join("\n");
  const imports = routers.map((n) => `import { router${n} } from "./routes/r${n}.js";`).join("\n");
  out.push(write("server/index.ts", `import express from "express";\nimport { clerkMiddleware } from "@clerk/express";\n${imports}\n\nconst app = express();\napp.use(express.json());\napp.use(clerkMiddleware());\n${mounts}\napp.listen(4000);\n`));
  const pageImports = pages.map((n) => (n >= 0 ? `import { Page${n} } from "./pages/page-${n}";` : `import { listUsers${-n} } from "./lib/admin-${-n}";`)).join("\n");
  const used = pages.map((n) => (n >= 0 ? `Page${n}` : `listUsers${-n}`)).join(", ");
  out.push(write("src/App.tsx", `import { UserButton } from "@clerk/react";\n${pageImports}\n\nexport const screens = [${used}];\n\nexport function App() {\n  return <UserButton />;\n}\n`));
  out.push(write("src/main.tsx", `import { createRoot } from "react-dom/client";\nimport { ClerkProvider } from "@clerk/react";\nimport { App } from "./App";\n\ncreateRoot(document.getElementById("root")!).render(\n  <ClerkProvider publishableKey={import.meta.env.VITE_CLERK_PUBLISHABLE_KEY}>\n    <App />\n  </ClerkProvider>,\n);\n`));
  return out;
}
