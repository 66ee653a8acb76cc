/**
 * Per-file facts for the file a rule is linting, computed once and shared by
 * every rule: the module (imports, directives, scope-aware provenance, over
 * ESLint's own scope manager), its project and its file role.
 */
import type { TSESLint } from "@typescript-eslint/utils";
import path from "node:path";
import { isClerkWebhookFile } from "./detectors/webhooks.js";
import { Module } from "./module.js";
import { classifyFile } from "./next-files.js";
import { sfcPartOf } from "./sfc.js";
import { type ProjectInfo, projectInfoFor, readSettings } from "./project-info.js";

export type { ExportUse, UseFilter } from "./module.js";

type AnyContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

export class FileFacts extends Module {
  readonly filename: string;
  readonly project: ProjectInfo;
  private webhook: boolean | undefined;

  constructor(context: AnyContext) {
    const sourceCode = context.sourceCode;
    const file = path.resolve(context.filename);
    const project = projectInfoFor(context.filename, readSettings(context.settings), context.cwd);
    // a part of an .astro/.vue component is no Next.js page, route or middleware, whatever its folder
    const nextConventions = project.stack.next && sfcPartOf(file) === undefined;
    super(file, sourceCode.ast, sourceCode.text, classifyFile(project.root, file, nextConventions), () => sourceCode, project.stack);
    this.filename = context.filename;
    this.project = project;
  }

  /** Is this a route handler that receives Clerk webhooks? (computed once per file) */
  get isClerkWebhook(): boolean {
    this.webhook ??= isClerkWebhookFile(this);
    return this.webhook;
  }

  /** Installed major for a package of this project (undefined when unknown). */
  major(pkg: string): number | undefined {
    return this.project.major(pkg);
  }
}

const factsCache = new WeakMap<object, FileFacts>();

/** The facts for the file a rule is linting; computed once per file for all rules. */
export function getFacts(context: AnyContext): FileFacts {
  const key = context.sourceCode.ast;
  let facts = factsCache.get(key);
  if (!facts) {
    facts = new FileFacts(context);
    factsCache.set(key, facts);
  }
  return facts;
}
