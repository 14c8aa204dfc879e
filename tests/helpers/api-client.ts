/**
 * Agents' API client — test helper for integration tests through the local gateway.
 *
 * `signUp` creates a fresh tenant (account, admin, web inbox) with unique names and returns a
 * `call` that sends the admin's session cookie and `content-type: application/json`, as the
 * dashboard does. The base URL is the gateway's: `process.env.SWITCHBOARD_WS_ENDPOINT`.
 *
 * @example
 * const admin = await signUp(process.env.SWITCHBOARD_WS_ENDPOINT!);
 * const { status, body } = await admin.call('GET', '/api/v1/auth/me');
 */
import { randomBytes } from 'node:crypto';

/** A response: status, parsed JSON body (undefined when empty or not JSON), lower-cased headers. */
export interface ApiResponse<T = any> {
  readonly status: number;
  readonly body: T;
  readonly headers: Record<string, string>;
  /** Raw `set-cookie` values. */
  readonly setCookies: readonly string[];
}

/** Sends one request as a signed-in agent. */
export type ApiCall = <T = any>(method: string, path: string, body?: unknown, headers?: Record<string, string>) => Promise<ApiResponse<T>>;

/** A signed-in agent of a fresh tenant. */
export interface SignedInAgent {
  /** `sb_session=<token>`: the value of a `cookie` header. */
  readonly cookie: string;
  readonly account: { id: string; name: string; [key: string]: unknown };
  readonly agent: { id: string; email: string; name: string; role: string; [key: string]: unknown };
  readonly email: string;
  readonly password: string;
  readonly call: ApiCall;
}

/** Sends a JSON request; `cookie` (a `name=value` pair) is sent when given. */
export async function request<T = any>(
  baseUrl: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}, cookie?: string,
): Promise<ApiResponse<T>> {
  const response = await fetch(new URL(path, baseUrl), {
    method,
    headers: {
      'content-type': 'application/json',
      ...(cookie ? { cookie } : {}),
      ...headers,
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    out[name.toLowerCase()] = value;
  });
  return { status: response.status, body: parsed as T, headers: out, setCookies: response.headers.getSetCookie() };
}

/** The `name=value` of the session cookie in a response's `set-cookie`s, if it sets a non-empty one. */
export function sessionCookieOf(setCookies: readonly string[]): string | undefined {
  for (const header of setCookies) {
    const pair = header.split(';')[0]?.trim() ?? '';
    const [name, ...rest] = pair.split('=');
    if ((name === 'sb_session' || name === '__Host-sb_session') && rest.join('=').length > 0) return pair;
  }
  return undefined;
}

/** A `call` bound to a cookie. */
export function caller(baseUrl: string, cookie: string | undefined): ApiCall {
  return (method, path, body, headers) => request(baseUrl, method, path, body, headers, cookie);
}

/** Unique sign-up details (the email is globally unique, so every test gets its own). */
export function newSignUpDetails(overrides: Partial<{ accountName: string; name: string; email: string; password: string }> = {}) {
  const tag = randomBytes(6).toString('hex');
  return {
    accountName: `Test Co ${tag}`,
    name: `Admin ${tag}`,
    email: `admin-${tag}@example.test`,
    password: `pw-${randomBytes(9).toString('base64url')}`,
    ...overrides,
  };
}

/** Signs up a fresh tenant and returns its admin, signed in. Throws when sign-up fails. */
export async function signUp(
  baseUrl: string,
  overrides: Partial<{ accountName: string; name: string; email: string; password: string }> = {},
): Promise<SignedInAgent> {
  const details = newSignUpDetails(overrides);
  const response = await request(baseUrl, 'POST', '/api/v1/auth/signup', details);
  const cookie = sessionCookieOf(response.setCookies);
  if (response.status !== 201 || !cookie) throw new Error(`sign-up failed: ${response.status} ${JSON.stringify(response.body)}`);
  return {
    cookie,
    account: response.body.account,
    agent: response.body.agent,
    email: details.email,
    password: details.password,
    call: caller(baseUrl, cookie),
  };
}

/** Signs in with email and password (no MFA). Throws unless the answer is `signed_in`. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<SignedInAgent> {
  const response = await request(baseUrl, 'POST', '/api/v1/auth/login', { email, password });
  const cookie = sessionCookieOf(response.setCookies);
  if (response.status !== 200 || response.body?.status !== 'signed_in' || !cookie) {
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return { cookie, account: response.body.account, agent: response.body.agent, email, password, call: caller(baseUrl, cookie) };
}
