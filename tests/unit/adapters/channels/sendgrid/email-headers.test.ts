import { describe, expect, it } from 'vitest';
import { messageIdsIn, parseHeaderBlock, parseMailbox, parseThreadHeaders } from '../../../../../shared/adapters/channels/sendgrid/email-headers.js';

describe('parseThreadHeaders', () => {
  it('reads Message-ID, In-Reply-To and a folded References header', () => {
    // Prepare
    const raw = 'From: Jane <jane@example.com>\r\nmessage-id: <CAB123@mail.gmail.com>\r\nIn-Reply-To: <sb-1@switchboard.test>\r\nReferences: <root@x.test>\r\n <sb-1@switchboard.test>\r\nSubject: Re: Order\r\n';

    // Act
    const thread = parseThreadHeaders(raw);

    // Assess
    expect(thread).toEqual({ messageId: '<CAB123@mail.gmail.com>', inReplyTo: '<sb-1@switchboard.test>', references: ['<root@x.test>', '<sb-1@switchboard.test>'] });
  });

  it('keeps the first occurrence of a repeated header and ignores junk lines', () => {
    // Act
    const headers = parseHeaderBlock('junk without colon\nMessage-ID: <a@x>\nMessage-ID: <b@x>\n\tcontinued');

    // Assess
    expect(headers.get('message-id')).toBe('<a@x>');
  });

  it('accepts a bare id and caps the references it keeps', () => {
    // Prepare
    const many = Array.from({ length: 80 }, (_, i) => `<r${i}@x>`).join(' ');

    // Act
    const bare = messageIdsIn('abc@host.test');
    const thread = parseThreadHeaders(`References: ${many}`);

    // Assess
    expect(bare).toEqual(['<abc@host.test>']);
    expect(thread.references).toHaveLength(50);
    expect(thread.references.at(-1)).toBe('<r79@x>');
    expect(thread.messageId).toBeUndefined();
  });
});

describe('parseMailbox', () => {
  it('reads a quoted display name and lower-cases the address', () => {
    expect(parseMailbox('"Doe, Jane" <Jane.Doe@Example.com>')).toEqual({ address: 'jane.doe@example.com', name: 'Doe, Jane' });
  });

  it('reads a bare address and refuses one that is not an address', () => {
    expect(parseMailbox('jane@example.com')).toEqual({ address: 'jane@example.com' });
    expect(parseMailbox('Jane <not an address>')).toBeUndefined();
    expect(parseMailbox(undefined)).toBeUndefined();
  });
});
