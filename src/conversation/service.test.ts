import assert from "node:assert/strict";
import { test } from "node:test";
import { initialState } from "../agent/dialogue/state.ts";
import type { Agent } from "../agent/runtime.ts";
import { Vault, vaultMigrations } from "../compliance/index.ts";
import { fixedClock, migrateToLatest, openStorage } from "../platform/index.ts";
import { conversationMigrations } from "./migrations.ts";
import { ConversationService } from "./service.ts";
import { ConversationStore } from "./store.ts";

test("a message the agent fails on is still kept in the log, with the failure beside it", async () => {
  const storage = await openStorage({ sqliteFile: ":memory:" });
  try {
    await migrateToLatest(storage, [vaultMigrations, conversationMigrations]);
    const clock = fixedClock("2026-11-26T12:00:00Z");
    // A stand-in for the agent whose every turn throws, as a bug in a skill or a lost database would.
    const failing = {
      definition: { definition: { id: "default" } },
      open: () => ({
        state: initialState("en", "en-US"),
        replies: [{ role: "agent", text: "Hi!", key: "greeting.open", voice: "Hi!" }],
        events: [],
      }),
      turn: async () => {
        throw new Error("boom");
      },
    } as unknown as Agent;
    const store = new ConversationStore({ db: storage.db, clock, vault: Vault.ephemeral(storage.db) });
    const service = new ConversationService(store, failing, { agentVersion: "t", clock });
    const { id } = await service.start({ channel: "chat" });
    await assert.rejects(
      service.send(id, "card 4242 4242 4242 4242 was charged twice for #W2378156"),
      /boom/,
    );
    const events = (await store.events(id)).map((e) => e.event);
    assert.deepEqual(events.slice(1), [
      // Kept, and the card number masked before it was stored.
      { type: "customer_message", text: "card [card ending 4242] was charged twice for #W2378156" },
      { type: "tool_result", tool: "agent", ok: false, code: "internal_error" },
    ]);
  } finally {
    await storage.close();
  }
});
