/**
 * Channel storage ports — layer: ports (CORE of the channels work).
 *
 * What the inbound pipeline, the receipts and the outbound sender keep in the table besides
 * conversations and messages: global routing items that resolve a webhook to its tenant, email
 * thread items, the provider-id → message lookup, the send state machine of an outgoing message,
 * and token buckets. Adapter: `shared/adapters/dynamodb/channel-repository.ts` (AP-60..AP-69).
 */
import type { Message } from '../domain/entities.js';
import type { Provider } from './channels.js';

/** Where a provider's message id points. */
export interface MessageRef {
  readonly accountId: string;
  readonly conversationId: string;
  readonly messageId: string;
}

/** What a routing item resolves to. */
export interface InboxRoute {
  readonly accountId: string;
  readonly inboxId: string;
}

/** The outcome of claiming an outgoing message for a send (the `sending` state). */
export type SendClaim =
  /** This attempt may call the provider. */
  | { readonly kind: 'claimed'; readonly message: Message }
  /** An earlier attempt already recorded `sent` (or a receipt moved it further): do not send again. */
  | { readonly kind: 'already-sent'; readonly message: Message }
  /** The message is `failed` (terminal until an agent retries). */
  | { readonly kind: 'failed'; readonly message: Message }
  | { readonly kind: 'missing' };

/** A token bucket's shape: `capacity` tokens, refilled continuously at `refillPerSecond`. */
export interface BucketSpec {
  readonly capacity: number;
  readonly refillPerSecond: number;
}

/** The table items of the channels work. */
export interface ChannelRepository {
  /** AP-60: `ROUTE#inbox#<inboxId>` → account (Twilio and SendGrid URLs carry the inbox id). */
  putInboxRoute(route: InboxRoute): Promise<void>;
  findInboxRoute(inboxId: string): Promise<InboxRoute | undefined>;
  /** AP-61: `ROUTE#meta#<page | IG account | phone number id>` → account and inbox (first wins: conditional). */
  putMetaRoute(address: string, route: InboxRoute): Promise<boolean>;
  findMetaRoute(address: string): Promise<InboxRoute | undefined>;
  /** AP-62: an email's Message-ID → its conversation, per account and inbox. */
  putEmailThread(accountId: string, inboxId: string, emailMessageId: string, conversationId: string): Promise<void>;
  findEmailThread(accountId: string, inboxId: string, emailMessageId: string): Promise<string | undefined>;
  /** AP-63: the provider's message id → our message (written when a send succeeds). */
  putProviderMessage(provider: Provider, providerMessageId: string, ref: MessageRef): Promise<void>;
  findProviderMessage(provider: Provider, providerMessageId: string): Promise<MessageRef | undefined>;
  /**
   * AP-64: claims an outgoing message for a send: `queued` (or `sending`, left by an attempt
   * that did not finish) → `sending`, conditional so a message already sent is never sent again.
   */
  claimSend(ref: MessageRef, at: string): Promise<SendClaim>;
  /** AP-64: `sending` → `sent` with the provider's id. Resolves false when the claim was lost. */
  markSent(ref: MessageRef, providerMessageId: string, at: string): Promise<boolean>;
  /** AP-64: → `failed` with the provider's reason (unless a receipt already moved it past `sent`). */
  markFailed(ref: MessageRef, reason: string, at: string): Promise<Message | undefined>;
  /** AP-65: an agent's retry: `failed` → `queued` (conditional: only a failed message). */
  requeue(ref: MessageRef, at: string): Promise<Message | undefined>;
  /**
   * AP-66: a receipt moves the status forward only (queued < sent < delivered < read; failed
   * from any non-read state). With `providerMessageId`, only while that is the message's current
   * send: a late receipt of a send an agent has since retried changes nothing. Resolves the
   * updated message, or undefined when it would go back.
   */
  advanceStatus(
    ref: MessageRef, status: 'sent' | 'delivered' | 'read' | 'failed', at: string, reason?: string, providerMessageId?: string,
  ): Promise<Message | undefined>;
  /**
   * AP-67: takes one token from the bucket `key` (conditional update on the stored level, so
   * Lambda instances share it). Resolves 0 when granted, else the seconds until a token is due.
   */
  takeToken(key: string, spec: BucketSpec, nowMs: number): Promise<number>;
  /**
   * AP-69: claims `candidateId` as the conversation that follows `previousConversationId` (or the
   * contact's first) on an inbox; first claim wins. Resolves the winning id, so concurrent first
   * messages of one contact converge on one new conversation.
   */
  claimNextConversation(accountId: string, inboxId: string, contactId: string, previousConversationId: string | undefined, candidateId: string): Promise<string>;
}
