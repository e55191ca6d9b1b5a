import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createInterface } from "node:readline/promises";
import { loadAgent } from "../agent/index.ts";
import { createApp } from "../app.ts";
import { inMemoryAgent, TEST_ANCHOR } from "../governance/conversation-tests/in-memory.ts";
import {
  junitReport,
  loadConversationTests,
  runConversationTests,
} from "../governance/conversation-tests/index.ts";
import { DEFAULT_AGENT_DIR, fixedClock, loadConfig, silentLogger } from "../platform/index.ts";

export async function testCommand(
  dir: string,
  options: { agent?: string; junit?: string; filter?: string },
): Promise<void> {
  const agentDir = options.agent ?? DEFAULT_AGENT_DIR;
  const tests = loadConversationTests(resolve(dir)).filter(
    (t) => !options.filter || t.name.includes(options.filter) || t.file.includes(options.filter),
  );
  const loaded = loadAgent(agentDir);
  const clock = fixedClock(TEST_ANCHOR);
  const { storage, agent, connector } = await inMemoryAgent(loaded, loaded.definition.dataset, clock);
  try {
    const results = await runConversationTests(tests, { storage, agent, connector, clock });
    for (const r of results) {
      console.log(`${r.passed ? "PASS" : "FAIL"} ${r.name} (${r.durationMs.toFixed(0)} ms)`);
      if (!r.passed) {
        for (const f of r.failures) console.log(`     ${f}`);
        for (const line of r.transcript) console.log(`       | ${line}`);
      }
    }
    const passed = results.filter((r) => r.passed).length;
    console.log(`\n${passed}/${results.length} conversation tests passed`);
    const junit = resolve(options.junit ?? "test-output/conversation-tests.xml");
    mkdirSync(dirname(junit), { recursive: true });
    writeFileSync(junit, junitReport(loaded.definition.id, results));
    console.log(`JUnit report: ${junit}`);
    process.exitCode = passed === results.length ? 0 : 1;
  } finally {
    await storage.close();
  }
}

export async function nluCommand(
  text: string,
  options: { language?: string; agent?: string },
): Promise<void> {
  const agentDir = options.agent ?? DEFAULT_AGENT_DIR;
  // The catalogue is all understanding needs from the store: tau's plain data is the smallest that has it.
  const clock = fixedClock(new Date().toISOString());
  const { storage, agent } = await inMemoryAgent(loadAgent(agentDir), "tau", clock);
  try {
    const languages = options.language
      ? agent.languages.filter((l) => l === options.language)
      : agent.languages;
    const u = await agent.understanding.parse(text, {
      languages,
      today: clock.now().toISOString().slice(0, 10),
    });
    console.log(
      JSON.stringify(
        {
          language: u.language,
          intent: u.intent,
          confidence: u.confidence,
          alternatives: u.alternatives,
          entities: u.entities,
          sentiment: u.sentiment,
        },
        null,
        2,
      ),
    );
  } finally {
    await storage.close();
  }
}

/** A conversation in the terminal, against the platform running in this process over the configured store. */
export async function chatCommand(options: { config?: string; locale?: string }): Promise<void> {
  const config = loadConfig({ ...(options.config ? { file: options.config } : {}) });
  const app = await createApp({ config, logger: silentLogger });
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  try {
    const started = await app.conversations.start({
      channel: "chat",
      ...(options.locale ? { locale: options.locale } : {}),
    });
    for (const m of started.messages) console.log(`agent> ${m.text}`);
    // The line iterator buffers what arrives while the agent answers, so piped input loses nothing.
    const lines = rl[Symbol.asyncIterator]();
    for (;;) {
      process.stdout.write("you> ");
      const next = await lines.next();
      if (next.done) break;
      const line = String(next.value);
      if (!process.stdin.isTTY) process.stdout.write(`${line}\n`);
      if (!line.trim()) continue;
      const result = await app.conversations.send(started.id, line);
      for (const m of result.messages) console.log(`agent> ${m.text}`);
      if (result.handoff) console.log("(handed to a person: the escalation packet is on the conversation)");
      if (result.ended || result.handoff) break;
    }
  } finally {
    rl.close();
    await app.close();
  }
}
