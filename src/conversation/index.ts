export type { ConversationEvent, ConversationEventType, StoredEvent } from "./events.ts";
export { conversationMigrations } from "./migrations.ts";
export { conversationPersonalData } from "./personal-data.ts";
export {
  type ChannelReply,
  ConversationService,
  cleanMessage,
  type DeskHooks,
  type KeyedMessage,
  type LiveMessage,
  MAX_MESSAGE_CHARS,
  type SendResult,
} from "./service.ts";
export {
  type ConversationRecord,
  type ConversationStatus,
  ConversationStore,
  conversationSubject,
  ERASED,
} from "./store.ts";
