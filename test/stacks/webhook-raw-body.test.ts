/**
 * webhook-raw-body on Express: a global JSON body parser mounted before a webhook route that
 * svix verifies (here, or in the app that mounts the router), so svix gets an object.
 */
import fs from "node:fs";
import path from "node:path";
import rule from "../../src/rules/webhook-raw-body.js";
import { PROJECTS, runRuleTests } from "../helpers.js";

const at = (project: string, rel: string) => path.join(PROJECTS, project, rel);
const onDisk = (project: string, rel: string) => ({ filename: at(project, rel), code: fs.readFileSync(at(project, rel), "utf8") });

runRuleTests("webhook-raw-body (stacks)", rule, {
  valid: [
    {
      name: "Express: the webhook route is registered before express.json()",
      filename: at("express2", "src/server.ts"),
      code: `import express from "express";
import { Webhook } from "svix";

const app = express();

app.post("/api/webhooks/clerk", express.raw({ type: "application/json" }), (req, res) => {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  try {
    wh.verify(req.body, req.headers as Record<string, string>);
  } catch {
    return res.status(400).end();
  }
  res.sendStatus(204);
});

app.use(express.json());
app.listen(3000);`,
    },
    {
      name: "Express: express.json({ verify }) keeps the raw bytes for the verifier",
      filename: at("express2", "src/server.ts"),
      code: `import express from "express";
import { Webhook } from "svix";

const app = express();
app.use(express.json({ verify: (req, _res, buf) => { (req as unknown as { rawBody: Buffer }).rawBody = buf; } }));

app.post("/api/webhooks/clerk", (req, res) => {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  try {
    wh.verify((req as unknown as { rawBody: Buffer }).rawBody, req.headers as Record<string, string>);
  } catch {
    return res.status(400).end();
  }
  res.sendStatus(204);
});`,
    },
    {
      name: "Express: Clerk's verifyWebhook behind express.json() (it re-serializes the parsed body itself)",
      filename: at("express2", "src/server.ts"),
      code: `import express from "express";
import { verifyWebhook } from "@clerk/express/webhooks";

const app = express();
app.use(express.json());

app.post("/api/webhooks/clerk", async (req, res) => {
  try {
    const evt = await verifyWebhook(req);
    res.json({ type: evt.type });
  } catch {
    res.status(400).end();
  }
});`,
    },
  ],
  invalid: [
    {
      name: "Express: express.json() in src/index.ts runs before the webhook router mounted after it",
      ...onDisk("express-routes", "src/routes/webhooks.ts"),
      errors: [{ messageId: "parsedBeforeRaw", line: 6, data: { parser: "`express.json()`", where: "src/index.ts:12" } }],
    },
    {
      name: "Express: bodyParser.json() before the route, in the same file",
      filename: at("express2", "src/server.ts"),
      code: `import express from "express";
import bodyParser from "body-parser";
import { Webhook } from "svix";

const app = express();
app.use(bodyParser.json());

app.post("/webhooks/clerk", bodyParser.raw({ type: "application/json" }), (req, res) => {
  const wh = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!);
  try {
    wh.verify(req.body, req.headers as Record<string, string>);
  } catch {
    return res.status(400).end();
  }
  res.sendStatus(204);
});`,
      errors: [{ messageId: "parsedBeforeRaw", line: 8, data: { parser: "`bodyParser.json()`", where: "src/server.ts:6" } }],
    },
  ],
});
