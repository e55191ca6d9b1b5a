import type { ParseContext, UnderstandingEngine } from "../dialogue/engine.ts";
import { extractEntities } from "./entities/index.ts";
import { IntentClassifier, loadUtterances } from "./intents.ts";
import { detectLanguage } from "./language.ts";
import { scoreSentiment } from "./sentiment/index.ts";
import type { CatalogTerms, Language, Understanding } from "./types.ts";

/**
 * Understanding with no network: language by eld, intent by a classifier trained at start from the
 * agent's utterance files, entities by rules and the catalogue, sentiment by lexicon.
 */
export class EmbeddedUnderstanding implements UnderstandingEngine {
  private constructor(
    private readonly classifier: IntentClassifier,
    private readonly catalog: CatalogTerms,
  ) {}

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

  async parse(text: string, context: ParseContext): Promise<Understanding> {
    const { language } = detectLanguage(text, { allowed: context.languages, current: context.current });
    const scores = await this.classifier.classify(text, language);
    const entities = extractEntities(text, {
      language,
      today: context.today,
      ...(context.country ? { country: context.country } : {}),
      ...(context.expecting ? { expecting: context.expecting } : {}),
      catalog: this.catalog,
      ...(context.orderItems ? { orderItems: context.orderItems } : {}),
    });
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
