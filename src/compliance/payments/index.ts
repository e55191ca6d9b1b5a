export {
  type CapturePrompt,
  type CaptureStep,
  type CaptureUpdate,
  DtmfPaymentCapture,
} from "./dtmf-capture.ts";
export {
  type CardDetails,
  type CardToken,
  cardBrand,
  MemoryTokenizer,
  type PaymentTokenizer,
} from "./tokenizer.ts";
