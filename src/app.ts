import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import websocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import { type LoadedAgent, loadAgent } from "./agent/index.ts";
import { Agent } from "./agent/runtime.ts";
import { registerRoutes } from "./api/index.ts";
import { nluRoutes } from "./api/nlu.ts";
import { chatPage, chatRoutes, chatWebSocket } from "./channels/chat/index.ts";
import {
  describeData,
  type OmsDb,
  ReferenceOms,
  referenceOmsMigrations,
  type SeedReport,
  seedIfEmpty,
} from "./commerce/reference/index.ts";
import { AuditLog, auditMigrations } from "./compliance/index.ts";
import { ConversationService, ConversationStore, conversationMigrations } from "./conversation/index.ts";
import {
  type Clock,
  type Config,
  createHttpServer,
  createLogger,
  createMetrics,
  type Logger,
  type Metrics,
  migrateToLatest,
  openStorage,
  type Storage,
  systemClock,
  type ZodServer,
} from "./platform/index.ts";
import { PolicyEngine } from "./policy/index.ts";
import { VERSION } from "./version.ts";

/** Every part's migrations, applied in one global order at start. */
export const MIGRATIONS = [referenceOmsMigrations, auditMigrations, conversationMigrations];

export interface AppOptions {
  config: Config;
  logger?: Logger;
  clock?: Clock;
  /** An already open database (tests); otherwise opened from the config. */
  storage?: Storage;
}

/** The composed platform: storage, the order system, the policy engine, audit and the HTTP server. */
export interface App {
  config: Config;
  logger: Logger;
  storage: Storage;
  connector: ReferenceOms;
  policy: PolicyEngine;
  audit: AuditLog;
  agent: LoadedAgent;
  /** The agent, trained and ready (understanding, skills, messages). */
  runtime: Agent;
  conversations: ConversationService;
  metrics: Metrics;
  http: FastifyInstance;
  adminToken: { value: string; generated: boolean };
  seeded: SeedReport | null;
  close(): Promise<void>;
}

/**
 * The admin token: the configured one, or a development token generated once and kept in the data
 * directory (readable by its owner only) so it survives restarts.
 */
export function resolveAdminToken(config: Config): { value: string; generated: boolean } {
  if (config.adminToken) return { value: config.adminToken, generated: false };
  const dir = resolve(config.dataDir);
  const file = resolve(dir, "admin-token");
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (saved.length >= 16) return { value: saved, generated: true };
  }
  mkdirSync(dir, { recursive: true });
  const value = `dev_${randomBytes(24).toString("base64url")}`;
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, generated: true };
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  // Configuration first: a bad agent or policy pack stops the start before anything is touched.
  const agent = loadAgent(config.agentDir);
  const policy = new PolicyEngine(agent.policy);

  const storage =
    options.storage ?? (await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const migrated = await migrateToLatest(storage, MIGRATIONS);
    if (migrated.applied.length > 0) logger.info({ migrations: migrated.applied }, "database migrated");
    const omsDb = storage.db as unknown as OmsDb;
    const seeded = config.seedOnFirstStart
      ? await seedIfEmpty(omsDb, { dataset: agent.definition.dataset, anchor: clock.now() })
      : null;
    if (seeded)
      logger.info(
        { dataset: seeded.dataset, customers: seeded.rows.oms_customers, orders: seeded.rows.oms_orders },
        "reference store seeded",
      );

    const connector = new ReferenceOms({ db: omsDb, dialect: storage.dialect, clock });
    const audit = new AuditLog({ db: storage.db, dialect: storage.dialect, clock });
    const metrics = createMetrics();
    const adminToken = resolveAdminToken(config);
    const runtime = await Agent.create({
      agent,
      connector,
      policy,
      audit,
      clock,
      onError: (error) => logger.error({ err: error }, "agent turn failed"),
    });
    const conversations = new ConversationService(new ConversationStore({ db: storage.db, clock }), runtime, {
      agentVersion: String(agent.policy.version),
      clock,
    });
    const http = await createHttpServer({ logger, metrics, version: VERSION });
    await http.register(websocket, { options: { maxPayload: 64 * 1024 } });
    const zod = http as unknown as ZodServer;
    chatRoutes(zod, conversations, adminToken.value);
    chatWebSocket(http, conversations, logger);
    chatPage(http, agent.definition.store);
    nluRoutes(zod, runtime.understanding, runtime.languages, clock);
    registerRoutes(zod, {
      version: VERSION,
      storage,
      connector,
      policy,
      agent,
      metrics,
      adminToken: adminToken.value,
      describeStore: () => describeData(omsDb),
    });
    await http.ready();

    return {
      config,
      logger,
      storage,
      connector,
      policy,
      audit,
      agent,
      runtime,
      conversations,
      metrics,
      http,
      adminToken,
      seeded,
      async close() {
        await http.close();
        if (!options.storage) await storage.close();
      },
    };
  } catch (error) {
    if (!options.storage) await storage.close().catch(() => {});
    throw error;
  }
}
