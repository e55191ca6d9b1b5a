import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AgentEvent } from "../../agent/events.ts";
import { readBuiltInCatalog } from "../../agent/responses/catalog.ts";
import { type App, createApp } from "../../app.ts";
import {
  DATASETS_DIR,
  type OmsDb,
  readTauData,
  seedReferenceOms,
  type TauData,
} from "../../commerce/reference/index.ts";
import { fixedClock, loadConfig, openStorage, type Storage, silentLogger } from "../../platform/index.ts";
import { compareToExpected, userOfActions } from "../conformance/runner.ts";
import { type ConformanceTask, loadTauBenchTasks } from "../conformance/tasks.ts";
import { TEST_ANCHOR } from "../conversation-tests/in-memory.ts";
import { SimulatedCustomer, type StopReason } from "./customer.ts";
import { buildPersona, type Goal, type Persona, readTaskTexts } from "./personas.ts";
import { MessageReader, type ReadMessage } from "./reader.ts";

export type Split = "test" | "train" | "dev";

export interface SimulationOptions {
  /** The agent to simulate against (its directory: a draft or a materialised version). */
  agentDir: string;
  datasetsDir?: string;
  split: Split;
  /** Trials per task. */
  k: number;
  seed: string;
  /** Only these task ids ("test/3"), or the first `limit` of the split. */
  taskIds?: string[];
  limit?: number;
  /** A conversation longer than this many customer messages is stopped and fails. */
  maxTurns?: number;
  /** How the report names the agent's version (default: what the platform calls it, a draft). */
  versionLabel?: string;
  /** The database the platform runs on (default: SQLite in memory). */
  storage?: Storage;
  onTrial?: (done: number, total: number, trial: TrialResult) => void;
}

export interface TrialResult {
  taskId: string;
  trial: number;
  passed: boolean;
  /** The final order and customer records equal the task's expected ones. */
  stateMatches: boolean;
  /** Every fact the task requires the agent to state was stated. */
  outputsStated: boolean;
  difference?: string;
  missingOutputs: string[];
  violations: string[];
  turns: number;
  stop: StopReason;
  goals: Array<Goal["kind"]>;
  conversationId: string;
  transcript: Array<{ role: "customer" | "agent"; text: string }>;
}

export interface SimulationReport {
  agent: string;
  agentVersion: string;
  split: Split;
  k: number;
  seed: string;
  tasks: number;
  trials: TrialResult[];
  /** pass^i for i = 1..k: the chance that i trials of a task all pass, averaged over tasks. */
  passHat: number[];
  stateMatchRate: number;
  violations: number;
  meanTurns: number;
  seconds: number;
}

/** tau-bench's pass^k estimate: C(c, k) / C(n, k) per task, averaged. */
export function passHatK(successesPerTask: number[], n: number, k: number): number {
  const choose = (a: number, b: number) => {
    if (b > a) return 0;
    let r = 1;
    for (let i = 0; i < b; i++) r = (r * (a - i)) / (i + 1);
    return r;
  };
  if (successesPerTask.length === 0) return 0;
  return successesPerTask.reduce((s, c) => s + choose(c, k) / choose(n, k), 0) / successesPerTask.length;
}

interface Chat {
  start(): Promise<{ id: string; texts: string[] }>;
  send(id: string, text: string): Promise<{ texts: string[]; ended: boolean; handoff: boolean }>;
}

/** The chat API as a customer's browser uses it. */
function httpChat(url: string): Chat {
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${JSON.stringify(json)}`);
    return json;
  };
  const texts = (json: Record<string, unknown>) =>
    ((json.messages as Array<{ text: string }>) ?? []).map((m) => m.text);
  return {
    async start() {
      const json = await post("/api/v1/conversations", { channel: "chat", locale: "en-US" });
      return { id: String(json.id), texts: texts(json) };
    },
    async send(id, text) {
      const json = await post(`/api/v1/conversations/${encodeURIComponent(id)}/messages`, { text });
      return { texts: texts(json), ended: json.ended === true, handoff: json.handoff != null };
    },
  };
}

/**
 * Runs persona-driven customers against an agent over the chat API: the platform runs in this
 * process over its own database, the customers talk to it over HTTP, and after each trial the order
 * system is compared with the task's expected outcome and the store is reset.
 */
export async function runSimulation(options: SimulationOptions): Promise<SimulationReport> {
  const started = performance.now();
  const datasetsDir = options.datasetsDir ?? DATASETS_DIR;
  const tau = readTauData(datasetsDir);
  const texts = readTaskTexts(datasetsDir);
  let tasks = loadTauBenchTasks(datasetsDir)
    .filter((t) => t.id.startsWith(`${options.split}/`))
    .map((t) => ({ ...t, userId: userOfActions(tau, t.actions) || t.userId }));
  if (options.taskIds) tasks = tasks.filter((t) => options.taskIds?.includes(t.id));
  if (options.limit !== undefined) tasks = tasks.slice(0, options.limit);

  const clock = fixedClock(TEST_ANCHOR);
  const dataDir = mkdtempSync(join(tmpdir(), "sb-simulate-"));
  const storage = options.storage ?? (await openStorage({ sqliteFile: ":memory:" }));
  let app: App | null = null;
  try {
    const config = loadConfig({
      env: {},
      cwd: dataDir,
      overrides: {
        agentDir: options.agentDir,
        dataDir,
        seedOnFirstStart: true,
        logLevel: "silent",
        // One address carries every simulated customer.
        chatStartsPerMinute: 100_000,
        chatMessagesPerMinute: 100_000,
      },
    });
    app = await createApp({ config, storage, clock, logger: silentLogger });
    if (app.agent.definition.dataset !== "tau")
      throw new Error(`simulate --tasks tau-retail needs an agent over the tau data set (agents/tau-retail)`);
    const url = await app.http.listen({ port: 0, host: "127.0.0.1" });
    const reader = new MessageReader({
      ...readBuiltInCatalog("en"),
      ...(app.agent.definition.messages.en ?? {}),
    });
    const chat = httpChat(url);
    const trials: TrialResult[] = [];
    const total = tasks.length * options.k;
    let dirty = false;
    for (const task of tasks) {
      for (let trial = 0; trial < options.k; trial++) {
        if (dirty)
          await seedReferenceOms(storage.db as unknown as OmsDb, { dataset: "tau", anchor: clock.now() });
        const persona = buildPersona(
          task,
          texts.get(task.id) ?? { instruction: "", outputs: [] },
          tau,
          `${options.seed}:${trial}`,
        );
        const result = await runTrial(app, chat, reader, tau, task, persona, trial, options);
        dirty = result.dirty;
        trials.push(result.trial);
        options.onTrial?.(trials.length, total, result.trial);
      }
    }
    const perTask = tasks.map((t) => trials.filter((r) => r.taskId === t.id && r.passed).length);
    return {
      agent: app.agent.definition.id,
      agentVersion: options.versionLabel ?? app.conversations.agentVersion,
      split: options.split,
      k: options.k,
      seed: options.seed,
      tasks: tasks.length,
      trials,
      passHat: Array.from({ length: options.k }, (_, i) => passHatK(perTask, options.k, i + 1)),
      stateMatchRate: trials.filter((t) => t.stateMatches).length / (trials.length || 1),
      violations: trials.reduce((s, t) => s + t.violations.length, 0),
      meanTurns: trials.reduce((s, t) => s + t.turns, 0) / (trials.length || 1),
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await app?.close();
    if (!options.storage) await storage.close().catch(() => {});
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function runTrial(
  app: App,
  chat: Chat,
  reader: MessageReader,
  tau: TauData,
  task: ConformanceTask,
  persona: Persona,
  trial: number,
  options: SimulationOptions,
): Promise<{ trial: TrialResult; dirty: boolean }> {
  const customer = new SimulatedCustomer(persona, `${options.seed}:${trial}`);
  const maxTurns = options.maxTurns ?? 30;
  const agentTexts: string[] = [];
  const transcript: TrialResult["transcript"] = [];
  const started = await chat.start();
  agentTexts.push(...started.texts);
  for (const text of started.texts) transcript.push({ role: "agent", text });
  let say: string | null = customer.opening();
  let turns = 0;
  let stop: StopReason = "finished";
  while (say !== null) {
    if (turns >= maxTurns) {
      stop = "turn_limit";
      break;
    }
    turns++;
    transcript.push({ role: "customer", text: say });
    const reply = await chat.send(started.id, say);
    agentTexts.push(...reply.texts);
    for (const text of reply.texts) transcript.push({ role: "agent", text });
    const read: ReadMessage[] = reply.texts.map((t) => reader.read(t));
    const move = customer.respond(read);
    if ("stop" in move) {
      stop = move.stop;
      break;
    }
    if (reply.ended || reply.handoff) {
      stop = reply.handoff ? "handed_off" : "ended_by_agent";
      break;
    }
    say = move.say;
  }

  const events = (await app.conversationStore.events(started.id)).map((e) => e.event as AgentEvent);
  const violations = await policyViolations(
    events,
    persona.userId,
    async (id) => (await app.connector.getOrder(id))?.customerId ?? null,
  );
  const difference = await compareToExpected(tau, task, app.connector, app.storage.db);
  const said = agentTexts.join("\n").toLowerCase().replace(/,/g, "");
  const missingOutputs = persona.outputs.filter((o) => !said.includes(o.toLowerCase()));
  const stateMatches = difference === null;
  return {
    dirty: events.some((e) => e.type === "change_applied") || !stateMatches,
    trial: {
      taskId: task.id,
      trial,
      passed: stateMatches && missingOutputs.length === 0 && violations.length === 0,
      stateMatches,
      outputsStated: missingOutputs.length === 0,
      ...(difference ? { difference } : {}),
      missingOutputs,
      violations,
      turns,
      stop,
      goals: persona.goals.map((g) => g.kind),
      conversationId: started.id,
      transcript,
    },
  };
}

/**
 * Checks each change the agent applied against the rules every change must follow, from the log
 * and the order system, independently of the engine that enforced them: the customer was verified
 * first, the policy allowed that action, the customer said yes, and the order is theirs.
 */
export async function policyViolations(
  events: AgentEvent[],
  customerId: string,
  ownerOf: (orderId: string) => Promise<string | null>,
): Promise<string[]> {
  const out: string[] = [];
  let verified: string | null = null;
  let allowed = new Set<string>();
  let confirmed = 0;
  for (const event of events) {
    if (event.type === "identity_verified") verified = event.customerId;
    if (event.type === "policy_decision" && event.allowed) allowed.add(event.action);
    if (event.type === "confirmation_given") confirmed++;
    if (event.type !== "change_applied") continue;
    if (!verified) out.push(`${event.action} on ${event.subject} before the customer was verified`);
    else if (verified !== customerId)
      out.push(`${event.action} for ${verified}, not the customer ${customerId}`);
    if (!allowed.has(event.action))
      out.push(`${event.action} on ${event.subject} without an allowing policy decision`);
    if (confirmed === 0) out.push(`${event.action} on ${event.subject} without the customer's yes`);
    if (event.subject.startsWith("#")) {
      const owner = await ownerOf(event.subject);
      if (owner !== null && owner !== customerId)
        out.push(`${event.action} on ${event.subject}, an order of another customer`);
    }
    allowed = new Set();
    confirmed = 0;
  }
  return out;
}
