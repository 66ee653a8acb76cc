import { clerkMiddleware, getAuth } from "@clerk/express";
import { verifyWebhook } from "@clerk/express/webhooks";
import express from "express";
import { db } from "./db.js";

const app = express();

// The webhook reads the raw bytes Clerk signed, so it is mounted before express.json().
app.post("/api/webhooks/clerk", express.raw({ type: "application/json" }), async (req, res) => {
  try {
    const evt = await verifyWebhook(req);
    if (evt.type === "user.created" || evt.type === "user.updated") {
      const email = evt.data.email_addresses.find((e) => e.id === evt.data.primary_email_address_id)?.email_address ?? null;
      await db.user.upsert({ where: { clerkId: evt.data.id }, create: { clerkId: evt.data.id, email }, update: { email } });
    }
    res.status(200).send("OK");
  } catch {
    res.status(400).send("Invalid signature");
  }
});

app.use(express.json());
app.use(clerkMiddleware());

app.get("/api/health", (_req, res) => {
  res.json({ ok: true });
});

app.get("/api/projects", async (req, res) => {
  const { isAuthenticated, userId } = getAuth(req);
  if (!isAuthenticated) {
    res.status(401).json({ error: "Unauthorized" });
    return;
  }
  res.json(await db.project.findMany({ where: { ownerId: userId } }));
});

app.post("/api/projects", async (req, res) => {
  const { isAuthenticated, userId } = getAuth(req);
  if (!isAuthenticated) {
    res.status(401).json({ error: "Unauthorized" });
    return;
  }
  const name = typeof req.body?.name === "string" ? req.body.name : "Untitled";
  res.status(201).json(await db.project.create({ data: { ownerId: userId, name } }));
});

app.listen(3001);
