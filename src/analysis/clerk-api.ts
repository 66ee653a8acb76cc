/**
 * What the Clerk SDKs export, as far as the rules need to know. Facts from
 * the research notes (shared/research/clerk-api.md), kept in one table.
 */
import { splitPackage } from "./imports.js";

/** Packages whose root entry exports React components and hooks. */
export const CLERK_REACT_PACKAGES = new Set([
  "@clerk/nextjs",
  "@clerk/react",
  "@clerk/clerk-react",
  "@clerk/remix",
  "@clerk/react-router",
  "@clerk/tanstack-react-start",
  "@clerk/expo",
  "@clerk/clerk-expo",
  "@clerk/chrome-extension",
  "@clerk/astro",
  "@clerk/vue",
  "@clerk/nuxt",
]);

/** A client-side Clerk entry: root, `/legacy`, `/experimental`, `/internal`, `/errors` of a React SDK. */
export function isClerkClientEntry(source: string): boolean {
  const sp = splitPackage(source);
  if (!sp || !CLERK_REACT_PACKAGES.has(sp.pkg)) return false;
  return sp.entry === "" || sp.entry === "legacy" || sp.entry === "experimental" || sp.entry === "internal" || sp.entry === "components";
}

export const CLERK_PROVIDER_NAMES = new Set(["ClerkProvider"]);

/** Exports that need `<ClerkProvider>` above them when rendered or called. */
export function needsProvider(exportName: string): boolean {
  if (exportName === "ClerkProvider") return false;
  if (/^use[A-Z]/.test(exportName)) return true;
  // Components are PascalCase; exclude error helpers and constants.
  return /^[A-Z][A-Za-z]+$/.test(exportName) && !/Error|ErrorCode|Status$/.test(exportName);
}

/** Clerk entry points that are server-only. */
export const NEXT_SERVER = "@clerk/nextjs/server";

export const CLERK_EVENT_RE =
  /^(user|session|organization|organizationMembership|organizationInvitation|organizationDomain|email|sms|role|permission|waitlistEntry)\.(created|updated|deleted|ended|removed|revoked|pending|accepted|active)$/;

/** Types that only a Clerk webhook handler imports. */
export const CLERK_WEBHOOK_TYPES = new Set([
  "WebhookEvent",
  "UserJSON",
  "UserWebhookEvent",
  "OrganizationJSON",
  "OrganizationMembershipJSON",
  "SessionJSON",
  "DeletedObjectJSON",
  "WebhookEventType",
]);
