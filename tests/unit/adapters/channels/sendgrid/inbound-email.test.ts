import { describe, expect, it } from 'vitest';
import { emailIdentity, planAttachments, safeEmailFileName, toInboundChannelMessage } from '../../../../../shared/adapters/channels/sendgrid/inbound-email.js';
import type { ParsedInboundEmail } from '../../../../../shared/adapters/channels/sendgrid/inbound-parse.js';

const base: ParsedInboundEmail = {
  headers: 'From: Jane <jane@example.com>\r\nMessage-ID: <m1@example.com>\r\nDate: Wed, 27 Jul 2016 13:53:05 -0700\r\n',
  from: 'Jane <jane@example.com>',
  subject: 'Help',
  text: 'Hello',
  attachments: [],
};

describe('emailIdentity', () => {
  it('keys the email by its Message-ID and reads the sender and date', () => {
    expect(emailIdentity(base)).toEqual({
      messageId: '<m1@example.com>', references: [], sentAt: '2016-07-27T20:53:05.000Z',
      from: { address: 'jane@example.com', name: 'Jane' }, dedupeKey: 'sendgrid#<m1@example.com>', providerMessageId: '<m1@example.com>',
    });
  });

  it('keys an email without Message-ID by a hash of its headers, the same on every redelivery', () => {
    const email = { ...base, headers: 'From: Jane <jane@example.com>\r\nSubject: x\r\n' };
    expect(emailIdentity(email).dedupeKey).toMatch(/^sendgrid#<[0-9a-f]{40}@headers\.switchboard>$/);
    expect(emailIdentity(email).dedupeKey).toBe(emailIdentity({ ...email }).dedupeKey);
  });
});

describe('planAttachments', () => {
  it('stores allowed files under tenant-first keys that a redelivery reuses, and lists the others', () => {
    // Prepare
    const email: ParsedInboundEmail = {
      ...base,
      attachments: [
        { field: 'attachment1', fileName: '../../etc/passwd.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF'), truncated: false },
        { field: 'attachment2', fileName: 'big.png', contentType: 'image/png', bytes: Buffer.from('x'), truncated: true },
        { field: 'attachment3', fileName: 'run.sh', contentType: 'application/x-sh', bytes: Buffer.from('x'), truncated: false },
      ],
    };

    // Act
    const first = planAttachments(email, 'acc1', 'sendgrid#<m1@example.com>');
    const again = planAttachments(email, 'acc1', 'sendgrid#<m1@example.com>');

    // Assess
    expect(first.store.map((s) => s.attachment)).toEqual([{ fileName: 'passwd.pdf', contentType: 'application/pdf', size: 4, objectKey: expect.stringMatching(/^accounts\/acc1\/attachments\/[0-9a-f]{32}\/passwd\.pdf$/) }]);
    expect(again.store[0]!.objectKey).toBe(first.store[0]!.objectKey);
    expect(first.skipped).toEqual([{ fileName: 'big.png', reason: 'too large' }, { fileName: 'run.sh', reason: 'type not allowed' }]);
  });

  it('stores an original HTML too large to keep on the message as a file', () => {
    // Prepare
    const html = `<p>${'x'.repeat(120 * 1024)}</p>`;

    // Act
    const { store } = planAttachments({ ...base, html }, 'acc1', 'k');
    const message = toInboundChannelMessage({ ...base, html }, emailIdentity(base), { accountId: 'acc1', inboxId: 'i1' }, store, []);

    // Assess
    expect(store.map((s) => [s.attachment.fileName, s.contentType])).toEqual([['original-message.html', 'text/html']]);
    expect(message.email).not.toHaveProperty('html');
    expect(message.attachments).toHaveLength(1);
  });
});

describe('toInboundChannelMessage', () => {
  it('falls back to the subject when an email has no text and no files', () => {
    const message = toInboundChannelMessage({ ...base, text: '' }, emailIdentity(base), { accountId: 'acc1', inboxId: 'i1' }, [], []);
    expect(message.body).toBe('Help');
  });

  it('makes file names safe', () => {
    expect(safeEmailFileName('C:\\Users\\x\\évil"name.pdf')).toBe('_vil_name.pdf');
    expect(safeEmailFileName('...')).toBe('file');
  });
});
