/**
 * The widget's items against DynamoDB Local: visitor sessions (AP-50), attachments (AP-51) and
 * the inbox's widget secret and settings (AP-52, AP-2).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Attachment, VisitorSession } from '../../../shared/domain/entities.js';
import { dynamoTestTable, newAccountId, type DynamoTestTable } from '../../helpers/dynamo-test-table.js';
import { anInbox, at, newId } from './builders.js';

let table: DynamoTestTable;
beforeAll(async () => {
  table = await dynamoTestTable();
});

function aVisitorSession(accountId: string, overrides: Partial<VisitorSession> = {}): VisitorSession {
  return { accountId, tokenHash: newId().toLowerCase(), inboxId: newId(), contactId: newId(), createdAt: at(0), expiresAt: at(60), ...overrides };
}

describe('VisitorSessionRepository', () => {
  it('AP-50: creates a visitor session and gets it by token hash, with ttl at the expiry', async () => {
    const accountId = newAccountId();
    const session = aVisitorSession(accountId, { verifiedUserId: 'user-42' });
    await table.repos.visitorSessions.create(session);
    const raw = await table.rawItem({ pk: `ACC#${accountId}#VISITOR#${session.tokenHash}`, sk: 'VISITOR' });
    expect(await table.repos.visitorSessions.get(accountId, session.tokenHash)).toStrictEqual(session);
    expect(raw?.ttl).toBe(Date.parse(session.expiresAt) / 1000);
    expect(await table.repos.visitorSessions.get(newAccountId(), session.tokenHash)).toBeUndefined();
  });
});

describe('AttachmentRepository', () => {
  it('AP-51: creates an attachment record and gets it, only under its account', async () => {
    const accountId = newAccountId();
    const id = newId();
    const attachment: Attachment = {
      accountId, id, inboxId: newId(), contactId: newId(), fileName: 'receipt.pdf', contentType: 'application/pdf', size: 2048,
      objectKey: `accounts/${accountId}/attachments/${id}/receipt.pdf`, createdAt: at(1),
    };
    await table.repos.attachments.create(attachment);
    await table.repos.attachments.create(attachment);
    expect(await table.repos.attachments.get(accountId, id)).toStrictEqual(attachment);
    expect(await table.repos.attachments.get(newAccountId(), id)).toBeUndefined();
  });
});

describe('InboxRepository: widget', () => {
  it('AP-52: keeps the first widget secret, and stores widget settings with the inbox', async () => {
    const accountId = newAccountId();
    const inbox = anInbox(accountId, {
      widgetToken: `wt_${newId().toLowerCase()}`,
      widgetSettings: { greeting: 'Hello!', serviceHours: { timeZone: 'Europe/Paris', weekly: [{ day: 1, start: '09:00', end: '17:00' }] }, allowedDomains: ['https://shop.example'] },
    });
    await table.repos.inboxes.create(inbox);
    const first = await table.repos.inboxes.ensureWidgetSecret(accountId, inbox.id, 'wsec_first');
    const second = await table.repos.inboxes.ensureWidgetSecret(accountId, inbox.id, 'wsec_second');
    const missing = await table.repos.inboxes.ensureWidgetSecret(accountId, newId(), 'wsec_nowhere');
    expect([first, second, missing]).toEqual(['wsec_first', 'wsec_first', undefined]);
    expect(await table.repos.inboxes.get(accountId, inbox.id)).toStrictEqual({ ...inbox, widgetSecret: 'wsec_first' });
  });
});
