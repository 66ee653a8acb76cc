/** Every rule of the plugin, by id. Adding a rule here adds it to the configs, the README table and the package test. */
import noCustomAuth from "./no-custom-auth.js";
import noServerHelpersInClient from "./no-server-helpers-in-client.js";
import noUserSyncOutsideWebhook from "./no-user-sync-outside-webhook.js";
import requireClerkProvider from "./require-clerk-provider.js";
import requireWebhookVerification from "./require-webhook-verification.js";
import webhookRawBody from "./webhook-raw-body.js";

export const rules = {
  "no-custom-auth": noCustomAuth,
  "no-server-helpers-in-client": noServerHelpersInClient,
  "require-clerk-provider": requireClerkProvider,
  "require-webhook-verification": requireWebhookVerification,
  "webhook-raw-body": webhookRawBody,
  "no-user-sync-outside-webhook": noUserSyncOutsideWebhook,
};

export type RuleId = keyof typeof rules;
