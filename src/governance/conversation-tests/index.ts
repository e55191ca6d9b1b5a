export { type ConversationTest, ConversationTestSchema, loadConversationTests } from "./format.ts";
export { agentOverStore, inMemoryAgent, TEST_ANCHOR } from "./in-memory.ts";
export { junitReport } from "./junit.ts";
export { runConversationTests, type TestResult } from "./runner.ts";
