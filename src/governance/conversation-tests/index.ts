export { type ConversationTest, ConversationTestSchema, loadConversationTests } from "./format.ts";
export { inMemoryAgent, TEST_ANCHOR } from "./in-memory.ts";
export { junitReport } from "./junit.ts";
export { runConversationTests, type TestResult } from "./runner.ts";
