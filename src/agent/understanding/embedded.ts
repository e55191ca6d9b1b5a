import type { ParseContext, UnderstandingEngine } from "../dialogue/engine.ts";
import { extractEntities } from "./entities/index.ts";
import { IntentClassifier, loadUtterances } from "./intents.ts";
import { detectLanguage } from "./language.ts";
import { scoreSentiment } from "./sentiment/index.ts";
import type { CatalogTerms, Entity, Language, Understanding } from "./types.ts";

/**
 * Understanding with no network: language by eld, intent by a classifier trained at start from the
 * agent's utterance files, entities by rules and the catalogue, sentiment by lexicon.
 */
export class EmbeddedUnderstanding implements UnderstandingEngine {
  private constructor(
    private readonly classifier: IntentClassifier,
    private readonly catalog: CatalogTerms,
  ) {}

  /** Over an already trained classifier (benches compare it alone with the whole parse). */
  static withClassifier(classifier: IntentClassifier, catalog: CatalogTerms): EmbeddedUnderstanding {
    return new EmbeddedUnderstanding(classifier, catalog);
  }

  static async create(options: {
    utterancesDir: string;
    languages: readonly Language[];
    catalog: CatalogTerms;
  }): Promise<EmbeddedUnderstanding> {
    const classifier = await IntentClassifier.train(loadUtterances(options.utterancesDir, options.languages));
    return new EmbeddedUnderstanding(classifier, options.catalog);
  }

  get languages(): readonly Language[] {
    return this.classifier.languages;
  }

  get trainingSize(): number {
    return this.classifier.trainingSize;
  }

  /**
   * A long list of products ("the hiking boots, the kettle and the black rechargeable toothbrush")
   * drowns the words that say what the customer wants: when product and option words make up much
   * of the message, it is also classified without them, and the surer reading wins.
   */
  private async classify(text: string, language: Language, entities: Entity[]) {
    const scores = await this.classifier.classify(text, language);
    const spans = entities
      .filter((e) => e.type === "product" || e.type === "option_value")
      .map((e) => [e.start, e.end] as const)
      .sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let masked = "";
    let at = 0;
    for (const [start, end] of spans) {
      if (end <= at) continue;
      const from = Math.max(start, at);
      covered += end - from;
      masked += text.slice(at, from);
      at = end;
    }
    masked += text.slice(at);
    // Only a list: an answer like "clicky with RGB" is all option words and means what it says.
    const products = entities.filter((e) => e.type === "product").length;
    if (products < 2 || covered < text.length * 0.35) return scores;
    const alternative = await this.classifier.classify(masked, language);
    return (alternative[0]?.confidence ?? 0) > (scores[0]?.confidence ?? 0) ? alternative : scores;
  }

  async parse(text: string, context: ParseContext): Promise<Understanding> {
    const { language } = detectLanguage(text, { allowed: context.languages, current: context.current });
    const entities = extractEntities(text, {
      language,
      today: context.today,
      ...(context.country ? { country: context.country } : {}),
      ...(context.expecting ? { expecting: context.expecting } : {}),
      catalog: this.catalog,
      ...(context.orderItems ? { orderItems: context.orderItems } : {}),
    });
    const scores = await this.classify(text, language, entities);
    const top = scores[0] ?? { intent: "out_of_scope" as const, confidence: 0 };
    return {
      text,
      language,
      intent: top.intent,
      confidence: top.confidence,
      alternatives: scores.slice(1, 4),
      entities,
      sentiment: scoreSentiment(text, language),
    };
  }
}
