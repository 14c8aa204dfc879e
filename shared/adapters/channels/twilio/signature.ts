/**
 * Twilio request signatures — layer: adapters (channels/twilio).
 *
 * SECURITY.md §1: `X-Twilio-Signature` is base64(HMAC-SHA1(authToken, data)) where, for a form
 * POST, `data` is the webhook URL followed by every POST parameter sorted by name (Unix,
 * case-sensitive order), appended as name + value with no separators. For a JSON body Twilio
 * appends `bodySHA256=<hex sha256(raw body)>` to the URL's query, signs the URL alone, and the
 * receiver also checks the hash against the raw bytes.
 *
 * The URL is the one stored on the inbox (what the tenant pasted into the Twilio console), never
 * one rebuilt from `Host` headers. Like Twilio's own helpers, the URL with and without its
 * scheme's default port (`:443` / `:80`) is accepted, since Twilio may sign either form.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** One POST parameter as received; a name may repeat (its values are then sorted too). */
export type FormParameter = readonly [name: string, value: string];

/**
 * The string Twilio signs for a form POST: the URL, then each parameter as name + value, sorted
 * by name (then by value for a repeated name), without separators.
 */
export function twilioSignedData(url: string, params: readonly FormParameter[]): string {
  const sorted = [...params].sort(([an, av], [bn, bv]) => (an < bn ? -1 : an > bn ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  let data = url;
  for (const [name, value] of sorted) data += name + value;
  return data;
}

/**
 * Computes the `X-Twilio-Signature` Twilio sends for a form POST to `url` (also the signer of the
 * tests and of the local tools).
 *
 * @example
 * twilioSignature('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', [['CallSid', 'CA1234567890ABCDE'], …]);
 * // 'RSOYDt4T1cUTdK1PDd93/VVr8B8='
 */
export function twilioSignature(authToken: string, url: string, params: readonly FormParameter[] = []): string {
  return createHmac('sha1', authToken).update(twilioSignedData(url, params), 'utf8').digest('base64');
}

/** Hex SHA-256 of a raw body: the `bodySHA256` query parameter of a JSON webhook. */
export function twilioBodySha256(rawBody: Buffer | string): string {
  return createHash('sha256').update(rawBody).digest('hex');
}

/**
 * The URL Twilio signs for a JSON body POSTed to `url`: `url` with `bodySHA256=<hex>` appended
 * to its query.
 */
export function twilioJsonSignedUrl(url: string, rawBody: Buffer | string): string {
  const hash = `bodySHA256=${twilioBodySha256(rawBody)}`;
  const at = url.indexOf('#');
  const base = at < 0 ? url : url.slice(0, at);
  return `${base}${base.includes('?') ? '&' : '?'}${hash}`;
}

const defaultPorts: Readonly<Record<string, string>> = { 'https:': '443', 'http:': '80' };

/**
 * The forms of a URL that Twilio may have signed: the URL as stored, the same URL with its
 * scheme's default port written out, and without it. Only the default port is toggled: a URL
 * with another port (e.g. the laptop gateway's) has exactly one form. Built by editing the
 * authority of the original string, so the path and query keep their exact bytes.
 */
export function signedUrlVariants(url: string): readonly string[] {
  const match = /^([a-z][a-z0-9+.-]*:)\/\/([^/?#]*)(.*)$/is.exec(url);
  if (!match) return [url];
  const scheme = match[1]!.toLowerCase();
  const authority = match[2]!;
  const rest = match[3]!;
  const defaultPort = defaultPorts[scheme];
  if (!defaultPort) return [url];
  const at = authority.lastIndexOf('@');
  const userInfo = at < 0 ? '' : authority.slice(0, at + 1);
  const hostPort = authority.slice(at + 1);
  const portMatch = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(hostPort);
  if (!portMatch) return [url];
  const host = portMatch[1]!;
  const port = portMatch[2];
  if (port !== undefined && port !== '' && port !== defaultPort) return [url];
  const prefix = `${match[1]}//${userInfo}${host}`;
  return [...new Set([url, `${prefix}:${defaultPort}${rest}`, `${prefix}${rest}`])];
}

function sameSignature(expected: string, given: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Whether `signature` is Twilio's signature of a form POST of `params` to `url` (or to `url`
 * with/without its default port).
 */
export function isValidTwilioFormSignature(input: {
  readonly authToken: string;
  readonly url: string;
  readonly params: readonly FormParameter[];
  readonly signature: string | undefined;
}): boolean {
  const { authToken, url, params, signature } = input;
  if (!signature || !authToken) return false;
  let valid = false;
  // Every variant is computed and compared, so the time taken does not depend on which matched.
  for (const variant of signedUrlVariants(url)) valid = sameSignature(twilioSignature(authToken, variant, params), signature) || valid;
  return valid;
}

/**
 * Whether a JSON body POSTed to `url` carries Twilio's signature: `bodySHA256` (from the
 * request's query) must equal the hash of the raw bytes, and `signature` must sign `url` with that
 * `bodySHA256` appended (with/without the default port).
 */
export function isValidTwilioJsonSignature(input: {
  readonly authToken: string;
  readonly url: string;
  readonly rawBody: Buffer;
  readonly bodySha256: string | undefined;
  readonly signature: string | undefined;
}): boolean {
  const { authToken, url, rawBody, bodySha256, signature } = input;
  if (!signature || !authToken || !bodySha256) return false;
  const hashMatches = sameSignature(twilioBodySha256(rawBody), bodySha256.toLowerCase());
  const signed = twilioJsonSignedUrl(url, rawBody);
  let valid = false;
  for (const variant of signedUrlVariants(signed)) valid = sameSignature(twilioSignature(authToken, variant), signature) || valid;
  return hashMatches && valid;
}
