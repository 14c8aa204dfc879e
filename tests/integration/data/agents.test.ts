/**
 * Agents and their globally unique sign-in emails against DynamoDB Local: AP-14 … AP-16.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { EmailTakenError } from '../../../shared/adapters/dynamodb/index.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { anAgent, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

describe('AgentRepository', () => {
  it('AP-14: creates an agent, claiming its email, and gets it by account and id', async () => {
    const accountId = newAccountId();
    const agent = anAgent(accountId, { role: 'admin' });

    await table.repos.agents.create(agent);

    expect(await table.repos.agents.get(accountId, agent.id)).toStrictEqual(agent);
    expect(await table.rawItem({ pk: `ROUTE#agent-email#${agent.email}`, sk: 'ROUTE' })).toMatchObject({ accountId, agentId: agent.id });
  });

  it('AP-14: refuses an email already claimed in any account, case-insensitively, writing no agent', async () => {
    const email = `Sam.${newId()}@Acme.test`;
    await table.repos.agents.create(anAgent(newAccountId(), { email }));
    const accountId = newAccountId();
    const second = anAgent(accountId, { email: email.toLowerCase() });

    await expect(table.repos.agents.create(second)).rejects.toBeInstanceOf(EmailTakenError);

    expect(await table.repos.agents.get(accountId, second.id)).toBeUndefined();
  });

  it('AP-14: lets one of two concurrent sign-ups with the same email win', async () => {
    const email = `race-${newId()}@acme.test`;
    const agents = [anAgent(newAccountId(), { email }), anAgent(newAccountId(), { email })];

    const results = await Promise.allSettled(agents.map((a) => table.repos.agents.create(a)));

    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' && rejected.reason).toBeInstanceOf(EmailTakenError);
  });

  it('AP-14: treats a retried create of the same agent as done', async () => {
    const agent = anAgent(newAccountId());
    await table.repos.agents.create(agent);

    await expect(table.repos.agents.create(agent)).resolves.toBeUndefined();
  });

  it("AP-15: lists exactly the account's agents", async () => {
    const accountId = newAccountId();
    const agents = [anAgent(accountId), anAgent(accountId, { disabled: true })];
    for (const agent of agents) await table.repos.agents.create(agent);
    await table.repos.agents.create(anAgent(newAccountId()));

    expect(await table.repos.agents.list(accountId)).toStrictEqual(agents);
  });

  it('AP-16: finds an agent by sign-in email, whatever its case', async () => {
    const agent = anAgent(newAccountId(), { email: `Kim.${newId()}@Acme.test` });
    await table.repos.agents.create(agent);

    expect(await table.repos.agents.findByEmail(agent.email.toUpperCase())).toStrictEqual(agent);
    expect(await table.repos.agents.findByEmail(`nobody-${newId()}@acme.test`)).toBeUndefined();
    expect(await table.repos.agents.findByEmail('')).toBeUndefined();
  });
});
