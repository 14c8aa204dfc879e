/**
 * Contacts and their channel identities against DynamoDB Local: AP-5 … AP-7.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { aContact, anIdentity, at, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

describe('ContactRepository', () => {
  it('AP-5: creates a contact and gets it by account and id', async () => {
    const accountId = newAccountId();
    const contact = aContact(accountId, { email: 'dana@example.test' });

    await table.repos.contacts.create(contact);

    expect(await table.repos.contacts.get(accountId, contact.id)).toStrictEqual(contact);
    expect(await table.repos.contacts.get(accountId, newId())).toBeUndefined();
  });

  it('AP-6: links an identity to a contact and finds it by channel and external id', async () => {
    const accountId = newAccountId();
    const contact = aContact(accountId);
    await table.repos.contacts.create(contact);
    const identity = anIdentity(accountId, contact.id);

    const linked = await table.repos.contacts.linkIdentity(identity);

    expect(linked).toStrictEqual(identity);
    expect(await table.repos.contacts.findByIdentity(accountId, 'sms', identity.externalId)).toStrictEqual(identity);
    expect(await table.repos.contacts.findByIdentity(accountId, 'whatsapp', identity.externalId)).toBeUndefined();
  });

  it('AP-6: keeps the first link when a second contact claims the same identity, and returns it', async () => {
    const accountId = newAccountId();
    const first = anIdentity(accountId, newId());
    const second = { ...first, contactId: newId(), createdAt: at(5) };
    await table.repos.contacts.linkIdentity(first);

    const result = await table.repos.contacts.linkIdentity(second);

    expect(result).toStrictEqual(first);
    expect(await table.repos.contacts.findByIdentity(accountId, first.channel, first.externalId)).toStrictEqual(first);
  });

  it('AP-6: lets exactly one of several concurrent links win', async () => {
    const accountId = newAccountId();
    const base = anIdentity(accountId, newId());
    const claims = Array.from({ length: 5 }, () => ({ ...base, contactId: newId() }));

    const results = await Promise.all(claims.map((claim) => table.repos.contacts.linkIdentity(claim)));

    const winners = new Set(results.map((r) => r.contactId));
    expect(winners.size).toBe(1);
    expect(claims.map((c) => c.contactId)).toContain([...winners][0]);
  });

  it("AP-7: lists a contact's identities across channels", async () => {
    const accountId = newAccountId();
    const contact = aContact(accountId);
    const sms = anIdentity(accountId, contact.id);
    const email = anIdentity(accountId, contact.id, { channel: 'email', externalId: 'dana@example.test' });
    await table.repos.contacts.linkIdentity(sms);
    await table.repos.contacts.linkIdentity(email);
    await table.repos.contacts.linkIdentity(anIdentity(accountId, newId()));

    const identities = await table.repos.contacts.listIdentities(accountId, contact.id);

    expect(identities).toStrictEqual([email, sms]);
  });
});
