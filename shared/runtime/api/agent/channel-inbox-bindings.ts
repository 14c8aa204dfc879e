/**
 * The channel routes of agent-api (inbox set-up, test message, retry, channel state) — layer:
 * runtime (thin handlers: the router validated the input and checked the role).
 */
import { CreateInbox, GetChannelState, GetInboxSetup, RetryMessage, SendTestMessage } from '../../../contracts/http/channel-inboxes.js';
import { channelSetup } from '../../containers/channels.js';
import { bind, type RouteBinding } from '../../http/router.js';
import type { AgentApiCaller } from '../callers.js';
import { signedIn } from './auth-bindings.js';

/** The `Channels` routes (docs/API.md). */
export const channelInboxBindings: RouteBinding<AgentApiCaller>[] = [
  bind(CreateInbox, async ({ body, caller }) => {
    const { inbox, webhookUrls } = await channelSetup().createChannelInbox({
      accountId: signedIn(caller).accountId,
      name: body.name,
      channel: body.channel,
      ...(body.channelAddress ? { channelAddress: body.channelAddress } : {}),
      ...(body.credentials ? { credentials: body.credentials } : {}),
      ...(body.forwardingNumber ? { forwardingNumber: body.forwardingNumber } : {}),
      ...(body.templates ? { templates: body.templates } : {}),
    });
    return { id: inbox.id, name: inbox.name, channel: inbox.channel, ...(inbox.channelAddress ? { channelAddress: inbox.channelAddress } : {}), webhookUrls };
  }),

  bind(GetInboxSetup, async ({ params, caller }) => channelSetup().getInboxSetup({ accountId: signedIn(caller).accountId, inboxId: params.inboxId })),

  bind(SendTestMessage, async ({ params, body, caller }) => {
    const agent = signedIn(caller);
    return channelSetup().sendTestMessage({ accountId: agent.accountId, inboxId: params.inboxId, authorId: agent.agentId, to: body.to, body: body.body });
  }),

  bind(RetryMessage, async ({ params, caller }) => {
    const { accountId: _accountId, ...message } = await channelSetup().retryFailedMessage({
      accountId: signedIn(caller).accountId, conversationId: params.conversationId, messageId: params.messageId,
    });
    return message;
  }),

  bind(GetChannelState, async ({ params, caller }) => channelSetup().getChannelState({ accountId: signedIn(caller).accountId, conversationId: params.conversationId })),
];
