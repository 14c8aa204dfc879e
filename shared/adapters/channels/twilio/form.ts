/**
 * Twilio form bodies — layer: adapters (channels/twilio).
 *
 * Twilio POSTs `application/x-www-form-urlencoded` bodies. The parameters are decoded once, in
 * order and with repeats, because the signature covers every one of them (SECURITY.md §1): the
 * signature check needs them all, the zod contracts then read the fields they know.
 */
import type { FormParameter } from './signature.js';

/** Bounds on a form body, checked before any work proportional to its content. */
export const twilioFormLimits = {
  /** Twilio's own requests are a few KB; anything near this is not from Twilio. */
  maxBodyBytes: 64 * 1024,
  /** Twilio sends 20–60 parameters (a few more per media item). */
  maxParameters: 200,
} as const;

/** Raised when a body is not a form Twilio could have sent. */
export class TwilioFormError extends Error {
  override readonly name = 'TwilioFormError';
}

/**
 * Decodes a form body into its parameters, in order (`+` is a space; malformed `%` escapes are
 * kept as written, as browsers and Twilio's helpers do).
 *
 * @throws {TwilioFormError} over {@link twilioFormLimits}.
 */
export function parseTwilioForm(raw: Buffer): FormParameter[] {
  if (raw.length > twilioFormLimits.maxBodyBytes) throw new TwilioFormError(`form body exceeds ${twilioFormLimits.maxBodyBytes} bytes`);
  const text = raw.toString('utf8');
  let separators = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 38 /* & */) separators++;
  if (separators >= twilioFormLimits.maxParameters) throw new TwilioFormError(`form has more than ${twilioFormLimits.maxParameters} parameters`);
  return [...new URLSearchParams(text)].map(([name, value]) => [name, value] as const);
}

/** The first value of each parameter name: what the field contracts validate. */
export function firstValues(params: readonly FormParameter[]): Record<string, string> {
  const fields: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of params) if (!(name in fields)) fields[name] = value;
  return fields;
}

/** Encodes parameters as a form body (the sender's requests, and tests that play Twilio). */
export function encodeTwilioForm(params: readonly FormParameter[]): string {
  return new URLSearchParams(params.map(([n, v]): [string, string] => [n, v])).toString();
}
