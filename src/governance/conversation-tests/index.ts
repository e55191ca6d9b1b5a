export { type ConversationTest, ConversationTestSchema, loadConversationTests } from "./format.ts";
export { junitReport } from "./junit.ts";
export { runConversationTests, type TestResult } from "./runner.ts";
