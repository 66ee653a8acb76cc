/** Every rule of the plugin, by id. Adding a rule here adds it to the configs, the README table and the package test. */
import awaitAuth from "./await-auth.js";
import awaitClerkClient from "./await-clerk-client.js";
import noAuthInUseCache from "./no-auth-in-use-cache.js";
import noClientHooksInServer from "./no-client-hooks-in-server.js";
import noCustomAuth from "./no-custom-auth.js";
import noLegacyApi from "./no-legacy-api.js";
import noNextAuth from "./no-next-auth.js";
import noSecretExposure from "./no-secret-exposure.js";
import noServerHelpersFromRoot from "./no-server-helpers-from-root.js";
import noServerHelpersInClient from "./no-server-helpers-in-client.js";
import noSwallowedProtect from "./no-swallowed-protect.js";
import noUnsafeMetadataAuthz from "./no-unsafe-metadata-authz.js";
import noUserSyncOutsideWebhook from "./no-user-sync-outside-webhook.js";
import preferPermissionChecks from "./prefer-permission-checks.js";
import protectRouteHandlers from "./protect-route-handlers.js";
import protectServerActions from "./protect-server-actions.js";
import requireClerkMiddleware from "./require-clerk-middleware.js";
import requireClerkProvider from "./require-clerk-provider.js";
import requireWebhookVerification from "./require-webhook-verification.js";
import webhookRawBody from "./webhook-raw-body.js";
import webhookRoutePublic from "./webhook-route-public.js";

export const rules = {
  "no-custom-auth": noCustomAuth,
  "no-server-helpers-in-client": noServerHelpersInClient,
  "require-clerk-provider": requireClerkProvider,
  "require-webhook-verification": requireWebhookVerification,
  "webhook-raw-body": webhookRawBody,
  "no-user-sync-outside-webhook": noUserSyncOutsideWebhook,
  "no-next-auth": noNextAuth,
  "await-auth": awaitAuth,
  "await-clerk-client": awaitClerkClient,
  "no-swallowed-protect": noSwallowedProtect,
  "no-server-helpers-from-root": noServerHelpersFromRoot,
  "no-legacy-api": noLegacyApi,
  "no-unsafe-metadata-authz": noUnsafeMetadataAuthz,
  "no-secret-exposure": noSecretExposure,
  "no-client-hooks-in-server": noClientHooksInServer,
  "no-auth-in-use-cache": noAuthInUseCache,
  "protect-server-actions": protectServerActions,
  "protect-route-handlers": protectRouteHandlers,
  "prefer-permission-checks": preferPermissionChecks,
  "require-clerk-middleware": requireClerkMiddleware,
  "webhook-route-public": webhookRoutePublic,
};

export type RuleId = keyof typeof rules;
