/**
 * WebSocket connections and topic subscriptions against DynamoDB Local: AP-20 … AP-23.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ItemAlreadyExistsError } from '../../../shared/adapters/dynamodb/index.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aConnection, at, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

const expiry = Math.ceil(Date.parse(at(120)) / 1000);

describe('ConnectionRepository', () => {
  it('AP-20: puts, gets and deletes a connection, keeping its principal and ttl', async () => {
    const accountId = newAccountId();
    const visitor = aConnection(accountId, { principal: { kind: 'visitor', contactId: newId(), inboxId: newId() } });

    await table.repos.connections.put(visitor);
    const found = await table.repos.connections.get(accountId, visitor.connectionId);
    const raw = await table.rawItem({ pk: `ACC#${accountId}#CONN#${visitor.connectionId}`, sk: 'CONN' });
    await table.repos.connections.delete(accountId, visitor.connectionId);

    expect(found).toStrictEqual(visitor);
    expect(raw).toMatchObject({ ttl: visitor.expiresAtEpoch, entity: 'Connection' });
    expect(raw).not.toHaveProperty('gsi1pk');
    expect(await table.repos.connections.get(accountId, visitor.connectionId)).toBeUndefined();
  });

  it('AP-20: accepts a retried put of the same connection and refuses to rebind its id to another principal', async () => {
    const accountId = newAccountId();
    const connection = aConnection(accountId);
    await table.repos.connections.put(connection);

    await expect(table.repos.connections.put(connection)).resolves.toBeUndefined();
    await expect(table.repos.connections.put({ ...connection, principal: { kind: 'agent', agentId: newId() } }))
      .rejects.toBeInstanceOf(ItemAlreadyExistsError);
  });

  it("AP-21: lists an agent's connections", async () => {
    const accountId = newAccountId();
    const agentId = newId();
    const tabs = [aConnection(accountId, { principal: { kind: 'agent', agentId }, connectedAt: at(1) }),
      aConnection(accountId, { principal: { kind: 'agent', agentId }, connectedAt: at(2) })];
    for (const c of tabs) await table.repos.connections.put(c);
    await table.repos.connections.put(aConnection(accountId));

    expect(await table.repos.connections.listByAgent(accountId, agentId)).toStrictEqual(tabs);
  });

  it('AP-20/AP-23: deleting a connection deletes all its subscriptions (more than one batch of 25)', async () => {
    const accountId = newAccountId();
    const connection = aConnection(accountId);
    const other = aConnection(accountId);
    await table.repos.connections.put(connection);
    await table.repos.connections.put(other);
    const topics = Array.from({ length: 30 }, () => `conversation:${newId()}`);
    for (const topic of topics) await table.repos.subscriptions.subscribe(accountId, connection.connectionId, topic, expiry);
    await table.repos.subscriptions.subscribe(accountId, other.connectionId, topics[0] ?? '', expiry);

    await table.repos.connections.delete(accountId, connection.connectionId);

    expect(await table.repos.subscriptions.listTopics(accountId, connection.connectionId)).toStrictEqual([]);
    expect(await table.repos.subscriptions.listSubscribers(accountId, topics[0] ?? '')).toStrictEqual([other.connectionId]);
    expect(await table.repos.connections.get(accountId, other.connectionId)).toStrictEqual(other);
  });
});

describe('SubscriptionRepository', () => {
  it("AP-22: subscribes connections to a topic, lists the topic's subscribers, and unsubscribes", async () => {
    const accountId = newAccountId();
    const topic = `conversation:${newId()}`;
    const [a, b] = [`a${newId()}=`, `b${newId()}=`];

    await table.repos.subscriptions.subscribe(accountId, a, topic, expiry);
    await table.repos.subscriptions.subscribe(accountId, a, topic, expiry);
    await table.repos.subscriptions.subscribe(accountId, b, topic, expiry);
    const both = await table.repos.subscriptions.listSubscribers(accountId, topic);
    await table.repos.subscriptions.unsubscribe(accountId, a, topic);
    await table.repos.subscriptions.unsubscribe(accountId, a, topic);

    expect(both).toStrictEqual([a, b]);
    expect(await table.repos.subscriptions.listSubscribers(accountId, topic)).toStrictEqual([b]);
  });

  it('AP-22: a subscribe with an older expiry does not shorten the subscription', async () => {
    const accountId = newAccountId();
    const topic = 'account';
    const connectionId = `c${newId()}=`;
    const key = { pk: `ACC#${accountId}#TOPIC#${topic}`, sk: `CONN#${connectionId}` };

    await table.repos.subscriptions.subscribe(accountId, connectionId, topic, expiry);
    await table.repos.subscriptions.subscribe(accountId, connectionId, topic, expiry - 60);

    expect(await table.rawItem(key)).toMatchObject({ ttl: expiry });
  });

  it("AP-23: lists a connection's topics", async () => {
    const accountId = newAccountId();
    const connectionId = `c${newId()}=`;
    const topics = [`conversation:${newId()}`, `inbox:${newId()}`, 'account'];
    for (const topic of topics) await table.repos.subscriptions.subscribe(accountId, connectionId, topic, expiry);

    expect(await table.repos.subscriptions.listTopics(accountId, connectionId)).toStrictEqual([...topics].sort());
  });
});
