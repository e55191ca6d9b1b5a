import { readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { type App, createApp } from "../app.ts";
import { backupDatabase, restoreSqlite } from "../compliance/index.ts";
import { type Config, loadConfig, openStorage, SwitchboardError, stderrLogger } from "../platform/index.ts";

interface GlobalOptions {
  config?: string;
}

/** The platform without its HTTP listener, for one administrative command. */
async function withApp<T>(options: GlobalOptions, fn: (app: App) => Promise<T>): Promise<T> {
  const config: Config = loadConfig(options.config ? { file: options.config } : {});
  const app = await createApp({
    config,
    logger: stderrLogger(),
  });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** A password from SWITCHBOARD_NEW_PASSWORD or the first line of piped input: never from the command line. */
function readPassword(): string {
  const fromEnv = process.env.SWITCHBOARD_NEW_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY)
    throw new SwitchboardError(
      "bad_request",
      "Pipe the password on standard input or set SWITCHBOARD_NEW_PASSWORD (not as an argument: it would stay in the shell history)",
    );
  return (readFileSync(0, "utf8").split(/\r?\n/)[0] ?? "").trim();
}

export async function usersAddCommand(
  options: GlobalOptions & { username: string; role: string },
): Promise<void> {
  const password = readPassword();
  await withApp(options, async (app) => {
    const user = await app.access.createUser(
      { username: options.username, password, role: options.role },
      "cli",
    );
    console.log(`Created ${user.role} ${user.username} (${user.id}).`);
  });
}

export async function tokensCreateCommand(
  options: GlobalOptions & { name: string; role: string; scope?: string[]; expires?: string },
): Promise<void> {
  await withApp(options, async (app) => {
    const created = await app.access.createToken(
      { name: options.name, role: options.role, scopes: options.scope, expiresAt: options.expires },
      "cli",
    );
    console.log(
      `Token ${created.id} (${options.role}${options.scope ? `: ${options.scope.join(", ")}` : ""}).`,
    );
    console.log("Shown once; keep it in a secret store:");
    console.log(created.token);
  });
}

export async function tokensRevokeCommand(options: GlobalOptions & { id: string }): Promise<void> {
  await withApp(options, async (app) => {
    if (!(await app.access.revokeToken(options.id, "cli")))
      throw new SwitchboardError("not_found", `No active token ${options.id}`);
    console.log(`Revoked token ${options.id}.`);
  });
}

export async function personalDataExportCommand(
  options: GlobalOptions & { customerId: string; out?: string },
): Promise<void> {
  await withApp(options, async (app) => {
    const exported = await app.personalData.export(options.customerId, "cli");
    const json = `${JSON.stringify(exported, null, 2)}\n`;
    if (options.out) {
      writeFileSync(options.out, json, { mode: 0o600 });
      const counts = Object.entries(exported.sections).map(
        ([k, v]) => `${k} ${Array.isArray(v) ? v.length : v ? 1 : 0}`,
      );
      console.log(
        `Wrote ${options.out}: ${exported.erased ? "erased customer, nothing kept" : counts.join(", ")}.`,
      );
    } else process.stdout.write(json);
  });
}

export async function personalDataEraseCommand(
  options: GlobalOptions & { customerId: string; yes?: boolean },
): Promise<void> {
  if (!options.yes)
    throw new SwitchboardError("bad_request", "Erasure cannot be undone: repeat the command with --yes");
  await withApp(options, async (app) => {
    const report = await app.personalData.erase(options.customerId, "cli");
    const parts = Object.entries(report.sections).map(([k, n]) => `${k} ${n}`);
    console.log(`Erased customer ${options.customerId}: ${parts.join(", ")}.`);
  });
}

export async function retentionRunCommand(options: GlobalOptions): Promise<void> {
  await withApp(options, async (app) => {
    const report = await app.retention.run();
    const parts = Object.entries(report.purged).map(([k, n]) => `${k} ${n}`);
    console.log(`Retention pass at ${report.at}: purged ${parts.join(", ")}.`);
  });
}

export async function backupCommand(options: GlobalOptions & { file: string }): Promise<void> {
  const config: Config = loadConfig(options.config ? { file: options.config } : {});
  const storage = await openStorage({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    const written = await backupDatabase(storage, options.file);
    console.log(
      `Backed up ${storage.location} to ${written.file} (${written.format}), without the data keys.`,
    );
  } finally {
    await storage.close();
  }
}

export function restoreCommand(options: GlobalOptions & { file: string; yes?: boolean }): void {
  const config: Config = loadConfig(options.config ? { file: options.config } : {});
  if (config.databaseUrl)
    throw new SwitchboardError(
      "bad_request",
      "On PostgreSQL restore with pg_restore and keep the live compliance_data_keys table (docs/compliance.md)",
    );
  if (!options.yes)
    throw new SwitchboardError(
      "bad_request",
      "Restoring replaces the database: stop the server and repeat with --yes",
    );
  const live = resolve(config.dataDir, "switchboard.sqlite");
  const restored = restoreSqlite(live, options.file);
  console.log(`Restored ${options.file} into ${live}; kept the ${restored.keys} live data keys.`);
}
