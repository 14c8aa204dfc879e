/**
 * In-memory channel ports — test helper for the channel services' unit tests.
 *
 * Builds on the conversation ports (tests/helpers/in-memory-conversation-ports.ts) and adds the
 * {@link ChannelRepository} (with the send state kept as an overlay on the stored messages), a
 * recording job queue, a credential store and a scripted sender.
 */
import type { Message } from '../../shared/domain/entities.js';
import type { ChannelSender, CredentialStore, InboxCredentials, OutboundChannelMessage, SendOutcome } from '../../shared/ports/channels.js';
import type { ChannelRepository, InboxRoute, MessageRef } from '../../shared/ports/channel-store.js';
import type { AiTurnJob, JobQueue, OutboundJob } from '../../shared/ports/job-queue.js';
import type { MessageRepository } from '../../shared/ports/repositories.js';
import { memoryConversationPorts } from './in-memory-conversation-ports.js';

const refKey = (r: MessageRef) => `${r.accountId}|${r.conversationId}|${r.messageId}`;
const order = ['queued', 'sent', 'delivered', 'read'] as const;

/** The channel ports over the in-memory conversation ports. */
export function memoryChannelPorts() {
  const base = memoryConversationPorts();
  const overlay = new Map<string, Partial<Message>>();
  const apply = (m: Message | undefined) => (m ? ({ ...m, ...overlay.get(refKey({ accountId: m.accountId, conversationId: m.conversationId, messageId: m.id })) } as Message) : undefined);
  const raw = base.deps.messages;
  const messages: MessageRepository = {
    ...raw,
    append: async (m) => apply(await raw.append(m))!,
    get: async (a, c, id) => apply(await raw.get(a, c, id)),
    list: async (a, c, o) => (await raw.list(a, c, o)).map((m) => apply(m)!),
  };
  const inboxRoutes = new Map<string, InboxRoute>();
  const metaRoutes = new Map<string, InboxRoute>();
  const threads = new Map<string, string>();
  const providerIds = new Map<string, MessageRef>();
  const buckets = new Map<string, { tokens: number; at: number }>();
  const writes: string[] = [];

  async function current(ref: MessageRef) {
    return messages.get(ref.accountId, ref.conversationId, ref.messageId);
  }
  function set(ref: MessageRef, changes: Partial<Message> & Record<string, unknown>) {
    overlay.set(refKey(ref), { ...overlay.get(refKey(ref)), ...changes });
  }

  const conversationClaims = new Map<string, string>();
  const channels: ChannelRepository = {
    async putInboxRoute(route) { inboxRoutes.set(route.inboxId, route); },
    async findInboxRoute(inboxId) { return inboxRoutes.get(inboxId); },
    async putMetaRoute(address, route) {
      const held = metaRoutes.get(address);
      if (held && (held.accountId !== route.accountId || held.inboxId !== route.inboxId)) return false;
      metaRoutes.set(address, route);
      return true;
    },
    async findMetaRoute(address) { return metaRoutes.get(address); },
    async putEmailThread(a, i, id, c) { threads.set(`${a}|${i}|${id}`, c); },
    async findEmailThread(a, i, id) { return threads.get(`${a}|${i}|${id}`); },
    async claimNextConversation(a, i, contactId, previous, candidate) {
      const claim = `${a}|${i}|${contactId}|${previous ?? 'FIRST'}`;
      if (!conversationClaims.has(claim)) conversationClaims.set(claim, candidate);
      return conversationClaims.get(claim)!;
    },
    async putProviderMessage(p, id, ref) { providerIds.set(`${p}|${id}`, ref); },
    async findProviderMessage(p, id) { return providerIds.get(`${p}|${id}`); },
    async claimSend(ref) {
      const m = await current(ref);
      if (!m || m.type !== 'outgoing') return { kind: 'missing' };
      if (m.status === 'queued') { writes.push('claim'); return { kind: 'claimed', message: m }; }
      return m.status === 'failed' ? { kind: 'failed', message: m } : { kind: 'already-sent', message: m };
    },
    async markSent(ref, providerMessageId) {
      const m = await current(ref);
      if (!m) return false;
      if (m.status === 'queued') set(ref, { status: 'sent', providerMessageId });
      else set(ref, { providerMessageId });
      return true;
    },
    async markFailed(ref, reason) {
      const m = await current(ref);
      if (!m || (m.status !== 'queued' && m.status !== 'sent')) return undefined;
      set(ref, { status: 'failed', failureReason: reason });
      return current(ref);
    },
    async requeue(ref) {
      const m = await current(ref);
      if (!m || m.status !== 'failed') return undefined;
      set(ref, { status: 'queued', failureReason: undefined });
      return current(ref);
    },
    async advanceStatus(ref, status, _at, reason, providerMessageId) {
      const m = await current(ref);
      if (!m) return undefined;
      if (providerMessageId !== undefined && m.providerMessageId !== providerMessageId) return undefined;
      const allowed = status === 'failed' ? m.status === 'queued' || m.status === 'sent'
        : m.status !== 'failed' && order.indexOf(m.status as (typeof order)[number]) < order.indexOf(status);
      if (!allowed) return undefined;
      set(ref, { status, ...(reason && status === 'failed' ? { failureReason: reason } : {}) });
      return current(ref);
    },
    async takeToken(key, spec, nowMs) {
      const b = buckets.get(key) ?? { tokens: spec.capacity, at: nowMs };
      const level = Math.min(spec.capacity, b.tokens + ((nowMs - b.at) / 1000) * spec.refillPerSecond);
      if (level < 1) return Math.max(1, Math.ceil((1 - level) / spec.refillPerSecond));
      buckets.set(key, { tokens: level - 1, at: nowMs });
      return 0;
    },
  };

  const aiJobs: AiTurnJob[] = [];
  const outboundJobs: OutboundJob[] = [];
  let queueDown = false;
  const jobs: JobQueue = {
    async enqueueAiJob(job) {
      if (queueDown) throw new Error('queue down');
      if (job.kind !== 'ai-turn') throw new Error('the channel tests queue only AI turns');
      // SQS FIFO: a repeated deduplication id is dropped.
      if (!aiJobs.some((j) => j.messageId === job.messageId)) aiJobs.push(job);
    },
    async enqueueOutbound(job) {
      if (queueDown) throw new Error('queue down');
      outboundJobs.push(job);
    },
    async enqueueKnowledgeJob() {
      throw new Error('the channel tests queue no knowledge jobs');
    },
  };

  const stored = new Map<string, InboxCredentials>();
  const credentials: CredentialStore = {
    async put(a, i, c) { stored.set(`${a}|${i}`, c); },
    async get(a, i) { return stored.get(`${a}|${i}`); },
  };

  const sent: OutboundChannelMessage[] = [];
  const script: SendOutcome[] = [];
  const sender = (provider: 'twilio' | 'meta' | 'sendgrid'): ChannelSender => ({
    provider,
    async send(message) {
      sent.push(message);
      return script.shift() ?? { kind: 'sent', providerMessageId: `P${sent.length}` };
    },
  });

  const deps = {
    ...base.deps,
    messages,
    channels,
    jobs,
    credentials,
    senders: { twilio: sender('twilio'), meta: sender('meta'), sendgrid: sender('sendgrid') },
  };
  return {
    deps, clock: base.clock, ids: base.ids, aiJobs, outboundJobs, sent, script, writes,
    setQueueDown: (down: boolean) => { queueDown = down; },
  };
}
