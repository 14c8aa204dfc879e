import { describe, expect, it } from 'vitest';
import { parseInboundParse } from '../../../../../shared/adapters/channels/sendgrid/inbound-parse.js';
import { InboundParseError } from '../../../../../shared/adapters/channels/sendgrid/errors.js';
import { inboundParseBody } from '../../../../helpers/sendgrid-fixtures.js';

describe('parseInboundParse', () => {
  it('reads the fields, the raw headers and the attachments of a default-mode POST', async () => {
    // Prepare
    const { body, contentType } = inboundParseBody({
      subject: 'Où est ma commande ?',
      text: 'Bonjour, où est ma commande ?',
      html: '<p>Bonjour</p>',
      messageId: '<m1@mail.example.com>',
      attachments: [{ fileName: 'facture.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.4 bytes') }],
    });

    // Act
    const email = await parseInboundParse(body, contentType);

    // Assess
    expect(email.subject).toBe('Où est ma commande ?');
    expect(email.text).toBe('Bonjour, où est ma commande ?');
    expect(email.html).toBe('<p>Bonjour</p>');
    expect(email.from).toBe('Jane Doe <jane@example.com>');
    expect(email.headers).toContain('Message-ID: <m1@mail.example.com>');
    expect(email.envelope).toEqual({ to: ['support@parse.example.com'], from: 'jane@example.com' });
    expect(email.attachments).toEqual([{ field: 'attachment1', fileName: 'facture.pdf', contentType: 'application/pdf', bytes: Buffer.from('%PDF-1.4 bytes'), truncated: false }]);
  });

  it('decodes each field in the charset the charsets field names', async () => {
    // Prepare
    const { body, contentType } = inboundParseBody({ text: 'Grüße aus Köln', subject: 'Café', charsets: { text: 'iso-8859-1', subject: 'UTF-8' } });

    // Act
    const email = await parseInboundParse(body, contentType);

    // Assess
    expect(email.text).toBe('Grüße aus Köln');
    expect(email.subject).toBe('Café');
  });

  it('refuses a body that is not multipart/form-data with 415', async () => {
    await expect(parseInboundParse(Buffer.from('{}'), 'application/json')).rejects.toMatchObject({ name: 'InboundParseError', status: 415 });
  });

  it('refuses multipart without the headers field, or with bad JSON in attachment-info', async () => {
    // Prepare
    const missing = Buffer.from('--b\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--b--\r\n');
    const badJson = Buffer.from('--b\r\nContent-Disposition: form-data; name="headers"\r\n\r\nA: b\r\n--b\r\nContent-Disposition: form-data; name="attachment-info"\r\n\r\n{nope\r\n--b--\r\n');

    // Act / Assess
    await expect(parseInboundParse(missing, 'multipart/form-data; boundary=b')).rejects.toBeInstanceOf(InboundParseError);
    await expect(parseInboundParse(badJson, 'multipart/form-data; boundary=b')).rejects.toThrow(/attachment-info/);
  });

  it('refuses a multipart content type without a boundary and survives a truncated body', async () => {
    await expect(parseInboundParse(Buffer.from('x'), 'multipart/form-data; charset=utf-8')).rejects.toBeInstanceOf(InboundParseError);
    const { body, contentType } = inboundParseBody({ text: 'hello' });
    await expect(parseInboundParse(body.subarray(0, body.length - 30), contentType)).rejects.toBeInstanceOf(InboundParseError);
  });
});
