import type { Clock } from "../../platform/clock.ts";
import { systemClock } from "../../platform/clock.ts";
import { SwitchboardError } from "../../platform/errors.ts";
import { type AuditLog, customerSubject } from "../audit/index.ts";
import type { Vault } from "../vault/index.ts";
import type { PersonalDataHolder } from "./holder.ts";

export interface CustomerExport {
  customerId: string;
  exportedAt: string;
  /** True when the customer has been erased: nothing about them can be read any more. */
  erased: boolean;
  sections: Record<string, unknown>;
}

export interface ErasureReport {
  customerId: string;
  erasedAt: string;
  /** Records affected per holder. */
  sections: Record<string, number>;
}

function isEmpty(value: unknown): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

/** Export and erasure of one customer's personal data across every part that holds some. */
export class PersonalDataService {
  private readonly clock: Clock;

  constructor(
    private readonly options: { holders: PersonalDataHolder[]; vault: Vault; audit: AuditLog; clock?: Clock },
  ) {
    this.clock = options.clock ?? systemClock;
  }

  async export(customerId: string, actor: string): Promise<CustomerExport> {
    const erased = await this.options.vault.isShredded(customerSubject(customerId));
    const sections: Record<string, unknown> = {};
    for (const holder of this.options.holders) {
      const value = erased ? null : await holder.export(customerId);
      sections[holder.section] = value ?? (holder.section === "profile" ? null : []);
    }
    const counts = Object.fromEntries(
      Object.entries(sections).map(([k, v]) => [k, Array.isArray(v) ? v.length : v ? 1 : 0]),
    );
    // Who exported whom is personal data of that customer: sealed with their key (when kept).
    await this.options.audit.append({
      actor,
      action: "personal_data_exported",
      subject: { type: "customer", id: customerId },
      data: { sections: counts },
      dataSubject: customerId,
    });
    return { customerId, exportedAt: this.clock.now().toISOString(), erased, sections };
  }

  async erase(customerId: string, actor: string): Promise<ErasureReport> {
    const subject = customerSubject(customerId);
    const found = await Promise.all(this.options.holders.map((h) => h.export(customerId)));
    if (found.every(isEmpty) && !(await this.options.vault.isShredded(subject)))
      throw new SwitchboardError("not_found", `No personal data is kept for customer ${customerId}`);
    // The pseudonym is the erasure entry's subject: it ties the entry to the customer's earlier
    // entries for as long as anyone could know who that was, and to nobody after the key is gone.
    const pseudonym = (await this.options.vault.pseudonym(subject)) ?? "erased";
    const sections: Record<string, number> = {};
    for (const holder of this.options.holders) sections[holder.section] = await holder.erase(customerId);
    await this.options.vault.shred([subject]);
    const erasedAt = this.clock.now().toISOString();
    await this.options.audit.append({
      actor,
      action: "personal_data_erased",
      subject: { type: "customer", id: pseudonym },
      data: { sections },
    });
    return { customerId, erasedAt, sections };
  }
}
