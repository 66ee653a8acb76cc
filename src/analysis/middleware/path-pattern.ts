/**
 * Route patterns in the path-to-regexp 6 dialect that Next.js uses for
 * `config.matcher` and Clerk uses for `createRouteMatcher()` / `publicRoutes`:
 * `/:path*`, `/(api|trpc)(.*)`, `{…}` groups, `\\` escapes and inline regex
 * groups such as the recommended Clerk matcher. Written from the dialect's
 * documented behaviour; no dependency.
 */

interface Lexeme {
  type: "char" | "escaped" | "modifier" | "name" | "pattern" | "open" | "close" | "end";
  value: string;
}

const NAME_CHAR = /^[0-9A-Za-z_]$/;
const DELIMITERS = "/#?";
const PREFIXES = "./";

function lex(source: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === "*" || c === "+" || c === "?") {
      out.push({ type: "modifier", value: c });
      i++;
    } else if (c === "\\") {
      if (i + 1 >= source.length) throw new SyntaxError("dangling escape");
      out.push({ type: "escaped", value: source[i + 1]! });
      i += 2;
    } else if (c === "{") {
      out.push({ type: "open", value: c });
      i++;
    } else if (c === "}") {
      out.push({ type: "close", value: c });
      i++;
    } else if (c === ":") {
      let j = i + 1;
      let name = "";
      while (j < source.length && NAME_CHAR.test(source[j]!)) name += source[j++];
      if (!name) throw new SyntaxError(`missing parameter name at ${i}`);
      out.push({ type: "name", value: name });
      i = j;
    } else if (c === "(") {
      // an inline regular expression; nested groups must be non-capturing
      let depth = 1;
      let body = "";
      let j = i + 1;
      if (source[j] === "?") throw new SyntaxError(`pattern cannot start with "?" at ${j}`);
      while (j < source.length) {
        const d = source[j]!;
        if (d === "\\") {
          body += d + (source[j + 1] ?? "");
          j += 2;
          continue;
        }
        if (d === ")") {
          depth--;
          if (depth === 0) {
            j++;
            break;
          }
        } else if (d === "(") {
          depth++;
          if (source[j + 1] !== "?") throw new SyntaxError(`capturing groups are not allowed at ${j}`);
        }
        body += d;
        j++;
      }
      if (depth !== 0) throw new SyntaxError(`unbalanced pattern at ${i}`);
      if (!body) throw new SyntaxError(`missing pattern at ${i}`);
      out.push({ type: "pattern", value: body });
      i = j;
    } else {
      out.push({ type: "char", value: c });
      i++;
    }
  }
  out.push({ type: "end", value: "" });
  return out;
}

interface Param {
  prefix: string;
  suffix: string;
  pattern: string;
  modifier: string;
}
type Token = string | Param;

function escapeRe(s: string): string {
  return s.replace(/([.+*?=^!:${}()[\]|/\\])/g, "\\$1");
}

function parse(source: string): Token[] {
  const lexemes = lex(source);
  const defaultPattern = `[^${escapeRe(DELIMITERS)}]+?`;
  const tokens: Token[] = [];
  let i = 0;
  let text = "";
  const take = (type: Lexeme["type"]): string | undefined => (lexemes[i]?.type === type ? lexemes[i++]!.value : undefined);
  const takeText = (): string => {
    let s = "";
    for (;;) {
      const v = take("char") ?? take("escaped");
      if (v === undefined) return s;
      s += v;
    }
  };
  while (i < lexemes.length) {
    const ch = take("char");
    const name = take("name");
    const pattern = take("pattern");
    if (name !== undefined || pattern !== undefined) {
      let prefix = ch ?? "";
      if (!PREFIXES.includes(prefix) || prefix === "") {
        text += prefix;
        prefix = "";
      }
      if (text) {
        tokens.push(text);
        text = "";
      }
      tokens.push({ prefix, suffix: "", pattern: pattern ?? defaultPattern, modifier: take("modifier") ?? "" });
      continue;
    }
    const literal = ch ?? take("escaped");
    if (literal !== undefined) {
      text += literal;
      continue;
    }
    if (text) {
      tokens.push(text);
      text = "";
    }
    if (take("open") !== undefined) {
      const prefix = takeText();
      const innerName = take("name");
      const innerPattern = take("pattern");
      const suffix = takeText();
      if (take("close") === undefined) throw new SyntaxError("unclosed group");
      tokens.push({
        prefix,
        suffix,
        pattern: innerName !== undefined && innerPattern === undefined ? defaultPattern : innerPattern ?? "",
        modifier: take("modifier") ?? "",
      });
      continue;
    }
    if (take("end") === undefined) throw new SyntaxError(`unexpected ${lexemes[i]?.type ?? "token"} at ${i}`);
  }
  return tokens;
}

function toRegExpSource(tokens: Token[], strict: boolean): string {
  let re = "^";
  for (const token of tokens) {
    if (typeof token === "string") {
      re += escapeRe(token);
      continue;
    }
    const prefix = escapeRe(token.prefix);
    const suffix = escapeRe(token.suffix);
    if (!token.pattern) {
      re += `(?:${prefix}${suffix})${token.modifier}`;
    } else if (prefix || suffix) {
      if (token.modifier === "+" || token.modifier === "*") {
        const optional = token.modifier === "*" ? "?" : "";
        re += `(?:${prefix}((?:${token.pattern})(?:${suffix}${prefix}(?:${token.pattern}))*)${suffix})${optional}`;
      } else {
        re += `(?:${prefix}(${token.pattern})${suffix})${token.modifier}`;
      }
    } else if (token.modifier === "+" || token.modifier === "*") {
      re += `((?:${token.pattern})${token.modifier})`;
    } else {
      re += `(${token.pattern})${token.modifier}`;
    }
  }
  if (!strict) re += `[${escapeRe(DELIMITERS)}]?`;
  return re + "$";
}

export interface PatternOptions {
  /** Case-sensitive matching. Next.js matchers are; Clerk's route matchers are not. */
  sensitive: boolean;
}

const compiled = new Map<string, RegExp | null>();

/**
 * Compile a route pattern to a RegExp matching whole pathnames (a trailing
 * slash is allowed), or undefined when the pattern is invalid.
 */
export function compilePathPattern(pattern: string, options: PatternOptions): RegExp | undefined {
  const key = `${options.sensitive ? "s" : "i"}:${pattern}`;
  let re = compiled.get(key);
  if (re === undefined) {
    try {
      re = new RegExp(toRegExpSource(parse(pattern), false), options.sensitive ? "" : "i");
    } catch {
      re = null;
    }
    if (compiled.size > 2000) compiled.clear();
    compiled.set(key, re);
  }
  return re ?? undefined;
}

/** The literal text a pattern starts with, up to its first parameter, group or modifier. */
export function literalPrefix(pattern: string): string {
  const m = /^[^:(){}*+?\\]*/.exec(pattern);
  return m ? m[0] : "";
}

/** Next.js `config.matcher` semantics: case-sensitive, trailing slash optional. */
export function nextMatcherRegExp(source: string): RegExp | undefined {
  return compilePathPattern(source, { sensitive: true });
}

/** Clerk `createRouteMatcher()` semantics: case-insensitive, trailing slash optional. */
export function routeMatcherRegExp(pattern: string): RegExp | undefined {
  return compilePathPattern(pattern, { sensitive: false });
}
