/**
 * The channels' table items against DynamoDB Local (AP-60..AP-68): routing items, email threads,
 * the provider-id lookup, the send state machine of a message, token buckets and the laptop's
 * encrypted credential store.
 */
import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeChannelRepository } from '../../../shared/adapters/dynamodb/channel-repository.js';
import { makeKeyRing } from '../../../shared/adapters/crypto/key-ring.js';
import { makeTableCredentialStore } from '../../../shared/adapters/secrets/credential-store.js';
import type { ChannelRepository } from '../../../shared/ports/channel-store.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aConversation, aMessage, newId } from './builders.js';

let table: DynamoTestTable;
let channels: ChannelRepository;
beforeAll(async () => {
  table = await dynamoTestTable();
  channels = makeChannelRepository({ client: table.client, tableName: table.tableName });
});

async function anOutgoingMessage(status: 'queued' | 'failed' = 'queued') {
  const accountId = newAccountId();
  const conversation = aConversation(accountId);
  await table.repos.conversations.create(conversation);
  const message = await table.repos.messages.append(aMessage(conversation, { type: 'outgoing', status, authorType: 'agent' }));
  return { accountId, conversationId: conversation.id, messageId: message.id };
}

describe('ChannelRepository', () => {
  it('AP-60: resolves an inbox id to its account', async () => {
    const route = { accountId: newAccountId(), inboxId: newId() };
    await channels.putInboxRoute(route);
    expect(await channels.findInboxRoute(route.inboxId)).toEqual(route);
    expect(await channels.findInboxRoute(newId())).toBeUndefined();
    expect(await channels.findInboxRoute('a#b')).toBeUndefined();
  });

  it('AP-61: keeps a Meta address with the first inbox that claims it', async () => {
    const address = `1${randomBytes(8).readBigUInt64BE().toString().slice(0, 14)}`;
    const first = { accountId: newAccountId(), inboxId: newId() };
    expect(await channels.putMetaRoute(address, first)).toBe(true);
    expect(await channels.putMetaRoute(address, first)).toBe(true);
    expect(await channels.putMetaRoute(address, { accountId: newAccountId(), inboxId: newId() })).toBe(false);
    expect(await channels.findMetaRoute(address)).toEqual(first);
  });

  it("AP-62: finds a conversation by an email's Message-ID, per inbox", async () => {
    const accountId = newAccountId();
    const inboxId = newId();
    const conversationId = newId();
    const header = `<${randomBytes(8).toString('hex')}#weird@mail.example>`;
    await channels.putEmailThread(accountId, inboxId, header, conversationId);
    expect(await channels.findEmailThread(accountId, inboxId, header)).toBe(conversationId);
    expect(await channels.findEmailThread(accountId, newId(), header)).toBeUndefined();
    expect(await channels.findEmailThread(newAccountId(), inboxId, header)).toBeUndefined();
  });

  it('AP-63: finds a message by its provider id', async () => {
    const ref = { accountId: newAccountId(), conversationId: newId(), messageId: newId() };
    const sid = `SM${randomBytes(16).toString('hex')}`;
    await channels.putProviderMessage('twilio', sid, ref);
    expect(await channels.findProviderMessage('twilio', sid)).toEqual(ref);
    expect(await channels.findProviderMessage('meta', sid)).toBeUndefined();
  });

  it('AP-64: claims a queued message once it is sent, never again', async () => {
    // Prepare
    const ref = await anOutgoingMessage();
    const at = new Date().toISOString();
    // Act
    const first = await channels.claimSend(ref, at);
    const again = await channels.claimSend(ref, at); // a retried attempt after a crash before `sent`
    const sent = await channels.markSent(ref, 'SM1', at);
    const afterSent = await channels.claimSend(ref, at);
    // Assess
    expect([first.kind, again.kind, sent, afterSent.kind]).toEqual(['claimed', 'claimed', true, 'already-sent']);
    const stored = await table.repos.messages.get(ref.accountId, ref.conversationId, ref.messageId);
    expect(stored).toMatchObject({ status: 'sent', providerMessageId: 'SM1' });
    expect(await channels.claimSend({ ...ref, messageId: newId() }, at)).toEqual({ kind: 'missing' });
  });

  it('AP-65: requeues only a failed message', async () => {
    const ref = await anOutgoingMessage();
    expect(await channels.requeue(ref, new Date().toISOString())).toBeUndefined();
    await channels.markFailed(ref, 'HTTP 400: bad number', new Date().toISOString());
    const requeued = await channels.requeue(ref, new Date().toISOString());
    expect(requeued?.status).toBe('queued');
    expect(requeued?.failureReason).toBeUndefined();
    expect(await channels.requeue(ref, new Date().toISOString())).toBeUndefined();
  });

  it('AP-66: moves a status forward only', async () => {
    const ref = await anOutgoingMessage();
    const at = new Date().toISOString();
    await channels.claimSend(ref, at);
    await channels.markSent(ref, 'SM2', at);
    expect((await channels.advanceStatus(ref, 'read', at))?.status).toBe('read');
    expect(await channels.advanceStatus(ref, 'delivered', at)).toBeUndefined();
    expect(await channels.advanceStatus(ref, 'failed', at, 'late')).toBeUndefined();
    expect(await channels.markFailed(ref, 'late', at)).toBeUndefined();
    expect((await table.repos.messages.get(ref.accountId, ref.conversationId, ref.messageId))?.status).toBe('read');
  });

  it("AP-67: grants a bucket's tokens once each", async () => {
    const key = `test#${newId()}`;
    const now = Date.now();
    const waits = await Promise.all(Array.from({ length: 5 }, () => channels.takeToken(key, { capacity: 3, refillPerSecond: 0.5 }, now)));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(waits.filter((w) => w > 0).every((w) => w >= 1)).toBe(true);
    expect(await channels.takeToken(key, { capacity: 3, refillPerSecond: 0.5 }, now + 2_100)).toBe(0);
  });

  it('AP-68: stores inbox credentials encrypted', async () => {
    const keys = makeKeyRing(async () => randomBytes(32));
    const store = makeTableCredentialStore({ client: table.client, tableName: table.tableName }, keys);
    const accountId = newAccountId();
    const inboxId = newId();
    const credentials = { provider: 'twilio' as const, accountSid: `AC${'0'.repeat(32)}`, authToken: 'token-1234567890' };
    await store.put(accountId, inboxId, credentials);
    const raw = await table.rawItem({ pk: `ACC#${accountId}#CRED#${inboxId}`, sk: 'CRED' });
    expect(JSON.stringify(raw)).not.toContain('token-1234567890');
    const fresh = makeTableCredentialStore({ client: table.client, tableName: table.tableName }, keys);
    expect(await fresh.get(accountId, inboxId)).toEqual(credentials);
    expect(await fresh.get(newAccountId(), inboxId)).toBeUndefined();
  });
});
