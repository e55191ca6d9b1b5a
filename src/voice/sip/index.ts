export { type SipCall, SipEndpoint, type SipEndpointEvents } from "./endpoint.ts";
export {
  cseq,
  header,
  MAX_SIP_BYTES,
  parseSip,
  respond,
  type SipMessage,
  type SipRequest,
  type SipResponse,
} from "./message.ts";
export { answer, type MediaPlan, negotiate, SdpError } from "./sdp.ts";
