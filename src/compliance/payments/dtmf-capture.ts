import { luhnValid } from "../redaction/cards.ts";
import type { CardToken, PaymentTokenizer } from "./tokenizer.ts";

/**
 * Secure card capture on a call (PCI DSS "DTMF masking"): while it runs, the voice transport hands
 * every key press here instead of to ASR, the transcript and the understanding layer, so the digits
 * never reach a model, a log or the conversation store. The caller keys the card number, the expiry
 * (MMYY) and the security code, each ended with #; * starts the current step again. What comes out is
 * a prompt to play (a message key, never digits) and, at the end, the tokenizer's token.
 */
export type CaptureStep = "pan" | "expiry" | "cvv" | "done" | "failed";

export type CapturePrompt =
  | "payment.enter_card"
  | "payment.enter_expiry"
  | "payment.enter_cvv"
  | "payment.card_invalid"
  | "payment.expiry_invalid"
  | "payment.cvv_invalid"
  | "payment.captured"
  | "payment.capture_failed";

export interface CaptureUpdate {
  step: CaptureStep;
  /** Played to the caller after this key, if any (a key press mid-entry plays nothing). */
  prompt?: CapturePrompt;
  /** Set when the card was tokenized. */
  result?: CardToken;
}

const MAX_ATTEMPTS = 3;

export class DtmfPaymentCapture {
  private stepNow: CaptureStep = "pan";
  private buffer = "";
  private attempts = 0;
  private pan = "";
  private expiry = { month: 0, year: 0 };

  constructor(
    private readonly tokenizer: PaymentTokenizer,
    private readonly today: () => Date = () => new Date(),
  ) {}

  get step(): CaptureStep {
    return this.stepNow;
  }

  /** The prompt that opens the capture. */
  start(): CaptureUpdate {
    return { step: this.stepNow, prompt: "payment.enter_card" };
  }

  async press(key: string): Promise<CaptureUpdate> {
    if (this.stepNow === "done" || this.stepNow === "failed") return { step: this.stepNow };
    if (key === "*") {
      this.buffer = "";
      return { step: this.stepNow, prompt: this.openingPrompt() };
    }
    if (/^[0-9]$/.test(key)) {
      // Longer than any field: ignore further digits rather than grow without bound.
      if (this.buffer.length < 19) this.buffer += key;
      return { step: this.stepNow };
    }
    if (key !== "#") return { step: this.stepNow };
    const entered = this.buffer;
    this.buffer = "";
    return this.submit(entered);
  }

  private openingPrompt(): CapturePrompt {
    return this.stepNow === "pan"
      ? "payment.enter_card"
      : this.stepNow === "expiry"
        ? "payment.enter_expiry"
        : "payment.enter_cvv";
  }

  private retry(prompt: CapturePrompt): CaptureUpdate {
    this.attempts++;
    if (this.attempts >= MAX_ATTEMPTS) {
      this.stepNow = "failed";
      this.pan = "";
      return { step: "failed", prompt: "payment.capture_failed" };
    }
    return { step: this.stepNow, prompt };
  }

  private async submit(entered: string): Promise<CaptureUpdate> {
    if (this.stepNow === "pan") {
      if (entered.length < 13 || entered.length > 19 || !luhnValid(entered))
        return this.retry("payment.card_invalid");
      this.pan = entered;
      this.stepNow = "expiry";
      return { step: "expiry", prompt: "payment.enter_expiry" };
    }
    if (this.stepNow === "expiry") {
      const month = Number(entered.slice(0, 2));
      const year = 2000 + Number(entered.slice(2));
      const now = this.today();
      const expired =
        year < now.getUTCFullYear() || (year === now.getUTCFullYear() && month < now.getUTCMonth() + 1);
      if (entered.length !== 4 || month < 1 || month > 12 || expired)
        return this.retry("payment.expiry_invalid");
      this.expiry = { month, year };
      this.stepNow = "cvv";
      return { step: "cvv", prompt: "payment.enter_cvv" };
    }
    const cvvLength = /^3[47]/.test(this.pan) ? 4 : 3;
    if (entered.length !== cvvLength) return this.retry("payment.cvv_invalid");
    const result = await this.tokenizer.tokenize({
      pan: this.pan,
      expMonth: this.expiry.month,
      expYear: this.expiry.year,
      cvv: entered,
    });
    this.pan = "";
    this.stepNow = "done";
    return { step: "done", prompt: "payment.captured", result };
  }
}
