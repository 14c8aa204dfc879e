/**
 * API Gateway-shaped identifiers and times — layer: infra (local composition root).
 *
 * Connection ids and request ids look like API Gateway's (`L0SM9cOFvHcCIhw=`: 11 random bytes
 * in base64, so they may contain `+` and `/` and arrive URL-encoded at `/@connections/{id}`),
 * and request times use API Gateway's CLF format, so handlers see the shapes they see in AWS.
 */
import { randomBytes } from 'node:crypto';

/** A 16-character id ending in `=`, like API Gateway connection and request ids. */
export function apiGatewayId(): string {
  return randomBytes(11).toString('base64');
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** `12/Mar/2020:19:03:58 +0000`, the `requestContext.time` format. */
export function clfTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(d.getUTCDate())}/${months[d.getUTCMonth()]}/${d.getUTCFullYear()}:${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} +0000`;
}

/** An X-Ray style trace header, as API Gateway adds to every request. */
export function traceId(epochMs: number): string {
  return `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${randomBytes(12).toString('hex')}`;
}
