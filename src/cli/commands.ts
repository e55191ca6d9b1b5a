import { storeTools, ToolRegistry, tauTools } from "../agent/index.ts";
import { createApp, MIGRATIONS } from "../app.ts";
import { countCustomers, type Dataset, type OmsDb, seedReferenceOms } from "../commerce/reference/index.ts";
import { AuditLog, Vault } from "../compliance/index.ts";
import { type Config, loadConfig, migrateToLatest, openStorage } from "../platform/index.ts";
import { loadPolicyPack, PolicyEngine } from "../policy/index.ts";

interface GlobalOptions {
  config?: string;
}

function config(options: GlobalOptions, overrides: Partial<Record<keyof Config, unknown>> = {}): Config {
  return loadConfig({ ...(options.config ? { file: options.config } : {}), overrides });
}

export async function startCommand(options: GlobalOptions & { port?: number; host?: string }): Promise<void> {
  const cfg = config(options, { port: options.port, host: options.host });
  const app = await createApp({ config: cfg });
  const address = await app.http.listen({ port: cfg.port, host: cfg.host });
  app.retention.schedule();
  app.desk.router.schedule(5_000, (error) => app.logger.error({ err: error }, "desk routing failed"));
  const sip = await app.voice.start().catch(() => null);
  // Speech engines load in the background; calls before they are ready wait for them.
  app.voiceSessions
    .warm()
    .then(() => app.logger.info("speech engines ready"))
    .catch((error) => app.logger.warn({ err: error }, "speech engines could not load: calls use the keypad"));
  if (sip)
    console.log(`SIP on udp://${sip.address}:${sip.port} (calls transfer to ${cfg.sipTransferTarget})`);
  else console.log(`SIP port ${cfg.sipPort} is not available: calls are off (set SWITCHBOARD_SIP_PORT)`);
  const data = app.seeded ? `seeded the ${app.seeded.dataset} data set` : "using the existing data";
  console.log(`Switchboard listening on ${address} (${app.storage.location}; ${data})`);
  console.log(`Agent: ${app.agent.definition.id}, policy ${app.policy.id}@${app.policy.version}`);
  if (app.adminToken.generated) {
    console.log(
      `Development admin token (set SWITCHBOARD_ADMIN_TOKEN in production): ${app.adminToken.value}`,
    );
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.logger.info({ signal }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

export async function seedCommand(
  options: GlobalOptions & { dataset: Dataset; anchor?: string; force?: boolean },
): Promise<void> {
  const cfg = config(options);
  const storage = await openStorage({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    await migrateToLatest(storage, MIGRATIONS);
    const db = storage.db as unknown as OmsDb;
    const existing = await countCustomers(db);
    if (existing > 0 && !options.force) {
      console.error(
        `The reference store already holds ${existing} customers. Run again with --force to replace them.`,
      );
      process.exitCode = 1;
      return;
    }
    const anchor = options.anchor ? new Date(`${options.anchor}T12:00:00Z`) : new Date();
    const report = await seedReferenceOms(db, { dataset: options.dataset, anchor });
    console.log(
      `Seeded the ${report.dataset} data set into ${storage.location}: ${report.rows.oms_customers} customers, ${report.rows.oms_orders} orders, ${report.rows.oms_products} products, ${report.rows.oms_invoices} invoices (dates around ${report.anchor.slice(0, 10)}).`,
    );
  } finally {
    await storage.close();
  }
}

const TOOL_SETS = { tau: tauTools, store: storeTools };

export function toolsCommand(options: { set: keyof typeof TOOL_SETS }): void {
  const registry = new ToolRegistry(TOOL_SETS[options.set]);
  console.log(JSON.stringify(registry.functionSchemas(), null, 2));
}

export function policyCheckCommand(file: string): void {
  const pack = loadPolicyPack(file);
  const engine = new PolicyEngine(pack);
  console.log(`${file}: policy pack ${pack.pack}@${pack.version} (${pack.name}) is valid.`);
  for (const [action, def] of Object.entries(pack.actions)) {
    console.log(`  ${action}: ${(def?.rules.length ?? 0) + pack.conversation.length} rules`);
  }
  const settings = engine.settings();
  if (Object.keys(settings).length > 0) console.log(`  settings: ${JSON.stringify(pack.settings)}`);
}

export async function auditCommand(options: GlobalOptions): Promise<void> {
  const cfg = config(options);
  const storage = await openStorage({ databaseUrl: cfg.databaseUrl, dataDir: cfg.dataDir });
  try {
    await migrateToLatest(storage, MIGRATIONS);
    const result = await new AuditLog({
      db: storage.db,
      dialect: storage.dialect,
      vault: Vault.ephemeral(storage.db),
    }).verify();
    if (result.ok) {
      console.log(`Audit log intact: ${result.entries} entries, every link verified.`);
    } else {
      console.error(
        `Audit log BROKEN at entry ${result.brokenAt}: ${result.problem} (${result.entries} entries read).`,
      );
      process.exitCode = 1;
    }
  } finally {
    await storage.close();
  }
}

export function configCommand(options: GlobalOptions): void {
  const cfg = config(options);
  const shown = {
    ...cfg,
    adminToken: cfg.adminToken ? "(set)" : "(generated in the data directory)",
    databaseUrl: cfg.databaseUrl ? "(set)" : "(unset: SQLite in the data directory)",
  };
  console.log(JSON.stringify(shown, null, 2));
}
