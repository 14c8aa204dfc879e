/**
 * The admins' widget writes against DynamoDB Local: rotating the widget secret (AP-53) and
 * replacing the widget settings (AP-54), both on the inbox item (AP-2).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { anInbox, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

function aWebInbox(accountId: string) {
  const { channelAddress: _sms, ...inbox } = anInbox(accountId, { name: 'Website chat', channel: 'web', widgetToken: `wt_${newId().toLowerCase()}`, widgetSecret: 'wsec_original' });
  return inbox;
}

describe('InboxRepository: widget administration', () => {
  it('AP-53: replaces the widget secret only when it is still the one the admin saw', async () => {
    // Prepare
    const accountId = newAccountId();
    const inbox = aWebInbox(accountId);
    await table.repos.inboxes.create(inbox);
    // Act
    const first = await table.repos.inboxes.rotateWidgetSecret(accountId, inbox.id, 'wsec_original', 'wsec_first');
    const stale = await table.repos.inboxes.rotateWidgetSecret(accountId, inbox.id, 'wsec_original', 'wsec_second');
    const foreign = await table.repos.inboxes.rotateWidgetSecret(newAccountId(), inbox.id, 'wsec_first', 'wsec_foreign');
    // Assess
    expect([first, stale, foreign]).toEqual(['wsec_first', 'wsec_first', undefined]);
    expect((await table.repos.inboxes.get(accountId, inbox.id))?.widgetSecret).toBe('wsec_first');
  });

  it('AP-54: replaces the widget settings of a web inbox only', async () => {
    const accountId = newAccountId();
    const web = aWebInbox(accountId);
    const sms = anInbox(accountId);
    await Promise.all([table.repos.inboxes.create(web), table.repos.inboxes.create(sms)]);
    const settings = { greeting: 'Hello!', serviceHours: { timeZone: 'Europe/Paris', weekly: [{ day: 1 as const, start: '09:00', end: '17:00' }] }, allowedDomains: ['https://shop.example'] };
    const updated = await table.repos.inboxes.setWidgetSettings(accountId, web.id, settings);
    await table.repos.inboxes.setWidgetSettings(accountId, web.id, { replyTime: 'an hour' });
    expect(updated).toStrictEqual({ ...web, widgetSettings: settings });
    expect((await table.repos.inboxes.get(accountId, web.id))?.widgetSettings).toStrictEqual({ replyTime: 'an hour' });
    expect(await table.repos.inboxes.setWidgetSettings(accountId, sms.id, settings)).toBeUndefined();
    expect(await table.repos.inboxes.setWidgetSettings(newAccountId(), web.id, settings)).toBeUndefined();
    expect(await table.repos.inboxes.setWidgetSettings(accountId, newId(), settings)).toBeUndefined();
    expect(await table.repos.inboxes.get(accountId, sms.id)).toStrictEqual(sms);
  });
});
