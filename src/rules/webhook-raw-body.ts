import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap, walk } from "../analysis/ast.js";
import { getFacts } from "../analysis/file-facts.js";
import { asJsonStringify, bodyReads, findVerifyCalls } from "../analysis/detectors/webhooks.js";
import { verifierHelper } from "../analysis/detectors/webhook-verifiers.js";
import { serverRoutes } from "../analysis/endpoints.js";
import { relPath } from "../analysis/project/exports.js";
import { getProjectIndex } from "../analysis/project/index.js";
import { jsonParserBefore, routeCalls } from "../analysis/server-routes.js";
import { createRule } from "../util/create-rule.js";

/** Initializer of a `const x = …` in the same function, for one-hop data flow. */
function initOf(id: TSESTree.Identifier, scope: Node): Node | undefined {
  let init: Node | undefined;
  walk(scope, (n) => {
    if (init) return false;
    if (n.type === "VariableDeclarator" && n.id.type === "Identifier" && n.id.name === id.name && n.init) init = n.init;
    return undefined;
  });
  return init;
}

/** `await req.json()` / `req.body` (a parsed body). */
function isParsedBody(node: Node): boolean {
  let n = unwrap(node);
  if (n.type === "AwaitExpression") n = unwrap(n.argument);
  if (n.type === "CallExpression") {
    const c = unwrap(n.callee);
    return c.type === "MemberExpression" && propertyName(c) === "json";
  }
  return n.type === "MemberExpression" && propertyName(n) === "body";
}

export default createRule({
  name: "webhook-raw-body",
  meta: {
    type: "problem",
    hasSuggestions: true,
    docs: {
      description: "Verify webhook signatures over the raw request body, never a re-serialized or already-consumed one",
      config: "recommended",
      severity: "high",
      projectRule: true,
      versions: "all",
      frameworks: ["next", "express", "fastify", "hono", "react-router", "tanstack-start", "expo", "astro", "nuxt", "convex"],
      fix: "Pass `await req.text()` (or the raw Buffer) to the verifier, or call verifyWebhook(req) before reading the body.",
    },
    messages: {
      reserialized:
        "The signature is checked over JSON.stringify(parsed body), not the bytes Clerk signed. Key order, unicode escapes and number formats change in the round trip, so valid webhooks fail intermittently. Verify over `await req.text()` (or the raw Buffer).",
      consumedBefore:
        "The request body is read here before `verifyWebhook({{req}})`, which reads it again: the second read fails and every webhook is rejected. Call verifyWebhook first and use `evt.data`.",
      useRawText: "Use `await {{req}}.text()` as the payload.",
      parsedBeforeRaw:
        "{{parser}} ({{where}}) parses every request body before this webhook route runs, so the svix verifier gets a parsed object instead of the bytes Clerk signed and rejects every webhook (an `express.raw()` on the route no longer sees the body). Mount the webhook route before the JSON parser, or skip the parser for it.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    const verifier = facts.importsFrom((s) => s === "svix" || s === "standardwebhooks" || (s.startsWith("@clerk/") && s.includes("webhooks")));
    const registersRoutes = routeCalls(facts).length > 0 && facts.textMatches(/webhook/i);
    if (!verifier && !registersRoutes) return {};

    /** Express webhook routes behind a JSON body parser (mounted earlier, here or in the app that mounts this router). */
    const reportParsedBodies = () => {
      const index = getProjectIndex(facts.project.root);
      for (const e of serverRoutes(facts, index)) {
        if (e.reach !== "webhook" || !e.route || e.route.framework !== "express") continue;
        // svix/standardwebhooks verify the bytes they are given: a parsed object never verifies. (Clerk's
        // verifyWebhook re-serializes a parsed body itself; an unverified handler is require-webhook-verification's.)
        const mod = e.module ?? facts;
        if (!findVerifyCalls(e.fn, mod, verifierHelper(index, mod)).some((v) => v.kind === "manual")) continue;
        const parser = jsonParserBefore(index, facts, e.route);
        if (!parser) continue;
        const where = `${relPath(index, parser.module.file)}:${parser.node.loc.start.line}`;
        context.report({ node: e.reportNode, messageId: "parsedBeforeRaw", data: { parser: `\`${parser.module.text.slice(parser.node.range[0], parser.node.range[1]).replace(/\s+/g, " ")}\``, where } });
      }
    };
    return {
      Program(program) {
        if (registersRoutes) reportParsedBodies();
        if (!verifier) return;
        for (const v of findVerifyCalls(program, facts)) {
          const fn = enclosingFunctionOf(v.call) ?? program;
          if (v.kind === "manual") {
            const payload = v.call.arguments[0];
            if (!payload) continue;
            let stringify = asJsonStringify(payload);
            if (!stringify && unwrap(payload).type === "Identifier") stringify = asJsonStringify(initOf(unwrap(payload) as TSESTree.Identifier, fn));
            if (!stringify || !stringify.arguments[0]) continue;
            const arg = stringify.arguments[0];
            const argInner = unwrap(arg);
            const parsed = isParsedBody(arg) || (argInner.type === "Identifier" && !!initOf(argInner, fn) && isParsedBody(initOf(argInner, fn)!));
            if (!parsed) continue;
            const reqObj = rawRequestName(arg, fn);
            const direct = unwrap(arg).type === "AwaitExpression" && reqObj;
            context.report({
              node: stringify,
              messageId: "reserialized",
              suggest: direct
                ? [{ messageId: "useRawText", data: { req: reqObj }, fix: (fixer) => fixer.replaceText(stringify!, `await ${reqObj}.text()`) }]
                : [],
            });
          } else if (v.kind === "verifyWebhook") {
            const reqArg = v.call.arguments[0] ? unwrap(v.call.arguments[0]) : undefined;
            if (!reqArg || reqArg.type !== "Identifier") continue;
            for (const read of bodyReads(fn, reqArg.name)) {
              if (read.range[1] <= v.call.range[0] && !isCloneRead(read)) {
                context.report({ node: read, messageId: "consumedBefore", data: { req: reqArg.name } });
              }
            }
          }
        }
      },
    };
  },
});

function enclosingFunctionOf(node: Node): Node | undefined {
  let c = node.parent;
  while (c) {
    if (c.type === "FunctionDeclaration" || c.type === "FunctionExpression" || c.type === "ArrowFunctionExpression") return c;
    c = c.parent;
  }
  return undefined;
}

function isCloneRead(read: TSESTree.CallExpression): boolean {
  const callee = unwrap(read.callee);
  return callee.type === "MemberExpression" && unwrap(callee.object).type === "CallExpression" && propertyName(unwrap((unwrap(callee.object) as TSESTree.CallExpression).callee)) === "clone";
}

/** `await req.json()` → "req". */
function rawRequestName(arg: Node, _fn: Node): string | undefined {
  let n = unwrap(arg);
  if (n.type === "AwaitExpression") n = unwrap(n.argument);
  if (n.type === "CallExpression") {
    const c = unwrap(n.callee);
    if (c.type === "MemberExpression" && unwrap(c.object).type === "Identifier") return (unwrap(c.object) as TSESTree.Identifier).name;
  }
  return undefined;
}
