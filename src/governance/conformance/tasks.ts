import { readFileSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";

/** tau-bench and tau2 tasks with their expected outcomes (datasets/tau-expected). */

export interface ConformanceTask {
  suite: "tau-bench" | "tau2";
  /** "test/12" for tau-bench, "42" for tau2. */
  id: string;
  userId: string;
  actions: Array<{ name: string; args: Record<string, unknown> }>;
  expectedChanges: {
    orders?: Record<string, Record<string, unknown>>;
    users?: Record<string, Record<string, unknown>>;
  };
  expectedErrors: Array<{ name: string; error: string }>;
}

const Action = z.object({ name: z.string(), kwargs: z.record(z.string(), z.unknown()) });
const V1Task = z.object({ user_id: z.string(), actions: z.array(Action) });
const V1Expected = z.object({
  splits: z.record(
    z.string(),
    z.array(
      z.object({
        index: z.number(),
        user_id: z.string(),
        errors: z.array(z.object({ name: z.string(), error: z.string() })),
        expected_changes: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
      }),
    ),
  ),
});
const V2Task = z.object({
  id: z.string(),
  evaluation_criteria: z.object({
    actions: z.array(z.object({ name: z.string(), arguments: z.record(z.string(), z.unknown()) })).nullable(),
  }),
});
const V2Expected = z.object({
  tasks: z.array(
    z.object({
      id: z.string(),
      errors: z.array(z.object({ name: z.string(), error: z.string() })),
      expected_changes: z.record(z.string(), z.record(z.string(), z.record(z.string(), z.unknown()))),
    }),
  ),
});

function read<T>(schema: z.ZodType<T>, path: string): T {
  return schema.parse(JSON.parse(readFileSync(path, "utf8")));
}

export function loadTauBenchTasks(datasetsDir: string): ConformanceTask[] {
  const expected = read(V1Expected, join(datasetsDir, "tau-expected", "tau-bench-retail-expected.json"));
  const out: ConformanceTask[] = [];
  for (const split of ["test", "train", "dev"]) {
    const tasks = read(z.array(V1Task), join(datasetsDir, "tau-bench-retail", `tasks_${split}.json`));
    const results = expected.splits[split] ?? [];
    tasks.forEach((task, index) => {
      const result = results.find((r) => r.index === index);
      if (!result) throw new Error(`No expected result for tau-bench ${split}/${index}`);
      out.push({
        suite: "tau-bench",
        id: `${split}/${index}`,
        userId: task.user_id,
        actions: task.actions.map((a) => ({ name: a.name, args: a.kwargs })),
        expectedChanges: result.expected_changes,
        expectedErrors: result.errors,
      });
    });
  }
  return out;
}

/** tau2 tasks name their customer only in the first lookup; the expected file carries none. */
export function loadTau2Tasks(
  datasetsDir: string,
  userOf: (task: { actions: ConformanceTask["actions"] }) => string,
): ConformanceTask[] {
  const expected = read(V2Expected, join(datasetsDir, "tau-expected", "tau2-retail-expected.json"));
  const tasks = read(z.array(V2Task), join(datasetsDir, "tau2-retail", "tasks.json"));
  return tasks.map((task) => {
    const result = expected.tasks.find((r) => r.id === task.id);
    if (!result) throw new Error(`No expected result for tau2 task ${task.id}`);
    const actions = (task.evaluation_criteria.actions ?? []).map((a) => ({
      name: a.name,
      args: a.arguments,
    }));
    return {
      suite: "tau2" as const,
      id: task.id,
      userId: userOf({ actions }),
      actions,
      expectedChanges: result.expected_changes,
      expectedErrors: result.errors,
    };
  });
}
