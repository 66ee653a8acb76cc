/**
 * Clerk secrets: what they look like, which env names expose them, and how to
 * show one without leaking it. Every place that prints a secret (rule messages,
 * every CLI output format, source excerpts) goes through `redactSecret` or
 * `redactSecretsIn`, so a finding never repeats the key it found.
 */

/** Prefixes of Clerk bearer secrets (backend secret keys, webhook signing secrets, API keys). */
export const SECRET_PREFIXES = ["sk_live_", "sk_test_", "whsec_", "ak_"] as const;

/** Shapes of real-looking secrets (the body must be long enough to be a key, not a docs stub). */
export const SECRET_PATTERNS: readonly RegExp[] = [
  /\bsk_(?:live|test)_[A-Za-z0-9]{16,}/g,
  /\bwhsec_[A-Za-z0-9+/]{16,}={0,2}/g,
  /\bak_[A-Za-z0-9]{16,}/g,
];

/** Any secret-shaped token (placeholders included): used by `redactSecretsIn`, which must never under-redact. */
const ANY_SECRET = /\b(?:sk_(?:live|test)_|whsec_|ak_)[A-Za-z0-9+/=]+/g;

/** Env names that put a Clerk secret into a browser bundle: a public prefix on a server-only name. */
export const PUBLIC_SECRET_ENV_RE =
  /\b(NEXT_PUBLIC|VITE|PUBLIC|EXPO_PUBLIC|NUXT_PUBLIC)_(CLERK_(?:SECRET_KEY|WEBHOOK_SIGNING_SECRET|MACHINE_SECRET_KEY|ENCRYPTION_KEY|WEBHOOK_SECRET|API_KEY))\b/;

/** Server-only Clerk env names (CLERK_API_KEY and CLERK_WEBHOOK_SECRET are older or home-made names for the same secrets). */
export const SERVER_SECRET_ENV_NAMES: ReadonlySet<string> = new Set([
  "CLERK_SECRET_KEY",
  "CLERK_WEBHOOK_SIGNING_SECRET",
  "CLERK_MACHINE_SECRET_KEY",
  "CLERK_ENCRYPTION_KEY",
  "CLERK_WEBHOOK_SECRET",
  "CLERK_API_KEY",
]);

/** Browsers see env vars with these prefixes (Next.js, Vite, Astro, Expo, Nuxt). */
export const PUBLIC_ENV_PREFIX_NOTE: Readonly<Record<string, string>> = {
  NEXT_PUBLIC: "Next.js inlines NEXT_PUBLIC_ variables into the client bundle",
  VITE: "Vite exposes VITE_ variables to the client bundle",
  PUBLIC: "Astro and SvelteKit expose PUBLIC_ variables to the client",
  EXPO_PUBLIC: "Expo inlines EXPO_PUBLIC_ variables into the app bundle",
  NUXT_PUBLIC: "Nuxt exposes NUXT_PUBLIC_ variables in the public runtime config",
};

const PLACEHOLDER_WORDS =
  /(example|placeholder|dummy|fake|sample|your|yours|changeme|change_?me|replace|redacted|insert|secret|mock|todo|xxx|test(?:ing)?key|lorem|abcdefg)/i;

function prefixOf(value: string): string {
  for (const p of SECRET_PREFIXES) if (value.startsWith(p)) return p;
  return "";
}

/** Longest run of consecutive ascending or descending characters (`12345`, `abcde`, `54321`). */
function longestSequence(s: string): number {
  let best = 1;
  let up = 1;
  let down = 1;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    up = d === 1 ? up + 1 : 1;
    down = d === -1 ? down + 1 : 1;
    best = Math.max(best, up, down);
  }
  return best;
}

/**
 * A webhook signing secret is base64 of random bytes; one that decodes to readable
 * text (`whsec_` + base64("test_signing_secret…")) is a test fixture, not a key.
 */
function decodesToText(base64: string): boolean {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length < 12) return false;
  let printable = 0;
  for (const b of bytes) if (b >= 0x20 && b < 0x7f) printable++;
  return printable / bytes.length > 0.95;
}

/**
 * Is this secret-shaped value an obvious placeholder (`sk_test_xxxxxxxxxxxxxxxx`,
 * `whsec_1234567890abcdef`, `sk_live_your_secret_key`)? Real keys are long random
 * base62/base64 strings: mixed character classes, no words, no runs.
 */
export function isPlaceholderSecret(value: string): boolean {
  const body = value.slice(prefixOf(value).length).replace(/=+$/, "");
  if (body.length < 16) return true;
  if (value.startsWith("whsec_") && decodesToText(body)) return true;
  if (PLACEHOLDER_WORDS.test(body)) return true;
  if (new Set(body).size < 8) return true;
  if (/(.)\1{3,}/.test(body)) return true;
  if (longestSequence(body) >= 5) return true;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/].filter((re) => re.test(body)).length;
  return classes < 2;
}

/** Real-looking secrets in a piece of text, placeholders excluded. */
export function findSecrets(text: string): Array<{ value: string; index: number }> {
  const out: Array<{ value: string; index: number }> = [];
  for (const re of SECRET_PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (!isPlaceholderSecret(m[0])) out.push({ value: m[0], index: m.index });
    }
  }
  return out.sort((a, b) => a.index - b.index);
}

/**
 * Show a secret without revealing it: the known prefix, at most four characters
 * of the key body (fewer for short values), then an ellipsis. `sk_live_4fQm…`.
 */
export function redactSecret(value: string): string {
  const prefix = prefixOf(value);
  const body = value.slice(prefix.length);
  const shown = Math.min(4, Math.floor(body.length / 4));
  return `${prefix}${body.slice(0, shown)}…`;
}

/** Replace every secret-shaped token in arbitrary text (messages, source excerpts) by its redaction. */
export function redactSecretsIn(text: string): string {
  ANY_SECRET.lastIndex = 0;
  return text.replace(ANY_SECRET, (m) => (m.length - prefixOf(m).length >= 8 ? redactSecret(m) : m));
}
