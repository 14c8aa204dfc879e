/**
 * The "Add inbox" form — pure, no DOM: which fields each channel asks for, how they are checked
 * before anything is sent, and the `POST /api/v1/inboxes` body built from them.
 */
import { channelInfo, type ChannelKind } from './channels.js';

/** A WhatsApp message template the inbox may send outside the 24-hour window. */
export interface TemplateRow {
  readonly name: string;
  readonly language: string;
  /** The approved text with `{{1}}`-style parameters (optional; lets agents preview and fill it). */
  readonly body?: string;
}

/** What the form holds (every channel's fields; only the channel's own are shown and sent). */
export interface InboxForm {
  readonly channel: ChannelKind;
  readonly name: string;
  readonly channelAddress: string;
  readonly accountSid: string;
  readonly authToken: string;
  readonly forwardingNumber: string;
  readonly accessToken: string;
  readonly templates: readonly TemplateRow[];
}

/** A field of the form (templates are addressed as `templates.<index>.name|language`). */
export type InboxField = 'name' | 'channelAddress' | 'accountSid' | 'authToken' | 'forwardingNumber' | 'accessToken' | `templates.${number}.${'name' | 'language' | 'body'}`;

/** Errors by field; empty when the form can be sent. */
export type InboxFormErrors = Partial<Record<InboxField, string>>;

/** The `POST /api/v1/inboxes` body. */
export interface CreateInboxBody {
  readonly name: string;
  readonly channel: ChannelKind;
  readonly channelAddress?: string;
  readonly credentials?:
    | { readonly provider: 'twilio'; readonly accountSid: string; readonly authToken: string }
    | { readonly provider: 'meta'; readonly accessToken: string }
    | { readonly provider: 'sendgrid'; readonly inboundSecret: string };
  readonly forwardingNumber?: string;
  readonly templates?: readonly TemplateRow[];
}

/** An empty form for a channel, named after it. */
export function emptyInboxForm(channel: ChannelKind): InboxForm {
  return {
    channel,
    name: channelInfo[channel].label,
    channelAddress: '',
    accountSid: '',
    authToken: '',
    forwardingNumber: '',
    accessToken: '',
    templates: channel === 'whatsapp_cloud' || channel === 'whatsapp' ? [{ name: '', language: 'en_US' }] : [],
  };
}

/** The form's fields a channel shows, in order. */
export function fieldsOf(channel: ChannelKind): readonly ('channelAddress' | 'accountSid' | 'authToken' | 'forwardingNumber' | 'accessToken' | 'templates')[] {
  switch (channel) {
    case 'web':
      return [];
    case 'email':
      return ['channelAddress'];
    case 'sms':
      return ['channelAddress', 'accountSid', 'authToken'];
    case 'whatsapp':
      return ['channelAddress', 'accountSid', 'authToken', 'templates'];
    case 'voice':
      return ['channelAddress', 'accountSid', 'authToken', 'forwardingNumber'];
    case 'messenger':
    case 'instagram':
      return ['channelAddress', 'accessToken'];
    case 'whatsapp_cloud':
      return ['channelAddress', 'accessToken', 'templates'];
  }
}

const e164 = /^\+[1-9]\d{6,14}$/;
const accountSidPattern = /^AC[0-9a-fA-F]{32}$/;
/** The API's rule for a secret: 8–512 printable ASCII characters without spaces. */
const secretPattern = /^[\x21-\x7e]{8,512}$/;
const metaIdPattern = /^\d{5,25}$/;
const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const templateNamePattern = /^[a-z0-9_]{1,512}$/;
const languagePattern = /^[a-z]{2,3}(_[A-Z]{2})?$/;

/**
 * Removes spaces, dashes, dots and brackets people type in phone numbers: `+1 (415) 555-0100` →
 * `+14155550100`; a Twilio `whatsapp:` prefix is kept.
 */
export function normalizePhone(value: string): string {
  const trimmed = value.trim();
  const prefix = /^whatsapp:/i.test(trimmed) ? 'whatsapp:' : '';
  return prefix + trimmed.slice(prefix.length).replace(/[\s().-]/g, '');
}

function isPhone(value: string): boolean {
  return e164.test(normalizePhone(value).replace(/^whatsapp:/, ''));
}

/**
 * Checks the fields the channel shows; every problem is a sentence next to its field.
 *
 * @example
 * validateInboxForm({ ...emptyInboxForm('sms'), channelAddress: '0415' }).channelAddress
 * // → 'Enter the number in international format, such as +14155550100.'
 */
export function validateInboxForm(form: InboxForm): InboxFormErrors {
  const errors: InboxFormErrors = {};
  const name = form.name.trim();
  if (!name) errors.name = 'Give the inbox a name your team will recognise.';
  else if (name.length > 100) errors.name = 'Keep the name under 100 characters.';
  const fields = fieldsOf(form.channel);
  const info = channelInfo[form.channel];
  if (fields.includes('channelAddress')) {
    const address = form.channelAddress.trim();
    if (info.provider === 'twilio') {
      if (!address) errors.channelAddress = `Enter the ${info.addressLabel?.toLowerCase() ?? 'phone number'}.`;
      else if (!isPhone(address)) errors.channelAddress = 'Enter the number in international format, such as +14155550100.';
    } else if (info.provider === 'meta') {
      if (!address) errors.channelAddress = `Enter the ${info.addressLabel ?? 'ID'}.`;
      else if (!metaIdPattern.test(address)) errors.channelAddress = `Digits only, such as ${info.addressExample ?? '104395021234567'}.`;
    } else if (form.channel === 'email') {
      if (!address) errors.channelAddress = 'Enter the address customers write to.';
      else if (!emailPattern.test(address) || address.length > 254) errors.channelAddress = 'Enter an email address such as support@shop.example.';
    }
  }
  if (fields.includes('accountSid')) {
    const sid = form.accountSid.trim();
    if (!sid) errors.accountSid = 'Enter your Twilio account SID.';
    else if (!accountSidPattern.test(sid)) errors.accountSid = 'An account SID starts with AC followed by 32 letters and digits.';
  }
  if (fields.includes('authToken')) {
    const token = form.authToken.trim();
    if (!token) errors.authToken = 'Enter your Twilio auth token.';
    else if (!secretPattern.test(token)) errors.authToken = 'This does not look like an auth token (32 letters and digits, no spaces).';
  }
  if (fields.includes('forwardingNumber')) {
    const number = form.forwardingNumber.trim();
    if (number && !isPhone(number)) errors.forwardingNumber = 'Enter the number in international format, such as +14155550123.';
  }
  if (fields.includes('accessToken')) {
    const token = form.accessToken.trim();
    if (!token) errors.accessToken = 'Enter the access token.';
    else if (!secretPattern.test(token)) errors.accessToken = token.length > 512 ? 'The access token is too long.' : 'This does not look like a Meta access token (a long string without spaces).';
  }
  if (fields.includes('templates')) {
    const seen = new Set<string>();
    form.templates.forEach((template, index) => {
      const templateName = template.name.trim();
      const language = template.language.trim();
      // A row without a name is an unused row (the language has a default), not an error.
      if (!templateName) return;
      if (!templateNamePattern.test(templateName)) errors[`templates.${index}.name`] = 'Lowercase letters, digits and underscores, as in Meta.';
      if (!language) errors[`templates.${index}.language`] = 'Enter the language.';
      else if (!languagePattern.test(language)) errors[`templates.${index}.language`] = 'A language code such as en or en_US.';
      if ((template.body ?? '').trim().length > 1024) errors[`templates.${index}.body`] = 'Keep the text under 1,024 characters.';
      const key = `${templateName}|${language}`;
      if (language && seen.has(key)) errors[`templates.${index}.name`] = 'This template is listed twice.';
      seen.add(key);
    });
  }
  return errors;
}

/** Whether a validation found nothing. */
export function isValid(errors: InboxFormErrors): boolean {
  return Object.keys(errors).length === 0;
}

/** The API's form of a phone number: E.164 without Twilio's `whatsapp:` prefix. */
function e164Of(value: string): string {
  return normalizePhone(value).replace(/^whatsapp:/, '');
}

/**
 * The request body of a valid form: trimmed, phone numbers normalized, only the channel's fields,
 * blank template rows left out. An email inbox sends `inboundSecret`, the secret path segment of
 * its Inbound Parse URL (make it with {@link newInboundSecret}).
 *
 * @example
 * createInboxBody({ ...emptyInboxForm('messenger'), name: 'Shop page', channelAddress: '1043950212', accessToken: 'EAAG…' })
 * // → { name: 'Shop page', channel: 'messenger', channelAddress: '1043950212', credentials: { provider: 'meta', accessToken: 'EAAG…' } }
 */
export function createInboxBody(form: InboxForm, inboundSecret?: string): CreateInboxBody {
  const fields = fieldsOf(form.channel);
  const info = channelInfo[form.channel];
  const address = form.channelAddress.trim();
  const templates = form.templates
    .map((template) => {
      const body = template.body?.trim();
      return { name: template.name.trim(), language: template.language.trim(), ...(body ? { body } : {}) };
    })
    .filter((template) => template.name && template.language);
  return {
    name: form.name.trim(),
    channel: form.channel,
    ...(fields.includes('channelAddress') ? { channelAddress: info.provider === 'twilio' ? e164Of(address) : address } : {}),
    ...(info.provider === 'twilio'
      ? { credentials: { provider: 'twilio' as const, accountSid: form.accountSid.trim(), authToken: form.authToken.trim() } }
      : info.provider === 'meta'
        ? { credentials: { provider: 'meta' as const, accessToken: form.accessToken.trim() } }
        : info.provider === 'sendgrid' && inboundSecret
          ? { credentials: { provider: 'sendgrid' as const, inboundSecret } }
          : {}),
    ...(fields.includes('forwardingNumber') && form.forwardingNumber.trim() ? { forwardingNumber: e164Of(form.forwardingNumber) } : {}),
    ...(fields.includes('templates') && templates.length > 0 ? { templates } : {}),
  };
}

/**
 * The form field a server's 400 names (`credentials.authToken`, `templates.0.language`), so its
 * message shows next to that field; `undefined` when it names none of the form's fields.
 */
export function inboxFieldOf(serverField: string | undefined): InboxField | undefined {
  if (!serverField) return undefined;
  const path = serverField.replace(/^body\./, '');
  const template = /^templates\.(\d+)\.(name|language|body)$/.exec(path);
  if (template) return `templates.${Number(template[1])}.${template[2] as 'name' | 'language' | 'body'}`;
  const last = path.split('.').pop() ?? '';
  const known: readonly InboxField[] = ['name', 'channelAddress', 'accountSid', 'authToken', 'forwardingNumber', 'accessToken'];
  return known.find((field) => field === last);
}

/** Checks the "send a test message" recipient of a channel; `undefined` when fine. */
export function validateTestRecipient(channel: string, to: string): string | undefined {
  const value = to.trim();
  if (!value) return 'Enter who should receive the test message.';
  if (channel === 'email') return emailPattern.test(value) ? undefined : 'Enter an email address.';
  if (channel === 'sms' || channel === 'whatsapp' || channel === 'whatsapp_cloud') {
    return isPhone(value) ? undefined : 'Enter the number in international format, such as +14155550123.';
  }
  if (channel === 'messenger' || channel === 'instagram') return /^\d{5,25}$/.test(value) ? undefined : 'The user ID is a number of digits only.';
  return undefined;
}

/** The test recipient as the API takes it: phone numbers in E.164, anything else trimmed. */
export function testRecipientValue(channel: string, to: string): string {
  return channel === 'sms' || channel === 'whatsapp' || channel === 'whatsapp_cloud' ? e164Of(to) : to.trim();
}

/**
 * A new secret path segment for an email inbox's Inbound Parse URL: 32 URL-safe characters from
 * `randomBytes` (24 random bytes; the browser's `crypto.getRandomValues`).
 */
export function newInboundSecret(randomBytes: (length: number) => Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const bytes = randomBytes(24);
  let bits = 0;
  let value = 0;
  let text = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      text += alphabet[(value >> bits) & 63];
    }
  }
  return text;
}
