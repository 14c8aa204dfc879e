/**
 * What the dashboard knows about each kind of inbox — pure, no DOM: its name, the provider
 * that carries it, what its address is, and which webhook URLs its provider must call.
 */

/** Every channel an inbox can be (the backend's `channelTypes`). */
export const channelKinds = ['web', 'sms', 'whatsapp', 'voice', 'messenger', 'instagram', 'whatsapp_cloud', 'email'] as const;
export type ChannelKind = (typeof channelKinds)[number];

/** Who carries a channel: the widget (ours), Twilio, Meta or SendGrid. */
export type ChannelProvider = 'widget' | 'twilio' | 'meta' | 'sendgrid';

/** How the dashboard presents one channel. */
export interface ChannelInfo {
  readonly label: string;
  /** One short line under the channel's name in the "Add inbox" picker. */
  readonly blurb: string;
  readonly provider: ChannelProvider;
  /** The label of the inbox's own address on the channel; absent for the web widget. */
  readonly addressLabel?: string;
  readonly addressHint?: string;
  /** The example shown in the empty address field. */
  readonly addressExample?: string;
}

/** Every channel's presentation, in the order the "Add inbox" picker lists them. */
export const channelInfo: Readonly<Record<ChannelKind, ChannelInfo>> = {
  web: { label: 'Website chat', blurb: 'A chat launcher on your site', provider: 'widget' },
  email: {
    label: 'Email',
    blurb: 'A support mailbox through SendGrid Inbound Parse',
    provider: 'sendgrid',
    addressLabel: 'Support address',
    addressHint: 'Customers write to this address; replies are sent from it.',
    addressExample: 'support@shop.example',
  },
  sms: {
    label: 'SMS',
    blurb: 'Text messages to a Twilio number',
    provider: 'twilio',
    addressLabel: 'Twilio phone number',
    addressHint: 'In international format, with the country code.',
    addressExample: '+14155550100',
  },
  whatsapp: {
    label: 'WhatsApp (Twilio)',
    blurb: 'WhatsApp messages through a Twilio sender',
    provider: 'twilio',
    addressLabel: 'WhatsApp sender number',
    addressHint: 'The number registered as a WhatsApp sender in Twilio.',
    addressExample: '+14155550100',
  },
  voice: {
    label: 'Phone calls',
    blurb: 'Calls to a Twilio number, transcribed into a conversation',
    provider: 'twilio',
    addressLabel: 'Twilio phone number',
    addressHint: 'The number customers call.',
    addressExample: '+14155550100',
  },
  messenger: {
    label: 'Messenger',
    blurb: 'Messages to your Facebook page',
    provider: 'meta',
    addressLabel: 'Facebook page ID',
    addressHint: 'Page settings › About › Page ID.',
    addressExample: '104395021234567',
  },
  instagram: {
    label: 'Instagram',
    blurb: 'Direct messages to your Instagram business account',
    provider: 'meta',
    addressLabel: 'Instagram account ID',
    addressHint: 'The Instagram business account ID linked to your page.',
    addressExample: '17841400000000000',
  },
  whatsapp_cloud: {
    label: 'WhatsApp Cloud',
    blurb: 'WhatsApp Business through the Meta Cloud API',
    provider: 'meta',
    addressLabel: 'Phone number ID',
    addressHint: 'WhatsApp Manager › Phone numbers › Phone number ID (not the phone number itself).',
    addressExample: '106540352242922',
  },
};

/** The presentation of a channel; an unknown channel shows its raw name. */
export function channelInfoOf(channel: string): ChannelInfo {
  return (channelInfo as Record<string, ChannelInfo | undefined>)[channel] ?? { label: channel, blurb: '', provider: 'widget' };
}

/** Whether a channel is WhatsApp (through Twilio or the Cloud API): the 24-hour window applies. */
export function isWhatsApp(channel: string | undefined): boolean {
  return channel === 'whatsapp' || channel === 'whatsapp_cloud';
}

/** Whether agents can send a test message from the inbox's set-up (every channel but the widget and calls). */
export function canSendTest(channel: string): boolean {
  return channel !== 'web' && channel !== 'voice';
}

/** What the "send a test message to" field asks for on a channel. */
export function testRecipientLabel(channel: string): { label: string; example: string } {
  switch (channel) {
    case 'email':
      return { label: 'Email address', example: 'you@example.com' };
    case 'sms':
    case 'whatsapp':
      return { label: 'Phone number', example: '+14155550123' };
    case 'whatsapp_cloud':
      return { label: 'WhatsApp number', example: '+14155550123' };
    case 'messenger':
      return { label: 'Page-scoped user ID (PSID)', example: '6543210987654321' };
    case 'instagram':
      return { label: 'Instagram-scoped user ID (IGSID)', example: '6543210987654321' };
    default:
      return { label: 'Recipient', example: '' };
  }
}

/** A webhook URL with what it is for. */
export interface LabelledUrl {
  readonly key: string;
  readonly label: string;
  readonly url: string;
  readonly hint?: string;
}

const urlLabels: Readonly<Record<string, { label: string; hint?: string }>> = {
  messages: { label: 'Incoming messages', hint: 'Twilio console › the number › Messaging › "A message comes in" (HTTP POST).' },
  message: { label: 'Incoming messages', hint: 'Twilio console › the number › Messaging › "A message comes in" (HTTP POST).' },
  sms: { label: 'Incoming messages', hint: 'Twilio console › the number › Messaging › "A message comes in" (HTTP POST).' },
  status: { label: 'Status callbacks', hint: 'Sent with every reply, so delivery and read ticks update; nothing to paste.' },
  statusCallback: { label: 'Status callbacks', hint: 'Sent with every reply, so delivery and read ticks update; nothing to paste.' },
  inbound: { label: 'Incoming messages' },
  voice: { label: 'Voice calls', hint: 'Twilio console › the number › Voice › "A call comes in" (HTTP POST).' },
  meta: { label: 'Callback URL', hint: 'Meta app › Webhooks: paste it with the verify token, subscribe to messages.' },
  callback: { label: 'Callback URL', hint: 'Meta app › Webhooks: paste it with the verify token, subscribe to messages.' },
  inboundParse: { label: 'Inbound Parse URL', hint: 'SendGrid › Settings › Inbound Parse: the destination URL of your domain.' },
  parse: { label: 'Inbound Parse URL', hint: 'SendGrid › Settings › Inbound Parse: the destination URL of your domain.' },
  email: { label: 'Inbound Parse URL', hint: 'SendGrid › Settings › Inbound Parse: the destination URL of your domain.' },
  events: { label: 'Event webhook', hint: 'SendGrid › Mail settings › Event webhook (signed).' },
};

/**
 * Lists the webhook URLs of an inbox whatever shape the API gives them in (a list of strings,
 * of `{ url, purpose }`, or a record keyed by purpose), each with a label for the provider's console.
 *
 * @example
 * webhookUrlList({ messages: 'https://x/webhooks/twilio/01J', voice: 'https://x/webhooks/twilio/01J/voice' })
 * // → [{ key: 'messages', label: 'Messages and status callbacks', … }, { key: 'voice', label: 'Voice calls', … }]
 */
export function webhookUrlList(urls: unknown): LabelledUrl[] {
  const entries: [string, string][] = [];
  if (Array.isArray(urls)) {
    urls.forEach((item: unknown, index) => {
      if (typeof item === 'string') entries.push([purposeOfUrl(item) ?? `url-${index}`, item]);
      else if (item && typeof item === 'object' && typeof (item as { url?: unknown }).url === 'string') {
        const record = item as { url: string; purpose?: unknown; kind?: unknown; name?: unknown };
        const purpose = [record.purpose, record.kind, record.name].find((value): value is string => typeof value === 'string');
        entries.push([purpose ?? purposeOfUrl(record.url) ?? `url-${index}`, record.url]);
      }
    });
  } else if (urls && typeof urls === 'object') {
    for (const [key, value] of Object.entries(urls as Record<string, unknown>)) if (typeof value === 'string') entries.push([key, value]);
  } else if (typeof urls === 'string') {
    entries.push([purposeOfUrl(urls) ?? 'url-0', urls]);
  }
  const seen = new Set<string>();
  const list: LabelledUrl[] = [];
  for (const [key, url] of entries) {
    if (seen.has(url)) continue;
    seen.add(url);
    const known = urlLabels[key];
    list.push(known ? { key, url, label: known.label, ...(known.hint ? { hint: known.hint } : {}) } : { key, url, label: sentenceOf(key) });
  }
  return list;
}

function purposeOfUrl(url: string): string | undefined {
  if (/\/webhooks\/twilio\/[^/]+\/voice\/?$/.test(url)) return 'voice';
  if (/\/webhooks\/twilio\/[^/]+\/status\/?$/.test(url)) return 'status';
  if (/\/webhooks\/twilio\//.test(url)) return 'messages';
  if (/\/webhooks\/meta\/?$/.test(url)) return 'meta';
  if (/\/webhooks\/sendgrid\/events\/?$/.test(url)) return 'events';
  if (/\/webhooks\/sendgrid\//.test(url)) return 'inboundParse';
  return undefined;
}

function sentenceOf(key: string): string {
  if (/^url-\d+$/.test(key)) return 'Webhook URL';
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' ').toLowerCase();
  return `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}
