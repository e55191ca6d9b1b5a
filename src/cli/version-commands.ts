import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadAgent } from "../agent/index.ts";
import { createApp, MIGRATIONS, resolveMasterKey } from "../app.ts";
import { AuditLog, Vault } from "../compliance/index.ts";
import {
  AgentVersions,
  diffBundles,
  type Environment,
  formatGateReport,
  readBundle,
  replayStep,
  writeBundle,
} from "../governance/versions/index.ts";
import {
  type Config,
  loadConfig,
  migrateToLatest,
  openStorage,
  SwitchboardError,
  stderrLogger,
  systemClock,
} from "../platform/index.ts";

interface GlobalOptions {
  config?: string;
}

async function withVersions<T>(
  options: GlobalOptions,
  fn: (versions: AgentVersions, config: Config) => Promise<T>,
) {
  const config = loadConfig(options.config ? { file: options.config } : {});
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await migrateToLatest(storage, MIGRATIONS);
    const vault = new Vault({ db: storage.db, masterKey: resolveMasterKey(config).value });
    const audit = new AuditLog({ db: storage.db, dialect: storage.dialect, vault });
    return await fn(new AgentVersions({ db: storage.db, audit }), config);
  } finally {
    await storage.close();
  }
}

/** A published version written out as an agent directory (temporary), to simulate or inspect it. */
export async function materialiseVersion(
  options: GlobalOptions,
  agentId: string,
  version: number,
): Promise<string> {
  return withVersions(options, async (versions) => {
    const bundle = await versions.bundle(agentId, version);
    if (!bundle) throw new SwitchboardError("not_found", `Agent ${agentId} has no version ${version}`);
    const dir = mkdtempSync(join(tmpdir(), `sb-${agentId}-v${version}-`));
    writeBundle(bundle, dir);
    return dir;
  });
}

const author = () => process.env.SWITCHBOARD_AUTHOR ?? process.env.USER ?? "cli";

export function agentValidateCommand(options: GlobalOptions & { dir?: string }): void {
  const dir = resolve(options.dir ?? loadConfig(options.config ? { file: options.config } : {}).agentDir);
  const loaded = loadAgent(dir);
  const files = Object.keys(readBundle(dir).files).length;
  console.log(
    `Agent ${loaded.definition.id} in ${dir} is valid: policy ${loaded.policy.pack}@${loaded.policy.version}, ` +
      `${loaded.definition.languages.length} languages, ${loaded.definition.skills.length} skills, ${files} files.`,
  );
}

export async function agentPublishCommand(
  options: GlobalOptions & { dir?: string; note: string; replay?: number },
): Promise<void> {
  const config = loadConfig(options.config ? { file: options.config } : {});
  // The platform as it runs today: its log holds the conversations to replay, its agent is the baseline.
  const app = await createApp({
    config,
    logger: stderrLogger(),
  });
  try {
    const dir = resolve(options.dir ?? config.agentDir);
    const recent = await app.conversations.list({ limit: options.replay ?? 50 });
    const conversationIds = recent.filter((c) => c.eventCount > 2).map((c) => c.id);
    const result = await app.versions.publish({
      dir,
      author: author(),
      note: options.note,
      replay:
        conversationIds.length > 0
          ? replayStep({
              storage: app.storage,
              store: app.conversationStore,
              connector: app.connector,
              clock: systemClock,
              baseline: app.runtime,
              conversationIds,
            })
          : undefined,
    });
    if (!result.ok) {
      if (result.gate) console.log(formatGateReport(result.gate));
      if (result.gate) console.error(`Refused: ${result.message}.`);
      else console.error(`Not published: ${result.message}.`);
      process.exitCode = 1;
      return;
    }
    console.log(formatGateReport(result.version.gate));
    console.log(
      `Published ${result.version.agentId} version ${result.version.version} (${result.version.digest.slice(0, 12)}).`,
    );
  } finally {
    await app.close();
  }
}

export async function agentVersionsCommand(options: GlobalOptions): Promise<void> {
  await withVersions(options, async (versions, config) => {
    const id = loadAgent(config.agentDir).definition.id;
    const list = await versions.list(id);
    const production = await versions.current(id, "production");
    const staging = await versions.current(id, "staging");
    if (list.length === 0) console.log(`No versions of ${id} are published yet.`);
    for (const v of list) {
      const marks = [
        production?.version === v.version ? "production" : "",
        production?.canary?.version === v.version ? `canary ${production.canary.percent}%` : "",
        staging?.version === v.version ? "staging" : "",
      ].filter(Boolean);
      console.log(
        `v${v.version}  ${v.createdAt}  ${v.author}  ${v.note}${marks.length ? `  [${marks.join(", ")}]` : ""}`,
      );
    }
  });
}

export async function agentDiffCommand(
  options: GlobalOptions & { dir?: string; against?: number },
): Promise<void> {
  await withVersions(options, async (versions, config) => {
    const dir = resolve(options.dir ?? config.agentDir);
    const id = loadAgent(dir).definition.id;
    const against = options.against ?? (await versions.latest(id))?.version;
    if (!against) throw new SwitchboardError("not_found", `No versions of ${id} are published yet`);
    const base = await versions.bundle(id, against);
    if (!base) throw new SwitchboardError("not_found", `Agent ${id} has no version ${against}`);
    const diff = diffBundles(base, readBundle(dir));
    if (diff.length === 0) console.log(`No changes against version ${against}.`);
    for (const d of diff) {
      console.log(`${d.change} ${d.path}`);
      for (const line of d.lines) console.log(`  ${line}`);
    }
  });
}

export async function agentDeployCommand(
  options: GlobalOptions & {
    version: number;
    env: Environment;
    canaryVersion?: number;
    canaryPercent?: number;
  },
): Promise<void> {
  await withVersions(options, async (versions, config) => {
    const id = loadAgent(config.agentDir).definition.id;
    if ((options.canaryVersion === undefined) !== (options.canaryPercent === undefined))
      throw new SwitchboardError("bad_request", "--canary-version and --canary-percent go together");
    const deployed = await versions.deploy({
      agentId: id,
      environment: options.env,
      version: options.version,
      canary:
        options.canaryVersion !== undefined
          ? { version: options.canaryVersion, percent: options.canaryPercent as number }
          : undefined,
      actor: author(),
    });
    console.log(
      `${options.env} now runs ${id} version ${deployed.version}` +
        (deployed.canary
          ? `, with version ${deployed.canary.version} for ${deployed.canary.percent}% of new conversations`
          : "") +
        ". Restart the server to apply.",
    );
  });
}

export async function agentRollbackCommand(options: GlobalOptions & { env: Environment }): Promise<void> {
  await withVersions(options, async (versions, config) => {
    const id = loadAgent(config.agentDir).definition.id;
    const back = await versions.rollback(id, options.env, author());
    console.log(`${options.env} rolled back to ${id} version ${back.version}. Restart the server to apply.`);
  });
}
