export type { ConversationEvent, ConversationEventType, StoredEvent } from "./events.ts";
export { conversationMigrations } from "./migrations.ts";
export {
  type ChannelReply,
  ConversationService,
  cleanMessage,
  MAX_MESSAGE_CHARS,
  type SendResult,
} from "./service.ts";
export { type ConversationRecord, type ConversationStatus, ConversationStore } from "./store.ts";
