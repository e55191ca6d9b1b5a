import type { Clock } from "../../platform/clock.ts";
import { systemClock } from "../../platform/clock.ts";
import type { AuditSink } from "../audit/index.ts";

/**
 * Personal data is kept only as long as its purpose needs it (GDPR Art. 5(1)(e)). Each part that
 * keeps a kind of data registers a target with its period; the job purges what is older, on start and
 * then every hour, and audits what it removed. The audit log itself is not a target: it is the
 * evidence, and its personal details are sealed with the customer's key, so erasure reaches them.
 */
export interface RetentionTarget {
  /** "conversations", "sessions", "replay_records"... */
  readonly dataType: string;
  /** Days kept; null keeps forever. */
  readonly days: number | null;
  /** Removes (or makes unreadable) what was last touched before `cutoff`; returns how many. */
  purgeOlderThan(cutoff: Date): Promise<number>;
}

export interface RetentionReport {
  at: string;
  purged: Record<string, number>;
}

export class RetentionJob {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<RetentionReport> | undefined;
  private readonly clock: Clock;

  constructor(
    private readonly options: {
      targets: RetentionTarget[];
      audit: AuditSink;
      clock?: Clock;
      onError?: (error: unknown) => void;
    },
  ) {
    this.clock = options.clock ?? systemClock;
  }

  /** One pass over every target; concurrent calls share the pass in progress. */
  run(): Promise<RetentionReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async pass(): Promise<RetentionReport> {
    const now = this.clock.now();
    const purged: Record<string, number> = {};
    for (const target of this.options.targets) {
      if (target.days === null) continue;
      const cutoff = new Date(now.getTime() - target.days * 86_400_000);
      purged[target.dataType] = await target.purgeOlderThan(cutoff);
    }
    if (Object.values(purged).some((n) => n > 0))
      await this.options.audit.append({
        actor: "system:retention",
        action: "retention_enforced",
        subject: { type: "retention", id: now.toISOString().slice(0, 10) },
        data: {
          purged,
          periods: Object.fromEntries(this.options.targets.map((t) => [t.dataType, t.days])),
        },
      });
    return { at: now.toISOString(), purged };
  }

  /** Runs now and then every `intervalMs`; the timer does not keep the process alive. */
  schedule(intervalMs = 3_600_000): void {
    const tick = () => this.run().catch((error: unknown) => this.options.onError?.(error));
    void tick();
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => {});
  }
}
