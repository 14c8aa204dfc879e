/**
 * Sessions and WebSocket connect tickets against DynamoDB Local: AP-17 … AP-19.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aSession, aTicket, at, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

describe('SessionRepository', () => {
  it('AP-17: creates, gets, touches and deletes a session, with ttl at the absolute expiry', async () => {
    const accountId = newAccountId();
    const session = aSession(accountId, newId());

    await table.repos.sessions.create(session);
    const created = await table.repos.sessions.get(accountId, session.tokenHash);
    await table.repos.sessions.touch(accountId, session.tokenHash, at(20));
    const touched = await table.repos.sessions.get(accountId, session.tokenHash);
    const raw = await table.rawItem({ pk: `ACC#${accountId}#SESSION#${session.tokenHash}`, sk: 'SESSION' });
    await table.repos.sessions.delete(accountId, session.tokenHash);

    expect(created).toStrictEqual(session);
    expect(touched).toStrictEqual({ ...session, lastSeenAt: at(20) });
    expect(raw?.ttl).toBe(Date.parse(session.expiresAt) / 1000);
    expect(await table.repos.sessions.get(accountId, session.tokenHash)).toBeUndefined();
  });

  it('AP-17: never moves lastSeenAt back, and a touch after logout does not bring the session back', async () => {
    const accountId = newAccountId();
    const session = aSession(accountId, newId());
    await table.repos.sessions.create(session);

    await table.repos.sessions.touch(accountId, session.tokenHash, at(20));
    await table.repos.sessions.touch(accountId, session.tokenHash, at(10));
    const afterLateTouch = await table.repos.sessions.get(accountId, session.tokenHash);
    await table.repos.sessions.delete(accountId, session.tokenHash);
    await table.repos.sessions.touch(accountId, session.tokenHash, at(30));

    expect(afterLateTouch?.lastSeenAt).toBe(at(20));
    expect(await table.rawItem({ pk: `ACC#${accountId}#SESSION#${session.tokenHash}`, sk: 'SESSION' })).toBeUndefined();
  });

  it("AP-18: lists an agent's sessions", async () => {
    const accountId = newAccountId();
    const agentId = newId();
    const sessions = [aSession(accountId, agentId, { createdAt: at(1) }), aSession(accountId, agentId, { createdAt: at(2) })];
    for (const s of sessions) await table.repos.sessions.create(s);
    await table.repos.sessions.create(aSession(accountId, newId()));

    expect(await table.repos.sessions.listByAgent(accountId, agentId)).toStrictEqual(sessions);
  });
});

describe('TicketRepository', () => {
  it('AP-19: creates a ticket and consumes it once', async () => {
    const accountId = newAccountId();
    const ticket = aTicket(accountId, { principal: { kind: 'visitor', contactId: newId(), inboxId: newId() }, expiresAt: at(1) });
    await table.repos.tickets.create(ticket);

    const first = await table.repos.tickets.consume(accountId, ticket.tokenHash, at(0));
    const second = await table.repos.tickets.consume(accountId, ticket.tokenHash, at(0));

    expect(first).toStrictEqual(ticket);
    expect(second).toBeUndefined();
  });

  it('AP-19: lets exactly one of 5 concurrent consumes win', async () => {
    const accountId = newAccountId();
    const ticket = aTicket(accountId);
    await table.repos.tickets.create(ticket);

    const results = await Promise.all(Array.from({ length: 5 }, () => table.repos.tickets.consume(accountId, ticket.tokenHash, at(0))));

    expect(results.filter((r) => r !== undefined)).toStrictEqual([ticket]);
  });

  it('AP-19: refuses an expired ticket even though TTL has not removed it yet', async () => {
    const accountId = newAccountId();
    const ticket = aTicket(accountId, { expiresAt: at(1) });
    await table.repos.tickets.create(ticket);

    const atExpiry = await table.repos.tickets.consume(accountId, ticket.tokenHash, at(1));
    const later = await table.repos.tickets.consume(accountId, ticket.tokenHash, at(2));

    expect(atExpiry).toBeUndefined();
    expect(later).toBeUndefined();
    expect(await table.rawItem({ pk: `ACC#${accountId}#TICKET#${ticket.tokenHash}`, sk: 'TICKET' })).toMatchObject({ ttl: Date.parse(at(1)) / 1000 });
  });
});
