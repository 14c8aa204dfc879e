/**
 * Meta subscribe handshake — layer: adapters (pure).
 *
 * When a webhook URL is saved in the Meta app dashboard, Meta calls
 * `GET <url>?hub.mode=subscribe&hub.verify_token=<token>&hub.challenge=<n>` and expects the
 * challenge echoed back. SECURITY.md §1: mode `subscribe` and a matching token → 200 `text/plain`
 * echo of the challenge, only if it matches `^[0-9A-Za-z_-]{1,128}$`; anything else → 403.
 */
import { timingSafeEqual } from 'node:crypto';

/** The challenges echoed back: short and inert, so the echo cannot carry markup. */
export const challengePattern = /^[0-9A-Za-z_-]{1,128}$/;

/** The answer to a handshake request. */
export interface HandshakeAnswer {
  readonly status: 200 | 403;
  readonly contentType: 'text/plain';
  readonly body: string;
}

function sameToken(given: string, expected: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(expected, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Answers Meta's subscribe handshake from the query string.
 *
 * @example
 * answerSubscribeHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 't', 'hub.challenge': '42' }, 't');
 * // { status: 200, contentType: 'text/plain', body: '42' }
 */
export function answerSubscribeHandshake(query: Readonly<Record<string, string>>, verifyToken: string): HandshakeAnswer {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  const accepted =
    mode === 'subscribe' &&
    verifyToken.length > 0 &&
    typeof token === 'string' &&
    sameToken(token, verifyToken) &&
    typeof challenge === 'string' &&
    challengePattern.test(challenge);
  if (!accepted) return { status: 403, contentType: 'text/plain', body: 'Forbidden' };
  return { status: 200, contentType: 'text/plain', body: challenge };
}
