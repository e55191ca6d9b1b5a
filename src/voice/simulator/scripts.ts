/** What a simulated caller says and does, turn by turn. */
export type Backchannel = "uh-huh" | "okay" | "mhm" | "right";

export interface CallerTurn {
  say: string;
  /** "agent": wait for the agent to answer and finish; a number: pause that long, listening. */
  wait: "agent" | number;
  /** Talk over the agent's answer this long after it starts (a barge-in the agent should yield to). */
  interrupt?: { afterMs: number; say: string };
  /** A short acknowledgement this long into the agent's answer (the agent should keep talking). */
  backchannel?: { afterMs: number; say: Backchannel };
  /** Background noise on the line from this turn on, this far below the speech (dB). */
  noiseSnrDb?: number;
}

/** What a call should have achieved, read from the conversation log afterwards. */
export interface CallExpectation {
  /** Each must appear (case-insensitive) in some agent message. */
  agentSays?: string[];
  /** Event types that must be in the log ("identity_verified"). */
  events?: string[];
}

export interface CallScript {
  name: string;
  /** Wait for the agent's greeting before the first turn. */
  greeting: boolean;
  turns: CallerTurn[];
  expect: CallExpectation;
  /** An order number the caller says: recognised when a customer message contains it exactly. */
  orderId?: string;
  /**
   * Hang up this long after the agent starts answering the last turn, instead of hearing it out
   * (load runs: the answer's start is what is measured).
   */
  hangUpAfterAnswerMs?: number;
}

/**
 * Orders of the default agent's seeded reference store (tau-bench retail, enriched) with the postcode
 * of their address, read from the seed; the first is the conversation test identify/order-and-postcode-en.
 */
export const ORDERS: ReadonlyArray<{ id: string; postcode: string }> = [
  { id: "W6231698", postcode: "85049" },
  { id: "W2611340", postcode: "10083" },
  { id: "W4817420", postcode: "78234" },
  { id: "W5918442", postcode: "78784" },
  { id: "W9549057", postcode: "94128" },
  { id: "W7619352", postcode: "75307" },
  { id: "W8032761", postcode: "85078" },
  { id: "W6247578", postcode: "19122" },
];

/** "W6231698" as a caller reads it out: "W 6 2 3 1 6 9 8". */
export const spelled = (s: string) => s.split("").join(" ");

function orderTurns(order: { id: string; postcode: string }, snrDb?: number): CallerTurn[] {
  return [
    {
      say: `hi, can you check order ${spelled(order.id)} for me`,
      wait: "agent",
      ...(snrDb !== undefined ? { noiseSnrDb: snrDb } : {}),
    },
    { say: spelled(order.postcode), wait: "agent" },
  ];
}

const statusExpectation = (id: string): CallExpectation => ({
  agentSays: [`#${id}`],
  events: ["identity_verified"],
});

/** The built-in scripts, for an order (varied per call) and an optional noise level. */
export const SCRIPTS: Record<
  string,
  (order: { id: string; postcode: string }, snrDb?: number) => CallScript
> = {
  /** Order number, postcode, the status read out with an "uh-huh" in it, thanks. */
  "order-status": (order, snrDb) => {
    const [first, second] = orderTurns(order, snrDb) as [CallerTurn, CallerTurn];
    return {
      name: "order-status",
      greeting: true,
      turns: [
        first,
        { ...second, backchannel: { afterMs: 1500, say: "uh-huh" } },
        { say: "great, thank you, that's all", wait: "agent" },
      ],
      expect: statusExpectation(order.id),
      orderId: order.id,
    };
  },
  /** As order-status, but the caller cuts into the status with a question. */
  "barge-in": (order, snrDb) => {
    const [first, second] = orderTurns(order, snrDb) as [CallerTurn, CallerTurn];
    return {
      name: "barge-in",
      greeting: true,
      turns: [
        first,
        { ...second, interrupt: { afterMs: 1500, say: "sorry, when will it arrive?" } },
        { say: "okay, thanks, bye", wait: "agent" },
      ],
      expect: statusExpectation(order.id),
      orderId: order.id,
    };
  },
  /** Order number and postcode, hanging up as the status begins: the shortest call with two answers. */
  quick: (order, snrDb) => ({
    name: "quick",
    greeting: true,
    turns: orderTurns(order, snrDb),
    expect: statusExpectation(order.id),
    orderId: order.id,
    // Long enough for the status sentence (the expected outcome) to be written to the log.
    hangUpAfterAnswerMs: 3000,
  }),
};

export const SCRIPT_NAMES = Object.keys(SCRIPTS);
