/**
 * The projects a Markdown code block can declare it belongs to (`project="next6"` in the fence
 * info string), and how a block that declares nothing is placed: in the project its document sits
 * in, or, when that project has no Clerk dependency (a docs repository), in the current line of the
 * Clerk package it imports.
 */

/** Named stacks: the dependencies (ranges) a block of that stack is linted with. */
export const DOC_STACKS = {
  next7: { "@clerk/nextjs": "^7.9.0", next: "^16.1.0", react: "^19.2.0" },
  next6: { "@clerk/nextjs": "^6.12.0", next: "^15.1.0", react: "^19.2.0" },
  next5: { "@clerk/nextjs": "^5.7.5", next: "^14.2.0", react: "^19.2.0" },
  next4: { "@clerk/nextjs": "^4.29.0", next: "^13.5.0", react: "^19.2.0" },
  express2: { "@clerk/express": "^2.1.0", express: "^5.1.0", react: "^19.2.0" },
  plain: { next: "^16.1.0", react: "^19.2.0" },
  react6: { "@clerk/react": "^6.18.0", react: "^19.2.0", "react-dom": "^19.2.0", "react-router": "^7.9.0", vite: "^7.0.0" },
  convex: { "@clerk/react": "^6.18.0", convex: "^1.28.0", react: "^19.2.0", "react-dom": "^19.2.0", vite: "^7.0.0" },
  "react-router3": { "@clerk/react-router": "^3.6.0", "react-router": "^7.9.0", react: "^19.2.0" },
  tanstack1: { "@clerk/tanstack-react-start": "^1.5.0", "@tanstack/react-start": "^1.167.17", "@tanstack/react-router": "^1.168.10", react: "^19.2.0" },
  nuxt3: { "@clerk/nuxt": "^3.0.0", nuxt: "^4.1.0", vue: "^3.5.0" },
  "nuxt3-config": { "@clerk/nuxt": "^3.0.0", nuxt: "^4.1.0", vue: "^3.5.0" },
  vue2: { "@clerk/vue": "^2.5.0", vue: "^3.5.0" },
  fastify3: { "@clerk/fastify": "^3.1.0", fastify: "^5.0.0" },
  hono: { "@hono/clerk-auth": "^3.1.0", "@clerk/backend": "^2.29.0", hono: "^4.0.0" },
  testing: { "@clerk/testing": "^2.2.0", "@playwright/test": "^1.50.0", "@clerk/nextjs": "^7.9.0", next: "^16.1.0" },
  expo: { "@clerk/expo": "^4.6.0", expo: "^55.0.0", "expo-secure-store": "^15.0.0", "react-native": "^0.83.0", react: "^19.2.0" },
  astro4: { "@clerk/astro": "^4.0.0", astro: "^5.0.0" },
  chrome3: { "@clerk/chrome-extension": "^3.1.0", react: "^19.2.0", "react-dom": "^19.2.0" },
} as const satisfies Record<string, Record<string, string>>;

export type DocStack = keyof typeof DOC_STACKS;

export const isDocStack = (name: string): name is DocStack => Object.hasOwn(DOC_STACKS, name);

/** The stack of a block that declares none and sits outside any Clerk project, by the first Clerk package it imports. */
const STACK_OF_PACKAGE: ReadonlyArray<[RegExp, DocStack]> = [
  [/^@clerk\/testing(\/|$)/, "testing"],
  [/^@clerk\/nextjs(\/|$)/, "next7"],
  [/^@clerk\/express(\/|$)/, "express2"],
  [/^@clerk\/react-router(\/|$)/, "react-router3"],
  [/^@clerk\/tanstack-react-start(\/|$)/, "tanstack1"],
  [/^@clerk\/nuxt(\/|$)/, "nuxt3"],
  [/^@clerk\/vue(\/|$)/, "vue2"],
  [/^@clerk\/fastify(\/|$)/, "fastify3"],
  [/^@hono\/clerk-auth(\/|$)/, "hono"],
  [/^@clerk\/(clerk-)?expo(\/|$)/, "expo"],
  [/^@clerk\/astro(\/|$)/, "astro4"],
  [/^@clerk\/chrome-extension(\/|$)/, "chrome3"],
  [/^convex(\/|$)/, "convex"],
  [/^@clerk\/(clerk-)?react(\/|$)/, "react6"],
];

export function stackOfImports(specifiers: readonly string[]): DocStack | undefined {
  for (const [re, stack] of STACK_OF_PACKAGE) if (specifiers.some((s) => re.test(s))) return stack;
  return undefined;
}

/**
 * The major each Clerk package had in the Core 2 line: the one before its Core 3 major (see the
 * research notes: nextjs 7, react 6, expo 3, react-router 3, astro 3, nuxt 2, vue 2, express 2,
 * backend 3 are Core 3). `@clerk/nextjs` Core 2 spans v5 and v6; a block declared "Core 2" is
 * linted as v5, where both the synchronous and the awaited `auth()` are correct (a false positive
 * costs more than a miss). Packages missing here are left out of the block's project.
 */
const CORE2: Readonly<Record<string, string>> = {
  "@clerk/nextjs": "^5.7.5",
  "@clerk/clerk-react": "^5.0.0",
  "@clerk/react": "^5.0.0",
  "@clerk/express": "^1.0.0",
  "@clerk/backend": "^1.0.0",
  "@clerk/clerk-sdk-node": "^5.0.0",
  "@clerk/remix": "^4.0.0",
  "@clerk/clerk-expo": "^2.0.0",
  "@clerk/react-router": "^2.0.0",
  "@clerk/astro": "^2.0.0",
  "@clerk/nuxt": "^1.0.0",
  "@clerk/vue": "^1.0.0",
};

const FRAMEWORK_OF: Readonly<Record<string, Record<string, string>>> = {
  "@clerk/nextjs": { next: "^15.1.0", react: "^19.0.0" },
  "@clerk/express": { express: "^4.21.0" },
  "@clerk/remix": { "@remix-run/node": "^2.0.0", react: "^18.3.0" },
  "@clerk/react-router": { "react-router": "^7.0.0", react: "^18.3.0" },
  "@clerk/astro": { astro: "^4.0.0" },
  "@clerk/nuxt": { nuxt: "^3.0.0", vue: "^3.4.0" },
  "@clerk/vue": { vue: "^3.4.0" },
  "@clerk/clerk-expo": { expo: "^51.0.0", react: "^18.3.0" },
};

/**
 * Dependencies for a block whose text declares a Clerk line: "Core 2" (`major: "core2"`), or
 * "@clerk/nextjs 6" (a package and its major). `imports` are the block group's import specifiers.
 */
export function declaredDependencies(declared: Declared, imports: readonly string[]): Record<string, string> {
  if (declared.kind === "package") {
    const framework = FRAMEWORK_OF[declared.pkg] ?? {};
    const next: Record<string, string> = declared.pkg === "@clerk/nextjs" ? { next: NEXT_FOR_CLERK_MAJOR[declared.major] ?? "^16.1.0" } : {};
    return { ...framework, ...next, react: "^19.2.0", [declared.pkg]: `^${declared.major}.0.0` };
  }
  if (declared.kind === "core3") return { ...DOC_STACKS[stackOfImports(imports) ?? "next7"] };
  const deps: Record<string, string> = {};
  const packages = new Set(imports.map(packageOf).filter((p) => p.startsWith("@clerk/")));
  if (packages.size === 0) packages.add("@clerk/nextjs");
  for (const pkg of packages) {
    const range = CORE2[pkg];
    if (!range) continue;
    Object.assign(deps, FRAMEWORK_OF[pkg] ?? {});
    deps[pkg] = range;
  }
  if (deps["@clerk/nextjs"]) deps.next = "^14.2.0";
  return deps;
}

const NEXT_FOR_CLERK_MAJOR: Readonly<Record<number, string>> = { 4: "^13.5.0", 5: "^14.2.0", 6: "^15.1.0", 7: "^16.1.0" };

export type Declared = { kind: "core2" } | { kind: "core3" } | { kind: "package"; pkg: string; major: number };

export function packageOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}
