export { type DeskAgent, DeskAgents, PRESENCE, type Presence } from "./agents.ts";
export { HandoffDesk, WRAP_UP_CODES, type WrapUpCode } from "./desk.ts";
export { handoffMigrations } from "./migrations.ts";
export { boostOf, priorityAt, queueOf } from "./priority.ts";
export { type Handoff, HandoffQueue, type HandoffStatus, type TransferFailure } from "./queue.ts";
export { type DeskEvent, HandoffRouter } from "./router.ts";
export type { HandoffTables } from "./tables.ts";
