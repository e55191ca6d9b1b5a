import { createCipheriv, createDecipheriv, createHmac, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { type Clock, systemClock } from "../../platform/clock.ts";
import { SwitchboardError } from "../../platform/errors.ts";
import type { VaultTables } from "./tables.ts";

/**
 * Envelope encryption with one data key per data subject (a customer, a conversation), so that
 * erasure is a matter of shredding keys: every copy of the ciphertext — in the live database, in
 * backups, in replicas — becomes unreadable at once, while hashes over the ciphertext (the audit
 * chain) still verify. Data keys are stored wrapped by the master key, which lives outside the
 * database (environment or a file in the data directory).
 *
 * Sealed values look like `sbx1.<subject>.<base64url of iv, ciphertext and tag>`; the subject is authenticated.
 */
const PREFIX = "sbx1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Keys are immutable, so caching is safe; the TTL bounds how long another node may still decrypt after a shred. */
const CACHE_TTL_MS = 60_000;

export interface VaultOptions {
  db: Kysely<object>;
  /** 32 bytes. */
  masterKey: Buffer;
  clock?: Clock;
}

interface CachedKey {
  key: Buffer | null;
  at: number;
}

function aesGcm(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]);
}

function openAesGcm(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const iv = sealed.subarray(0, IV_BYTES);
  const tag = sealed.subarray(sealed.length - TAG_BYTES);
  const body = sealed.subarray(IV_BYTES, sealed.length - TAG_BYTES);
  const decipher = createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

let ephemeralKey: Buffer | undefined;

function pseudonymOf(key: Buffer): string {
  return `p_${createHmac("sha256", key).update("pseudonym").digest("base64url").slice(0, 22)}`;
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${PREFIX}.`);
}

/** The subject a sealed value belongs to, without decrypting it. */
export function sealedSubject(value: string): string | null {
  if (!isSealed(value)) return null;
  const parts = value.split(".");
  return parts.length === 3 ? (parts[1] ?? null) : null;
}

export class Vault {
  private readonly db: Kysely<VaultTables>;
  private readonly masterKey: Buffer;
  private readonly clock: Clock;
  private readonly cache: Map<string, CachedKey>;

  constructor(options: VaultOptions, cache?: Map<string, CachedKey>) {
    if (options.masterKey.length !== 32)
      throw new SwitchboardError("config_invalid", "The master key must be 32 bytes");
    this.db = options.db.withTables<VaultTables>();
    this.masterKey = options.masterKey;
    this.clock = options.clock ?? systemClock;
    this.cache = cache ?? new Map();
  }

  /**
   * A vault whose master key lives only in this process (one per process, so every ephemeral vault
   * over the same database agrees): for tests, benches and in-memory runs, never for kept data.
   */
  static ephemeral(db: Kysely<object>, clock?: Clock): Vault {
    ephemeralKey ??= randomBytes(32);
    return new Vault({ db, masterKey: ephemeralKey, ...(clock ? { clock } : {}) });
  }

  /** The same keys through another handle (a transaction): SQLite has one connection. */
  withDb(db: Kysely<object>): Vault {
    return new Vault({ db, masterKey: this.masterKey, clock: this.clock }, this.cache);
  }

  /**
   * Subjects are stored keyed (HMAC with the master key), never by the id itself: customer ids can
   * carry a name ("liam_thomas_7882"), and ciphertexts and key rows outlive an erasure.
   */
  private stored(subject: string): string {
    const colon = subject.indexOf(":");
    const kind = colon > 0 ? subject.slice(0, colon).replace(/[^a-z]/g, "") : "subject";
    return `${kind}:${createHmac("sha256", this.masterKey).update(subject).digest("base64url").slice(0, 24)}`;
  }

  async seal(logical: string, plaintext: string): Promise<string> {
    const subject = this.stored(logical);
    const key = await this.keyFor(subject, true);
    if (!key) throw new SwitchboardError("gone", `The data of ${logical} has been erased`);
    const sealed = aesGcm(key, Buffer.from(plaintext, "utf8"), subject);
    return `${PREFIX}.${subject}.${sealed.toString("base64url")}`;
  }

  /** The plaintext, or null when the subject's key has been shredded. Plain values pass through. */
  async open(value: string): Promise<string | null> {
    if (!isSealed(value)) return value;
    const parts = value.split(".");
    const subject = parts[1];
    const body = parts[2];
    if (parts.length !== 3 || !subject || !body)
      throw new SwitchboardError("internal", "A sealed value is malformed");
    const sealed = Buffer.from(body, "base64url");
    const key = await this.keyFor(subject, false);
    if (!key) return null;
    return openAesGcm(key, sealed, subject).toString("utf8");
  }

  /**
   * A stable stand-in for the subject in indexes and hashed records (the audit chain): derived from
   * the subject's own key, so after erasure nobody, not even the operator, can link it back.
   */
  async pseudonym(subject: string): Promise<string | null> {
    const key = await this.keyFor(this.stored(subject), true);
    return key ? pseudonymOf(key) : null;
  }

  /** The pseudonym, without creating a key for a subject that has none (lookups). */
  async pseudonymIfKept(subject: string): Promise<string | null> {
    const key = await this.keyFor(this.stored(subject), false);
    return key ? pseudonymOf(key) : null;
  }

  /** Destroys the subjects' keys; returns how many existed. Irreversible by design. */
  async shred(logical: string[]): Promise<number> {
    if (logical.length === 0) return 0;
    const subjects = logical.map((s) => this.stored(s));
    const now = this.clock.now().toISOString();
    let shredded = 0;
    for (let i = 0; i < subjects.length; i += 500) {
      const batch = subjects.slice(i, i + 500);
      const result = await this.db
        .updateTable("compliance_data_keys")
        .set({ wrapped_key: null, shredded_at: now })
        .where("subject", "in", batch)
        .where("wrapped_key", "is not", null)
        .executeTakeFirst();
      shredded += Number(result.numUpdatedRows);
      for (const subject of batch) this.cache.set(subject, { key: null, at: Date.now() });
    }
    return shredded;
  }

  async isShredded(subject: string): Promise<boolean> {
    const row = await this.db
      .selectFrom("compliance_data_keys")
      .select("shredded_at")
      .where("subject", "=", this.stored(subject))
      .executeTakeFirst();
    return row?.shredded_at != null;
  }

  private async keyFor(subject: string, create: boolean): Promise<Buffer | null> {
    const cached = this.cache.get(subject);
    if (cached && Date.now() - cached.at < CACHE_TTL_MS && (cached.key || !create)) return cached.key;
    let row = await this.db
      .selectFrom("compliance_data_keys")
      .select(["wrapped_key", "shredded_at"])
      .where("subject", "=", subject)
      .executeTakeFirst();
    if (!row && create) {
      const key = randomBytes(32);
      const wrapped = aesGcm(this.masterKey, key, subject).toString("base64url");
      // Two nodes may create the same subject's key at once: the first insert wins, both use it.
      await this.db
        .insertInto("compliance_data_keys")
        .values({
          subject,
          wrapped_key: wrapped,
          created_at: this.clock.now().toISOString(),
          shredded_at: null,
        })
        .onConflict((oc) => oc.column("subject").doNothing())
        .execute();
      row = await this.db
        .selectFrom("compliance_data_keys")
        .select(["wrapped_key", "shredded_at"])
        .where("subject", "=", subject)
        .executeTakeFirst();
    }
    // A shredded subject stays shredded: new data for it cannot be sealed again.
    const key = row?.wrapped_key
      ? openAesGcm(this.masterKey, Buffer.from(row.wrapped_key, "base64url"), subject)
      : null;
    if (row) this.cache.set(subject, { key, at: Date.now() });
    return key;
  }
}
