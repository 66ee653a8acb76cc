/**
 * Type-check documentation examples against the real published types of the Clerk
 * SDKs, Next.js, React and Express installed as devDependencies. All blocks go into
 * one TypeScript program (fast). Each group of blocks gets its own directory holding a
 * copy of the shared stubs (test/typecheck-stubs: a Prisma-like `db`, Convex's generated
 * files) under the block files, and `@/` imports are rewritten to paths in that directory.
 */
import fs from "node:fs";
import path from "node:path";
import ts from "typescript";
import { type CodeBlock, PROJECT_SETUPS } from "./doc-blocks.js";
import { REPO } from "./helpers.js";

const STUBS = path.join(REPO, "test", "typecheck-stubs");
const EXTS = [".ts", ".tsx", ".d.ts", ".js", ".jsx", "/index.ts", "/index.tsx"];

function findModule(base: string): string | undefined {
  for (const ext of EXTS) if (fs.existsSync(base + ext)) return base + ext;
  return undefined;
}

function relImport(fromFile: string, target: string): string {
  let rel = path.relative(path.dirname(fromFile), target).split(path.sep).join("/");
  rel = rel.replace(/(\/index)?\.(d\.ts|tsx?|jsx?)$/, "");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

export interface TypecheckResult {
  block: CodeBlock;
  errors: string[];
  /** Why the block was not type-checked (its stack's types are not installed). */
  skipped?: string;
}

/** Why a block cannot be type-checked here, or undefined when it can. */
export function typecheckSkipReason(b: CodeBlock): string | undefined {
  const setup: { typecheck: true | string } = PROJECT_SETUPS[b.project];
  return setup.typecheck === true ? undefined : setup.typecheck;
}

export function typecheckBlocks(all: readonly CodeBlock[]): TypecheckResult[] {
  const blocks = all.filter((b) => typecheckSkipReason(b) === undefined && b.title);
  // inside the repository so that node_modules resolution finds the devDependencies
  // One directory per call: docs and skills tests type-check in parallel workers.
  fs.mkdirSync(path.join(REPO, ".cache"), { recursive: true });
  const root = fs.mkdtempSync(path.join(REPO, ".cache", "typecheck-"));
  try {
    return typecheckIn(root, all, blocks);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

function typecheckIn(root: string, all: readonly CodeBlock[], blocks: readonly CodeBlock[]): TypecheckResult[] {
  fs.mkdirSync(root, { recursive: true });
  const groups = new Map<string, CodeBlock[]>();
  blocks.forEach((b, i) => {
    const key = b.group ? `${b.doc}#${b.group}` : `${b.doc}#${i}`;
    groups.set(key, [...(groups.get(key) ?? []), b]);
  });
  const fileOf = new Map<CodeBlock, string>();
  // Blocks that augment globals (`declare global`) get a program of their own, so their
  // declarations cannot change the meaning of other examples.
  const programs: string[][] = [[]];
  let n = 0;
  for (const list of groups.values()) {
    const dir = path.join(root, `g${n++}`);
    fs.cpSync(STUBS, dir, { recursive: true, filter: (src) => !/\.d\.ts$/.test(src) || !path.dirname(src).endsWith("typecheck-stubs") });
    for (const b of list) {
      const file = path.join(dir, b.title!);
      fileOf.set(b, file);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, b.code);
    }
    // rewrite `@/` and `~/` imports (root, src/ or app/) once every file of the group exists, whatever the block order
    for (const b of list) {
      const file = fileOf.get(b)!;
      const code = b.code.replace(/(from\s+|import\s*\(\s*)(["'])[@~]\/([^"']+)\2/g, (all, pre: string, q: string, spec: string) => {
        const target = findModule(path.join(dir, spec)) ?? findModule(path.join(dir, "src", spec)) ?? findModule(path.join(dir, "app", spec));
        return target ? `${pre}${q}${relImport(file, target)}${q}` : all;
      });
      fs.writeFileSync(file, code);
    }
    const files = list.map((b) => fileOf.get(b)!);
    if (list.some((b) => /\bdeclare\s+global\b/.test(b.code))) programs.push(files);
    else programs[0]!.push(...files);
  }
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts", "lib.dom.d.ts", "lib.dom.iterable.d.ts"],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    jsx: ts.JsxEmit.Preserve,
    esModuleInterop: true,
    skipLibCheck: true,
    allowJs: true,
    checkJs: true,
    isolatedModules: true,
    resolveJsonModule: true,
    types: ["node", "react", "react-dom"],
    typeRoots: [path.join(REPO, "node_modules", "@types")],
  };
  const byFile = new Map<string, string[]>();
  for (const files of programs) {
    if (files.length === 0) continue;
    const ambient = fs.readdirSync(STUBS).filter((f) => f.endsWith(".d.ts")).map((f) => path.join(STUBS, f));
    const program = ts.createProgram([...files, ...ambient], options);
    for (const d of ts.getPreEmitDiagnostics(program)) {
      const file = d.file?.fileName ? path.resolve(d.file.fileName) : "";
      const where = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const text = `${where ? `${where.line + 1}:${where.character + 1} ` : ""}TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
      byFile.set(file, [...(byFile.get(file) ?? []), text]);
    }
  }
  return all.map((block) => {
    const skipped = typecheckSkipReason(block) ?? (block.title ? undefined : "the block names no file");
    return skipped ? { block, errors: [], skipped } : { block, errors: byFile.get(path.resolve(fileOf.get(block)!)) ?? [] };
  });
}
