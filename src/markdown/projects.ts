/**
 * Each Markdown code block is linted as a file of a small virtual project: the block at its
 * title's path, the other blocks of its `group`, a package.json and a tsconfig. The project lives
 * in file overlays under `<doc>/<n>_block/` (the path ESLint gives the block), so every question
 * the analysis core asks (the Clerk version, the stack, the file's role, other files) is answered
 * as for a project on disk, and nothing is written.
 *
 * Its dependencies: the project the block declares (`project="next6"`, "Core 2 only",
 * "@clerk/nextjs 6"), else the project the document sits in, with its installed versions, else
 * (a document outside any Clerk project) the current line of the Clerk package the block imports.
 */
import path from "node:path";
import { setOverlay } from "../analysis/fs-cache.js";
import { beginFactsRun, majorFromRange, projectInfoFor } from "../analysis/project-info.js";
import { dropProjectIndex } from "../analysis/project/index.js";
import { type MarkdownBlock, extensionOf } from "./blocks.js";
import { DOC_STACKS, type DocStack, declaredDependencies, stackOfImports } from "./stacks.js";

/** The path of block `index` inside its virtual project, as ESLint names it: `<doc>/<index>_block/<file>`. */
export const BLOCK_DIR = "block";

/** A JSX tag where an expression starts (not a type argument such as `Promise<User>`). */
const JSX_START = /(?:^|[(,=?:{}[]|\breturn|=>|&&|\|\|)\s*<(?:[A-Za-z][\w.:-]*[\s/>]|>)/m;
const MIDDLEWARE = /export\s+default\s+(?:clerkMiddleware|authMiddleware)\s*\(|export\s+(?:const|function)\s+(?:proxy|middleware)\b/;
const ROUTE_HANDLER = /export\s+(?:async\s+)?function\s+(?:GET|POST|PUT|PATCH|DELETE)\s*\(|export\s+const\s+(?:GET|POST|PUT|PATCH|DELETE)\s*=/;

/**
 * The file a block stands for inside its project: its title, else a name from what it is. A
 * Next.js middleware is `proxy.ts` (Next 16) or `middleware.ts`; a module exporting HTTP method
 * handlers is a route handler; `typescript` blocks with JSX are `.tsx`.
 */
export function blockFileName(block: MarkdownBlock, dependencies: Readonly<Record<string, string>> = {}): string {
  if (block.title) return block.title;
  let ext = extensionOf(block.lang);
  if ((ext === "ts" || ext === "js") && JSX_START.test(block.code)) ext += "x";
  const name = `example-${block.line}`;
  if (dependencies.next !== undefined || dependencies["@clerk/nextjs"] !== undefined) {
    if (MIDDLEWARE.test(block.code)) return `${(majorFromRange(dependencies.next) ?? 16) >= 16 ? "proxy" : "middleware"}.${ext}`;
    if (ROUTE_HANDLER.test(block.code)) return `app/api/${name}/route.${ext}`;
  }
  return `${name}.${ext}`;
}

export function blockRoot(doc: string, index: number): string {
  return path.join(path.resolve(doc), `${index}_${BLOCK_DIR}`);
}

/** Import specifiers of a block's code (a text scan: the block may not parse). */
export function importsOf(code: string): string[] {
  const out: string[] = [];
  for (const m of code.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)["']([^"']+)["']/g)) out.push(m[1]!);
  return out;
}

export interface VirtualProjectOptions {
  /** The stack of a block that declares none (the test suite's docs default to `next7`). */
  defaultStack?: DocStack;
}

/** The dependencies a block is linted with. */
export function dependenciesFor(doc: string, block: MarkdownBlock, group: readonly MarkdownBlock[], options: VirtualProjectOptions): Record<string, string> {
  if (block.project) return { ...DOC_STACKS[block.project] };
  const imports = group.flatMap((b) => importsOf(b.code));
  if (block.declared) return declaredDependencies(block.declared, imports);
  if (options.defaultStack) return { ...DOC_STACKS[options.defaultStack] };
  const home = projectInfoFor(doc);
  if (home.isClerkProject) {
    const deps: Record<string, string> = {};
    // the installed version where the lockfile says it, so the block is linted against what the project runs
    for (const [name, range] of home.dependencies) deps[name] = name.startsWith("@clerk/") || name === "next" ? (home.version(name) ?? range) : range;
    return deps;
  }
  return { ...DOC_STACKS[stackOfImports(imports) ?? "next7"] };
}

const TSCONFIG = JSON.stringify({ compilerOptions: { paths: { "@/*": ["./*", "./src/*"], "~/*": ["./app/*", "./src/*"] } } });

export interface Mounted {
  /** Each block's file inside its project (the name ESLint gets, under `block/`). */
  files: string[];
  /** Overlay files to remove afterwards. */
  overlays: string[];
}

/** Set up the virtual project of every block. Blocks of one `group` see each other's files. */
export function mountBlocks(doc: string, blocks: readonly MarkdownBlock[], options: VirtualProjectOptions = {}): Mounted {
  const overlays: string[] = [];
  const put = (file: string, content: string): void => {
    setOverlay(file, content);
    overlays.push(file);
  };
  const groupOf = (block: MarkdownBlock) => (block.group ? blocks.filter((b) => b.group === block.group) : [block]);
  const deps = blocks.map((block) => dependenciesFor(doc, block, groupOf(block), options));
  const files = blocks.map((block, i) => blockFileName(block, deps[i]));
  blocks.forEach((block, index) => {
    const root = blockRoot(doc, index);
    put(path.join(root, "package.json"), JSON.stringify({ name: `markdown-example-${index}`, private: true, dependencies: deps[index] }));
    put(path.join(root, "tsconfig.json"), TSCONFIG);
    // the project's boundary: its own versions, never a lockfile or workspace of the repository around the document
    put(path.join(root, ".git"), "");
    for (const other of groupOf(block)) if (other !== block) put(path.join(root, files[blocks.indexOf(other)]!), other.code);
    put(path.join(root, files[index]!), block.code);
  });
  return { files, overlays };
}

export function unmountBlocks(doc: string, count: number, overlays: readonly string[]): void {
  for (const file of overlays) setOverlay(file, undefined);
  for (let i = 0; i < count; i++) dropProjectIndex(blockRoot(doc, i));
  // the same virtual paths may hold another document's project next: revalidate before the next answer
  beginFactsRun();
}
