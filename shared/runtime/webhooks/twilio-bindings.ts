/**
 * Twilio webhook bindings — layer: runtime. Owned by the TWILIO helper; assembled by
 * `functions/webhooks.ts` through `webhookBindings()`.
 *
 * `POST /webhooks/twilio/{inboxId}` — SMS, MMS and WhatsApp messages (and status callbacks, told
 * apart by `MessageStatus`, for a number whose console sets the same URL for both);
 * `POST /webhooks/twilio/{inboxId}/status` — the `StatusCallback` the sender sets on each message;
 * `POST /webhooks/twilio/{inboxId}/voice` — calls.
 *
 * Primary course of every request:
 *  1. Resolve the inbox from its id (global route item → account → inbox and its Twilio
 *     credentials). An unknown inbox is dropped: 200, nothing written.
 *  2. Decode the body (form, or JSON with `bodySHA256`) within its limits, and verify
 *     `X-Twilio-Signature` with the inbox's auth token over the exact webhook URL stored on the
 *     inbox (with/without the default port) — before anything else happens. Bad or missing: 403.
 *  3. Validate the fields with zod (400 naming the field), then one service call:
 *     `receiveChannelMessage` (a message, or a caller's speech) or `applyDeliveryReceipt`.
 *  4. Answer TwiML: empty for messages and receipts; for calls a speech `<Gather>` (the AI agent
 *     is not built yet, so the inbox's holding line is said), or `<Dial>` to the inbox's
 *     forwarding number when the caller asks for an agent.
 * A queue failure after the message was stored propagates: the router answers 500 and Twilio's
 * retry is made safe by the pipeline's dedupe claim.
 */
import * as z from 'zod/mini';
import type { Inbox } from '../../domain/entities.js';
import type { DeliveryReceipt, InboundChannelMessage, InboxCredentials } from '../../ports/channels.js';
import {
  TwilioInboundMessage, TwilioStatusCallback, TwilioVoiceRequest, TwilioVoiceTurnQuery,
} from '../../contracts/webhooks/twilio.js';
import { firstValues, parseTwilioForm, twilioFormLimits, TwilioFormError } from '../../adapters/channels/twilio/form.js';
import {
  asksForAgent, isTwilioStatusCallback, toDeliveryReceipt, toInboundChannelMessage, toVoiceTranscriptMessage,
} from '../../adapters/channels/twilio/inbound.js';
import { isValidTwilioFormSignature, isValidTwilioJsonSignature, type FormParameter } from '../../adapters/channels/twilio/signature.js';
import { dial, gather, renderTwiml, say, type TwimlNode } from '../../adapters/channels/twilio/twiml.js';
import { ChannelNotFoundError } from '../../services/channels/errors.js';
import { config } from '../config.js';
import { channelInbound } from '../containers/channels.js';
import { WebhookRefusedError, twimlResponse, type HttpRequest, type WebhookBinding, type WebhookResponse } from './webhook-router.js';

/** An inbox a Twilio webhook may post to, with its Twilio credentials. */
export interface TwilioWebhookInbox {
  readonly inbox: Inbox;
  readonly credentials: InboxCredentials | undefined;
}

/** What the Twilio bindings stand on (the container's services in the function; fakes in unit tests). */
export interface TwilioBindingDeps {
  /** Global route item → account → inbox and credentials; undefined when the id is unknown. */
  resolveInbox(inboxId: string): Promise<TwilioWebhookInbox | undefined>;
  receiveChannelMessage(message: InboundChannelMessage): Promise<{ readonly outcome: 'stored' | 'duplicate'; readonly conversationId: string; readonly messageId: string }>;
  applyDeliveryReceipt(receipt: DeliveryReceipt): Promise<'applied' | 'duplicate' | 'unknown'>;
  /** The line said after the caller speaks, until the AI agent answers (`SWITCHBOARD_VOICE_HOLDING_LINE`). */
  holdingLine(): string;
}

/** What a call hears besides the holding line. The AI agent will speak its own answers. */
export const voiceLines = {
  greeting: 'Hello, thanks for calling. How can we help you today?',
  connecting: 'Connecting you to an agent now.',
  noAgent: 'Sorry, nobody can take your call right now. We have noted your request and will get back to you.',
  goodbye: 'We did not hear anything. Goodbye.',
} as const;

const inboxIdPattern = /^[0-9A-HJKMNP-TV-Z]{26}$/;
const empty = (): WebhookResponse => twimlResponse(renderTwiml([]));

/** The messaging URL of an inbox (what its SMS / WhatsApp number posts to). */
export function messagingUrlOf(inbox: Inbox): string | undefined {
  return inbox.webhookUrl?.replace(/\/(voice|status)$/, '');
}

/** Where Twilio posts the delivery receipts of the messages an inbox sends (`StatusCallback`). */
export function statusUrlOf(inbox: Inbox): string | undefined {
  const messaging = messagingUrlOf(inbox);
  return messaging === undefined ? undefined : `${messaging}/status`;
}

/** The voice URL of an inbox (what its phone number's "A call comes in" posts to). */
export function voiceUrlOf(inbox: Inbox): string | undefined {
  const messaging = messagingUrlOf(inbox);
  return messaging === undefined ? undefined : `${messaging}/voice`;
}

/** Flattens a JSON webhook body into parameters; only a flat object of scalars is a Twilio body. */
function jsonParameters(raw: Buffer): FormParameter[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new WebhookRefusedError(400, 'body is not valid JSON');
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new WebhookRefusedError(400, 'body must be a JSON object');
  const entries = Object.entries(parsed as Record<string, unknown>);
  if (entries.length > twilioFormLimits.maxParameters) throw new WebhookRefusedError(400, `body has more than ${twilioFormLimits.maxParameters} fields`);
  return entries.map(([name, value]) => {
    if (typeof value === 'string') return [name, value] as const;
    if (typeof value === 'number' || typeof value === 'boolean') return [name, String(value)] as const;
    throw new WebhookRefusedError(400, `body.${name.slice(0, 64)}: must be a string`);
  });
}

/**
 * Verifies the request's signature against `url` and returns its parameters.
 *
 * @throws {WebhookRefusedError} 403 for a bad or missing signature, 400/413/415 for a body Twilio
 * could not have sent.
 */
function verifiedParameters(request: HttpRequest, url: string, credentials: InboxCredentials | undefined): FormParameter[] {
  const signature = request.headers['x-twilio-signature'];
  if (!signature) throw new WebhookRefusedError(403, 'missing X-Twilio-Signature');
  // Without Twilio credentials nothing can be verified: refused like a bad signature.
  if (credentials?.provider !== 'twilio') throw new WebhookRefusedError(403, 'invalid X-Twilio-Signature');
  if (request.body.length > twilioFormLimits.maxBodyBytes) throw new WebhookRefusedError(413, `body exceeds ${twilioFormLimits.maxBodyBytes} bytes`);
  const type = (request.headers['content-type'] ?? '').toLowerCase();
  if (/^application\/json\s*(;|$)/.test(type)) {
    const valid = isValidTwilioJsonSignature({ authToken: credentials.authToken, url, rawBody: request.body, bodySha256: request.query.bodySHA256, signature });
    if (!valid) throw new WebhookRefusedError(403, 'invalid X-Twilio-Signature');
    return jsonParameters(request.body);
  }
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/.test(type)) throw new WebhookRefusedError(415, 'send the body as application/x-www-form-urlencoded');
  let params: FormParameter[];
  try {
    params = parseTwilioForm(request.body);
  } catch (error) {
    if (error instanceof TwilioFormError) throw new WebhookRefusedError(400, error.message);
    throw error;
  }
  if (!isValidTwilioFormSignature({ authToken: credentials.authToken, url, params, signature })) throw new WebhookRefusedError(403, 'invalid X-Twilio-Signature');
  return params;
}

/** Parses verified fields with a contract, or refuses with 400 naming the first problem. */
function fieldsOf<S extends z.ZodMiniType>(schema: S, fields: Record<string, string>): z.infer<S> {
  const result = schema.safeParse(fields);
  if (result.success) return result.data as z.infer<S>;
  const issue = result.error.issues[0];
  throw new WebhookRefusedError(400, `${issue?.path.length ? `body.${issue.path.join('.')}` : 'body'}: ${issue?.message ?? 'is invalid'}`);
}

/** Loads the inbox of a request, or undefined when Twilio's post should be dropped. */
async function inboxOf(deps: TwilioBindingDeps, request: HttpRequest): Promise<TwilioWebhookInbox | undefined> {
  const inboxId = request.params.inboxId ?? '';
  if (!inboxIdPattern.test(inboxId)) return undefined;
  return deps.resolveInbox(inboxId);
}

/** Stores a message, treating an inbox deleted since it was resolved as unknown (dropped). */
async function store(deps: TwilioBindingDeps, message: InboundChannelMessage): Promise<void> {
  try {
    await deps.receiveChannelMessage(message);
  } catch (error) {
    if (error instanceof ChannelNotFoundError) return;
    throw error;
  }
}

/** The messaging route: inbound SMS / MMS / WhatsApp, and status callbacks. */
async function handleMessaging(deps: TwilioBindingDeps, request: HttpRequest): Promise<WebhookResponse> {
  const found = await inboxOf(deps, request);
  const url = found && messagingUrlOf(found.inbox);
  if (!found || url === undefined) return empty();
  const fields = firstValues(verifiedParameters(request, url, found.credentials));
  const { inbox } = found;
  if (inbox.channel !== 'sms' && inbox.channel !== 'whatsapp') throw new WebhookRefusedError(404, 'this inbox does not receive messages: use its voice URL');
  if (isTwilioStatusCallback(fields)) {
    const receipt = toDeliveryReceipt({ accountId: inbox.accountId, fields: fieldsOf(TwilioStatusCallback, fields) });
    if (receipt) await deps.applyDeliveryReceipt(receipt);
    return empty();
  }
  const message = fieldsOf(TwilioInboundMessage, fields);
  await store(deps, toInboundChannelMessage({ accountId: inbox.accountId, inboxId: inbox.id, channel: inbox.channel, fields: message }));
  return empty();
}

/**
 * The status route (`{messaging URL}/status`, the `StatusCallback` the sender sets): only
 * delivery receipts of our sends.
 */
async function handleStatus(deps: TwilioBindingDeps, request: HttpRequest): Promise<WebhookResponse> {
  const found = await inboxOf(deps, request);
  const url = found && messagingUrlOf(found.inbox);
  if (!found || url === undefined) return empty();
  const fields = fieldsOf(TwilioStatusCallback, firstValues(verifiedParameters(request, statusUrlOf(found.inbox) ?? url, found.credentials)));
  const receipt = toDeliveryReceipt({ accountId: found.inbox.accountId, fields });
  if (receipt) await deps.applyDeliveryReceipt(receipt);
  return empty();
}

/** Call statuses after which nothing is said (the call is over). */
const endedCallStatuses: ReadonlySet<string> = new Set(['completed', 'busy', 'failed', 'no-answer', 'canceled']);

/** The voice route: a call's start, each speech turn, and the call's final status. */
async function handleVoice(deps: TwilioBindingDeps, request: HttpRequest): Promise<WebhookResponse> {
  const found = await inboxOf(deps, request);
  const voiceUrl = found && voiceUrlOf(found.inbox);
  if (!found || voiceUrl === undefined) return empty();
  // A <Gather> action is this URL plus `?turn=N` (Twilio signs it as requested); no other query.
  const queryNames = Object.keys(request.query).filter((name) => name !== 'bodySHA256');
  const turnQuery = TwilioVoiceTurnQuery.safeParse(request.query);
  if (queryNames.length > 1 || (queryNames.length === 1 && !turnQuery.success)) throw new WebhookRefusedError(403, 'invalid X-Twilio-Signature');
  const turn = turnQuery.success ? Number(turnQuery.data.turn) : 0;
  const signedUrl = turn > 0 ? `${voiceUrl}?turn=${turn}` : voiceUrl;
  const fields = fieldsOf(TwilioVoiceRequest, firstValues(verifiedParameters(request, signedUrl, found.credentials)));
  const { inbox } = found;
  if (inbox.channel !== 'voice') throw new WebhookRefusedError(404, 'this inbox does not take calls: use its messaging URL');
  if (endedCallStatuses.has(fields.CallStatus)) return empty();

  const prompt = (line: string, nextTurn: number): TwimlNode[] => [
    gather({ action: `${voiceUrl}?turn=${nextTurn}`, prompt: say(line) }),
    say(voiceLines.goodbye),
  ];
  const speech = fields.SpeechResult?.trim() ?? '';
  if (speech === '') return twimlResponse(renderTwiml(prompt(voiceLines.greeting, Math.max(turn, 1))));

  await store(deps, toVoiceTranscriptMessage({ accountId: inbox.accountId, inboxId: inbox.id, turn, fields: { ...fields, SpeechResult: speech } }));
  if (asksForAgent(speech)) {
    if (inbox.forwardingNumber) return twimlResponse(renderTwiml([say(voiceLines.connecting), dial(inbox.forwardingNumber)]));
    return twimlResponse(renderTwiml(prompt(voiceLines.noAgent, turn + 1)));
  }
  return twimlResponse(renderTwiml(prompt(deps.holdingLine(), turn + 1)));
}

/**
 * Creates the Twilio bindings over their dependencies.
 *
 * @example
 * const bindings = makeTwilioBindings({ resolveInbox, receiveChannelMessage, applyDeliveryReceipt });
 */
export function makeTwilioBindings(deps: TwilioBindingDeps): WebhookBinding[] {
  return [
    { routeKey: 'POST /webhooks/twilio/{inboxId}', maxBodyBytes: twilioFormLimits.maxBodyBytes, handle: (request) => handleMessaging(deps, request) },
    { routeKey: 'POST /webhooks/twilio/{inboxId}/status', maxBodyBytes: twilioFormLimits.maxBodyBytes, handle: (request) => handleStatus(deps, request) },
    { routeKey: 'POST /webhooks/twilio/{inboxId}/voice', maxBodyBytes: twilioFormLimits.maxBodyBytes, handle: (request) => handleVoice(deps, request) },
  ];
}

/** How long a resolved inbox is reused by one function instance, and how many are kept. */
const inboxCache = { ttlMs: 60_000, maxEntries: 1_000 } as const;

/**
 * Caches found inboxes for a minute per instance: a busy number posts many webhooks, and each
 * would otherwise read the route item and the inbox again (the credential store caches the token
 * itself). Unknown ids are not cached, so an inbox created a moment ago is found at once.
 */
function cachedResolver(resolve: TwilioBindingDeps['resolveInbox'], nowMs: () => number = Date.now): TwilioBindingDeps['resolveInbox'] {
  const cache = new Map<string, { value: TwilioWebhookInbox; until: number }>();
  return async (inboxId) => {
    const hit = cache.get(inboxId);
    if (hit && hit.until > nowMs()) return hit.value;
    const value = await resolve(inboxId);
    if (!value) return undefined;
    if (cache.size >= inboxCache.maxEntries) cache.delete(cache.keys().next().value!);
    cache.set(inboxId, { value, until: nowMs() + inboxCache.ttlMs });
    return value;
  };
}

/** The container's implementation of {@link TwilioBindingDeps} (resolved on first use). */
const containerDeps: TwilioBindingDeps = {
  resolveInbox: cachedResolver((inboxId) => channelInbound().resolveWebhookInbox(inboxId)),
  receiveChannelMessage: (message) => channelInbound().receiveChannelMessage(message),
  applyDeliveryReceipt: (receipt) => channelInbound().applyDeliveryReceipt(receipt),
  holdingLine: () => config().channels.voiceHoldingLine,
};

/** The Twilio webhook routes. */
export const twilioBindings: WebhookBinding[] = makeTwilioBindings(containerDeps);
