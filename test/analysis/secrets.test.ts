import { describe, expect, it } from "vitest";
import { findSecrets, isPlaceholderSecret, redactSecret, redactSecretsIn } from "../../src/analysis/secrets.js";

const SK_LIVE = ["sk", "live", "4fQmZ2rT8vLk9WbX1cYpN6dHs3Ej"].join("_");
const WHSEC = ["whsec", "MfKQ9r8GKjV2pZ4cXb7LwN1yTs5hRd3e"].join("_");

describe("redactSecret", () => {
  it("keeps the prefix and at most four characters of the body", () => {
    expect(redactSecret(SK_LIVE)).toBe("sk_live_4fQm…");
    expect(redactSecret(WHSEC)).toBe("whsec_MfKQ…");
    expect(redactSecret("sk_test_abcdefgh")).toBe("sk_test_ab…");
    expect(redactSecret("whsec_1")).toBe("whsec_…");
  });
  it("redacts every secret-shaped token in free text, placeholders of key length included", () => {
    const text = `const a = "${SK_LIVE}"; const b = '${WHSEC}'; const c = "sk_test_xxxxxxxxxxxxxxxx"; const d = "whsec_123"`;
    const out = redactSecretsIn(text);
    expect(out).toContain("sk_live_4fQm…");
    expect(out).toContain("whsec_MfKQ…");
    expect(out).toContain("sk_test_xxxx…");
    expect(out).toContain("whsec_123");
    expect(out).not.toContain(SK_LIVE);
    expect(out).not.toContain(WHSEC);
  });
});

describe("isPlaceholderSecret / findSecrets", () => {
  it("tells docs stubs from real-looking keys", () => {
    for (const p of ["sk_test_xxxxxxxxxxxxxxxxxxxx", "sk_live_1234567890abcdefghij", "sk_test_aaaaaaaaaaaaaaaaaaaa", "whsec_exampleexampleexample12", "sk_live_abcdefghijklmnopqrst"]) {
      expect(isPlaceholderSecret(p), p).toBe(true);
    }
    // base64 of readable text: a test fixture's signing secret
    expect(isPlaceholderSecret("whsec_" + Buffer.from("test_signing_secret_32_chars_long").toString("base64"))).toBe(true);
    expect(isPlaceholderSecret(SK_LIVE)).toBe(false);
    expect(isPlaceholderSecret(WHSEC)).toBe(false);
  });
  it("never reports publishable keys", () => {
    expect(findSecrets("pk_live_Y2xlcmsuZXhhbXBsZS5jb20kQ2xlcmtLZXk")).toEqual([]);
    expect(findSecrets(`x ${SK_LIVE} y`).map((s) => s.value)).toEqual([SK_LIVE]);
  });
});
