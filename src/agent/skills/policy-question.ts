import type { Frame } from "../dialogue/state.ts";
import type { StepResult, Turn } from "../dialogue/turn.ts";
import type { Skill } from "./types.ts";

/** Topics a policy question can be about, by the words customers use in the six languages. */
const TOPICS: Array<[string, RegExp]> = [
  [
    "refund_timing",
    /refund|money back|rückerstatt|erstattung|geld zurück|rembours|reembols|devoluci[oó]n del dinero|rimbors|terugbetal|geld terug/i,
  ],
  [
    "final_sale",
    /sale|final|clearance|reduziert|sonderangebot|solde|soldes|rebaja|oferta|saldi|promozion|uitverkoop|afgeprijsd/i,
  ],
  ["cancel", /cancel|stornier|annul|cancelar|anular|annull|annuleren/i],
  [
    "return_shipping",
    /shipping|postage|label|versand|porto|frais de port|étiquette|envío|etiqueta|spedizione|etichetta|verzend|retourlabel/i,
  ],
];

/** Answers from the active policy pack's own settings, so the answer changes when the policy does. */
export const policyQuestion: Skill = {
  name: "policy_question",
  requiresCustomer: false,
  async step(turn: Turn, _frame: Frame): Promise<StepResult> {
    const said = turn.understanding?.text ?? "";
    const topic = TOPICS.find(([, words]) => words.test(said))?.[0] ?? "returns";
    const region = turn.state.customer?.region;
    const settings = turn.services.policy.settings(region);
    const days = Number(settings.returnWindowDays ?? 0);
    const holiday = Number(settings.holidayReturnWindowDays ?? 0);
    const statutory = Number(settings.statutoryWithdrawalDays ?? 0);
    const fee = Number(settings.restockingFeePercent ?? 0);
    switch (topic) {
      case "refund_timing":
        turn.say("policy.refund_timing");
        break;
      case "final_sale":
        turn.say(statutory > 0 ? "policy.final_sale_statutory" : "policy.final_sale", { statutory });
        break;
      case "cancel":
        turn.say("policy.cancel");
        break;
      case "return_shipping":
        turn.say("policy.return_shipping");
        break;
      default:
        if (days > 0)
          turn.say("policy.returns", {
            days,
            holiday,
            hasHoliday: holiday > days ? "yes" : "no",
            statutory,
            hasStatutory: statutory > 0 ? "yes" : "no",
          });
        else turn.say("policy.returns_delivered_only");
        if (fee > 0) turn.say("policy.restocking_fee", { fee });
    }
    return { kind: "done", outcome: "answered" };
  },
};
