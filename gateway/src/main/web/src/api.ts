import { csrfToken } from "./dom";

/** An RFC 9457 problem as the services send it. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  traceId?: string;
  errors?: { field?: string; row?: number; value?: string; reason?: string; message?: string; code?: string }[];
  [extension: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

/** Sign in again (the session ended): back to Keycloak, then to this page. */
export function signIn(): void {
  window.location.assign("/oauth2/authorization/keycloak");
}

/**
 * Calls the gateway with the session cookie; the gateway relays the person's token to the service. State-changing
 * calls echo the CSRF cookie in X-XSRF-TOKEN.
 */
export async function call<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ data: T; response: Response }> {
  const h: Record<string, string> = { Accept: "application/json, application/problem+json", ...headers };
  let payload: BodyInit | undefined;
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    h["Content-Type"] = "application/json";
    payload = JSON.stringify(body);
  }
  if (!SAFE.has(method)) {
    const token = csrfToken();
    if (token) h["X-XSRF-TOKEN"] = token;
  }
  const response = await fetch(path, { method, headers: h, body: payload, credentials: "same-origin" });
  if (response.status === 401) {
    signIn();
    throw new ApiError(401, null);
  }
  const text = await response.text();
  let data: unknown = null;
  if (text && (response.headers.get("Content-Type") ?? "").includes("json")) {
    data = JSON.parse(text);
  }
  if (!response.ok) throw new ApiError(response.status, data as Problem | null);
  return { data: data as T, response };
}

export const get = <T>(path: string) => call<T>("GET", path).then((r) => r.data);
