/**
 * Email header parsing — layer: adapters (SendGrid).
 *
 * Inbound Parse posts the message's raw header block in its `headers` field. Threading needs three
 * of them (RFC 5322 §3.6.4): `Message-ID`, `In-Reply-To` and `References`, each a list of
 * `<id-left@id-right>` message ids. Header lines may be folded (continuation lines start with
 * whitespace); names are case-insensitive; the first occurrence wins.
 */

/** The threading headers of one email; every id keeps its angle brackets, as mail clients send them. */
export interface ThreadHeaders {
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references: readonly string[];
  readonly date?: string;
}

/** Most ids kept from a `References` header (long threads list every ancestor). */
export const maxReferences = 50;
/** Longest message id accepted (RFC 5322 sets no limit; real ids are far shorter). */
export const maxMessageIdLength = 998;

/**
 * Splits a raw header block into lower-cased names and unfolded values (first occurrence wins).
 *
 * @example
 * parseHeaderBlock('Subject: Hi\r\n there\r\nX-A: 1').get('subject'); // 'Hi there'
 */
export function parseHeaderBlock(raw: string): Map<string, string> {
  const headers = new Map<string, string>();
  const lines = raw.split(/\r?\n/);
  let name: string | undefined;
  let value = '';
  const flush = () => {
    if (name !== undefined && !headers.has(name)) headers.set(name, value.trim());
    name = undefined;
    value = '';
  };
  for (const line of lines) {
    if (line === '') {
      flush();
      continue;
    }
    if (/^[ \t]/.test(line)) {
      if (name !== undefined) value += ` ${line.trim()}`;
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1);
  }
  flush();
  return headers;
}

/**
 * The `<…>` message ids of a header value, in order, without duplicates. A bare id without
 * brackets (some clients send one) is accepted and bracketed when it is the whole value.
 */
export function messageIdsIn(value: string | undefined): string[] {
  if (!value) return [];
  const ids: string[] = [];
  for (const match of value.matchAll(/<([^<>\s]{1,996})>/g)) {
    const id = `<${match[1]}>`;
    if (!ids.includes(id)) ids.push(id);
  }
  if (ids.length === 0) {
    const bare = value.trim();
    if (/^[^<>\s@]+@[^<>\s@]+$/.test(bare) && bare.length <= maxMessageIdLength - 2) ids.push(`<${bare}>`);
  }
  return ids;
}

/**
 * Reads the threading headers from Inbound Parse's raw `headers` field.
 *
 * @example
 * parseThreadHeaders('Message-ID: <b@x>\r\nIn-Reply-To: <a@x>\r\nReferences: <r@x> <a@x>');
 * // { messageId: '<b@x>', inReplyTo: '<a@x>', references: ['<r@x>', '<a@x>'] }
 */
export function parseThreadHeaders(raw: string): ThreadHeaders {
  const headers = parseHeaderBlock(raw);
  const messageId = messageIdsIn(headers.get('message-id'))[0];
  const inReplyTo = messageIdsIn(headers.get('in-reply-to'))[0];
  const references = messageIdsIn(headers.get('references')).slice(-maxReferences);
  const date = headers.get('date');
  return {
    ...(messageId ? { messageId } : {}),
    ...(inReplyTo ? { inReplyTo } : {}),
    references,
    ...(date ? { date } : {}),
  };
}

/** A mailbox: the address (lower-cased) and the display name when there is one. */
export interface Mailbox {
  readonly address: string;
  readonly name?: string;
}

const addressPattern = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+\.[^\s@<>()",;:]+$/;

/**
 * Parses the first mailbox of a `From`-like value: `"Jane Doe" <jane@example.com>`,
 * `Jane <jane@example.com>` or `jane@example.com`. Undefined when there is no valid address.
 */
export function parseMailbox(value: string | undefined): Mailbox | undefined {
  if (!value) return undefined;
  const trimmed = value.trim().slice(0, 2000);
  const angle = /^(.*?)<([^<>]+)>/.exec(trimmed);
  const address = (angle ? angle[2]! : trimmed.split(/[,;]/)[0]!).trim().toLowerCase();
  if (!addressPattern.test(address) || address.length > 320) return undefined;
  const rawName = angle ? angle[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1').trim() : '';
  const name = rawName.slice(0, 200);
  return name && name.toLowerCase() !== address ? { address, name } : { address };
}

/** `ISO-8601` of an RFC 5322 `Date` header, or undefined when it does not parse. */
export function isoDate(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}
