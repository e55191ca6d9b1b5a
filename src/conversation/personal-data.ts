import type { PersonalDataHolder } from "../compliance/index.ts";
import type { ConversationStore } from "./store.ts";

/** A customer's conversations (transcripts, tool calls, decisions) for export and erasure. */
export function conversationPersonalData(store: ConversationStore): PersonalDataHolder {
  return {
    section: "conversations",
    async export(customerId) {
      const out = [];
      for (const id of await store.idsForCustomer(customerId)) {
        const conversation = await store.get(id);
        if (!conversation) continue;
        const { state: _state, ...summary } = conversation;
        out.push({ ...summary, events: await store.events(id) });
      }
      return out;
    },
    erase: (customerId) => store.eraseCustomer(customerId),
  };
}
