/**
 * SendGrid fixtures for tests: Inbound Parse multipart bodies built the way SendGrid posts them,
 * and Event Webhook bodies signed with a P-256 key pair made for the test run.
 */
import { createPrivateKey, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { prng } from './fuzz.js';

/** A file part of an Inbound Parse POST. */
export interface FixtureAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly content: Buffer | string;
  readonly contentId?: string;
}

/** What an inbound email says; unset fields are left out of the POST. */
export interface FixtureEmail {
  readonly from?: string;
  readonly to?: string;
  readonly subject?: string;
  readonly text?: string;
  readonly html?: string;
  readonly messageId?: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly extraHeaders?: string;
  readonly attachments?: readonly FixtureAttachment[];
  /** Field name → charset, sent as the `charsets` field; field values are encoded in them. */
  readonly charsets?: Readonly<Record<string, string>>;
}

/** The raw header block an email like `email` carries. */
export function rawHeaders(email: FixtureEmail): string {
  const lines = [
    'Received: by mx0047p1mdw1.sendgrid.net with SMTP id 6WCVv7KAWn Wed, 27 Jul 2016 20:53:06 +0000 (UTC)',
    `From: ${email.from ?? 'Jane Doe <jane@example.com>'}`,
    `To: ${email.to ?? 'support@parse.example.com'}`,
    `Subject: ${email.subject ?? 'Hello'}`,
    'Date: Wed, 27 Jul 2016 13:53:05 -0700',
    'MIME-Version: 1.0',
  ];
  if (email.messageId) lines.push(`Message-ID: ${email.messageId}`);
  if (email.inReplyTo) lines.push(`In-Reply-To: ${email.inReplyTo}`);
  if (email.references && email.references.length > 0) lines.push(`References: ${email.references.join('\r\n ')}`);
  if (email.extraHeaders) lines.push(email.extraHeaders);
  return `${lines.join('\r\n')}\r\n`;
}

function encode(value: string, charset: string | undefined): Buffer {
  if (!charset || /^utf-?8$/i.test(charset)) return Buffer.from(value, 'utf8');
  if (/^(iso-8859-1|latin1|windows-1252)$/i.test(charset)) return Buffer.from(value, 'latin1');
  throw new Error(`fixture cannot encode ${charset}`);
}

/**
 * A multipart/form-data body as SendGrid's Inbound Parse posts it (default, not raw, mode).
 *
 * @example
 * const { body, contentType } = inboundParseBody({ text: 'Hi', messageId: '<a@x>' });
 */
export function inboundParseBody(email: FixtureEmail): { body: Buffer; contentType: string } {
  const boundary = `xYzZY${Math.random().toString(36).slice(2)}`;
  const parts: Buffer[] = [];
  const field = (name: string, value: string | Buffer) => {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n`, 'utf8'), Buffer.isBuffer(value) ? value : Buffer.from(value, 'utf8'), Buffer.from('\r\n'));
  };
  const charsets = { to: 'UTF-8', from: 'UTF-8', subject: 'UTF-8', text: 'UTF-8', html: 'UTF-8', ...(email.charsets ?? {}) };
  field('headers', rawHeaders(email));
  field('dkim', '{@example.com : pass}');
  if (email.html !== undefined) field('html', encode(email.html, charsets.html));
  field('from', encode(email.from ?? 'Jane Doe <jane@example.com>', charsets.from));
  if (email.text !== undefined) field('text', encode(email.text, charsets.text));
  field('sender_ip', '209.85.220.41');
  field('envelope', JSON.stringify({ to: [email.to ?? 'support@parse.example.com'], from: 'jane@example.com' }));
  field('to', encode(email.to ?? 'support@parse.example.com', charsets.to));
  field('subject', encode(email.subject ?? 'Hello', charsets.subject));
  field('charsets', JSON.stringify(charsets));
  field('SPF', 'pass');
  const attachments = email.attachments ?? [];
  field('attachments', String(attachments.length));
  if (attachments.length > 0) {
    const info = Object.fromEntries(attachments.map((a, i) => [`attachment${i + 1}`, { filename: a.fileName, name: a.fileName, type: a.contentType, ...(a.contentId ? { 'content-id': a.contentId } : {}) }]));
    field('attachment-info', JSON.stringify(info));
    attachments.forEach((a, i) => {
      parts.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="attachment${i + 1}"; filename="${a.fileName}"\r\nContent-Type: ${a.contentType}\r\n\r\n`, 'utf8'),
        Buffer.isBuffer(a.content) ? a.content : Buffer.from(a.content, 'utf8'),
        Buffer.from('\r\n'),
      );
    });
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** A P-256 key pair for signing Event Webhook bodies, with the public key as SendGrid shows it. */
export interface EventSigningKey {
  readonly privateKey: KeyObject;
  /** Base64 DER SubjectPublicKeyInfo (Mail Settings → Signed Event Webhook). */
  readonly publicKeyBase64: string;
}

/** Makes a fresh P-256 key pair. */
export function makeEventSigningKey(): EventSigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  return { privateKey, publicKeyBase64: publicKey.export({ format: 'der', type: 'spki' }).toString('base64') };
}

/** The key pair of the laptop cloud's handlers (its private half is in the integration environment). */
export function eventSigningKeyFromPem(privateKeyPem: string, publicKeyBase64: string): EventSigningKey {
  return { privateKey: createPrivateKey(privateKeyPem), publicKeyBase64 };
}

/** The two headers SendGrid signs an Event Webhook POST with. */
export function signEventBody(key: EventSigningKey, body: string | Buffer, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  const payload = Buffer.concat([Buffer.from(timestamp, 'utf8'), Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8')]);
  const signature = sign('sha256', payload, { key: key.privateKey, dsaEncoding: 'der' }).toString('base64');
  return { 'x-twilio-email-event-webhook-signature': signature, 'x-twilio-email-event-webhook-timestamp': timestamp };
}

/** One Event Webhook event for a message we sent. */
export function sendgridEvent(input: { event: string; sgEventId: string; sgMessageId: string; accountId: string; messageId: string; reason?: string }): Record<string, unknown> {
  return {
    email: 'jane@example.com',
    timestamp: Math.floor(Date.now() / 1000),
    'smtp-id': '<14c5d75ce93.dfd.64b469@ismtpd-555>',
    event: input.event,
    category: ['support'],
    sg_event_id: input.sgEventId,
    sg_message_id: `${input.sgMessageId}.filterdrecv-p3mdw1-756b745b58-kmzbl-18-5F5FC76C-9.0`,
    accountId: input.accountId,
    messageId: input.messageId,
    ...(input.reason ? { reason: input.reason, status: '5.0.0', type: 'bounce' } : {}),
  };
}

/** The shared seeded PRNG's `next`, so a failing fuzz case can be replayed from its seed. */
export function seededRandom(seed: number): () => number {
  return prng(seed).next;
}

const nasty = ['', '\u0000', '\r\n', '--', '"', '\\', '{', '[', '}', ']', '<', '>', '=?utf-8?B?', 'é', '\ud800', '💥', 'null', '-1', '1e999', '%00', '../../', 'Content-Disposition: form-data; name="x"', 'boundary='];

/**
 * One fuzzed Inbound Parse POST: a valid email mutated (bytes, structure, fields, content type).
 * `validShare` is the share of bodies left intact (they reach the pipeline, mostly as duplicates).
 */
export function fuzzInboundCase(random: () => number, index: number, validShare = 1 / 9): { body: Buffer; contentType: string } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const valid = inboundParseBody({
    text: `fuzz ${index} ${pick(nasty)}`,
    html: random() < 0.5 ? `<p>${pick(nasty)}</p>${'<div>'.repeat(Math.floor(random() * 300))}` : undefined,
    from: pick(['Jane <jane@example.com>', 'x', '', '<>', `"${pick(nasty)}" <fuzz@example.com>`]),
    messageId: `<fuzz-${Math.floor(random() * 50)}@fuzz.test>`,
    inReplyTo: random() < 0.3 ? `<${pick(nasty)}>` : undefined,
    attachments: random() < 0.3 ? [{ fileName: `${pick(nasty)}.png`, contentType: pick(['image/png', 'application/x-evil', '']), content: Buffer.alloc(Math.floor(random() * 4096), 7) }] : undefined,
  });
  let body = valid.body;
  let contentType = valid.contentType;
  switch (random() < validShare ? -1 : Math.floor(random() * 8)) {
    case 0: { // flip bytes
      body = Buffer.from(body);
      for (let i = 0, n = 1 + Math.floor(random() * 20); i < n; i++) body[Math.floor(random() * body.length)] = Math.floor(random() * 256);
      break;
    }
    case 1: body = body.subarray(0, Math.floor(random() * body.length)); break; // truncated
    case 2: contentType = pick(['application/json', 'text/plain', 'multipart/form-data', 'multipart/form-data; boundary=', 'multipart/mixed; boundary=x', '', 'multipart/form-data; boundary="unterminated']); break;
    case 3: { // random bytes
      body = Buffer.from(Array.from({ length: Math.floor(random() * 2048) }, () => Math.floor(random() * 256)));
      break;
    }
    case 4: { // JSON fields broken
      const text = body.toString('latin1').replace(/"to":\[/, pick(['"to":{', '"to":[[[[', '"to":null,"x":[', '"to":"'])).replace('{"attachment1"', pick(['[', '{"attachment1":7', 'nul']));
      body = Buffer.from(text, 'latin1');
      break;
    }
    case 5: { // charsets lie
      const text = body.toString('latin1').replace(/"text":"UTF-8"/, `"text":"${pick(['utf-16', 'x-unknown', 'iso-2022-jp', '', 'ÿ'])}"`);
      body = Buffer.from(text, 'latin1');
      break;
    }
    case 6: { // many tiny parts
      const boundary = contentType.split('boundary=')[1]!;
      const part = `--${boundary}\r\nContent-Disposition: form-data; name="p${index}"\r\n\r\nx\r\n`;
      body = Buffer.concat([Buffer.from(part.repeat(Math.floor(random() * 400))), body]);
      break;
    }
    case 7: { // duplicated / missing headers field
      const text = body.toString('latin1').replace('name="headers"', pick(['name="headerz"', 'name=""', 'name="headers"; filename="h.txt"']));
      body = Buffer.from(text, 'latin1');
      break;
    }
    default: break; // valid (duplicates by Message-ID after the first few)
  }
  return { body, contentType };
}

/** One fuzzed Event Webhook body: valid events mutated, wrong shapes, deep nesting, junk. */
export function fuzzEventCase(random: () => number, index: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const event = { event: pick(['delivered', 'open', 'bounce', 'dropped', 'processed', 'deferred', 'click', 'x', 7, null]), sg_event_id: pick([`fz-${index}`, '', 5, null]), sg_message_id: pick(['m.filter', '', {}, 'x'.repeat(600)]), accountId: pick(['acc', '', '../', 1]), messageId: pick(['msg', '', []]), timestamp: pick([1, -1, 1e20, 'now', null]) };
  switch (Math.floor(random() * 7)) {
    case 0: return JSON.stringify([event]);
    case 1: return JSON.stringify(Array.from({ length: Math.floor(random() * 50) }, () => event));
    case 2: return JSON.stringify(event);
    case 3: return `${'['.repeat(Math.floor(random() * 2000))}`;
    case 4: return JSON.stringify([event]).slice(0, Math.floor(random() * 40));
    case 5: return Buffer.from(Array.from({ length: Math.floor(random() * 512) }, () => Math.floor(random() * 256))).toString('latin1');
    default: return pick(['', 'null', '[]', '[null]', '{}', '"x"', '[1,2,3]', `[${pick(nasty)}]`]);
  }
}
