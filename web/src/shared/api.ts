/** The header the platform checks on state-changing requests made with a session cookie. */
export const CSRF_HEADER = "x-csrf-token";

/** An error answer from the platform, in its one shape: `{ error: { code, message, details? } }`. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Method = "GET" | "POST" | "PUT" | "DELETE";

/**
 * Calls the platform's JSON API with the browser session (the HttpOnly cookie travels by itself) and,
 * on anything but a GET, the session's CSRF token. The token comes from sign-in or from /auth/me.
 */
export class ApiClient {
  #csrfToken: string | undefined;

  setCsrfToken(token: string | undefined): void {
    this.#csrfToken = token;
  }

  get<T>(path: string, signal?: AbortSignal): Promise<T> {
    return this.request<T>("GET", path, undefined, signal);
  }

  post<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("POST", path, body);
  }

  put<T>(path: string, body?: unknown): Promise<T> {
    return this.request<T>("PUT", path, body);
  }

  async request<T>(method: Method, path: string, body?: unknown, signal?: AbortSignal): Promise<T> {
    const headers: Record<string, string> = { accept: "application/json" };
    // A JSON content type with no body is a 400: only say JSON when there is some.
    if (body !== undefined) headers["content-type"] = "application/json";
    if (method !== "GET" && this.#csrfToken) headers[CSRF_HEADER] = this.#csrfToken;
    const response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      ...(signal ? { signal } : {}),
    });
    const text = await response.text();
    const data: unknown = text ? parseJson(text) : undefined;
    if (!response.ok) {
      const error = (data as { error?: { code?: string; message?: string; details?: unknown } } | undefined)
        ?.error;
      throw new ApiError(
        response.status,
        error?.code ?? `http_${response.status}`,
        error?.message ?? response.statusText,
        error?.details,
      );
    }
    return data as T;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Whether an error is the platform saying the session is gone (expired, signed out elsewhere). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}
