import { type Kysely, sql } from "kysely";
import { canonicalJson, sha256Hex } from "../../platform/canonical-json.ts";
import { type Clock, systemClock } from "../../platform/clock.ts";
import { type DialectName, inTransaction } from "../../platform/storage/index.ts";
import type { PersonalDataHolder } from "../personal-data/holder.ts";
import type { Vault } from "../vault/index.ts";
import type { AuditRow, AuditTables } from "./tables.ts";

export interface AuditEntry {
  actor: string;
  action: string;
  subject: { type: string; id: string };
  data: unknown;
  /**
   * The customer whose personal data `data` holds (an address, how they were verified): the data is
   * sealed with that customer's key and a customer subject id is replaced by their pseudonym, so that
   * erasing the customer leaves an entry that still verifies but no longer says anything about them.
   */
  dataSubject?: string | undefined;
}

/** What an entry's data reads as once its customer has been erased. */
export const ERASED_DATA = { erased: true } as const;

export function customerSubject(customerId: string): string {
  return `customer:${customerId}`;
}

export interface AuditRecord extends AuditEntry {
  seq: number;
  at: string;
  prevHash: string;
  hash: string;
}

/** Where audit entries go; the tool layer and the admin API write through this. */
export interface AuditSink {
  append(entry: AuditEntry): Promise<AuditRecord>;
}

export const GENESIS_HASH = "0".repeat(64);

/** Any PostgreSQL advisory-lock key that is ours alone: serialises appends across nodes. */
const CHAIN_LOCK_KEY = 7_261_001;

function entryHash(prevHash: string, row: Omit<AuditRow, "hash" | "prev_hash">): string {
  return sha256Hex(
    prevHash +
      canonicalJson({
        seq: row.seq,
        at: row.at,
        actor: row.actor,
        action: row.action,
        subject: [row.subject_type, row.subject_id],
        data: row.data,
        ...(row.data_subject ? { dataSubject: row.data_subject } : {}),
      }),
  );
}

/**
 * An append-only, hash-chained log: each entry's hash covers the previous entry's hash, so
 * changing, removing or reordering any entry breaks every link after it.
 */
export class AuditLog implements AuditSink {
  private readonly db: Kysely<AuditTables>;
  private readonly dialect: DialectName;
  private readonly clock: Clock;
  private readonly vault: Vault;

  constructor(options: { db: Kysely<object>; dialect: DialectName; vault: Vault; clock?: Clock }) {
    this.db = options.db.withTables<AuditTables>();
    this.dialect = options.dialect;
    this.clock = options.clock ?? systemClock;
    this.vault = options.vault.withDb(options.db);
  }

  withDb(db: Kysely<object>): AuditLog {
    return new AuditLog({ db, dialect: this.dialect, clock: this.clock, vault: this.vault });
  }

  /** Seals personal data with its customer's key (before the transaction: SQLite has one connection). */
  private async stored(entry: AuditEntry) {
    const data = canonicalJson(entry.data ?? null);
    if (!entry.dataSubject) return { data, subjectId: entry.subject.id, dataSubject: null };
    const subject = customerSubject(entry.dataSubject);
    const pseudonym = await this.vault.pseudonym(subject);
    // An erased customer's new entries keep no personal data at all.
    const sealed = pseudonym ? await this.vault.seal(subject, data) : canonicalJson(ERASED_DATA);
    const subjectId =
      entry.subject.type === "customer" && entry.subject.id === entry.dataSubject
        ? (pseudonym ?? "erased")
        : entry.subject.id;
    return { data: sealed, subjectId, dataSubject: pseudonym };
  }

  async append(entry: AuditEntry): Promise<AuditRecord> {
    const stored = await this.stored(entry);
    return inTransaction(this.db, async (trx) => {
      if (this.dialect === "postgres")
        await sql`select pg_advisory_xact_lock(${CHAIN_LOCK_KEY})`.execute(trx);
      const last = await trx
        .selectFrom("audit_log")
        .select(["seq", "hash"])
        .orderBy("seq", "desc")
        .limit(1)
        .executeTakeFirst();
      const base = {
        seq: Number(last?.seq ?? 0) + 1,
        at: this.clock.now().toISOString(),
        actor: entry.actor,
        action: entry.action,
        subject_type: entry.subject.type,
        subject_id: stored.subjectId,
        data: stored.data,
        data_subject: stored.dataSubject,
      };
      const prevHash = last?.hash ?? GENESIS_HASH;
      const hash = entryHash(prevHash, base);
      await trx
        .insertInto("audit_log")
        .values({ ...base, prev_hash: prevHash, hash })
        .execute();
      return { ...entry, seq: base.seq, at: base.at, prevHash, hash };
    });
  }

  /** Newest first, personal data opened where the customer has not been erased. */
  async list(
    filter: { subjectType?: string; subjectId?: string; customerId?: string; limit?: number } = {},
  ): Promise<AuditRecord[]> {
    let query = this.db.selectFrom("audit_log").selectAll().orderBy("seq", "desc");
    if (filter.subjectType) query = query.where("subject_type", "=", filter.subjectType);
    if (filter.subjectId) query = query.where("subject_id", "=", filter.subjectId);
    if (filter.customerId) {
      const pseudonym = await this.vault.pseudonymIfKept(customerSubject(filter.customerId));
      if (!pseudonym) return [];
      query = query.where("data_subject", "=", pseudonym);
    }
    const rows = await query.limit(filter.limit ?? 100).execute();
    return Promise.all(
      rows.map(async (r) => {
        const opened = await this.vault.open(r.data);
        return {
          seq: Number(r.seq),
          at: r.at,
          actor: r.actor,
          action: r.action,
          subject: { type: r.subject_type, id: r.subject_id },
          data: opened === null ? ERASED_DATA : (JSON.parse(opened) as unknown),
          prevHash: r.prev_hash,
          hash: r.hash,
        };
      }),
    );
  }

  /** Walks the whole chain; reports the first entry whose link or content does not hold. */
  async verify(): Promise<
    { ok: true; entries: number } | { ok: false; entries: number; brokenAt: number; problem: string }
  > {
    let prevHash = GENESIS_HASH;
    let expectedSeq = 1;
    let count = 0;
    const pageSize = 5000;
    for (let after = 0; ; ) {
      const rows = await this.db
        .selectFrom("audit_log")
        .selectAll()
        .where("seq", ">", after)
        .orderBy("seq")
        .limit(pageSize)
        .execute();
      for (const row of rows) {
        const seq = Number(row.seq);
        count++;
        if (seq !== expectedSeq)
          return {
            ok: false,
            entries: count,
            brokenAt: seq,
            problem: `expected entry ${expectedSeq}, found ${seq}`,
          };
        if (row.prev_hash !== prevHash)
          return { ok: false, entries: count, brokenAt: seq, problem: "does not link to the previous entry" };
        const { hash, prev_hash: _prev, ...rest } = row;
        if (entryHash(prevHash, { ...rest, seq }) !== hash)
          return { ok: false, entries: count, brokenAt: seq, problem: "content does not match its hash" };
        prevHash = hash;
        expectedSeq++;
      }
      if (rows.length < pageSize) break;
      after = Number(rows[rows.length - 1]?.seq ?? after);
    }
    return { ok: true, entries: count };
  }
}

/** The audit entries holding a customer's personal data; erasure is the shredding of their key. */
export function auditPersonalData(audit: AuditLog): PersonalDataHolder {
  return {
    section: "audit",
    export: (customerId) => audit.list({ customerId, limit: 100_000 }),
    erase: async () => 0,
  };
}
