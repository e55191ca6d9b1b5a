import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { SwitchboardError } from "./errors.ts";

/** The agent shipped with the platform, found wherever the command is run from. */
export const DEFAULT_AGENT_DIR = fileURLToPath(new URL("../../agents/default", import.meta.url));

/**
 * A whole number from a file (a number) or the environment (digits): `true`, `[60]` or an empty value
 * are refused, where z.coerce would quietly read them as 1, 60 or 0.
 */
const wholeNumber = () =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: "must be a whole number" }).int(),
  );

/**
 * An amount from a file (a number) or the environment ("13.5"): non-negative and finite; `1e400`,
 * `Infinity`, `-2` or an empty value are refused.
 */
const amount = () =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: "must be a number" })
      .refine((n) => Number.isFinite(n), "must be a finite number")
      .refine((n) => n >= 0, "must not be negative"),
  );

/** Every setting, its environment variable and its default. Units are in the names. */
export const ConfigSchema = z
  .object({
    port: wholeNumber().pipe(z.number().min(0).max(65535)).default(3000),
    host: z.string().min(1).default("127.0.0.1"),
    dataDir: z.string().min(1).default("./data"),
    databaseUrl: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    /** Bearer token for the admin API. Unset: a development token is generated and kept in the data dir. */
    adminToken: z.string().min(16, "must be at least 16 characters").optional(),
    /**
     * The master key that wraps every data key (base64 of 32 bytes). Keep it outside the database and
     * its backups. Unset: one is generated and kept in the data directory (development).
     */
    masterKey: z
      .string()
      .refine(
        (v) => Buffer.from(v, "base64").length === 32,
        "must be 32 bytes in base64 (openssl rand -base64 32)",
      )
      .optional(),
    /** Creates the user "admin" with this password on a start that finds no users (bootstrap). */
    initialAdminPassword: z.string().min(12, "must be at least 12 characters").optional(),
    sessionTtlMinutes: z.coerce
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(480),
    /** Public endpoints' limits: conversations started per client address, messages per conversation, sign-ins per address. */
    chatStartsPerMinute: wholeNumber().pipe(z.number().min(1).max(100_000)).default(60),
    chatMessagesPerMinute: wholeNumber().pipe(z.number().min(1).max(100_000)).default(60),
    signInsPerMinute: wholeNumber().pipe(z.number().min(1).max(10_000)).default(10),
    /** Sites allowed to frame the chat page (CSP frame-ancestors), space separated; "*" for any shop. */
    chatFrameAncestors: z.string().min(1).default("*"),
    /** Kinds of personal data customers may send that are kept as written (cards never are). */
    keepUnredacted: z.array(z.enum(["iban", "nationalIds"])).default([]),
    /** Days a conversation's transcript is kept after its last message (then crypto-deleted). */
    retentionConversationDays: wholeNumber().pipe(z.number().min(1).max(36_500)).default(365),
    /** Days the order system keeps replay records of applied changes (idempotency). */
    retentionReplayRecordDays: wholeNumber().pipe(z.number().min(1).max(36_500)).default(30),
    /** UDP port of the SIP endpoint (`switchboard start` listens on it at HOST). */
    sipPort: wholeNumber().pipe(z.number().min(0).max(65535)).default(5060),
    /** The agent's voice on calls: text2wav (espeak-ng, six languages, fast) or festival (English, clearer). */
    voiceTts: z.enum(["text2wav", "festival"]).default("text2wav"),
    /** Where a call handed to a person is transferred (REFER), e.g. the desk's SIP address on the PBX. */
    sipTransferTarget: z
      .string()
      .regex(/^sips?:[^\s<>]+$/, "must be a SIP URI such as sip:desk@pbx.example.com")
      .default("sip:desk@127.0.0.1"),
    /**
     * The platform's address as phone carriers reach it (https://voice.example.com), for the media
     * stream URL in TwiML and for checking Twilio's signatures. Unset: from each request's Host and
     * X-Forwarded-Proto.
     */
    publicUrl: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+\/?$/, "must be an origin such as https://voice.example.com")
      .optional(),
    /** Twilio's auth token: the voice webhook then requires a valid X-Twilio-Signature. */
    twilioAuthToken: z.string().min(16, "must be at least 16 characters").optional(),
    /**
     * Who a media-stream call handed to a person is dialled to (a `<Dial>` after the stream):
     * +E.164 or a sip: URI. Unset: calls on media streams are not transferred.
     */
    voiceTransferNumber: z
      .string()
      .regex(/^(\+[1-9]\d{6,14}|sips?:[^\s<>]+)$/, "must be a +E.164 number or a sip: URI")
      .optional(),
    /** Seconds a person has to take a conversation offered to them before it goes back in line. */
    deskOfferTimeoutSeconds: wholeNumber().pipe(z.number().min(5).max(3600)).default(60),
    agentDir: z.string().min(1).default(DEFAULT_AGENT_DIR),
    logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Seed the reference order system on the first start when it is empty. */
    seedOnFirstStart: z.boolean().default(true),
    /**
     * What one contact costs in the store's currency (13.5 = $13.50), for analytics' cost per contact
     * and savings: handled by a person, or by the agent alone. Defaults: the issue's industry figures.
     */
    assistedContactCost: amount().default(13.5),
    selfServiceContactCost: amount().default(1.84),
  })
  .strict();

export type Config = z.infer<typeof ConfigSchema>;

/** Environment variable → config key. */
export const ENVIRONMENT_KEYS: Record<string, keyof Config> = {
  PORT: "port",
  HOST: "host",
  SWITCHBOARD_DATA_DIR: "dataDir",
  DATABASE_URL: "databaseUrl",
  SWITCHBOARD_ADMIN_TOKEN: "adminToken",
  SWITCHBOARD_MASTER_KEY: "masterKey",
  SWITCHBOARD_INITIAL_ADMIN_PASSWORD: "initialAdminPassword",
  SWITCHBOARD_SESSION_TTL_MINUTES: "sessionTtlMinutes",
  SWITCHBOARD_CHAT_STARTS_PER_MINUTE: "chatStartsPerMinute",
  SWITCHBOARD_CHAT_MESSAGES_PER_MINUTE: "chatMessagesPerMinute",
  SWITCHBOARD_SIGN_INS_PER_MINUTE: "signInsPerMinute",
  SWITCHBOARD_CHAT_FRAME_ANCESTORS: "chatFrameAncestors",
  SWITCHBOARD_RETENTION_CONVERSATION_DAYS: "retentionConversationDays",
  SWITCHBOARD_KEEP_UNREDACTED: "keepUnredacted",
  SWITCHBOARD_RETENTION_REPLAY_RECORD_DAYS: "retentionReplayRecordDays",
  SWITCHBOARD_DESK_OFFER_TIMEOUT_SECONDS: "deskOfferTimeoutSeconds",
  SWITCHBOARD_SIP_PORT: "sipPort",
  SWITCHBOARD_SIP_TRANSFER_TARGET: "sipTransferTarget",
  SWITCHBOARD_VOICE_TTS: "voiceTts",
  SWITCHBOARD_PUBLIC_URL: "publicUrl",
  SWITCHBOARD_TWILIO_AUTH_TOKEN: "twilioAuthToken",
  SWITCHBOARD_VOICE_TRANSFER_NUMBER: "voiceTransferNumber",
  SWITCHBOARD_AGENT: "agentDir",
  SWITCHBOARD_LOG_LEVEL: "logLevel",
  SWITCHBOARD_SEED_ON_FIRST_START: "seedOnFirstStart",
  SWITCHBOARD_ASSISTED_CONTACT_COST: "assistedContactCost",
  SWITCHBOARD_SELF_SERVICE_CONTACT_COST: "selfServiceContactCost",
};

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
  /** A config file; default `SWITCHBOARD_CONFIG`, else `switchboard.yaml` in `cwd` when present. */
  file?: string;
  cwd?: string;
  /** Values that win over file and environment (CLI flags). */
  overrides?: Partial<Record<keyof Config, unknown>>;
}

/**
 * Reads file, then environment, then overrides, and validates the result.
 * A bad value fails with one message naming where it came from, so the operator can fix it in one go.
 */
export function loadConfig(options: LoadConfigOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const sources = new Map<string, string>();
  const raw: Record<string, unknown> = {};

  const file = options.file ?? env.SWITCHBOARD_CONFIG ?? defaultConfigFile(cwd);
  if (file) {
    const path = resolve(cwd, file);
    if (!existsSync(path)) {
      throw new SwitchboardError("config_invalid", `Configuration file not found: ${path}`);
    }
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(path, "utf8"));
    } catch (error) {
      throw new SwitchboardError(
        "config_invalid",
        `Configuration file ${path} is not valid YAML: ${String(error)}`,
      );
    }
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== "object" || Array.isArray(parsed)) {
        throw new SwitchboardError(
          "config_invalid",
          `Configuration file ${path} must hold a mapping of settings`,
        );
      }
      for (const [key, value] of Object.entries(parsed)) {
        raw[key] = value;
        sources.set(key, `${file}: ${key}`);
      }
    }
  }

  for (const [name, key] of Object.entries(ENVIRONMENT_KEYS)) {
    const value = env[name];
    if (value === undefined || value === "") continue;
    raw[key] =
      key === "seedOnFirstStart"
        ? parseBooleanEnv(value)
        : key === "keepUnredacted"
          ? value.split(",").map((v) => v.trim())
          : value;
    sources.set(key, `environment variable ${name}`);
  }

  for (const [key, value] of Object.entries(options.overrides ?? {})) {
    if (value === undefined) continue;
    raw[key] = value;
    sources.set(key, `option --${key}`);
  }

  const result = ConfigSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = String(issue.path[0] ?? "");
      const where = sources.get(key) ?? key;
      if (issue.code === "unrecognized_keys") {
        return `unknown setting(s) ${issue.keys.join(", ")} (known: ${Object.keys(ConfigSchema.shape).join(", ")})`;
      }
      const got = key in raw ? ` (got ${shown(raw[key])})` : "";
      return `${where}: ${issue.message}${got}`;
    });
    throw new SwitchboardError("config_invalid", `Invalid configuration:\n  - ${problems.join("\n  - ")}`, {
      details: problems,
    });
  }
  return result.data;
}

/** A value as the operator wrote it; a YAML alias inside its own anchor cannot be written as JSON. */
function shown(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return "a value that contains itself";
  }
}

function defaultConfigFile(cwd: string): string | undefined {
  const candidate = resolve(cwd, "switchboard.yaml");
  return existsSync(candidate) ? candidate : undefined;
}

function parseBooleanEnv(value: string): boolean | string {
  const v = value.trim().toLowerCase();
  if (["1", "true", "yes", "on"].includes(v)) return true;
  if (["0", "false", "no", "off"].includes(v)) return false;
  return value; // left for the schema to reject with a clear message
}
