import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, propertyName, unwrap, walk } from "../analysis/ast.js";
import { getFacts } from "../analysis/file-facts.js";
import { asJsonStringify, bodyReads, findVerifyCalls } from "../analysis/detectors/webhooks.js";
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
      versions: "all",
      fix: "Pass `await req.text()` (or the raw Buffer) to the verifier, or call verifyWebhook(req) before reading the body.",
    },
    messages: {
      reserialized:
        "The signature is checked over JSON.stringify(parsed body), not the bytes Clerk signed. Key order, unicode escapes and number formats change in the round trip, so valid webhooks fail intermittently. Verify over `await req.text()` (or the raw Buffer).",
      consumedBefore:
        "The request body is read here before `verifyWebhook({{req}})`, which reads it again: the second read fails and every webhook is rejected. Call verifyWebhook first and use `evt.data`.",
      useRawText: "Use `await {{req}}.text()` as the payload.",
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const facts = getFacts(context);
    if (!facts.importsFrom((s) => s === "svix" || s === "standardwebhooks" || (s.startsWith("@clerk/") && s.includes("webhooks")))) return {};
    return {
      Program(program) {
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
