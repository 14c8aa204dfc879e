/**
 * Accounts and inboxes against DynamoDB Local: AP-1 … AP-4 (shared/adapters/dynamodb/keys.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ItemAlreadyExistsError, WidgetTokenTakenError } from '../../../shared/adapters/dynamodb/index.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { anAccount, anInbox, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

describe('AccountRepository', () => {
  it('AP-1: creates an account and gets it by id, without key attributes', async () => {
    // Prepare
    const account = anAccount(newAccountId());

    // Act
    await table.repos.accounts.create(account);
    const found = await table.repos.accounts.get(account.id);

    // Assess
    expect(found).toStrictEqual(account);
    expect(await table.rawItem({ pk: `ACC#${account.id}`, sk: 'ACCOUNT' })).toMatchObject({ entity: 'Account' });
  });

  it('AP-1: treats a retried create of the same account as done, and refuses a different one', async () => {
    const account = anAccount(newAccountId());
    await table.repos.accounts.create(account);

    await expect(table.repos.accounts.create(account)).resolves.toBeUndefined();
    await expect(table.repos.accounts.create({ ...account, name: 'Someone else' })).rejects.toBeInstanceOf(ItemAlreadyExistsError);
    expect(await table.repos.accounts.get(account.id)).toStrictEqual(account);
  });
});

describe('InboxRepository', () => {
  it('AP-2: creates an inbox and gets it by account and id', async () => {
    const accountId = newAccountId();
    const inbox = anInbox(accountId);

    await table.repos.inboxes.create(inbox);

    expect(await table.repos.inboxes.get(accountId, inbox.id)).toStrictEqual(inbox);
    expect(await table.repos.inboxes.get(accountId, newId())).toBeUndefined();
  });

  it("AP-3: lists exactly the account's inboxes", async () => {
    const accountId = newAccountId();
    const inboxes = [anInbox(accountId), anInbox(accountId, { channel: 'email', channelAddress: 'help@acme.test' })];
    for (const inbox of inboxes) await table.repos.inboxes.create(inbox);
    await table.repos.inboxes.create(anInbox(newAccountId()));

    const listed = await table.repos.inboxes.list(accountId);

    expect(listed).toStrictEqual(inboxes);
  });

  it('AP-4: resolves a web inbox from its widget token', async () => {
    const accountId = newAccountId();
    const inbox = anInbox(accountId, { channel: 'web', channelAddress: undefined, widgetToken: `wt_${newId()}` });

    await table.repos.inboxes.create(inbox);

    expect(await table.repos.inboxes.findByWidgetToken(inbox.widgetToken ?? '')).toStrictEqual({ accountId, inboxId: inbox.id });
    expect(await table.repos.inboxes.findByWidgetToken(`wt_${newId()}`)).toBeUndefined();
    expect(await table.repos.inboxes.get(accountId, inbox.id)).toStrictEqual(
      { accountId, id: inbox.id, name: inbox.name, channel: 'web', widgetToken: inbox.widgetToken, createdAt: inbox.createdAt },
    );
  });

  it('AP-4: refuses a widget token routed to another inbox, writing neither item', async () => {
    const token = `wt_${newId()}`;
    await table.repos.inboxes.create(anInbox(newAccountId(), { channel: 'web', widgetToken: token }));
    const accountId = newAccountId();
    const second = anInbox(accountId, { channel: 'web', widgetToken: token });

    await expect(table.repos.inboxes.create(second)).rejects.toBeInstanceOf(WidgetTokenTakenError);

    expect(await table.repos.inboxes.get(accountId, second.id)).toBeUndefined();
  });

  it('AP-2: treats a retried create of the same web inbox as done', async () => {
    const inbox = anInbox(newAccountId(), { channel: 'web', widgetToken: `wt_${newId()}` });
    await table.repos.inboxes.create(inbox);

    await expect(table.repos.inboxes.create(inbox)).resolves.toBeUndefined();
  });
});
