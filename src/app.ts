import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
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
  referenceOmsPersonalData,
  replayRecordRetention,
  type SeedReport,
  seedIfEmpty,
} from "./commerce/reference/index.ts";
import {
  AccessControl,
  AuditLog,
  auditDeployment,
  auditPersonalData,
  type Permission,
  PersonalDataService,
  RetentionJob,
  redactForLog,
  Vault,
} from "./compliance/index.ts";
import { ConversationService, ConversationStore, conversationPersonalData } from "./conversation/index.ts";
import { AnalyticsSource } from "./governance/analytics/index.ts";
import {
  AgentVersions,
  bundleDigest,
  chooseVersion,
  readBundle,
  replayStep,
  writeBundle,
} from "./governance/versions/index.ts";
import { DeskAgents, HandoffDesk, HandoffQueue, HandoffRouter } from "./handoff/index.ts";
import { MIGRATIONS } from "./migrations.ts";
import {
  type Clock,
  type Config,
  createHttpServer,
  createLogger,
  createMetrics,
  digest,
  guard,
  type Logger,
  type Metrics,
  migrateToLatest,
  openStorage,
  redactUrl,
  type Storage,
  SwitchboardError,
  systemClock,
  type ZodServer,
} from "./platform/index.ts";
import { PolicyEngine } from "./policy/index.ts";
import { VERSION } from "./version.ts";
import { browserVoice } from "./voice/browser/index.ts";
import { VoiceCalls } from "./voice/calls.ts";
import { mediaStreams } from "./voice/media-stream/index.ts";
import { PROMPT_PARAMETER, VoiceSessions } from "./voice/session/index.ts";
import { embeddedEngines } from "./voice/speech/index.ts";
import { webPages } from "./web-serving/index.ts";

export { MIGRATIONS };

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
  vault: Vault;
  access: AccessControl;
  personalData: PersonalDataService;
  /** Purges data past its retention period; `start` schedules it hourly. */
  retention: RetentionJob;
  /** Published agent versions and deployments. */
  versions: AgentVersions;
  /** Handed-over conversations, the queue and the people at the desk; `start` routes every few seconds. */
  desk: HandoffDesk;
  /** Phone calls over SIP (not listening until `voice.start()`; `switchboard start` does it). */
  voice: VoiceCalls;
  /** Voice sessions for every call transport (SIP, media streams, the browser page). */
  voiceSessions: VoiceSessions;
  agent: LoadedAgent;
  /** The agent, trained and ready (understanding, skills, messages). */
  runtime: Agent;
  conversations: ConversationService;
  /** The conversation log itself (replay and exports read it). */
  conversationStore: ConversationStore;
  metrics: Metrics;
  http: FastifyInstance;
  adminToken: { value: string; generated: boolean };
  seeded: SeedReport | null;
  close(): Promise<void>;
}

/**
 * A secret from the configuration, or one generated once and kept in the data directory (readable by
 * its owner only) so that it survives restarts.
 */
function resolveSecret(
  config: Config,
  configured: string | undefined,
  fileName: string,
  generate: () => string,
  valid: (saved: string) => boolean,
): { value: string; generated: boolean } {
  if (configured) return { value: configured, generated: false };
  const dir = resolve(config.dataDir);
  const file = resolve(dir, fileName);
  if (existsSync(file)) {
    const saved = readFileSync(file, "utf8").trim();
    if (valid(saved)) return { value: saved, generated: true };
  }
  mkdirSync(dir, { recursive: true });
  const value = generate();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, generated: true };
}

/** The admin token: the configured one, or a development token kept in the data directory. */
export function resolveAdminToken(config: Config): { value: string; generated: boolean } {
  return resolveSecret(
    config,
    config.adminToken,
    "admin-token",
    () => `dev_${randomBytes(24).toString("base64url")}`,
    (saved) => saved.length >= 16,
  );
}

/** The master key for data keys: configured, or generated into the data directory (development). */
export function resolveMasterKey(config: Config): { value: Buffer; generated: boolean } {
  const secret = resolveSecret(
    config,
    config.masterKey,
    "master-key",
    () => randomBytes(32).toString("base64"),
    (saved) => Buffer.from(saved, "base64").length === 32,
  );
  return { value: Buffer.from(secret.value, "base64"), generated: secret.generated };
}

export async function createApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const logger = options.logger ?? createLogger({ level: config.logLevel, scrub: redactForLog });
  const clock = options.clock ?? systemClock;
  // Configuration first: a bad agent or policy pack stops the start before anything is touched.
  const draft = loadAgent(config.agentDir);

  const storage =
    options.storage ?? (await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  try {
    const migrated = await migrateToLatest(storage, MIGRATIONS);
    if (migrated.applied.length > 0) logger.info({ migrations: migrated.applied }, "database migrated");
    const masterKey = resolveMasterKey(config);
    if (masterKey.generated && config.databaseUrl)
      logger.warn(
        "no master key configured: using one generated in the data directory; set SWITCHBOARD_MASTER_KEY",
      );
    const vault = new Vault({ db: storage.db, masterKey: masterKey.value, clock });
    const audit = new AuditLog({ db: storage.db, dialect: storage.dialect, clock, vault });
    // Production runs the deployed version when there is one; otherwise the agent directory (a draft).
    const versions = new AgentVersions({ db: storage.db, audit, clock });
    const deployment = await versions.current(draft.definition.id, "production");
    const materialise = async (version: number) => {
      const dir = resolve(config.dataDir, "agent-versions", draft.definition.id, `v${version}`);
      if (!existsSync(join(dir, "agent.yaml"))) {
        const bundle = await versions.bundle(draft.definition.id, version);
        if (!bundle) throw new SwitchboardError("config_invalid", `Deployed version ${version} is missing`);
        writeBundle(bundle, dir);
      }
      return loadAgent(dir);
    };
    const agent = deployment ? await materialise(deployment.version) : draft;
    const agentVersion = deployment ? `v${deployment.version}` : `draft (policy ${draft.policy.version})`;
    const policy = new PolicyEngine(agent.policy);
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
    // Settings that are secrets stay out of the audit log: only whether they are set.
    const {
      adminToken: _t,
      masterKey: _k,
      initialAdminPassword: _p,
      twilioAuthToken: _tw,
      databaseUrl,
      ...settings
    } = config;
    await auditDeployment(audit, {
      settings: {
        ...settings,
        databaseUrl: databaseUrl ? redactUrl(databaseUrl) : null,
        adminToken: config.adminToken ? "(set)" : null,
        masterKey: config.masterKey ? "(set)" : null,
        twilioAuthToken: config.twilioAuthToken ? "(set)" : null,
      },
      agent: {
        id: agent.definition.id,
        policyPack: `${agent.policy.pack}@${agent.policy.version}`,
        digest: digest({ definition: agent.definition, policy: agent.policy }),
      },
    });
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
    const conversationStore = new ConversationStore({ db: storage.db, clock, vault });
    const canaryAgent = deployment?.canary ? await materialise(deployment.canary.version) : null;
    const canary =
      deployment?.canary && canaryAgent
        ? {
            agentVersion: `v${deployment.canary.version}`,
            agent: await Agent.create({
              agent: canaryAgent,
              connector,
              policy: new PolicyEngine(canaryAgent.policy),
              audit,
              clock,
              onError: (error) => logger.error({ err: error }, "agent turn failed"),
            }),
            serves: (id: string) => chooseVersion(deployment, id) === deployment.canary?.version,
          }
        : undefined;
    if (deployment)
      logger.info(
        { version: agentVersion, canary: canary?.agentVersion },
        "serving a deployed agent version",
      );
    const conversations = new ConversationService(conversationStore, runtime, {
      agentVersion,
      ...(canary ? { canary } : {}),
      clock,
      redaction: Object.fromEntries(config.keepUnredacted.map((kind) => [kind, false])),
      messagesPerMinute: config.chatMessagesPerMinute,
    });
    // Handed-over conversations wait in a queue kept in the database and go to people at the desk.
    const handoffQueue = new HandoffQueue({ db: storage.db, clock });
    const deskAgents = new DeskAgents({ db: storage.db, clock });
    const router = new HandoffRouter(handoffQueue, deskAgents, {
      offerTimeoutMs: config.deskOfferTimeoutSeconds * 1000,
    });
    const desk = new HandoffDesk(handoffQueue, deskAgents, router, conversations);
    conversations.setDesk(desk);
    // Calls: every transport opens a voice session (VAD, recogniser, TTS) over the same agent; a
    // handoff on a call is a transfer to the desk's number.
    const engines = embeddedEngines({ utterancesDir: agent.utterancesDir, tts: config.voiceTts });
    const voiceSessions = new VoiceSessions({
      conversations,
      engines,
      logger,
      metrics,
      transferTarget: config.sipTransferTarget,
      // Order numbers heard on calls are checked against the store (the reference OMS writes "#W…").
      prompts: () => runtime.constantPrompts("en", { placeholder: PROMPT_PARAMETER }),
      orderExists: async (number) =>
        (await connector.getOrder(`#${number}`)) !== null || (await connector.getOrder(number)) !== null,
    });
    const voice = new VoiceCalls(voiceSessions, { host: config.host, port: config.sipPort, logger });
    const access = new AccessControl({
      db: storage.db,
      audit,
      clock,
      rootToken: adminToken.value,
      sessionTtlMinutes: config.sessionTtlMinutes,
    });
    if (config.initialAdminPassword && (await access.countUsers()) === 0) {
      await access.createUser(
        { username: "admin", password: config.initialAdminPassword, role: "admin" },
        "system",
      );
      logger.info("created the initial admin user");
    }
    const personalData = new PersonalDataService({
      holders: [
        ...referenceOmsPersonalData(connector, omsDb, storage.dialect),
        conversationPersonalData(conversationStore),
        auditPersonalData(audit),
      ],
      vault,
      audit,
      clock,
    });
    const guardFor = (permission: Permission) => guard(access, permission);
    const retention = new RetentionJob({
      targets: [
        {
          dataType: "conversations",
          days: config.retentionConversationDays,
          purgeOlderThan: (cutoff) => conversationStore.purgeOlderThan(cutoff),
        },
        replayRecordRetention(omsDb, config.retentionReplayRecordDays),
        // Sessions go as soon as they expire.
        { dataType: "sessions", days: 0, purgeOlderThan: () => access.purgeExpiredSessions() },
      ],
      audit,
      clock,
      onError: (error) => logger.error({ err: error }, "retention pass failed"),
    });
    const http = await createHttpServer({ logger, metrics, version: VERSION });
    await http.register(websocket, { options: { maxPayload: 64 * 1024 } });
    const zod = http as unknown as ZodServer;
    chatRoutes(zod, conversations, {
      guardList: guardFor("conversations:read"),
      startsPerMinute: config.chatStartsPerMinute,
    });
    chatWebSocket(http, conversations, logger, { startsPerMinute: config.chatStartsPerMinute });
    chatPage(http, agent.definition.store, config.chatFrameAncestors.split(/\s+/));
    // Phone numbers at Twilio-style carriers: the TwiML webhook and the media stream (docs/voice.md).
    await mediaStreams(http, { sessions: voiceSessions, config, logger, metrics });
    webPages(http, { logger });
    await http.register(browserVoice, {
      sessions: voiceSessions,
      startsPerMinute: config.chatStartsPerMinute,
      logger,
    });
    nluRoutes(zod, runtime.understanding, runtime.languages, clock, guardFor);
    registerRoutes(
      zod,
      {
        version: VERSION,
        storage,
        connector,
        policy,
        agent,
        metrics,
        access,
        audit,
        personalData,
        analytics: new AnalyticsSource({
          db: storage.db,
          store: conversationStore,
          costs: {
            assistedContactCost: config.assistedContactCost,
            selfServiceContactCost: config.selfServiceContactCost,
          },
          // Offers of the versions serving now; an offer a retired version alone made is not recognised.
          crossSellKeys: [agent, ...(canaryAgent ? [canaryAgent] : [])].flatMap((a) =>
            a.definition.crossSell.map((rule) => rule.message),
          ),
        }),
        versions: {
          store: versions,
          draftDir: resolve(config.agentDir),
          draftDigest: () => bundleDigest(readBundle(resolve(config.agentDir))),
          replay: async () => {
            const recent = await conversations.list({ limit: 50 });
            const conversationIds = recent.filter((c) => c.eventCount > 2).map((c) => c.id);
            if (conversationIds.length === 0) return undefined;
            return replayStep({
              storage,
              store: conversationStore,
              connector,
              clock,
              baseline: runtime,
              conversationIds,
            });
          },
        },
        desk,
        conversations,
        guard: guardFor,
        describeStore: () => describeData(omsDb),
      },
      { signInsPerMinute: config.signInsPerMinute },
    );
    await http.ready();

    return {
      config,
      logger,
      storage,
      connector,
      policy,
      audit,
      vault,
      access,
      personalData,
      retention,
      versions,
      desk,
      voice,
      voiceSessions,
      agent,
      runtime,
      conversations,
      conversationStore,
      metrics,
      http,
      adminToken,
      seeded,
      async close() {
        await retention.stop();
        router.stop();
        voiceSessions.close();
        await voice.stop();
        await engines.tts.close?.();
        await http.close();
        if (!options.storage) await storage.close();
      },
    };
  } catch (error) {
    if (!options.storage) await storage.close().catch(() => {});
    throw error;
  }
}
