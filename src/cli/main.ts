import { Command, InvalidArgumentError, Option } from "commander";
import { SwitchboardError } from "../platform/errors.ts";
import { chatCommand, nluCommand, testCommand } from "./agent-commands.ts";
import {
  auditCommand,
  configCommand,
  policyCheckCommand,
  seedCommand,
  startCommand,
  toolsCommand,
} from "./commands.ts";
import {
  backupCommand,
  personalDataEraseCommand,
  personalDataExportCommand,
  restoreCommand,
  retentionRunCommand,
  tokensCreateCommand,
  tokensRevokeCommand,
  usersAddCommand,
} from "./compliance-commands.ts";
import { conformancePasses, runConformance, summarize } from "./conformance.ts";
import { registerSimulateCall, type SimulateOptions, simulateCommand } from "./simulate-commands.ts";
import { SURGE_OPTIONS, type SurgeFlags, surgeCommand } from "./surge-command.ts";
import {
  agentDeployCommand,
  agentDiffCommand,
  agentPublishCommand,
  agentRollbackCommand,
  agentValidateCommand,
  agentVersionsCommand,
} from "./version-commands.ts";

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError("must be an integer from 0 to 65535");
  return n;
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError("must be a date as YYYY-MM-DD");
  return value;
}

const program = new Command()
  .name("switchboard")
  .description("AI agents for ecommerce contact centers")
  .showHelpAfterError()
  .option("-c, --config <file>", "configuration file (default: switchboard.yaml when present)");

program
  .command("start")
  .description("start the platform: HTTP API, the agent and the reference order system")
  .option("-p, --port <port>", "port to listen on (PORT)", port)
  .option("--host <host>", "address to listen on (HOST)")
  .action((opts: { port?: number; host?: string }) => startCommand({ ...program.opts(), ...opts }));

program
  .command("seed")
  .description("load a data set into the reference order system, replacing what it holds")
  .addOption(
    new Option("--dataset <name>", "enriched store or plain tau-bench data")
      .choices(["enriched", "tau"])
      .default("enriched"),
  )
  .option("--anchor <date>", "date the data is placed around, YYYY-MM-DD (default: today)", isoDate)
  .option("--force", "replace a store that already holds data")
  .action((opts: { dataset: "enriched" | "tau"; anchor?: string; force?: boolean }) =>
    seedCommand({ ...program.opts(), ...opts }),
  );

program
  .command("conformance")
  .description(
    "replay tau-bench and tau2 ground truth against the reference order system and the policy engine",
  )
  .addOption(
    new Option("--suite <suite>", "which suite").choices(["all", "tau-bench", "tau2"]).default("all"),
  )
  .option("--json", "print the full report as JSON")
  .action(async (opts: { suite: string; json?: boolean }) => {
    const suites =
      opts.suite === "all" ? (["tau-bench", "tau2"] as const) : ([opts.suite] as ["tau-bench"] | ["tau2"]);
    const report = await runConformance({
      suites: [...suites],
      databaseUrl: process.env.DATABASE_URL || undefined,
      progress: process.stderr.isTTY,
    });
    if (opts.json) console.log(JSON.stringify(report, null, 2));
    else console.log(summarize(report).join("\n"));
    process.exitCode = conformancePasses(report) ? 0 : 1;
  });

program
  .command("tools")
  .description("print the agent's tools as OpenAI-compatible function schemas")
  .addOption(
    new Option("--set <set>", "tool set: tau-bench's retail tools, or the store's own")
      .choices(["tau", "store"])
      .default("tau"),
  )
  .action((opts: { set: "tau" | "store" }) => toolsCommand(opts));

program
  .command("test <dir>")
  .description("run the conversation tests in a directory and write a JUnit report")
  .option("--agent <dir>", "agent definition directory (default: agents/default)")
  .option("--junit <file>", "where to write the JUnit report", "test-output/conversation-tests.xml")
  .option("--filter <text>", "only tests whose name or file contains this")
  .action((dir: string, opts: { agent?: string; junit?: string; filter?: string }) => testCommand(dir, opts));

program
  .command("nlu <text>")
  .description("show what the agent understands in a message: language, intent, entities, sentiment")
  .option("--language <code>", "force the language (en, de, fr, es, it, nl)")
  .option("--agent <dir>", "agent definition directory (default: agents/default)")
  .action((text: string, opts: { language?: string; agent?: string }) => nluCommand(text, opts));

program
  .command("chat")
  .description("talk to the agent from the terminal")
  .option("--locale <locale>", "the customer's locale, e.g. de-DE")
  .action((opts: { locale?: string }) => chatCommand({ ...program.opts(), ...opts }));

const policy = program.command("policy").description("policy packs");
policy
  .command("check <file>")
  .description("validate a policy pack and print its actions and settings")
  .action((file: string) => policyCheckCommand(file));

const audit = program.command("audit").description("the audit log");
audit
  .command("verify")
  .description("check the audit log's hash chain and report the first broken link")
  .action(() => auditCommand(program.opts()));

const ROLE_CHOICES = ["admin", "designer", "supervisor", "agent", "auditor"];

const users = program.command("users").description("people who sign in to the desk and studio");
users
  .command("add <username>")
  .description("create a user; the password is read from standard input or SWITCHBOARD_NEW_PASSWORD")
  .addOption(new Option("--role <role>", "what they may do").choices(ROLE_CHOICES).makeOptionMandatory())
  .action((username: string, opts: { role: string }) =>
    usersAddCommand({ ...program.opts(), ...opts, username }),
  );

const tokens = program.command("tokens").description("API tokens for integrations and scrapers");
tokens
  .command("create <name>")
  .description("create a token with a role, optionally narrowed to scopes; prints the secret once")
  .addOption(new Option("--role <role>", "the role it acts as").choices(ROLE_CHOICES).makeOptionMandatory())
  .option("--scope <permission...>", "only these permissions of the role (e.g. metrics:read)")
  .option("--expires <iso-time>", "expiry, e.g. 2027-01-01T00:00:00Z")
  .action((name: string, opts: { role: string; scope?: string[]; expires?: string }) =>
    tokensCreateCommand({ ...program.opts(), ...opts, name }),
  );
tokens
  .command("revoke <id>")
  .description("revoke a token")
  .action((id: string) => tokensRevokeCommand({ ...program.opts(), id }));

const personal = program.command("personal-data").description("GDPR access and erasure requests");
personal
  .command("export <customerId>")
  .description("everything kept about a customer, as JSON (Art. 15/20)")
  .option("-o, --out <file>", "write to a file (mode 600) instead of standard output")
  .action((customerId: string, opts: { out?: string }) =>
    personalDataExportCommand({ ...program.opts(), ...opts, customerId }),
  );
personal
  .command("erase <customerId>")
  .description(
    "erase a customer (Art. 17): anonymise the profile, crypto-shred conversations and audit details",
  )
  .option("--yes", "confirm: erasure cannot be undone")
  .action((customerId: string, opts: { yes?: boolean }) =>
    personalDataEraseCommand({ ...program.opts(), ...opts, customerId }),
  );

program
  .command("retention")
  .description("data retention")
  .command("run")
  .description("purge what is past its retention period now (the server does this hourly)")
  .action(() => retentionRunCommand(program.opts()));

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("must be a whole number from 1");
  return n;
}

const agentCmd = program
  .command("agent")
  .description("agent versions: validate, diff, publish, deploy, roll back");
agentCmd
  .command("validate [dir]")
  .description("load and check an agent directory (default: the configured agent)")
  .action((dir?: string) => agentValidateCommand({ ...program.opts(), ...(dir ? { dir } : {}) }));
agentCmd
  .command("diff [dir]")
  .description("what changed in the directory against a published version (default: the latest)")
  .option("--against <version>", "version to compare with", positiveInt)
  .action((dir: string | undefined, opts: { against?: number }) =>
    agentDiffCommand({ ...program.opts(), ...opts, ...(dir ? { dir } : {}) }),
  );
agentCmd
  .command("publish [dir]")
  .description("run the release gate and publish the directory as the next immutable version")
  .requiredOption("--note <text>", "what changed and why")
  .option("--replay <n>", "recorded conversations to replay against the candidate", positiveInt, 50)
  .action((dir: string | undefined, opts: { note: string; replay: number }) =>
    agentPublishCommand({ ...program.opts(), ...opts, ...(dir ? { dir } : {}) }),
  );
agentCmd
  .command("versions")
  .description("published versions and what each environment runs")
  .action(() => agentVersionsCommand(program.opts()));
agentCmd
  .command("deploy <version>")
  .description("point an environment at a version, optionally with a canary")
  .addOption(
    new Option("--env <env>", "environment").choices(["staging", "production"]).default("production"),
  )
  .option("--canary-version <version>", "a candidate for a share of new conversations", positiveInt)
  .option("--canary-percent <percent>", "that share, 1-99", positiveInt)
  .action(
    (
      version: string,
      opts: { env: "staging" | "production"; canaryVersion?: number; canaryPercent?: number },
    ) => agentDeployCommand({ ...program.opts(), ...opts, version: positiveInt(version) }),
  );
agentCmd
  .command("rollback")
  .description("return the environment to the version it ran before")
  .addOption(
    new Option("--env <env>", "environment").choices(["staging", "production"]).default("production"),
  )
  .action((opts: { env: "staging" | "production" }) => agentRollbackCommand({ ...program.opts(), ...opts }));

const simulate = program
  .command("simulate")
  .description("simulated customers against the agent over the chat API (pass^k over tau-bench tasks)")
  .addOption(new Option("--tasks <set>", "task set").choices(["tau-retail"]).default("tau-retail"))
  .option("--k <n>", "trials per task", positiveInt, 4)
  .addOption(
    new Option("--split <split>", "tau-bench split").choices(["test", "train", "dev"]).default("test"),
  )
  .option("--seed <seed>", "seed for the customers' behaviour (typos, changes of mind, wording)", "1")
  .option("--agent <dir>", "agent directory (default: agents/tau-retail)")
  .option("--version <n>", "a published version of that agent, from the platform's database", positiveInt)
  .option("--limit <n>", "only the first n tasks of the split", positiveInt)
  .option("--task <id...>", "only these tasks, e.g. test/3")
  .option("--failures <n>", "failed trials to list", (v) => positiveInt(v), 15)
  .option("--json", "print the whole report, with transcripts, as JSON")
  .action((opts: SimulateOptions) => simulateCommand({ ...program.opts(), ...opts }));
const surge = simulate
  .command("surge")
  .description("peak rehearsal: a promotion-shaped chat load against the platform, up to saturation");
for (const [flags, description, fallback] of SURGE_OPTIONS) surge.option(flags, description, fallback);
surge.action(async (opts: SurgeFlags) => {
  // `simulate` has a --seed of its own and commander gives it the value wherever it is written.
  const seed = simulate.getOptionValueSource("seed") === "cli" ? simulate.opts().seed : opts.seed;
  await surgeCommand({ ...opts, seed });
});
registerSimulateCall(simulate);

program
  .command("backup <file>")
  .description("a consistent copy of the database without the data keys (SQLite file, or pg_dump)")
  .action((file: string) => backupCommand({ ...program.opts(), file }));

program
  .command("restore <file>")
  .description("put a SQLite backup in place (server stopped), keeping the live data keys")
  .option("--yes", "confirm: the database is replaced")
  .action((file: string, opts: { yes?: boolean }) => restoreCommand({ ...program.opts(), ...opts, file }));

program
  .command("config")
  .description("print the configuration in effect (secrets hidden)")
  .action(() => configCommand(program.opts()));

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof SwitchboardError) {
    console.error(`switchboard: ${error.message}`);
    process.exitCode = 2;
  } else {
    console.error(error);
    process.exitCode = 1;
  }
}
