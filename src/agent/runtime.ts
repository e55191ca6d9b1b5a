import type { CommerceConnector } from "../commerce/index.ts";
import type { AuditSink } from "../compliance/index.ts";
import type { Clock } from "../platform/index.ts";
import type { PolicyEngine } from "../policy/index.ts";
import type { LoadedAgent } from "./definition.ts";
import {
  DEFAULT_LOCALE,
  DialogueEngine,
  type TurnResult,
  type UnderstandingEngine,
} from "./dialogue/engine.ts";
import { type DialogueState, initialState } from "./dialogue/state.ts";
import type { AgentServices } from "./dialogue/turn.ts";
import type { AgentEvent } from "./events.ts";
import { Catalog, readBuiltInCatalog } from "./responses/catalog.ts";
import { DisplayNames } from "./responses/names.ts";
import { Renderer, type RenderMode } from "./responses/render.ts";
import { EmbeddedUnderstanding } from "./understanding/embedded.ts";
import { type CatalogTerms, LANGUAGES, type Language } from "./understanding/types.ts";

export interface AgentReply {
  role: "agent";
  text: string;
  /** The same message as a phone call reads it (identifiers in digit groups). */
  voice: string;
  key: string;
}

export interface AgentTurn {
  state: DialogueState;
  replies: AgentReply[];
  events: AgentEvent[];
  handoff: TurnResult["handoff"];
  ended: boolean;
}

export interface AgentOptions {
  agent: LoadedAgent;
  connector: CommerceConnector;
  policy: PolicyEngine;
  audit: AuditSink;
  clock: Clock;
  /** Another understanding back-end (an LLM); the embedded one is trained from the agent's utterances otherwise. */
  understanding?: UnderstandingEngine;
  onError?: (error: unknown) => void;
}

/** The catalogue's product names and option values, for recognising "the blue kettle". */
export async function catalogTerms(
  connector: CommerceConnector,
  names: Record<string, string[]> = {},
  optionNames: Record<string, string[]> = {},
  optionLabels: Record<string, string[]> = {},
): Promise<CatalogTerms> {
  const products = [];
  for (const summary of await connector.listProducts()) {
    const product = await connector.getProduct(summary.id);
    if (!product) continue;
    const options: Record<string, string[]> = {};
    for (const v of product.variants)
      for (const [name, value] of Object.entries(v.options))
        options[name] = [...new Set([...(options[name] ?? []), value])];
    products.push({ id: product.id, name: product.name, options, aliases: names[product.name] ?? [] });
  }
  return { products, optionAliases: optionNames, optionLabels };
}

/**
 * An agent ready to talk: its definition, messages in every language it serves, its understanding
 * and its dialogue engine over the order system and the policy.
 */
export class Agent {
  private constructor(
    readonly definition: LoadedAgent,
    readonly languages: Language[],
    private readonly catalogs: Map<Language, Catalog>,
    private readonly engine: DialogueEngine,
    private readonly clock: Clock,
    readonly understanding: UnderstandingEngine,
    private readonly services: AgentServices,
  ) {}

  /**
   * The same agent (understanding, messages) over other services: a conversation test's transaction,
   * or a candidate version's policy pack.
   */
  with(changes: Partial<Pick<AgentServices, "connector" | "audit" | "policy" | "clock">>): Agent {
    const services = { ...this.services, ...changes };
    const engine = new DialogueEngine(services, this.understanding, this.languages);
    if (this.engine.onError) engine.onError = this.engine.onError;
    return new Agent(
      this.definition,
      this.languages,
      this.catalogs,
      engine,
      services.clock,
      this.understanding,
      services,
    );
  }

  static async create(options: AgentOptions): Promise<Agent> {
    const definition = options.agent.definition;
    const languages = definition.languages.filter((l): l is Language =>
      (LANGUAGES as readonly string[]).includes(l),
    );
    const catalogs = new Map<Language, Catalog>();
    for (const language of new Set<Language>(["en", ...languages])) {
      const overrides = definition.messages[language] ?? {};
      catalogs.set(
        language,
        new Catalog(language, { ...readBuiltInCatalog(language), ...overrides }, `messages/${language}.yaml`),
      );
    }
    const catalog = await catalogTerms(
      options.connector,
      options.agent.productNames,
      options.agent.optionNames,
      Object.fromEntries(
        Object.entries(options.agent.names.options).map(([name, byLanguage]) => [
          name,
          Object.values(byLanguage).flat(),
        ]),
      ),
    );
    const understanding =
      options.understanding ??
      (await EmbeddedUnderstanding.create({
        utterancesDir: options.agent.utterancesDir,
        languages,
        catalog,
      }));
    const services: AgentServices = {
      connector: options.connector,
      policy: options.policy,
      audit: options.audit,
      clock: options.clock,
      definition,
      catalog,
    };
    const engine = new DialogueEngine(services, understanding, languages);
    if (options.onError) engine.onError = options.onError;
    return new Agent(options.agent, languages, catalogs, engine, options.clock, understanding, services);
  }

  /** The language and locale a conversation starts in, from what the channel knows. */
  startingLanguage(locale?: string): { language: Language; locale: string } {
    const requested = locale?.split("-")[0]?.toLowerCase();
    const language = this.languages.find((l) => l === requested) ?? (this.languages[0] as Language);
    return { language, locale: requested === language && locale ? locale : DEFAULT_LOCALE[language] };
  }

  /**
   * Every message of a language that takes no parameters, as spoken on a call: the voice layer renders
   * them ahead of the first caller ("Thanks.", "Is there anything else I can help you with?").
   */
  constantPrompts(language: Language, options: { placeholder?: string } = {}): string[] {
    const catalog = this.catalogs.get(language);
    if (!catalog) return [];
    const voice = this.renderer({ language, locale: DEFAULT_LOCALE[language] }, "voice");
    const prompts: string[] = [];
    for (const key of catalog.keys()) {
      try {
        prompts.push(voice.render(key, {}));
      } catch {
        // It needs parameters (a name, an order number): with a placeholder, its fixed text is given
        // with the placeholder where they go ("Thanks, ¤, I've found your account."), so the voice
        // layer can render the parts that do not hold one; without, it is rendered when said.
        if (options.placeholder) prompts.push(...catalog.skeletons(key, "voice", options.placeholder));
      }
    }
    return prompts;
  }

  renderer(state: Pick<DialogueState, "language" | "locale">, mode: RenderMode = "text"): Renderer {
    const catalog = this.catalogs.get(state.language) ?? (this.catalogs.get("en") as Catalog);
    return new Renderer(
      catalog,
      this.catalogs.get("en") as Catalog,
      state.locale,
      mode,
      this.clock.now().getUTCFullYear(),
      new DisplayNames(state.language, this.definition.names),
    );
  }

  private render(result: TurnResult): AgentTurn {
    const text = this.renderer(result.state, "text");
    const voice = this.renderer(result.state, "voice");
    const replies = result.replies.map((r) => ({
      role: "agent" as const,
      text: text.render(r.key, r.params),
      voice: voice.render(r.key, r.params),
      key: r.key,
    }));
    const events: AgentEvent[] = [
      ...result.events,
      ...replies.map((r) => ({ type: "agent_message" as const, text: r.text, key: r.key })),
    ];
    return { state: result.state, replies, events, handoff: result.handoff, ended: result.ended };
  }

  open(conversationId: string, channel: string, locale?: string): AgentTurn {
    const start = this.startingLanguage(locale);
    return this.render(this.engine.open(conversationId, channel, start.language, start.locale));
  }

  async turn(
    conversationId: string,
    channel: string,
    state: DialogueState,
    text: string,
    history: () => Promise<AgentEvent[]>,
  ): Promise<AgentTurn> {
    return this.render(await this.engine.turn(conversationId, channel, state, text, history));
  }

  /** The caller pressed 0 for a person. */
  async operator(
    conversationId: string,
    channel: string,
    state: DialogueState,
    history: () => Promise<AgentEvent[]>,
  ): Promise<AgentTurn> {
    return this.render(await this.engine.operator(conversationId, channel, state, history));
  }

  /** Every language's catalogue, to check they are complete. */
  catalogKeys(): Map<Language, string[]> {
    return new Map([...this.catalogs].map(([l, c]) => [l, c.keys()]));
  }
}

export { initialState };
