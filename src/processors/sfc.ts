/**
 * ESLint processors for components: `.astro` (`clerk-guard/astro`) and `.vue` (`clerk-guard/vue`),
 * the plugin's `configs.astro` and `configs.vue`. Each script part (an Astro frontmatter or
 * `<script>`, a Vue `<script>` or `<script setup>`) is linted as a virtual file named after its part
 * (analysis/sfc.ts says where each part runs). A part keeps the component's layout, so messages
 * and fixes need no mapping: their lines, columns and ranges are the component's.
 *
 * Only the rules that judge a component's scripts report there (`SFC_RULES`): the others judge
 * endpoints, entry files and framework conventions that components are not.
 */
import type { Linter } from "eslint";
import { blockText, isInertSfc, sfcBlocks } from "../analysis/sfc.js";

/** The clerk-guard rules that report in component scripts: secrets, removed APIs, server helpers in client code. */
export const SFC_RULES: ReadonlySet<string> = new Set(["no-secret-exposure", "no-server-helpers-in-client", "no-legacy-api"]);

export const ASTRO_FILES: readonly string[] = ["**/*.astro"];
export const VUE_FILES: readonly string[] = ["**/*.vue"];

const RULE_PREFIX = "clerk-guard/";

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split(/\r\n|[\r\n\u2028\u2029]/);
  return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

function createSfcProcessor(name: "astro" | "vue"): Linter.Processor {
  const errors = new Map<string, Linter.LintMessage | undefined>();
  return {
    meta: { name: `clerk-guard/${name}`, version: "1" },
    supportsAutofix: true,
    preprocess(text: string, filename: string) {
      // a component that names nothing of Clerk and holds no secret cannot give a finding (the no-op gate of `check` and the hook)
      if (isInertSfc(text)) {
        errors.set(filename, undefined);
        return [];
      }
      const parsed = sfcBlocks(filename, text);
      errors.set(
        filename,
        parsed.error && {
          ruleId: null,
          fatal: true,
          severity: 2,
          message: `Parsing error: ${parsed.error.message}`,
          ...position(text, parsed.error.offset),
        },
      );
      return parsed.blocks.map((b) => ({ text: blockText(text, b), filename: `${b.part}.${b.lang}` }));
    },
    postprocess(lists: Linter.LintMessage[][], filename: string): Linter.LintMessage[] {
      const error = errors.get(filename);
      errors.delete(filename);
      const kept = lists.flat().filter((m) => !m.ruleId?.startsWith(RULE_PREFIX) || SFC_RULES.has(m.ruleId.slice(RULE_PREFIX.length)));
      if (error) kept.push(error);
      return kept.sort((a, b) => a.line - b.line || a.column - b.column);
    },
  };
}

export const astroProcessor = createSfcProcessor("astro");
export const vueProcessor = createSfcProcessor("vue");
