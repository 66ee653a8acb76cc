import express from "express";
import { db } from "./db.js";

const app = express();
app.use(express.json());

app.get("/api/health", (_req, res) => {
  res.json({ ok: true });
});

app.get("/api/projects", async (_req, res) => {
  res.json(await db.project.findMany({ where: { ownerId: "demo" } }));
});

app.listen(3001);
