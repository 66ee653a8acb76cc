/** Output format names (a light module: the CLI parses formats before loading anything heavy). */
export const FORMAT_NAMES = ["stylish", "json", "sarif", "github", "summary-md", "report"] as const;
export type FormatName = (typeof FORMAT_NAMES)[number];

export interface FormatSpec {
  name: FormatName;
  /** Output file; undefined = stdout (summary-md: $GITHUB_STEP_SUMMARY when set). */
  path?: string;
}
