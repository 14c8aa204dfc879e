import { describe, expect, it } from 'vitest';
import {
  createInboxBody, emptyInboxForm, fieldsOf, inboxFieldOf, isValid, newInboundSecret, normalizePhone, testRecipientValue, validateInboxForm,
  validateTestRecipient, type InboxForm,
} from '../../../../web/dashboard/src/lib/inbox-form.js';

const sid = `AC${'a1'.repeat(16)}`;
const token = 'f'.repeat(32);

function form(channel: InboxForm['channel'], overrides: Partial<InboxForm> = {}): InboxForm {
  return { ...emptyInboxForm(channel), ...overrides };
}

describe('fieldsOf', () => {
  it('asks Twilio channels for the number, account SID and auth token, and voice also for a forwarding number', () => {
    expect(fieldsOf('sms')).toEqual(['channelAddress', 'accountSid', 'authToken']);
    expect(fieldsOf('voice')).toEqual(['channelAddress', 'accountSid', 'authToken', 'forwardingNumber']);
  });

  it('asks Meta channels for the id and access token, and WhatsApp for templates', () => {
    expect(fieldsOf('messenger')).toEqual(['channelAddress', 'accessToken']);
    expect(fieldsOf('whatsapp_cloud')).toEqual(['channelAddress', 'accessToken', 'templates']);
    expect(fieldsOf('whatsapp')).toContain('templates');
  });

  it('asks email for its address only and the web widget for nothing but a name', () => {
    expect(fieldsOf('email')).toEqual(['channelAddress']);
    expect(fieldsOf('web')).toEqual([]);
  });
});

describe('validateInboxForm', () => {
  it('accepts a complete SMS inbox, with a number typed with spaces and dashes', () => {
    // Prepare
    const sms = form('sms', { channelAddress: '+1 (415) 555-0100', accountSid: sid, authToken: token });
    // Act
    const errors = validateInboxForm(sms);
    // Assess
    expect(errors).toEqual({});
    expect(isValid(errors)).toBe(true);
  });

  it('explains each missing or malformed Twilio field next to it', () => {
    const errors = validateInboxForm(form('sms', { channelAddress: '0415 555', accountSid: 'SK123', authToken: '' }));
    expect(errors.channelAddress).toMatch(/international format/);
    expect(errors.accountSid).toMatch(/starts with AC/);
    expect(errors.authToken).toMatch(/auth token/);
    expect(validateInboxForm(form('sms', { channelAddress: '+14155550100', accountSid: sid, authToken: 'has space 123' })).authToken).toMatch(/does not look like/);
  });

  it('lets a voice inbox go without a forwarding number but refuses a malformed one', () => {
    const base = form('voice', { channelAddress: '+14155550100', accountSid: sid, authToken: token });
    expect(validateInboxForm(base)).toEqual({});
    expect(validateInboxForm({ ...base, forwardingNumber: '555-0123' }).forwardingNumber).toMatch(/international format/);
  });

  it('requires digits for Meta ids and a plausible access token', () => {
    const errors = validateInboxForm(form('instagram', { channelAddress: 'my_shop', accessToken: 'short' }));
    expect(errors.channelAddress).toMatch(/Digits only/);
    expect(errors.accessToken).toMatch(/does not look like/);
    expect(validateInboxForm(form('messenger', { channelAddress: '104395021234567', accessToken: 'EAAG'.padEnd(60, 'x') }))).toEqual({});
  });

  it('checks WhatsApp template names and languages, ignoring rows without a name and catching duplicates', () => {
    // Prepare
    const whatsapp = form('whatsapp_cloud', {
      channelAddress: '106540352242922',
      accessToken: 'EAAG'.padEnd(60, 'x'),
      templates: [
        { name: 'order_update', language: 'en_US' },
        { name: 'Order Update', language: 'english' },
        { name: '', language: 'en_US' },
        { name: 'order_update', language: 'en_US' },
      ],
    });
    // Act
    const errors = validateInboxForm(whatsapp);
    // Assess
    expect(errors['templates.0.name']).toBeUndefined();
    expect(errors['templates.1.name']).toMatch(/Lowercase/);
    expect(errors['templates.1.language']).toMatch(/en_US/);
    expect(errors['templates.2.name']).toBeUndefined();
    expect(errors['templates.3.name']).toMatch(/twice/);
    expect(validateInboxForm({ ...whatsapp, templates: [{ name: 'a', language: 'en', body: 'x'.repeat(1025) }] })['templates.0.body']).toMatch(/1,024/);
  });

  it('requires a real email address for an email inbox and a name for every inbox', () => {
    const errors = validateInboxForm(form('email', { name: '  ', channelAddress: 'support@' }));
    expect(errors.name).toMatch(/name/);
    expect(errors.channelAddress).toMatch(/email address/);
    expect(validateInboxForm(form('web'))).toEqual({});
  });
});

describe('createInboxBody', () => {
  it('sends Twilio credentials and a normalized number, nothing of other channels', () => {
    const body = createInboxBody(form('voice', { name: ' Support line ', channelAddress: '+1 415 555 0100', accountSid: sid, authToken: token, forwardingNumber: '+44 20 7946 0958', accessToken: 'leftover' }));
    expect(body).toEqual({
      name: 'Support line',
      channel: 'voice',
      channelAddress: '+14155550100',
      credentials: { provider: 'twilio', accountSid: sid, authToken: token },
      forwardingNumber: '+442079460958',
    });
  });

  it('sends the Meta access token and the filled template rows only', () => {
    const body = createInboxBody(form('whatsapp_cloud', {
      name: 'WhatsApp',
      channelAddress: '106540352242922',
      accessToken: ' EAAGtoken ',
      templates: [{ name: 'hello_world', language: 'en_US' }, { name: '', language: 'en_US' }],
    }));
    expect(body).toEqual({
      name: 'WhatsApp',
      channel: 'whatsapp_cloud',
      channelAddress: '106540352242922',
      credentials: { provider: 'meta', accessToken: 'EAAGtoken' },
      templates: [{ name: 'hello_world', language: 'en_US' }],
    });
  });

  it('sends only the name and channel of a web inbox, and the address and inbound secret of an email inbox', () => {
    expect(createInboxBody(form('web', { name: 'Website' }))).toEqual({ name: 'Website', channel: 'web' });
    expect(createInboxBody(form('email', { name: 'Mail', channelAddress: 'help@shop.example' }), 'abcdefghijklmnop1234')).toEqual({
      name: 'Mail', channel: 'email', channelAddress: 'help@shop.example', credentials: { provider: 'sendgrid', inboundSecret: 'abcdefghijklmnop1234' },
    });
  });

  it("drops Twilio's whatsapp: prefix, which the API does not take, and keeps a template's text", () => {
    const body = createInboxBody(form('whatsapp', {
      channelAddress: 'whatsapp:+1 415 523 8886', accountSid: sid, authToken: token,
      templates: [{ name: 'order_update', language: 'en', body: ' Hi {{1}} ' }],
    }));
    expect(body).toMatchObject({ channelAddress: '+14155238886', templates: [{ name: 'order_update', language: 'en', body: 'Hi {{1}}' }] });
  });
});

describe('inboxFieldOf', () => {
  it('maps the field a 400 names to the form field', () => {
    expect(inboxFieldOf('credentials.authToken')).toBe('authToken');
    expect(inboxFieldOf('body.channelAddress')).toBe('channelAddress');
    expect(inboxFieldOf('templates.2.language')).toBe('templates.2.language');
    expect(inboxFieldOf('somethingElse')).toBeUndefined();
    expect(inboxFieldOf(undefined)).toBeUndefined();
  });
});

describe('validateTestRecipient', () => {
  it('asks phone channels for an international number and email for an address', () => {
    expect(validateTestRecipient('sms', '+1 415 555 0123')).toBeUndefined();
    expect(validateTestRecipient('whatsapp', '0415')).toMatch(/international/);
    expect(validateTestRecipient('email', 'me@example.com')).toBeUndefined();
    expect(validateTestRecipient('email', 'me')).toMatch(/email/);
    expect(validateTestRecipient('messenger', '')).toMatch(/Enter who/);
  });

  it('sends phone recipients in E.164 and other recipients trimmed', () => {
    expect(testRecipientValue('whatsapp', 'whatsapp:+1 415 555 0123')).toBe('+14155550123');
    expect(testRecipientValue('email', ' me@example.com ')).toBe('me@example.com');
  });

  it('removes phone punctuation and keeps a Twilio whatsapp: prefix', () => {
    expect(normalizePhone(' +1 (415) 555-01.23 ')).toBe('+14155550123');
    expect(normalizePhone('whatsapp:+1 415 555 0123')).toBe('whatsapp:+14155550123');
    expect(validateTestRecipient('whatsapp', 'whatsapp:+14155550123')).toBeUndefined();
  });
});

describe('newInboundSecret', () => {
  it('makes 32 URL-safe characters, as the Inbound Parse path segment requires', () => {
    // Prepare
    const bytes = (length: number) => Uint8Array.from({ length }, (_, index) => (index * 37 + 11) % 256);
    // Act
    const secret = newInboundSecret(bytes);
    // Assess
    expect(secret).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(newInboundSecret(bytes)).toBe(secret);
    expect(newInboundSecret(() => new Uint8Array(24).fill(255))).toBe('_'.repeat(32));
  });
});
