/**
 * Which frameworks a project is built with, read from the nearest package.json
 * (as the Clerk version is): the facts that decide which file conventions apply
 * (a `layout.tsx` is a Next.js layout only in a Next.js project) and where code
 * runs (every module of a Vite SPA ships to the browser).
 */

export type Framework =
  | "next"
  | "express"
  | "fastify"
  | "hono"
  | "react-router"
  | "remix"
  | "tanstack-start"
  | "expo"
  | "vite"
  | "cra"
  | "convex"
  | "astro"
  | "nuxt"
  | "vue"
  | "chrome-extension";

/** Dependencies that tell a framework is in use (any one of them). */
const SIGNALS: ReadonlyArray<[Framework, RegExp]> = [
  ["next", /^(next|@clerk\/nextjs)$/],
  ["express", /^(express|@clerk\/express|@clerk\/clerk-sdk-node)$/],
  ["fastify", /^(fastify|@clerk\/fastify)$/],
  ["hono", /^(hono|@hono\/clerk-auth|@clerk\/hono)$/],
  // framework mode (loaders, actions, server rendering), or Clerk's SDK for it; `react-router` alone is a library in an SPA
  ["react-router", /^(@react-router\/(dev|node|serve|cloudflare|express|fs-routes|architect)|@clerk\/react-router)$/],
  ["remix", /^(@remix-run\/(node|react|dev|cloudflare|serve|express)|@clerk\/remix)$/],
  ["tanstack-start", /^(@tanstack\/(react|solid)-start|@tanstack\/start|@clerk\/tanstack-react-start|@clerk\/tanstack-start)$/],
  ["expo", /^(expo|expo-router|@clerk\/expo|@clerk\/clerk-expo)$/],
  ["vite", /^vite$/],
  ["cra", /^react-scripts$/],
  ["convex", /^convex$/],
  ["astro", /^(astro|@clerk\/astro)$/],
  ["nuxt", /^(nuxt|@clerk\/nuxt)$/],
  ["vue", /^(vue|@clerk\/vue)$/],
  ["chrome-extension", /^(@clerk\/chrome-extension|plasmo|@crxjs\/vite-plugin|wxt)$/],
];

/** Frameworks with file conventions of their own: in their projects, Next.js conventions do not apply. */
const OWN_CONVENTIONS: readonly Framework[] = ["express", "fastify", "hono", "react-router", "remix", "tanstack-start", "expo", "vite", "cra", "astro", "nuxt", "chrome-extension"];

export interface Stack {
  frameworks: ReadonlySet<Framework>;
  /**
   * Next.js file conventions (app/, pages/, middleware.ts) apply: a Next.js project, or a
   * project whose framework cannot be told (no package.json, or none of the known ones).
   */
  next: boolean;
  /**
   * A browser app bundled by Vite or Create React App (not a server framework built on Vite):
   * its modules ship to the browser unless only server code imports them.
   */
  spa: boolean;
  /** The Clerk SDK packages the project depends on. */
  clerk: ReadonlySet<string>;
}

export function stackOf(dependencies: ReadonlyMap<string, string>): Stack {
  const frameworks = new Set<Framework>();
  for (const name of dependencies.keys()) {
    for (const [framework, re] of SIGNALS) if (re.test(name)) frameworks.add(framework);
  }
  const next = frameworks.has("next") || !OWN_CONVENTIONS.some((f) => frameworks.has(f));
  const serverRendered = ["next", "remix", "tanstack-start", "astro", "nuxt", "expo"] as const;
  // @clerk/react-router also serves React Router's library (SPA) mode: only its framework packages render on a server
  const rrFramework = [...dependencies.keys()].some((d) => d.startsWith("@react-router/"));
  const spa = (frameworks.has("vite") || frameworks.has("cra")) && !rrFramework && !serverRendered.some((f) => frameworks.has(f));
  const clerk = new Set([...dependencies.keys()].filter((d) => d.startsWith("@clerk/") || d === "@hono/clerk-auth"));
  return { frameworks, next, spa, clerk };
}

/** The stack of a project we know nothing about: Next.js conventions apply, as before frameworks were told apart. */
export const UNKNOWN_STACK: Stack = { frameworks: new Set(), next: true, spa: false, clerk: new Set() };
