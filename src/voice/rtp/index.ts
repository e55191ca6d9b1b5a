export { type DtmfEvent, DtmfReceiver, parseDtmf } from "./dtmf.ts";
export { buildRtp, parseRtp, type RtpPacket, RtpSender } from "./packet.ts";
