/**
 * SIP messages over UDP (RFC 3261 §7): a start line, headers, a blank line and a body whose length is
 * Content-Length. Parsing is strict about framing and lenient about case and compact header names; a
 * datagram that is not a SIP message gives null, and the caller drops it.
 */
export interface SipRequest {
  kind: "request";
  method: string;
  uri: string;
  headers: SipHeaders;
  body: string;
}

export interface SipResponse {
  kind: "response";
  status: number;
  reason: string;
  headers: SipHeaders;
  body: string;
}

export type SipMessage = SipRequest | SipResponse;

/** Header values by lower-case full name, in order (Via may repeat). */
export type SipHeaders = Map<string, string[]>;

const COMPACT: Record<string, string> = {
  i: "call-id",
  f: "from",
  t: "to",
  v: "via",
  m: "contact",
  l: "content-length",
  c: "content-type",
  k: "supported",
  s: "subject",
  r: "refer-to",
  b: "referred-by",
};

/** Largest datagram read: well above any real SIP message over UDP (they must fit 1,300 bytes or so). */
export const MAX_SIP_BYTES = 16 * 1024;

export function parseSip(datagram: Uint8Array): SipMessage | null {
  if (datagram.length === 0 || datagram.length > MAX_SIP_BYTES) return null;
  const text = Buffer.from(datagram).toString("utf8");
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) return null;
  const lines = text.slice(0, split).split("\r\n");
  const start = lines.shift() ?? "";
  const headers: SipHeaders = new Map();
  let last: string | null = null;
  for (const line of lines) {
    if (/^[ \t]/.test(line) && last) {
      // A folded header continues the previous one.
      const values = headers.get(last) as string[];
      values[values.length - 1] = `${values[values.length - 1]} ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon <= 0) return null;
    const raw = line.slice(0, colon).trim().toLowerCase();
    const name = COMPACT[raw] ?? raw;
    const value = line.slice(colon + 1).trim();
    // Via and a few others may hold several values separated by commas.
    const values = name === "via" ? value.split(/,(?=\s*SIP\/)/i).map((v) => v.trim()) : [value];
    headers.set(name, [...(headers.get(name) ?? []), ...values]);
    last = name;
  }
  let body = text.slice(split + 4);
  const declared = headers.get("content-length")?.[0];
  if (declared !== undefined) {
    const length = Number(declared);
    if (!Number.isInteger(length) || length < 0) return null;
    const bytes = Buffer.from(body, "utf8");
    if (bytes.length < length) return null;
    body = bytes.subarray(0, length).toString("utf8");
  }
  const response = /^SIP\/2\.0 (\d{3}) ?(.*)$/.exec(start);
  if (response)
    return { kind: "response", status: Number(response[1]), reason: response[2] ?? "", headers, body };
  const request = /^([A-Z]+) (\S+) SIP\/2\.0$/.exec(start);
  if (!request) return null;
  for (const required of ["via", "from", "to", "call-id", "cseq"]) if (!headers.has(required)) return null;
  return { kind: "request", method: request[1] as string, uri: request[2] as string, headers, body };
}

export function header(message: SipMessage, name: string): string | undefined {
  return message.headers.get(name)?.[0];
}

/** The CSeq's number and method ("314159 INVITE"). */
export function cseq(message: SipMessage): { seq: number; method: string } | null {
  const m = /^(\d+)\s+([A-Z]+)$/.exec(header(message, "cseq") ?? "");
  return m ? { seq: Number(m[1]), method: m[2] as string } : null;
}

const REASONS: Record<number, string> = {
  100: "Trying",
  180: "Ringing",
  200: "OK",
  202: "Accepted",
  400: "Bad Request",
  404: "Not Found",
  405: "Method Not Allowed",
  481: "Call/Transaction Does Not Exist",
  486: "Busy Here",
  487: "Request Terminated",
  488: "Not Acceptable Here",
  500: "Server Internal Error",
  503: "Service Unavailable",
};

/**
 * A response to a request (§8.2.6): Via, From, Call-ID and CSeq copied, To with our tag, and the
 * given extra headers and body.
 */
export function respond(
  request: SipRequest,
  status: number,
  options: { toTag?: string; headers?: Array<[string, string]>; body?: string; contentType?: string } = {},
): string {
  const lines = [`SIP/2.0 ${status} ${REASONS[status] ?? "Unknown"}`];
  for (const via of request.headers.get("via") ?? []) lines.push(`Via: ${via}`);
  lines.push(`From: ${header(request, "from")}`);
  const to = header(request, "to") ?? "";
  lines.push(`To: ${options.toTag && !/;tag=/i.test(to) ? `${to};tag=${options.toTag}` : to}`);
  lines.push(`Call-ID: ${header(request, "call-id")}`);
  lines.push(`CSeq: ${header(request, "cseq")}`);
  for (const [name, value] of options.headers ?? []) lines.push(`${name}: ${value}`);
  const body = options.body ?? "";
  if (body) lines.push(`Content-Type: ${options.contentType ?? "application/sdp"}`);
  lines.push(`Content-Length: ${Buffer.byteLength(body, "utf8")}`);
  return `${lines.join("\r\n")}\r\n\r\n${body}`;
}
