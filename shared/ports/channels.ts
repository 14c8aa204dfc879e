/**
 * Channel ports — layer: ports (interfaces in domain terms; no SDK, no provider wire formats).
 *
 * Webhook adapters turn a provider's verified request into {@link InboundChannelMessage} or
 * {@link DeliveryReceipt} values; the inbound pipeline stores them once and enqueues the AI job.
 * The outbound sender hands an {@link OutboundChannelMessage} to the {@link ChannelSender} of its
 * provider and records the {@link SendOutcome}. Adapters: `shared/adapters/channels/{twilio,meta,sendgrid}/`.
 */
import type { ChannelType, MessageStatus } from '../domain/entities.js';

/** The providers Switchboard speaks to. */
export const providers = ['twilio', 'meta', 'sendgrid'] as const;
export type Provider = (typeof providers)[number];

/** Which provider serves each (non-web) channel. */
export const providerOfChannel: Readonly<Record<Exclude<ChannelType, 'web'>, Provider>> = {
  sms: 'twilio',
  whatsapp: 'twilio',
  voice: 'twilio',
  messenger: 'meta',
  instagram: 'meta',
  whatsapp_cloud: 'meta',
  email: 'sendgrid',
};

/** A file that came with an inbound message, already stored (S3 object key) or still at the provider. */
export interface InboundAttachment {
  readonly fileName: string;
  readonly contentType: string;
  readonly size?: number;
  /** Stored copy (email attachments are stored by the webhook). */
  readonly objectKey?: string;
  /** Provider URL of the media (Twilio MediaUrl, Meta media id resolved later). */
  readonly providerUrl?: string;
}

/** Email threading headers of an inbound or outbound email. */
export interface EmailThread {
  readonly messageId: string;
  readonly inReplyTo?: string;
  readonly references?: readonly string[];
  readonly subject?: string;
}

/**
 * One customer message from a provider, after the signature was verified and the tenant and inbox
 * resolved. `dedupeKey` is the provider's key of SECURITY.md §2 (e.g. `twilio#SM…`).
 */
export interface InboundChannelMessage {
  readonly accountId: string;
  readonly inboxId: string;
  readonly channel: Exclude<ChannelType, 'web'>;
  /** The contact's id on the channel: E.164 phone, PSID/IGSID, WhatsApp id, email address. */
  readonly externalContactId: string;
  readonly contactName?: string;
  readonly contactEmail?: string;
  readonly contactPhone?: string;
  readonly providerMessageId: string;
  readonly dedupeKey: string;
  /** How long the dedupe key must be kept (SECURITY.md §2), in seconds. */
  readonly dedupeTtlSeconds: number;
  readonly body: string;
  readonly attachments?: readonly InboundAttachment[];
  /** Email only: threading headers and the original HTML (kept beside the text). */
  readonly email?: EmailThread & { readonly html?: string };
  /** When the provider says the customer sent it (ISO-8601). */
  readonly sentAt?: string;
}

/** A delivery or read receipt (Twilio status callback, Meta statuses, SendGrid events). */
export interface DeliveryReceipt {
  readonly accountId?: string;
  readonly provider: Provider;
  readonly providerMessageId: string;
  readonly status: Extract<MessageStatus, 'sent' | 'delivered' | 'read' | 'failed'>;
  /** The provider's reason for a failure, shown to agents. */
  readonly reason?: string;
  readonly dedupeKey: string;
  readonly dedupeTtlSeconds: number;
  readonly at?: string;
}

/** What the outbound sender asks a provider to deliver. */
export interface OutboundChannelMessage {
  readonly accountId: string;
  readonly inboxId: string;
  readonly conversationId: string;
  readonly messageId: string;
  readonly channel: Exclude<ChannelType, 'web' | 'voice'>;
  /** The inbox's own address on the channel (sender phone, page id, phone_number_id, mailbox). */
  readonly from: string;
  /** The contact's address on the channel. */
  readonly to: string;
  readonly body: string;
  /** Public URLs (presigned) of files to attach. */
  readonly mediaUrls?: readonly string[];
  /** Email only: the thread to reply into. */
  readonly email?: { readonly subject: string; readonly inReplyTo?: string; readonly references?: readonly string[]; readonly messageId: string };
  /** WhatsApp outside the 24-hour window: an approved template instead of free text. */
  readonly template?: { readonly name: string; readonly language: string; readonly parameters?: readonly string[] };
  /** Where the provider posts this message's delivery receipts (Twilio: the inbox's `webhookUrl`). */
  readonly statusCallbackUrl?: string;
}

/**
 * The outcome of one provider call: `sent` (with the provider's id), `retry` (network error,
 * 408, 429, 5xx — with the provider's Retry-After in seconds when given) or `failed` (any other
 * 4xx: permanent, with the provider's reason).
 */
export type SendOutcome =
  | { readonly kind: 'sent'; readonly providerMessageId: string }
  | { readonly kind: 'retry'; readonly reason: string; readonly retryAfterSeconds?: number }
  | { readonly kind: 'failed'; readonly reason: string };

/**
 * Credentials of one inbox. Twilio inboxes use the tenant's own Twilio account; Meta inboxes a
 * page / WhatsApp access token of the platform's Meta app; email inboxes the secret path segment
 * of their Inbound Parse URL (mail goes out through the platform's SendGrid account).
 */
export type InboxCredentials =
  | { readonly provider: 'twilio'; readonly accountSid: string; readonly authToken: string }
  | { readonly provider: 'meta'; readonly accessToken: string }
  | { readonly provider: 'sendgrid'; readonly inboundSecret: string };

/**
 * The platform's own provider secrets (one Meta app, one SendGrid account per deployment):
 * Secrets Manager in AWS (`infra/constructs/secrets.ts`), the configuration on the laptop.
 */
export interface PlatformSecrets {
  meta(): Promise<{ readonly appSecret: string; readonly verifyToken: string }>;
  sendgrid(): Promise<{ readonly apiKey: string; readonly eventWebhookPublicKey: string }>;
}

/** Sends through one provider's HTTP API (base URL configurable, so tests use a fake provider). */
export interface ChannelSender {
  readonly provider: Provider;
  send(message: OutboundChannelMessage, credentials: InboxCredentials): Promise<SendOutcome>;
}

/** Stores inbox credentials: Secrets Manager in AWS, encrypted items in the table on the laptop. */
export interface CredentialStore {
  put(accountId: string, inboxId: string, credentials: InboxCredentials): Promise<void>;
  get(accountId: string, inboxId: string): Promise<InboxCredentials | undefined>;
}
