/**
 * Where an Expo app keeps Clerk's session token: the `tokenCache` given to
 * `<ClerkProvider>` of `@clerk/expo` / `@clerk/clerk-expo`. Clerk's own
 * `tokenCache` (`@clerk/expo/token-cache`) and `expo-secure-store` keep it in the
 * Keychain/Keystore; AsyncStorage, MMKV without an encryption key and
 * `localStorage` keep a bearer credential in plain files any backup or rooted
 * device can read.
 */
import type { TSESTree } from "@typescript-eslint/utils";
import { type Node, isFunction, propertyName, unwrap, walk } from "../ast.js";
import type { Module } from "../module.js";
import { followImport } from "../project/exports.js";
import type { ProjectIndex } from "../project/index.js";
import { objectLiteralsOf } from "../value-flow.js";

const EXPO_PROVIDER_SOURCES = new Set(["@clerk/expo", "@clerk/clerk-expo"]);
const STORAGE_WRITES = /^(setItem|setItemAsync|set|setString|multiSet)$/;

export interface InsecureTokenCache {
  /** The `tokenCache={…}` attribute. */
  node: Node;
  /** What the token is written to: `AsyncStorage`, `localStorage`, `MMKV`. */
  storage: string;
}

/** The plain-text store a call writes to, if it is one. */
function plainStore(call: TSESTree.CallExpression, mod: Module): string | undefined {
  const callee = unwrap(call.callee);
  if (callee.type !== "MemberExpression" || !STORAGE_WRITES.test(propertyName(callee) ?? "")) return undefined;
  const obj = unwrap(callee.object);
  if (obj.type !== "Identifier") return undefined;
  if ((obj.name === "localStorage" || obj.name === "sessionStorage") && !mod.resolveVariable(obj)) return obj.name;
  const b = mod.bindingOf(obj);
  if (b?.source === "@react-native-async-storage/async-storage") return "AsyncStorage";
  // const storage = new MMKV() (react-native-mmkv) without an encryptionKey
  const def = mod.resolveVariable(obj)?.defs[0];
  const init = def?.node.type === "VariableDeclarator" && def.node.init ? unwrap(def.node.init) : undefined;
  if ((init?.type === "NewExpression" || init?.type === "CallExpression") && mod.exportOf(unwrap(init.callee))?.binding.source === "react-native-mmkv") {
    const opts = init.arguments[0] ? unwrap(init.arguments[0]) : undefined;
    const encrypted = opts?.type === "ObjectExpression" && opts.properties.some((p) => p.type === "Property" && propertyName(p) === "encryptionKey");
    return encrypted ? undefined : "MMKV";
  }
  return undefined;
}

/** The code a `tokenCache` value runs (object literals, a factory's body), in the module that declares it. */
function cacheRegions(expr: Node, mod: Module, index: ProjectIndex | undefined, depth = 0): Array<{ node: Node; module: Module }> {
  if (depth > 3) return [];
  let n = unwrap(expr);
  if (n.type === "ConditionalExpression") return [...cacheRegions(n.consequent, mod, index, depth + 1), ...cacheRegions(n.alternate, mod, index, depth + 1)];
  if (n.type === "CallExpression") n = unwrap(n.callee);
  if (n.type === "Identifier") {
    const local = mod.localFunction(n);
    if (local) return [{ node: local, module: mod }];
    const b = mod.bindingOf(n);
    if (b && index) {
      const t = followImport(index, mod, b);
      return t?.value ? cacheRegions(t.value, t.module, index, depth + 1) : [];
    }
  }
  if (isFunction(n)) return [{ node: n, module: mod }];
  return objectLiteralsOf(n, mod).map((o) => ({ node: o as Node, module: mod }));
}

/** `<ClerkProvider tokenCache={…}>` of Clerk's Expo SDK whose cache writes the token to plain-text storage. */
export function insecureTokenCaches(mod: Module, index?: ProjectIndex): InsecureTokenCache[] {
  const out: InsecureTokenCache[] = [];
  walk(mod.program, (node) => {
    if (node.type !== "JSXOpeningElement") return undefined;
    const origin = mod.exportOf(node.name as Node);
    if (!origin || !EXPO_PROVIDER_SOURCES.has(origin.binding.source) || origin.exportName !== "ClerkProvider") return undefined;
    for (const attr of node.attributes) {
      if (attr.type !== "JSXAttribute" || attr.name.name !== "tokenCache" || attr.value?.type !== "JSXExpressionContainer") continue;
      const value = attr.value.expression;
      if (value.type === "JSXEmptyExpression") continue;
      let storage: string | undefined;
      for (const region of cacheRegions(value, mod, index)) {
        walk(region.node, (n) => {
          if (!storage && n.type === "CallExpression") storage = plainStore(n, region.module);
          return storage ? false : undefined;
        });
      }
      if (storage) out.push({ node: attr, storage });
    }
    return undefined;
  });
  return out;
}
