/**
 * Email through SendGrid, end to end on the laptop cloud: Inbound Parse posts (multipart, as
 * SendGrid sends them) through the local gateway into conversations, agent replies out through
 * the outbound queue to the fake provider's v3 mail send, and signed Event Webhook posts back
 * into message statuses. Ends with 10,000 fuzzed bodies per webhook through the gateway: Inbound
 * Parse bodies mutated in bytes, structure, JSON fields, charsets and content type (about a fifth
 * still parse and reach the pipeline, mostly as duplicates), and event bodies of every shape, half
 * signed with the laptop's key (the parser sees them) and half unsigned (the signature check does).
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain/entities.js';
import { signUp, type SignedInAgent } from '../../helpers/api-client.js';
import { withAiOff } from '../../helpers/ai-settings.js';
import { fakeProvider } from '../../helpers/fake-provider.js';
import {
  eventSigningKeyFromPem, fuzzEventCase, fuzzInboundCase, inboundParseBody, makeEventSigningKey, seededRandom, sendgridEvent, signEventBody, type FixtureEmail,
} from '../../helpers/sendgrid-fixtures.js';
import { testContainer } from '../api/conversation-fixtures.js';
import { runFuzz } from '../../helpers/fuzz.js';

const baseUrl = process.env.SWITCHBOARD_WS_ENDPOINT!;
/** The laptop cloud's Event Webhook key pair (the handlers verify with its public half). */
const eventKey = eventSigningKeyFromPem(process.env.SWITCHBOARD_LOCAL_SENDGRID_EVENT_PRIVATE_KEY!, process.env.SWITCHBOARD_SENDGRID_EVENT_PUBLIC_KEY!);

interface EmailInbox {
  readonly agent: SignedInAgent;
  readonly inboxId: string;
  readonly secret: string;
  readonly address: string;
}

async function emailInbox(): Promise<EmailInbox> {
  const agent = await withAiOff(await signUp(baseUrl));
  const secret = randomBytes(24).toString('base64url');
  const address = `support-${randomBytes(4).toString('hex')}@parse.acme.test`;
  const created = await testContainer().services.createChannelInbox({
    accountId: agent.account.id, name: 'Support email', channel: 'email', channelAddress: address,
    credentials: { provider: 'sendgrid', inboundSecret: secret },
  });
  return { agent, inboxId: created.inbox.id, secret, address };
}

async function postEmail(inbox: Pick<EmailInbox, 'inboxId' | 'secret'>, email: FixtureEmail): Promise<number> {
  const { body, contentType } = inboundParseBody(email);
  const response = await fetch(`${baseUrl}/webhooks/sendgrid/${inbox.inboxId}/${inbox.secret}`, { method: 'POST', headers: { 'content-type': contentType }, body });
  await response.arrayBuffer();
  return response.status;
}

/** The tenant's conversations on the inbox, through the agents' API. */
async function conversationsOf(inbox: EmailInbox): Promise<{ id: string; contact: { email?: string } }[]> {
  const { status, body } = await inbox.agent.call('GET', `/api/v1/conversations?inboxId=${inbox.inboxId}&limit=50`);
  expect(status).toBe(200);
  return body.items;
}

async function messagesOf(inbox: EmailInbox, conversationId: string): Promise<Message[]> {
  const messages = await testContainer().repositories.messages.list(inbox.agent.account.id, conversationId, { limit: 50 });
  return [...messages].sort((a, b) => a.seq - b.seq);
}

async function postEvents(body: string, headers: Record<string, string>): Promise<number> {
  const response = await fetch(`${baseUrl}/webhooks/sendgrid/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  await response.arrayBuffer();
  return response.status;
}

/** Polls the message until `check` holds (the outbound sender and receipts run asynchronously). */
async function messageWhen(inbox: EmailInbox, conversationId: string, messageId: string, check: (m: Message) => boolean, timeoutMs = 15_000): Promise<Message> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const message = await testContainer().repositories.messages.get(inbox.agent.account.id, conversationId, messageId);
    if (message && check(message)) return message;
    if (Date.now() > deadline) throw new Error(`message ${messageId} never matched; last: ${JSON.stringify(message)}`);
    await new Promise((resolveWait) => setTimeout(resolveWait, 100));
  }
}

/** A customer email and the agent's reply to it, sent through the fake provider. */
async function repliedThread(inbox: EmailInbox, from: string) {
  const customerMessageId = uniqueMessageId();
  const references = ['<root@mail.example.com>'];
  expect(await postEmail(inbox, { from, subject: 'Broken zipper', text: 'The zipper broke.', messageId: customerMessageId, references })).toBe(200);
  const address = from.replace(/^.*<|>$/g, '');
  const conversation = (await conversationsOf(inbox)).find((c) => c.contact.email === address)!;
  const reply = await inbox.agent.call('POST', `/api/v1/conversations/${conversation.id}/messages`, { body: 'Sorry about that!\nA new one is on its way.' });
  expect(reply.status).toBe(201);
  const sent = await messageWhen(inbox, conversation.id, reply.body.id, (m) => m.status === 'sent');
  return { conversationId: conversation.id, customerMessageId, references, replyId: reply.body.id as string, sent };
}

function uniqueMessageId(): string {
  return `<${randomBytes(8).toString('hex')}@mail.example.com>`;
}

describe('SendGrid Inbound Parse → conversations', () => {
  let inbox: EmailInbox;
  beforeAll(async () => {
    inbox = await emailInbox();
  });

  it('turns an email into a conversation with the sender as contact', async () => {
    // Prepare
    const messageId = uniqueMessageId();

    // Act
    const status = await postEmail(inbox, { from: 'Jane Doe <jane.first@example.com>', subject: 'Where is my order?', text: 'Hi, order 42 has not arrived.', messageId });

    // Assess
    expect(status).toBe(200);
    const conversation = (await conversationsOf(inbox)).find((c) => c.contact.email === 'jane.first@example.com');
    expect(conversation).toBeDefined();
    const messages = await messagesOf(inbox, conversation!.id);
    expect(messages.map((m) => [m.type, m.body])).toEqual([['incoming', 'Hi, order 42 has not arrived.']]);
    expect(messages[0]!.email).toMatchObject({ messageId, subject: 'Where is my order?' });
  });

  it('threads a reply with In-Reply-To or References into the same conversation', async () => {
    // Prepare
    const first = uniqueMessageId();
    await postEmail(inbox, { from: 'Ann <ann.thread@example.com>', subject: 'Refund', text: 'I want a refund.', messageId: first });
    const second = uniqueMessageId();

    // Act
    const byInReplyTo = await postEmail(inbox, { from: 'Ann <ann.thread@example.com>', subject: 'Re: Refund', text: 'Any news?', messageId: second, inReplyTo: first, references: [first] });
    const byReferences = await postEmail(inbox, { from: 'Ann <ann.thread@example.com>', subject: 'Re: Refund', text: 'Hello again?', messageId: uniqueMessageId(), references: [first, second] });

    // Assess
    expect([byInReplyTo, byReferences]).toEqual([200, 200]);
    const conversations = (await conversationsOf(inbox)).filter((c) => c.contact.email === 'ann.thread@example.com');
    expect(conversations).toHaveLength(1);
    expect((await messagesOf(inbox, conversations[0]!.id)).map((m) => m.body)).toEqual(['I want a refund.', 'Any news?', 'Hello again?']);
  });

  it('stores the visible reply only, converts HTML and keeps the original HTML', async () => {
    // Prepare
    const html = '<div dir="ltr">The <b>blue</b> one, please.</div><br><div class="gmail_quote"><div class="gmail_attr">On Mon, Jan 1, 2024 at 10:00 AM Acme &lt;support@acme.test&gt; wrote:</div><blockquote class="gmail_quote">Which colour would you like?</blockquote></div>';

    // Act
    const textStatus = await postEmail(inbox, {
      from: 'Bo <bo.trim@example.com>', subject: 'Colour', messageId: uniqueMessageId(),
      text: 'Large, please.\n\n-- \nBo Example\nACME fan\n\nOn Mon, Jan 1, 2024 at 10:00 AM Acme <support@acme.test> wrote:\n> Which size?',
    });
    const htmlStatus = await postEmail(inbox, { from: 'Cy <cy.html@example.com>', subject: 'Colour', messageId: uniqueMessageId(), html });

    // Assess
    expect([textStatus, htmlStatus]).toEqual([200, 200]);
    const all = await conversationsOf(inbox);
    const bo = await messagesOf(inbox, all.find((c) => c.contact.email === 'bo.trim@example.com')!.id);
    const cy = await messagesOf(inbox, all.find((c) => c.contact.email === 'cy.html@example.com')!.id);
    expect(bo[0]!.body).toBe('Large, please.');
    expect(cy[0]!.body).toBe('The blue one, please.');
    expect(cy[0]!.email?.html).toBe(html);
  });

  it('stores an attachment in S3 under the tenant and refuses a type outside the limits', async () => {
    // Prepare
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), randomBytes(3000)]);

    // Act
    const status = await postEmail(inbox, {
      from: 'Di <di.files@example.com>', subject: 'Photo', text: 'See the photo.', messageId: uniqueMessageId(),
      attachments: [{ fileName: 'broken box.png', contentType: 'image/png', content: png }, { fileName: 'tool.exe', contentType: 'application/x-msdownload', content: 'MZ' }],
    });

    // Assess
    expect(status).toBe(200);
    const conversation = (await conversationsOf(inbox)).find((c) => c.contact.email === 'di.files@example.com')!;
    const [message] = await messagesOf(inbox, conversation.id);
    expect(message!.body).toBe('See the photo.\n\n[Attachment not kept: tool.exe (type not allowed)]');
    expect(message!.attachments).toHaveLength(1);
    const attachment = message!.attachments![0]!;
    expect(attachment).toMatchObject({ fileName: 'broken box.png', contentType: 'image/png', size: png.length });
    expect(attachment.objectKey).toMatch(new RegExp(`^accounts/${inbox.agent.account.id}/attachments/[0-9a-f]{32}/broken box\\.png$`));
    const url = await testContainer().fileStorage.presignDownload({ objectKey: attachment.objectKey!, fileName: attachment.fileName, contentType: attachment.contentType, expiresInSeconds: 60 });
    const download = await fetch(url);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(png)).toBe(true);
  });

  it('stores a redelivered email once', async () => {
    // Prepare
    const email: FixtureEmail = { from: 'Ed <ed.dup@example.com>', subject: 'Twice', text: 'Only once please.', messageId: uniqueMessageId() };

    // Act
    const statuses = [await postEmail(inbox, email), ...(await Promise.all([postEmail(inbox, email), postEmail(inbox, email)]))];

    // Assess
    expect(statuses).toEqual([200, 200, 200]);
    const conversations = (await conversationsOf(inbox)).filter((c) => c.contact.email === 'ed.dup@example.com');
    expect(conversations).toHaveLength(1);
    expect(await messagesOf(inbox, conversations[0]!.id)).toHaveLength(1);
  });

  it('answers 404 to a wrong secret or an unknown inbox and writes nothing', async () => {
    // Prepare
    const other = await emailInbox();
    const email: FixtureEmail = { from: 'Eve <eve@example.com>', text: 'let me in', messageId: uniqueMessageId() };

    // Act
    const wrongSecret = await postEmail({ inboxId: other.inboxId, secret: `${other.secret}x` }, email);
    const swappedSecret = await postEmail({ inboxId: other.inboxId, secret: inbox.secret }, email);
    const unknownInbox = await postEmail({ inboxId: '01JZZZZZZZZZZZZZZZZZZZZZZZ', secret: other.secret }, email);
    const malformed = await postEmail({ inboxId: other.inboxId, secret: '%E0%A4%A' }, email);

    // Assess
    expect([wrongSecret, swappedSecret, unknownInbox, malformed]).toEqual([404, 404, 404, 404]);
    expect(await conversationsOf(other)).toEqual([]);
    expect(await testContainer().repositories.contacts.findByIdentity(other.agent.account.id, 'email', 'eve@example.com')).toBeUndefined();
  });
});

describe('SendGrid v3 mail send and the Event Webhook', () => {
  let inbox: EmailInbox;
  beforeAll(async () => {
    inbox = await emailInbox();
  });

  it('sends an agent\'s reply as a threaded v3 mail send, and the customer\'s answer threads back', async () => {
    // Prepare
    const { conversationId, customerMessageId, references, replyId, sent } = await repliedThread(inbox, 'Flo <flo.reply@example.com>');

    // Act
    const [request] = await fakeProvider().waitForRequests({ path: '/v3/mail/send', body: replyId }, 1);
    const ourMessageId = (request!.body as { headers: Record<string, string> }).headers['Message-ID']!;
    const answer = await postEmail(inbox, { from: 'Flo <flo.reply@example.com>', subject: 'Re: Broken zipper', text: 'Thanks!\n\nOn Tue, Acme wrote:\n> Sorry about that!', messageId: uniqueMessageId(), inReplyTo: ourMessageId, references: [ourMessageId] });

    // Assess
    expect(request!.method).toBe('POST');
    expect(request!.headers.authorization).toBe(`Bearer ${process.env.SWITCHBOARD_SENDGRID_API_KEY}`);
    expect(request!.body).toMatchObject({
      personalizations: [{ to: [{ email: 'flo.reply@example.com' }] }],
      from: { email: inbox.address },
      subject: 'Re: Broken zipper',
      content: [{ type: 'text/plain', value: 'Sorry about that!\nA new one is on its way.' }, { type: 'text/html' }],
      headers: { 'In-Reply-To': customerMessageId, References: `<root@mail.example.com> ${customerMessageId}` },
      custom_args: { accountId: inbox.agent.account.id, messageId: replyId },
    });
    expect(ourMessageId).toMatch(/^<[^<>@\s]+@[^<>@\s]+>$/);
    expect(sent.providerMessageId).toMatch(/^[A-Za-z0-9_-]{10,}$/);
    expect(answer).toBe(200);
    const messages = await messagesOf(inbox, conversationId);
    expect(messages.map((m) => [m.type, m.body])).toEqual([['incoming', 'The zipper broke.'], ['outgoing', 'Sorry about that!\nA new one is on its way.'], ['incoming', 'Thanks!']]);
  });

  it('moves the reply\'s status forward with signed events, once per event, and fails it on a bounce', async () => {
    // Prepare
    const first = await repliedThread(inbox, 'Gus <gus.events@example.com>');
    const second = await repliedThread(inbox, 'Hal <hal.bounce@example.com>');
    const accountId = inbox.agent.account.id;
    const delivered = sendgridEvent({ event: 'delivered', sgEventId: `ev-${first.replyId}-d`, sgMessageId: first.sent.providerMessageId!, accountId, messageId: first.replyId });
    const opened = sendgridEvent({ event: 'open', sgEventId: `ev-${first.replyId}-o`, sgMessageId: first.sent.providerMessageId!, accountId, messageId: first.replyId });
    const bounced = sendgridEvent({ event: 'bounce', sgEventId: `ev-${second.replyId}-b`, sgMessageId: second.sent.providerMessageId!, accountId, messageId: second.replyId, reason: '550 5.1.1 The email account that you tried to reach does not exist' });
    const deliveredOnly = JSON.stringify([delivered]);
    const batch = JSON.stringify([delivered, opened, bounced, delivered]);

    // Act
    const statuses = [await postEvents(deliveredOnly, signEventBody(eventKey, deliveredOnly))];
    const afterDelivered = await messageWhen(inbox, first.conversationId, first.replyId, (m) => m.status === 'delivered');
    statuses.push(await postEvents(batch, signEventBody(eventKey, batch)), await postEvents(batch, signEventBody(eventKey, batch)));

    // Assess
    expect(statuses).toEqual([200, 200, 200]);
    expect(afterDelivered.status).toBe('delivered');
    expect((await messageWhen(inbox, first.conversationId, first.replyId, (m) => m.status === 'read')).status).toBe('read');
    const failed = await messageWhen(inbox, second.conversationId, second.replyId, (m) => m.status === 'failed');
    expect(failed.failureReason).toContain('550 5.1.1');
  });

  it('refuses events with a bad or missing signature (403) and changes nothing', async () => {
    // Prepare
    const thread = await repliedThread(inbox, 'Ivy <ivy.forged@example.com>');
    const body = JSON.stringify([sendgridEvent({ event: 'bounce', sgEventId: `ev-${thread.replyId}-x`, sgMessageId: thread.sent.providerMessageId!, accountId: inbox.agent.account.id, messageId: thread.replyId, reason: 'forged' })]);

    // Act
    const forged = await postEvents(body, signEventBody(makeEventSigningKey(), body));
    const tampered = await postEvents(body.replace('forged', 'forgeD'), signEventBody(eventKey, body));
    const missing = await postEvents(body, {});

    // Assess
    expect([forged, tampered, missing]).toEqual([403, 403, 403]);
    expect((await testContainer().repositories.messages.get(inbox.agent.account.id, thread.conversationId, thread.replyId))!.status).toBe('sent');
  });
});

describe('SendGrid webhooks under fuzzed input', () => {
  it('answer 10,000 fuzzed bodies each without a 5xx', async () => {
    // Prepare
    const inbox = await emailInbox();
    const random = seededRandom(5150);

    // Act
    const run = await runFuzz(10_000, 16, async (i) => {
      const { body, contentType } = fuzzInboundCase(random, i, 0.02);
      const inbound = await fetch(`${baseUrl}/webhooks/sendgrid/${inbox.inboxId}/${inbox.secret}`, { method: 'POST', headers: { 'content-type': contentType }, body });
      await inbound.arrayBuffer();
      const events = fuzzEventCase(random, i);
      // Half signed (the parser sees the fuzz), half not (the signature check does).
      const headers = i % 2 === 0 ? signEventBody(eventKey, events) : {};
      const event = await fetch(`${baseUrl}/webhooks/sendgrid/events`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: events });
      await event.arrayBuffer();
      return [{ route: 'inbound', status: inbound.status, label: 'inbound' }, { route: 'events', status: event.status, label: 'events' }];
    });

    const afterwards = await postEmail(inbox, { from: 'Zoe <zoe.after@example.com>', text: 'Still there?', messageId: uniqueMessageId() });

    // Assess
    console.info(`sendgrid fuzz: 2 × 10,000 bodies in ${run.seconds.toFixed(1)} s`, Object.fromEntries(run.statuses));
    expect(run.serverErrors).toEqual([]);
    expect(run.answered).toBe(20_000);
    expect(afterwards).toBe(200);
  }, 600_000);
});
