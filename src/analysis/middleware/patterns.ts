/**
 * Lists of route patterns as middleware code writes them: Next's
 * `config.matcher` (strings, `{ source, has, missing }` objects) and Clerk's
 * `createRouteMatcher([...])` / `publicRoutes` / `ignoredRoutes` (strings in
 * the path-to-regexp dialect, RegExp literals), including spreads of const
 * arrays. Answers are three-valued: an entry that cannot be read makes the
 * list "maybe".
 */
import { type Node, propertyName, staticString, unwrap } from "../ast.js";
import type { Module } from "../module.js";
import type { RouteUrl } from "../next-files.js";
import { resolveConst } from "../value-flow.js";
import { literalPrefix, nextMatcherRegExp, routeMatcherRegExp } from "./path-pattern.js";
import type { TSESTree } from "@typescript-eslint/utils";

interface PatternEntry {
  source: string;
  /** The element of the list that wrote it (for reports). */
  node?: Node;
  re: RegExp | undefined;
  /** A matcher object with has/missing conditions: may or may not apply. */
  conditional?: boolean;
}

export interface PatternList {
  node: Node;
  entries: PatternEntry[];
  /** Every entry was read statically. */
  complete: boolean;
}

/**
 * Does the list match the route? true/false, or undefined when unknown
 * (an entry could not be read, or a dynamic route might be matched only for
 * some values of its parameters).
 */
export function listMatches(list: PatternList, url: RouteUrl): boolean | undefined {
  let maybe = !list.complete;
  for (const e of list.entries) {
    if (!e.re) {
      maybe = true;
      continue;
    }
    if (e.re.test(url.sample)) {
      if (e.conditional) maybe = true;
      else return true;
    } else if (url.dynamic) {
      const lit = literalPrefix(e.source);
      if (lit.length > url.staticPrefix.length && lit.toLowerCase().startsWith(url.staticPrefix.toLowerCase())) maybe = true;
    }
  }
  return maybe ? undefined : false;
}

/** A property of an object literal; null when a spread could hide it. */
export function objectProperty(obj: TSESTree.ObjectExpression, name: string): TSESTree.Property | undefined | null {
  let found: TSESTree.Property | undefined;
  for (const p of obj.properties) {
    if (p.type === "SpreadElement") return null;
    if (propertyName(p) === name) found = p;
  }
  return found;
}

/**
 * Read a list of route patterns: a string, an array of strings (spreads of
 * const arrays followed), RegExp literals, and for Next matchers `{ source }`
 * objects. Undefined when the value is not a list at all.
 */
export function readPatternList(node: Node, mod: Module, dialect: "next" | "clerk", depth = 0): PatternList | undefined {
  const resolved = resolveConst(node, mod);
  const list: PatternList = { node: unwrap(node), entries: [], complete: true };
  const compile = (s: string) => (dialect === "next" ? nextMatcherRegExp(s) : routeMatcherRegExp(s));
  const addElement = (el: Node) => {
    const v = resolveConst(el, mod);
    const s = staticString(v);
    if (s !== undefined) {
      list.entries.push({ source: s, re: compile(s), node: el });
      return;
    }
    if (dialect === "clerk" && v.type === "Literal" && "regex" in v && v.regex) {
      let re: RegExp | undefined;
      try {
        re = new RegExp(v.regex.pattern, v.regex.flags);
      } catch {
        re = undefined;
      }
      list.entries.push({ source: "", re, node: el });
      return;
    }
    if (dialect === "next" && v.type === "ObjectExpression") {
      const source = objectProperty(v, "source");
      const s2 = source ? staticString(source.value as Node) : undefined;
      if (s2 === undefined) {
        list.complete = false;
        return;
      }
      const conditional = !!(objectProperty(v, "has") || objectProperty(v, "missing"));
      list.entries.push({ source: s2, re: compile(s2), conditional, node: el });
      return;
    }
    if (v.type === "ArrayExpression" && depth < 4) {
      const inner = readPatternList(v, mod, dialect, depth + 1);
      if (inner) {
        list.entries.push(...inner.entries);
        if (!inner.complete) list.complete = false;
        return;
      }
    }
    list.complete = false;
  };
  if (resolved.type === "ArrayExpression") {
    for (const el of resolved.elements) {
      if (!el) continue;
      if (el.type === "SpreadElement") addElement(el.argument);
      else addElement(el);
    }
    return list;
  }
  const s = staticString(resolved);
  if (s !== undefined || (resolved.type === "Literal" && "regex" in resolved)) {
    addElement(resolved);
    return list;
  }
  return undefined;
}

/**
 * An entry that looks written for `url` but does not match it: it names the same
 * kind of route (a path segment with `hint` in it, e.g. "webhook") and misses the
 * route (`/api/webhook/(.+)` for `/api/webhooks/clerk`). The typo users make.
 */
export function nearMissEntry(list: PatternList, url: RouteUrl, hint: RegExp): PatternEntry | undefined {
  return list.entries.find((e) => e.node && e.re && hint.test(literalPrefix(e.source)) && !e.re.test(url.sample));
}
