import http from "node:http";
import https from "node:https";
import WebSocket from "ws";

/**
 * The two chat channels a simulated customer can use today: the HTTP API and the WebSocket. Voice
 * does not exist yet. Each session behaves like one browser tab: one conversation, one request at a time.
 */
export const CHANNELS = ["http", "websocket"] as const;
export type Channel = (typeof CHANNELS)[number];

export interface AgentAnswer {
  ended: boolean;
  handoff: boolean;
}

export interface ChatSession {
  readonly channel: Channel;
  /** Opens the conversation; resolves when the agent's greeting arrives. */
  start(locale: string | undefined): Promise<void>;
  send(text: string): Promise<AgentAnswer>;
  close(): void;
}

/**
 * A request that did not get an answer. `kind` is what the report counts: `timeout` (no answer in
 * time), `connect_timeout` (no TCP connection), `ws_handshake_timeout` (no answer to the WebSocket
 * upgrade), `connection` (refused or reset), `http_<status>`, `ws_<code>` (an error frame),
 * `ws_closed`, `bad_response`.
 */
export class LoadError extends Error {
  constructor(
    readonly kind: string,
    message: string = kind,
  ) {
    super(message);
    this.name = "LoadError";
  }
}

function connectionError(error: unknown): LoadError {
  if (error instanceof LoadError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = code ?? String(error);
  // ws reports a WebSocket upgrade that got no answer as "Opening handshake has timed out".
  return new LoadError(/timed out|ETIMEDOUT/i.test(message) ? "timeout" : "connection", message);
}

export interface ChannelOptions {
  baseUrl: URL;
  /** A request without an answer after this long is a timeout: the customer gives up. */
  timeoutMs: number;
}

/** The HTTP chat API over kept-alive connections, as a browser would hold them. */
export class HttpChannel {
  private readonly agent: http.Agent;
  private readonly client: typeof http | typeof https;

  constructor(private readonly options: ChannelOptions) {
    const secure = options.baseUrl.protocol === "https:";
    this.client = secure ? https : http;
    this.agent = new this.client.Agent({ keepAlive: true });
  }

  session(): ChatSession {
    let id: string | null = null;
    return {
      channel: "http",
      start: async (locale) => {
        const body = (await this.post("/api/v1/conversations", locale ? { locale } : {})) as { id?: unknown };
        if (typeof body.id !== "string") throw new LoadError("bad_response", "no conversation id");
        id = body.id;
      },
      send: async (text) => {
        if (!id) throw new LoadError("bad_response", "no conversation started");
        const body = (await this.post(`/api/v1/conversations/${encodeURIComponent(id)}/messages`, {
          text,
        })) as { ended?: unknown; handoff?: unknown };
        return { ended: body.ended === true, handoff: body.handoff !== null && body.handoff !== undefined };
      },
      close: () => {},
    };
  }

  private post(path: string, body: unknown): Promise<unknown> {
    const payload = JSON.stringify(body);
    const url = new URL(path, this.options.baseUrl);
    return new Promise((resolve, reject) => {
      const request = this.client.request(
        url,
        {
          method: "POST",
          agent: this.agent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on("data", (chunk: Buffer) => chunks.push(chunk));
          response.on("error", (error) => fail(connectionError(error)));
          response.on("end", () => {
            clearTimeout(timer);
            const status = response.statusCode ?? 0;
            const text = Buffer.concat(chunks).toString("utf8");
            if (status >= 400) return reject(new LoadError(`http_${status}`, errorMessage(text)));
            try {
              resolve(JSON.parse(text));
            } catch {
              reject(new LoadError("bad_response", "a reply that is not JSON"));
            }
          });
        },
      );
      const fail = (error: LoadError) => {
        clearTimeout(timer);
        reject(error);
      };
      // A connection the kernel never completed (the listen backlog overflowed) is told apart from a
      // request the platform accepted and did not answer.
      let connected = false;
      request.on("socket", (socket) => {
        if (!socket.connecting) connected = true;
        else socket.once("connect", () => (connected = true));
      });
      const timer = setTimeout(() => {
        const kind = connected ? "timeout" : "connect_timeout";
        request.destroy(new LoadError(kind, `no answer in ${this.options.timeoutMs} ms`));
      }, this.options.timeoutMs);
      request.on("error", (error) => fail(connectionError(error)));
      request.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

function errorMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    return [parsed.error?.code, parsed.error?.message].filter(Boolean).join(": ") || text.slice(0, 200);
  } catch {
    return text.slice(0, 200);
  }
}

interface Pending {
  resolve: (answer: AgentAnswer) => void;
  reject: (error: LoadError) => void;
  timer: NodeJS.Timeout;
}

/** The chat WebSocket: one socket per conversation, one frame answered at a time. */
export class WebSocketChannel {
  constructor(private readonly options: ChannelOptions) {}

  session(): ChatSession {
    const url = new URL("/api/v1/chat/ws", this.options.baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const timeoutMs = this.options.timeoutMs;
    let socket: WebSocket | null = null;
    let pending: Pending | null = null;
    const settle = (outcome: { answer: AgentAnswer } | { error: LoadError }) => {
      const waiting = pending;
      if (!waiting) return;
      pending = null;
      clearTimeout(waiting.timer);
      if ("answer" in outcome) waiting.resolve(outcome.answer);
      else waiting.reject(outcome.error);
    };
    const exchange = (frame: unknown): Promise<AgentAnswer> =>
      new Promise((resolve, reject) => {
        const open = socket;
        if (!open || open.readyState !== WebSocket.OPEN) return reject(new LoadError("ws_closed"));
        const timer = setTimeout(() => {
          settle({ error: new LoadError("timeout", `no answer in ${timeoutMs} ms`) });
          open.terminate();
        }, timeoutMs);
        pending = { resolve, reject, timer };
        open.send(JSON.stringify(frame), (error) => {
          if (error) settle({ error: connectionError(error) });
        });
      });
    const connect = () =>
      new Promise<void>((resolve, reject) => {
        const ws = new WebSocket(url, { handshakeTimeout: timeoutMs });
        socket = ws;
        ws.once("open", () => resolve());
        // `on`, not `once`: a socket can fail again after the first error, and an unheard error throws.
        ws.on("error", (error) => {
          // ws's "Opening handshake has timed out": the platform did not answer the upgrade in time.
          const failure = /handshake has timed out/i.test(error.message)
            ? new LoadError("ws_handshake_timeout", error.message)
            : connectionError(error);
          reject(failure);
          settle({ error: failure });
        });
        ws.on("close", () => settle({ error: new LoadError("ws_closed", "the socket closed mid-request") }));
        ws.on("message", (data) => {
          let frame: { type?: string; code?: string; message?: string; ended?: unknown; handoff?: unknown };
          try {
            frame = JSON.parse(String(data));
          } catch {
            return settle({ error: new LoadError("bad_response", "a frame that is not JSON") });
          }
          if (frame.type === "messages")
            return settle({
              answer: {
                ended: frame.ended === true,
                handoff: frame.handoff !== null && frame.handoff !== undefined,
              },
            });
          if (frame.type === "error")
            return settle({
              error: new LoadError(`ws_${frame.code ?? "error"}`, frame.message ?? "error frame"),
            });
        });
      });
    return {
      channel: "websocket",
      start: async (locale) => {
        await connect();
        await exchange({ type: "start", ...(locale ? { locale } : {}) });
      },
      send: (text) => exchange({ type: "message", text }),
      close: () => {
        if (socket && socket.readyState !== WebSocket.CLOSED) socket.close();
      },
    };
  }
}
