/**
 * The channel routes of the agents' API — layer: contracts (function `agent-api`, prefix
 * `/api/v1`, tag `Channels`). docs/API.md "Channels".
 *
 * Admins create an inbox of any kind with its provider credentials, read its webhook URLs and
 * send a test message; agents retry a failed send and read a conversation's channel state (the
 * WhatsApp 24-hour window and the inbox's templates). The account comes from the session:
 * another tenant's inbox, conversation or message answers 404.
 */
import * as z from 'zod/mini';
import { channelTypes } from '../../domain/entities.js';
import { defineRoute } from './route.js';
import { AgentMessage } from './conversations.js';

const tag = 'Channels';
const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'must be an id (26-character ULID)'));
const InboxPath = z.object({ inboxId: ulid });
const ConversationPath = z.object({ conversationId: ulid });
const secret = (what: string) => z.string().check(z.minLength(8, `${what} must be at least 8 characters`), z.maxLength(512), z.regex(/^[\x21-\x7e]+$/, `${what} must be printable ASCII without spaces`));

/** Provider credentials, by provider. */
const Credentials = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('twilio'), accountSid: z.string().check(z.regex(/^AC[0-9a-fA-F]{32}$/, 'must be a Twilio account SID (AC + 32 hex digits)')), authToken: secret('authToken') }),
  z.object({ provider: z.literal('meta'), accessToken: secret('accessToken') }),
  z.object({ provider: z.literal('sendgrid'), inboundSecret: z.string().check(z.regex(/^[A-Za-z0-9_-]{16,128}$/, 'must be 16–128 letters, digits, - or _ (it is a URL path segment)')) }),
]);

const Template = z.object({
  // A Meta template name, or the Content SID (HX + 32 hex) of a Twilio WhatsApp template.
  name: z.string().check(z.minLength(1), z.maxLength(512), z.regex(/^([a-z0-9_]+|HX[0-9a-fA-F]{32})$/, 'must be a WhatsApp template name (a-z, 0-9, _) or a Twilio Content SID (HX…)')),
  language: z.string().check(z.regex(/^[a-z]{2,3}(_[A-Z]{2})?$/, 'must be a language code such as en or en_US')),
  body: z.optional(z.string().check(z.maxLength(1024))),
});

const WebhookUrls = z.record(z.string(), z.string());

/** `POST /api/v1/inboxes` */
export const CreateInbox = defineRoute({
  method: 'POST', path: '/api/v1/inboxes', tag, auth: 'admin',
  summary: 'Create an inbox of any channel with its credentials',
  description: 'Channel address: the sender phone number in E.164 (sms, whatsapp, voice), the page id (messenger), the Instagram account id (instagram), '
    + 'the phone number id (whatsapp_cloud) or the mailbox (email). Credentials are stored in Secrets Manager (AWS) or the encrypted local store (laptop) and never returned. '
    + 'Answers the webhook URL(s) to paste into the provider\'s console. A Meta address connected to another inbox answers 409 `channel_address_taken`.',
  maxBodyBytes: 32 * 1024,
  body: z.object({
    name: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(100)),
    channel: z.enum(channelTypes),
    channelAddress: z.optional(z.string().check(z.minLength(3), z.maxLength(254), z.regex(/^[A-Za-z0-9+@._-]+$/, 'must be a phone number, id or email address'))),
    credentials: z.optional(Credentials),
    forwardingNumber: z.optional(z.string().check(z.regex(/^\+[1-9][0-9]{6,14}$/, 'must be an E.164 phone number'))),
    templates: z.optional(z.array(Template).check(z.maxLength(50))),
  }),
  response: {
    status: 201, description: 'The inbox and its webhook URLs',
    schema: z.object({ id: z.string(), name: z.string(), channel: z.enum(channelTypes), channelAddress: z.optional(z.string()), webhookUrls: WebhookUrls }),
  },
  errors: [403, 409],
});

/** `GET /api/v1/inboxes/{inboxId}/setup` */
export const GetInboxSetup = defineRoute({
  method: 'GET', path: '/api/v1/inboxes/{inboxId}/setup', tag, auth: 'admin',
  summary: "An inbox's webhook URLs and whether its credentials are stored",
  params: InboxPath,
  response: {
    status: 200, description: 'The set-up',
    schema: z.object({ channel: z.enum(channelTypes), webhookUrls: WebhookUrls, channelAddress: z.optional(z.string()), hasCredentials: z.boolean() }),
  },
  errors: [403],
});

/** `POST /api/v1/inboxes/{inboxId}/test-message` */
export const SendTestMessage = defineRoute({
  method: 'POST', path: '/api/v1/inboxes/{inboxId}/test-message', tag, auth: 'admin',
  summary: 'Send a test message from an inbox',
  description: 'Starts a conversation with `to` (a phone number, PSID, WhatsApp id or email address) and queues one outgoing message; its status moves as the provider reports.',
  params: InboxPath,
  body: z.object({
    to: z.string().check(z.minLength(3), z.maxLength(254), z.regex(/^[A-Za-z0-9+@._-]+$/, 'must be a phone number, id or email address')),
    body: z.string().check(z.minLength(1, 'must not be empty'), z.maxLength(1600)),
  }),
  response: { status: 202, description: 'Queued', schema: z.object({ conversationId: z.string(), messageId: z.string() }) },
  errors: [403],
});

/** `POST /api/v1/conversations/{conversationId}/messages/{messageId}/retry` */
export const RetryMessage = defineRoute({
  method: 'POST', path: '/api/v1/conversations/{conversationId}/messages/{messageId}/retry', tag, auth: 'agent',
  summary: 'Send a failed message again',
  description: 'Only a `failed` outgoing message: it goes back to `queued` and a new send is queued. Anything else answers 409 `not_retryable`.',
  params: z.object({ conversationId: ulid, messageId: ulid }),
  response: { status: 202, description: 'The message, queued again', schema: AgentMessage },
  errors: [409],
});

/** `GET /api/v1/conversations/{conversationId}/channel-state` */
export const GetChannelState = defineRoute({
  method: 'GET', path: '/api/v1/conversations/{conversationId}/channel-state', tag, auth: 'agent',
  summary: "What the composer may send on this conversation's channel",
  description: 'WhatsApp: whether the 24-hour customer-service window is open (until `windowClosesAt`) and the inbox\'s approved templates (the only messages allowed when it is closed). Other channels: the channel only.',
  params: ConversationPath,
  response: {
    status: 200, description: 'The channel state',
    schema: z.object({
      channel: z.enum(channelTypes),
      windowOpen: z.optional(z.boolean()),
      windowClosesAt: z.optional(z.string()),
      templates: z.optional(z.array(Template)),
    }),
  },
});
