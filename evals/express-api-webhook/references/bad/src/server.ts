import { ClerkExpressRequireAuth } from "@clerk/clerk-sdk-node";
import express from "express";
import { Webhook } from "svix";
import { db } from "./db.js";

const app = express();
app.use(express.json());

app.post("/api/webhooks/clerk", async (req, res) => {
  try {
    const evt = new Webhook(process.env.CLERK_WEBHOOK_SIGNING_SECRET!).verify(JSON.stringify(req.body), {
      "svix-id": String(req.headers["svix-id"]),
      "svix-timestamp": String(req.headers["svix-timestamp"]),
      "svix-signature": String(req.headers["svix-signature"]),
    }) as { type: string; data: { id: string } };
    if (evt.type === "user.created") await db.user.upsert({ where: { clerkId: evt.data.id }, create: { clerkId: evt.data.id, email: null }, update: {} });
    res.send("OK");
  } catch {
    res.status(400).send("Invalid signature");
  }
});

app.get("/api/projects", ClerkExpressRequireAuth(), async (req, res) => {
  const userId = (req as unknown as { auth: { userId: string } }).auth.userId;
  res.json(await db.project.findMany({ where: { ownerId: userId } }));
});

app.listen(3001);
