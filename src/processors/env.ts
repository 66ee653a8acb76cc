/**
 * ESLint processor for dotenv files: `{ files: ["**\/.env", "**\/.env.*"], processor: "clerk-guard/env" }`.
 * Each env file becomes one script (`process.env.NAME = "value";` per line), linted by the
 * same rules as code; findings are mapped back to the env file's lines and columns.
 */
import type { Linter } from "eslint";
import { type EnvScript, envAsScript } from "../analysis/env-files.js";

const scripts = new Map<string, EnvScript["columns"]>();

export const envProcessor: Linter.Processor = {
  meta: { name: "clerk-guard/env", version: "1" },
  supportsAutofix: false,
  preprocess(text: string, filename: string) {
    const { code, columns } = envAsScript(text);
    scripts.set(filename, columns);
    return [{ text: code, filename: "env.js" }];
  },
  postprocess(messages: Linter.LintMessage[][], filename: string): Linter.LintMessage[] {
    const columns = scripts.get(filename);
    scripts.delete(filename);
    return (messages[0] ?? []).map((m) => {
      const map = columns?.get(m.line);
      if (!map) return m;
      // a message on the string literal (1-based column = its quote) maps to the value; anything before it to the name
      const onValue = m.column >= map.scriptValue;
      const shift = onValue ? map.envValue - map.scriptValue + 1 : map.envName - (m.column - 1);
      const column = onValue ? m.column + shift : map.envName + 1;
      const endColumn = onValue && m.endColumn !== undefined && m.endLine === m.line ? m.endColumn + shift : undefined;
      return { ...m, column: Math.max(1, column), endColumn, endLine: endColumn !== undefined ? m.endLine : undefined, fix: undefined, suggestions: undefined };
    });
  },
};
