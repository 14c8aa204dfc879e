/**
 * The open conversation: header with actions, the message stream, the composer, and the
 * contact sidebar. Follows its `conversation:<id>` topic; catches up after a reconnect.
 */
import type { JSX } from 'preact';
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../api.js';
import { useLatest, useNow } from '../hooks.js';
import { isWhatsApp } from '../lib/channels.js';
import { markRetrying, markRetryRefused } from '../lib/delivery.js';
import { lastSeq, mergeMessages } from '../lib/messages.js';
import { formatClock, formatDayHeading, formatRelativeTime, sameDay } from '../lib/relative-time.js';
import { formatUsd } from '../lib/ai-format.js';
import { snoozeOptions } from '../lib/snooze.js';
import { makeTypingThrottle } from '../lib/typing-throttle.js';
import type { ChannelState } from '../lib/whatsapp-window.js';
import type { ContactDetails, ConversationView, MessageView, Priority } from '../types.js';
import { useWorkspace } from '../workspace-context.js';
import { FailedDelivery, StatusTicks, TemplateComposer, useWindowClosed, WindowCountdown } from './channel-composer.js';
import { ChannelIcon } from './channel-icon.js';
import { presenceOf } from './inbox.js';
import { Avatar, EmptyState, ErrorLine, Icon, Menu, Skeleton, type MenuItem } from './ui.js';
import { aiDeltaOf, applyDelta, liveStreams, type AnswerStream } from '../../../widget/src/frame/ai-stream.js';
import { AiSummaryPanel, AnswerDetails, BotAvatar, HandledByBadge, HandoffActions, StreamingAnswer } from './ai-conversation.js';

/** What the inbox's keyboard shortcuts can ask of the open conversation. */
export interface PaneCommands {
  focusReply(): void;
  focusNote(): void;
  resolve(): void;
  assign(): void;
  /** Take the conversation over from the bot (or a hand-off waiting for a person). */
  takeOver(): void;
}

/** A message being sent (shown right away, replaced by the server's message). */
interface PendingMessage {
  readonly clientMessageId: string;
  readonly body: string;
  readonly type: 'outgoing' | 'note';
  readonly createdAt: string;
  readonly status: 'queued' | 'failed';
  readonly error?: string;
  /** A WhatsApp template sent instead of free text (the window was closed). */
  readonly template?: TemplateChoice;
}

/** The template part of a reply body. */
type TemplateChoice = { readonly name: string; readonly language: string; readonly parameters: string[] };

const typingHideMs = 5000;
const drafts = new Map<string, { text: string; mode: 'reply' | 'note' }>();

function newClientMessageId(): string {
  if (typeof crypto !== 'undefined' && 'randomUUID' in crypto) return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

function contactName(conversation: ConversationView | null, details?: ContactDetails | null): string {
  const channelId = details?.identities.find((identity) => identity.channel !== 'web')?.externalId;
  return details?.contact.name || conversation?.contact?.name || details?.contact.email || conversation?.contact?.email || details?.contact.phone || channelId || 'Visitor';
}

/** The right-hand side of the inbox for one conversation. */
export function ConversationPane(props: { conversationId: string; commands: { current: PaneCommands | null } }) {
  const { conversationId } = props;
  const workspace = useWorkspace();
  const [conversation, setConversation] = useState<ConversationView | null>(null);
  const [failure, setFailure] = useState<string | undefined>();
  const [messages, setMessages] = useState<MessageView[] | null>(null);
  const [olderCursor, setOlderCursor] = useState<string | undefined>();
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [pending, setPending] = useState<PendingMessage[]>([]);
  const [typingLabel, setTypingLabel] = useState<string | undefined>();
  const [actionError, setActionError] = useState<string | undefined>();
  const [mode, setMode] = useState<'reply' | 'note'>(() => drafts.get(conversationId)?.mode ?? 'reply');
  const [contact, setContact] = useState<ContactDetails | null | undefined>();
  const [history, setHistory] = useState<ConversationView[] | undefined>();
  const [channelState, setChannelState] = useState<ChannelState | undefined>();
  const [channelStateVersion, setChannelStateVersion] = useState(0);
  const [retrying, setRetrying] = useState<ReadonlySet<string>>(() => new Set());
  const [streams, setStreams] = useState<AnswerStream[]>([]);
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const assignOpen = useRef<(() => void) | null>(null);
  const typingTimer = useRef<ReturnType<typeof setTimeout> | undefined>();
  const readTimer = useRef<ReturnType<typeof setTimeout> | undefined>();
  const latest = useLatest({ conversation, messages });

  const markRead = useCallback(() => {
    clearTimeout(readTimer.current);
    readTimer.current = setTimeout(() => {
      if (document.visibilityState === 'visible') api.markRead(conversationId).catch(() => {});
    }, 300);
  }, [conversationId]);

  // First load: the conversation and its newest messages.
  useEffect(() => {
    let cancelled = false;
    Promise.all([api.conversation(conversationId), api.messages(conversationId, { limit: 50 })]).then(
      ([view, page]) => {
        if (cancelled) return;
        setConversation(view);
        setMessages(mergeMessages([], page.items));
        setOlderCursor(page.nextCursor);
        markRead();
      },
      (error: unknown) => {
        if (cancelled) return;
        setFailure(
          error instanceof ApiError && (error.status === 404 || error.status === 400)
            ? 'This conversation does not exist or you cannot see it.'
            : (error as Error).message,
        );
      },
    );
    return () => {
      cancelled = true;
      clearTimeout(typingTimer.current);
      clearTimeout(readTimer.current);
    };
  }, [conversationId, markRead]);

  // The contact's details and past conversations.
  const contactId = conversation?.contactId;
  useEffect(() => {
    if (!contactId) return;
    let cancelled = false;
    api.contact(contactId).then(
      (details) => !cancelled && setContact(details),
      () => !cancelled && setContact(null),
    );
    api.contactConversations(contactId).then(
      (page) => !cancelled && setHistory(page.items),
      () => !cancelled && setHistory([]),
    );
    return () => {
      cancelled = true;
    };
  }, [contactId]);

  // WhatsApp's 24-hour window: asked when the conversation opens, again after each customer message.
  const channel = workspace.inboxes.find((inbox) => inbox.id === conversation?.inboxId)?.channel;
  const hasWindow = isWhatsApp(channel);
  useEffect(() => {
    if (!hasWindow) {
      setChannelState(undefined);
      return;
    }
    let cancelled = false;
    api.channelState(conversationId).then(
      (state) => !cancelled && setChannelState(state),
      () => !cancelled && setChannelState(undefined),
    );
    return () => {
      cancelled = true;
    };
  }, [conversationId, hasWindow, channelStateVersion]);

  // Realtime: messages, conversation changes, typing; catch-up after a reconnect.
  useEffect(() => {
    const offEvent = workspace.onEvent((_topic, event) => {
      if (event.conversationId !== conversationId) return;
      const delta = aiDeltaOf(event);
      if (delta) {
        const known = new Set((latest.current.messages ?? []).map((message) => message.id));
        setStreams((previous) => applyDelta(previous, delta, known, Date.now()));
        return;
      }
      if ((event.type === 'message.created' || event.type === 'message.updated') && event.message) {
        const message = event.message as MessageView;
        setMessages((previous) => mergeMessages(previous ?? [], [message]));
        // The final answer replaces the bubble its streamed pieces were building.
        setStreams((previous) => (previous.length ? liveStreams(previous, new Set([message.id]), Date.now()) : previous));
        if (event.type === 'message.created' && message.type === 'incoming') {
          setTypingLabel(undefined);
          markRead();
          setChannelStateVersion((version) => version + 1);
        }
      } else if ((event.type === 'conversation.updated' || event.type === 'conversation.created') && event.conversation) {
        const update = event.conversation as ConversationView;
        setConversation((previous) => {
          if (!previous || update.seq < previous.seq) return previous;
          const { contact: keptContact, lastMessage } = previous;
          return { ...update, contact: update.contact ?? keptContact, lastMessage: update.lastMessage ?? lastMessage };
        });
      } else if (event.type === 'typing') {
        // `{ author: 'visitor' | 'agent', agentName?, typing }` (the server relays a visitor's typing to agents).
        const fromAgent = event.author === 'agent';
        clearTimeout(typingTimer.current);
        if (event.typing === false) {
          setTypingLabel(undefined);
          return;
        }
        const agentName = typeof event.agentName === 'string' ? event.agentName : undefined;
        setTypingLabel(fromAgent ? `${agentName ?? 'A teammate'} is typing…` : 'Customer is typing…');
        typingTimer.current = setTimeout(() => setTypingLabel(undefined), typingHideMs);
      }
    });
    const offReconnect = workspace.onReconnect(() => {
      api.conversation(conversationId).then(setConversation, () => {});
      setChannelStateVersion((version) => version + 1);
      void catchUp();
    });
    return () => {
      offEvent();
      offReconnect();
    };
  }, [conversationId, workspace.onEvent, workspace.onReconnect, markRead]);

  const catchUp = async () => {
    let afterSeq = lastSeq(latest.current.messages ?? []);
    for (let pageCount = 0; pageCount < 10; pageCount += 1) {
      let page;
      try {
        page = await api.messages(conversationId, { afterSeq, limit: 100 });
      } catch {
        return;
      }
      const items = page.items;
      setMessages((previous) => mergeMessages(previous ?? [], items));
      if (items.some((message) => message.type === 'incoming')) markRead();
      if (!page.nextCursor || items.length === 0) return;
      afterSeq = Math.max(afterSeq, lastSeq(items));
    }
  };

  const loadOlder = async () => {
    if (!olderCursor) return;
    setLoadingOlder(true);
    try {
      const page = await api.messages(conversationId, { cursor: olderCursor, limit: 50 });
      setMessages((previous) => mergeMessages(previous ?? [], page.items));
      setOlderCursor(page.nextCursor);
    } catch (error) {
      setActionError((error as Error).message);
    } finally {
      setLoadingOlder(false);
    }
  };

  const act = async (action: () => Promise<ConversationView>) => {
    setActionError(undefined);
    try {
      const view = await action();
      setConversation((previous) => ({ ...view, contact: view.contact ?? previous?.contact, lastMessage: view.lastMessage ?? previous?.lastMessage }));
    } catch (error) {
      setActionError((error as Error).message);
    }
  };

  const resolve = () => void act(() => api.setStatus(conversationId, { status: 'resolved' }));
  const reopen = () => void act(() => api.setStatus(conversationId, { status: 'open' }));
  const snooze = (until: string) => void act(() => api.setStatus(conversationId, { status: 'snoozed', snoozedUntil: until }));
  const assign = (agentId: string | null) => void act(() => api.assign(conversationId, { assigneeId: agentId }));
  const prioritize = (priority: Priority) => void act(() => api.setPriority(conversationId, priority));
  const handoff = (to: 'human' | 'bot') =>
    void act(async () => {
      // `{ conversation }` per the spec; a bare view (like the assign route's) is accepted too.
      const answer = (await api.handoff(conversationId, to)) as { conversation?: ConversationView } & Partial<ConversationView>;
      return answer.conversation ?? (answer as ConversationView);
    });

  // A stream that stops without its final message (hand-off, model failure) is dropped after a while.
  const streaming = streams.length > 0;
  useEffect(() => {
    if (!streaming) return;
    const timer = setInterval(() => setStreams((previous) => liveStreams(previous, new Set((latest.current.messages ?? []).map((m) => m.id)), Date.now())), 5000);
    return () => clearInterval(timer);
  }, [streaming]);

  const focusComposer = (next: 'reply' | 'note') => {
    setMode(next);
    requestAnimationFrame(() => composerRef.current?.focus());
  };

  props.commands.current = {
    focusReply: () => focusComposer('reply'),
    focusNote: () => focusComposer('note'),
    resolve: () => {
      if (latest.current.conversation && latest.current.conversation.status !== 'resolved') resolve();
    },
    assign: () => assignOpen.current?.(),
    takeOver: () => {
      const current = latest.current.conversation;
      if (current && current.handledBy !== 'human' && current.status !== 'resolved') handoff('human');
    },
  };
  useEffect(
    () => () => {
      props.commands.current = null;
    },
    [],
  );

  const send = async (body: string, type: 'outgoing' | 'note', clientMessageId = newClientMessageId(), template?: TemplateChoice) => {
    const entry: PendingMessage = { clientMessageId, body, type, createdAt: new Date().toISOString(), status: 'queued', ...(template ? { template } : {}) };
    setPending((previous) => [...previous.filter((item) => item.clientMessageId !== clientMessageId), entry]);
    try {
      const message = template
        ? await api.replyWithTemplate(conversationId, { body, template, clientMessageId })
        : await api.reply(conversationId, type === 'note' ? { body, private: true, clientMessageId } : { body, clientMessageId });
      setMessages((previous) => mergeMessages(previous ?? [], [message]));
      setPending((previous) => previous.filter((item) => item.clientMessageId !== clientMessageId));
    } catch (error) {
      setPending((previous) =>
        previous.map((item) => (item.clientMessageId === clientMessageId ? { ...item, status: 'failed', error: (error as Error).message } : item)),
      );
      // The window may have closed since it was last asked: ask again so the composer offers templates.
      if (hasWindow) setChannelStateVersion((version) => version + 1);
    }
  };

  // An agent's retry of a reply the provider refused: queued again at once, receipts move it on.
  const retryDelivery = async (message: MessageView) => {
    setRetrying((previous) => new Set(previous).add(message.id));
    setMessages((previous) => markRetrying(previous ?? [], message.id));
    try {
      const answer = await api.retryMessage(conversationId, message.id);
      if (answer?.id === message.id) setMessages((previous) => mergeMessages(previous ?? [], [answer]));
    } catch (error) {
      setMessages((previous) => markRetryRefused(previous ?? [], message.id, (error as Error).message));
    } finally {
      setRetrying((previous) => {
        const next = new Set(previous);
        next.delete(message.id);
        return next;
      });
    }
  };

  if (failure) {
    return (
      <section class="conversation-column conversation-empty" aria-label="Conversation">
        <EmptyState icon="alert" title="Cannot open this conversation">
          {failure} <a href="#/inbox">Back to the inbox</a>
        </EmptyState>
      </section>
    );
  }

  const name = contactName(conversation, contact);
  return (
    <>
      <section class="conversation-column" aria-label={`Conversation with ${name}`} data-conversation-id={conversationId}>
        <ConversationHeader
          conversation={conversation}
          name={name}
          onResolve={resolve}
          onReopen={reopen}
          onSnooze={snooze}
          onAssign={assign}
          onPriority={prioritize}
          onHandoff={handoff}
          assignOpen={assignOpen}
        />
        {conversation?.aiSummary && conversation.handledBy !== 'bot' ? <AiSummaryPanel summary={conversation.aiSummary} handledBy={conversation.handledBy} onTakeOver={() => handoff('human')} /> : null}
        {actionError ? (
          <div class="action-error">
            <ErrorLine message={actionError} />
            <button type="button" class="icon-button" aria-label="Dismiss" onClick={() => setActionError(undefined)}>
              <Icon name="close" size={14} />
            </button>
          </div>
        ) : null}
        <MessageStream
          messages={messages}
          pending={pending}
          contactName={name}
          contactId={conversation?.contactId ?? conversationId}
          olderCursor={olderCursor}
          loadingOlder={loadingOlder}
          onLoadOlder={() => void loadOlder()}
          onRetry={(item) => void send(item.body, item.type, item.clientMessageId, item.template)}
          retrying={retrying}
          onRetryDelivery={(message) => void retryDelivery(message)}
          streams={streams}
        />
        <div class="typing-slot" aria-live="polite">
          {typingLabel ? (
            <span class="typing-indicator" data-testid="typing-indicator">
              <span class="typing-dots" aria-hidden="true">
                <span />
                <span />
                <span />
              </span>
              {typingLabel}
            </span>
          ) : null}
        </div>
        <Composer
          conversationId={conversationId}
          mode={mode}
          onMode={setMode}
          textareaRef={composerRef}
          resolved={conversation?.status === 'resolved'}
          onSend={(body, type) => void send(body, type)}
          channelState={channelState}
          onSendTemplate={(reply) => void send(reply.body, 'outgoing', undefined, reply.template)}
        />
      </section>
      <ContactSidebar conversation={conversation} contact={contact} history={history} name={name} />
    </>
  );
}

const priorityChoices: readonly { value: Priority; label: string }[] = [
  { value: 'none', label: 'No priority' },
  { value: 'low', label: 'Low' },
  { value: 'medium', label: 'Medium' },
  { value: 'high', label: 'High' },
  { value: 'urgent', label: 'Urgent' },
];

const statusLabels: Record<string, string> = { open: 'Open', pending: 'Pending', snoozed: 'Snoozed', resolved: 'Resolved' };

function ConversationHeader(props: {
  conversation: ConversationView | null;
  name: string;
  onResolve: () => void;
  onReopen: () => void;
  onSnooze: (until: string) => void;
  onAssign: (agentId: string | null) => void;
  onPriority: (priority: Priority) => void;
  onHandoff: (to: 'human' | 'bot') => void;
  assignOpen: { current: (() => void) | null };
}) {
  const workspace = useWorkspace();
  const { conversation } = props;
  if (!conversation) {
    return (
      <header class="conversation-header">
        <Skeleton width="36px" height="36px" class="skeleton-round" />
        <span class="header-title">
          <Skeleton width="160px" height="14px" />
          <Skeleton width="100px" height="10px" />
        </span>
      </header>
    );
  }
  const assignee = conversation.assigneeId ? workspace.agentsById.get(conversation.assigneeId) : undefined;
  const agents = [...workspace.agents]
    .filter((agent) => !agent.disabled)
    .sort((a, b) => {
      if (a.id === workspace.me.agent.id) return -1;
      if (b.id === workspace.me.agent.id) return 1;
      const rank = { online: 0, away: 1, offline: 2 } as const;
      return rank[presenceOf(a)] - rank[presenceOf(b)] || a.name.localeCompare(b.name);
    });
  const assignItems: MenuItem[] = [
    {
      key: 'none',
      label: (
        <>
          <span class="menu-avatar-empty" />
          Unassigned
        </>
      ),
      selected: !conversation.assigneeId,
      attrs: { 'data-agent-id': '' },
      onSelect: () => props.onAssign(null),
    },
    ...agents.map((agent) => ({
      key: agent.id,
      label: (
        <>
          <Avatar id={agent.id} name={agent.name} size="sm" presence={presenceOf(agent)} />
          <span class="menu-label">
            {agent.name}
            {agent.id === workspace.me.agent.id ? <span class="muted"> (you)</span> : null}
          </span>
        </>
      ),
      selected: agent.id === conversation.assigneeId,
      attrs: { 'data-agent-id': agent.id },
      onSelect: () => props.onAssign(agent.id),
    })),
  ];
  const now = new Date();
  const snoozeItems: MenuItem[] = snoozeOptions(now).map((option) => ({
    key: option.key,
    label: (
      <>
        <span class="menu-label">{option.label}</span>
        <span class="muted small">{new Date(option.until).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</span>
      </>
    ),
    attrs: { 'data-snooze': option.key },
    onSelect: () => props.onSnooze(option.until),
  }));
  const priorityItems: MenuItem[] = priorityChoices.map((choice) => ({
    key: choice.value,
    label: (
      <>
        <span class={`priority priority-${choice.value}`}>
          <Icon name="flag" size={12} />
        </span>
        <span class="menu-label">{choice.label}</span>
      </>
    ),
    selected: conversation.priority === choice.value,
    attrs: { 'data-priority': choice.value },
    onSelect: () => props.onPriority(choice.value),
  }));
  const inbox = workspace.inboxes.find((item) => item.id === conversation.inboxId);
  const isResolved = conversation.status === 'resolved';
  const isSnoozed = conversation.status === 'snoozed';
  return (
    <header class="conversation-header">
      <Avatar id={conversation.contactId} name={props.name} size="lg" />
      <span class="header-title">
        <h2 class="header-name">{props.name}</h2>
        <span class="header-meta">
          <span class={`status-pill status-pill-${conversation.status}`} data-testid="conversation-status">
            {statusLabels[conversation.status] ?? conversation.status}
          </span>
          {isSnoozed && conversation.snoozedUntil ? <span class="muted small">until {new Date(conversation.snoozedUntil).toLocaleString([], { weekday: 'short', hour: '2-digit', minute: '2-digit' })}</span> : null}
          {inbox ? (
            <span class="muted small header-channel" data-testid="conversation-channel" data-channel={inbox.channel}>
              <ChannelIcon channel={inbox.channel} size={13} />
              via {inbox.name}
            </span>
          ) : null}
          {conversation.handledBy === 'human' && workspace.aiEnabled === false ? null : <HandledByBadge handledBy={conversation.handledBy} />}
          {typeof conversation.aiCostUsd === 'number' && conversation.aiCostUsd > 0 ? (
            <span class="ai-cost-chip" data-testid="conversation-ai-cost" title="What the AI has cost on this conversation">
              AI {formatUsd(conversation.aiCostUsd)}
            </span>
          ) : null}
        </span>
      </span>
      <div class="header-actions">
        <HandoffActions handledBy={conversation.handledBy} resolved={isResolved} onHandoff={props.onHandoff} />
        <Menu
          ariaLabel="Priority"
          testId="action-priority"
          items={priorityItems}
          header="Priority"
          buttonClass={`btn btn-ghost btn-icon priority priority-${conversation.priority}`}
          label={<Icon name="flag" size={16} />}
        />
        <Menu
          ariaLabel={assignee ? `Assigned to ${assignee.name}. Change assignee` : 'Assign'}
          testId="action-assign"
          items={assignItems}
          header="Assign to"
          openRef={props.assignOpen}
          buttonClass="btn btn-secondary assign-button"
          label={
            assignee ? (
              <>
                <Avatar id={assignee.id} name={assignee.name} size="sm" presence={presenceOf(assignee)} />
                <span class="assign-name">{assignee.name}</span>
                <Icon name="chevron" size={14} />
              </>
            ) : (
              <>
                <Icon name="user" size={14} />
                <span class="assign-name">Assign</span>
                <Icon name="chevron" size={14} />
              </>
            )
          }
        />
        {!isResolved && !isSnoozed ? (
          <Menu ariaLabel="Snooze" testId="action-snooze" items={snoozeItems} header="Snooze until" buttonClass="btn btn-secondary btn-icon" label={<Icon name="clock" size={16} />} />
        ) : null}
        {isResolved || isSnoozed ? (
          <button type="button" class="btn btn-secondary" data-testid="action-reopen" onClick={props.onReopen} title="Reopen">
            <Icon name="reopen" size={14} />
            Reopen
          </button>
        ) : null}
        {!isResolved ? (
          <button type="button" class="btn btn-primary" data-testid="action-resolve" onClick={props.onResolve} title="Resolve (e)">
            <Icon name="resolve" size={14} />
            Resolve
          </button>
        ) : null}
      </div>
    </header>
  );
}

function Attachments(props: { message: MessageView }) {
  const attachments = props.message.attachments ?? [];
  if (attachments.length === 0) return null;
  return (
    <ul class="attachments">
      {attachments.map((attachment, index) => (
        <li key={attachment.id ?? index}>
          {attachment.url ? (
            <a class="attachment" href={attachment.url} target="_blank" rel="noopener noreferrer">
              <Icon name="paperclip" size={13} />
              {attachment.fileName ?? 'Attachment'}
            </a>
          ) : (
            <span class="attachment">
              <Icon name="paperclip" size={13} />
              {attachment.fileName ?? 'Attachment'}
            </span>
          )}
          {attachment.size ? <span class="muted small"> {formatSize(attachment.size)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

function MessageStream(props: {
  messages: MessageView[] | null;
  pending: readonly PendingMessage[];
  contactName: string;
  contactId: string;
  olderCursor: string | undefined;
  loadingOlder: boolean;
  onLoadOlder: () => void;
  onRetry: (item: PendingMessage) => void;
  retrying: ReadonlySet<string>;
  onRetryDelivery: (message: MessageView) => void;
  streams: readonly AnswerStream[];
}) {
  const now = useNow(60_000);
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const previousHeight = useRef(0);
  const firstId = props.messages?.[0]?.id;
  const lastFirstId = useRef<string | undefined>();

  const onScroll = () => {
    const element = scroller.current;
    if (element) stick.current = element.scrollHeight - element.scrollTop - element.clientHeight < 120;
  };

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    if (lastFirstId.current && firstId !== lastFirstId.current && !stick.current) {
      // Older messages were prepended: keep what the agent was reading in place.
      element.scrollTop += element.scrollHeight - previousHeight.current;
    } else if (stick.current) {
      element.scrollTop = element.scrollHeight;
    }
    lastFirstId.current = firstId;
    previousHeight.current = element.scrollHeight;
  }, [props.messages, props.pending, firstId, props.streams]);

  // Sending a message always scrolls to it.
  useEffect(() => {
    if (props.pending.length > 0) {
      stick.current = true;
      const element = scroller.current;
      if (element) element.scrollTop = element.scrollHeight;
    }
  }, [props.pending.length]);

  if (!props.messages) {
    return (
      <div class="stream" aria-busy="true">
        <div class="stream-inner">
          <div class="bubble-skeleton left">
            <Skeleton width="260px" height="38px" />
          </div>
          <div class="bubble-skeleton right">
            <Skeleton width="200px" height="38px" />
          </div>
          <div class="bubble-skeleton left">
            <Skeleton width="320px" height="54px" />
          </div>
        </div>
      </div>
    );
  }

  const items: JSX.Element[] = [];
  let previous: MessageView | undefined;
  for (const message of props.messages) {
    if (!previous || !sameDay(previous.createdAt, message.createdAt)) {
      items.push(
        <div class="day-separator" key={`day-${message.id}`} role="separator">
          <span>{formatDayHeading(message.createdAt, now)}</span>
        </div>,
      );
    }
    const continued =
      previous !== undefined &&
      previous.type === message.type &&
      previous.authorId === message.authorId &&
      previous.authorType === message.authorType &&
      sameDay(previous.createdAt, message.createdAt) &&
      Date.parse(message.createdAt) - Date.parse(previous.createdAt) < 5 * 60_000;
    items.push(
      <MessageItem
        key={message.id}
        message={message}
        continued={continued}
        contactName={props.contactName}
        contactId={props.contactId}
        retrying={props.retrying.has(message.id)}
        onRetryDelivery={props.onRetryDelivery}
      />,
    );
    previous = message;
  }

  return (
    <div class="stream" ref={scroller} onScroll={onScroll} role="log" aria-label="Messages" aria-live="polite">
      <div class="stream-inner">
        {props.olderCursor ? (
          <div class="load-older">
            <button type="button" class="btn btn-ghost btn-small" onClick={props.onLoadOlder} disabled={props.loadingOlder}>
              {props.loadingOlder ? 'Loading…' : 'Load earlier messages'}
            </button>
          </div>
        ) : null}
        {props.messages.length === 0 && props.pending.length === 0 ? (
          <EmptyState icon="note" title="No messages yet">
            Write the first reply below, or leave a private note for your team.
          </EmptyState>
        ) : null}
        {items}
        {props.streams.map((stream) => (
          <StreamingAnswer key={stream.messageId} stream={stream} />
        ))}
        {props.pending.map((item) => (
          <div
            key={item.clientMessageId}
            class={`message message-${item.type} message-pending`}
            data-testid="message"
            data-type={item.type}
            data-status={item.status}
            data-pending="true"
          >
            <div class="bubble-group">
              <div class="bubble">{item.body}</div>
              <div class="message-meta">
                {item.status === 'failed' ? (
                  <>
                    <span class="failed-text">{item.error ?? 'Not sent'}</span>
                    <button type="button" class="link small" onClick={() => props.onRetry(item)}>
                      Retry
                    </button>
                  </>
                ) : (
                  <>
                    <span>Sending…</span>
                    <StatusTicks status="queued" />
                  </>
                )}
              </div>
            </div>
          </div>
        ))}
      </div>
    </div>
  );
}

function MessageItem(props: {
  message: MessageView;
  continued: boolean;
  contactName: string;
  contactId: string;
  retrying: boolean;
  onRetryDelivery: (message: MessageView) => void;
}) {
  const workspace = useWorkspace();
  const { message } = props;
  const common = {
    'data-testid': 'message',
    'data-type': message.type,
    'data-status': message.status,
    'data-message-id': message.id,
    'data-seq': String(message.seq),
  };
  if (message.type === 'activity') {
    return (
      <div class="message message-activity" {...common}>
        <span class="activity-text">{message.body}</span>
        <time class="muted small" dateTime={message.createdAt}>
          {formatClock(message.createdAt)}
        </time>
      </div>
    );
  }
  const incoming = message.type === 'incoming';
  const agent = message.authorId ? workspace.agentsById.get(message.authorId) : undefined;
  const author = incoming
    ? props.contactName
    : message.authorType === 'bot'
      ? 'AI assistant'
      : message.authorId === workspace.me.agent.id
        ? 'You'
        : (agent?.name ?? 'Agent');
  const avatarId = incoming ? props.contactId : (message.authorId ?? 'bot');
  const avatarName = incoming ? props.contactName : message.authorType === 'bot' ? 'Bot' : (agent?.name ?? workspace.me.agent.name);
  return (
    <div class={`message message-${message.type} ${message.authorType === 'bot' ? 'message-bot' : ''} ${props.continued ? 'message-continued' : ''}`} {...common}>
      <span class="message-avatar">{props.continued ? null : message.authorType === 'bot' ? <BotAvatar /> : <Avatar id={avatarId} name={avatarName} size="sm" />}</span>
      <div class="bubble-group">
        {props.continued ? null : (
          <div class="message-author">
            {author}
            {message.type === 'note' ? <span class="note-label">Private note</span> : null}
          </div>
        )}
        <div class="bubble">
          {message.body}
          <Attachments message={message} />
        </div>
        <div class="message-meta">
          <time dateTime={message.createdAt} title={new Date(message.createdAt).toLocaleString()}>
            {formatClock(message.createdAt)}
          </time>
          {message.template ? <span class="template-tag">Template {message.template.name}</span> : null}
          {message.type === 'outgoing' ? <StatusTicks status={message.status} /> : null}
          {message.type === 'outgoing' && message.status === 'failed' ? <span class="failed-text">Not delivered</span> : null}
        </div>
        {message.type === 'outgoing' ? <FailedDelivery message={message} retrying={props.retrying} onRetry={props.onRetryDelivery} /> : null}
        {message.authorType === 'bot' && message.ai ? <AnswerDetails ai={message.ai} messageId={message.id} /> : null}
      </div>
    </div>
  );
}

function Composer(props: {
  conversationId: string;
  mode: 'reply' | 'note';
  onMode: (mode: 'reply' | 'note') => void;
  textareaRef: { current: HTMLTextAreaElement | null };
  resolved: boolean;
  onSend: (body: string, type: 'outgoing' | 'note') => void;
  channelState: ChannelState | undefined;
  onSendTemplate: (reply: { body: string; template: TemplateChoice }) => void;
}) {
  const workspace = useWorkspace();
  const windowClosed = useWindowClosed(props.channelState);
  const { conversationId, mode } = props;
  const [text, setText] = useState(() => drafts.get(conversationId)?.text ?? '');
  const throttle = useRef(makeTypingThrottle(3000, 5000));
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>();
  const latest = useLatest({ text, mode });

  const stopTyping = () => {
    clearTimeout(idleTimer.current);
    if (throttle.current.stop() === false) workspace.sendTyping(conversationId, false);
  };

  useEffect(
    () => () => {
      drafts.set(conversationId, { text: latest.current.text, mode: latest.current.mode });
      stopTyping();
    },
    [conversationId],
  );

  // A private note is never announced to the customer as typing.
  useEffect(() => {
    if (mode === 'note') stopTyping();
  }, [mode]);

  const onInput = (event: JSX.TargetedEvent<HTMLTextAreaElement>) => {
    const value = event.currentTarget.value;
    setText(value);
    autoGrow(event.currentTarget);
    if (mode !== 'reply') return;
    if (value.trim() === '') {
      stopTyping();
      return;
    }
    if (throttle.current.input(Date.now()) === true) workspace.sendTyping(conversationId, true);
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(() => {
      if (throttle.current.idle(Date.now()) === false) workspace.sendTyping(conversationId, false);
    }, 5000);
  };

  const submit = () => {
    const body = text.trim();
    if (!body) return;
    if (body.length > 4000) return;
    props.onSend(body, mode === 'note' ? 'note' : 'outgoing');
    setText('');
    drafts.delete(conversationId);
    stopTyping();
    const area = props.textareaRef.current;
    if (area) {
      area.value = '';
      autoGrow(area);
    }
  };

  const onKeyDown = (event: JSX.TargetedKeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      submit();
    } else if (event.key === 'Escape') {
      event.currentTarget.blur();
    }
  };

  const tooLong = text.trim().length > 4000;
  return (
    <div class={`composer composer-${mode}`}>
      <div class="composer-tabs" role="tablist" aria-label="Message type">
        <button
          type="button"
          role="tab"
          class={`composer-tab ${mode === 'reply' ? 'composer-tab-active' : ''}`}
          aria-selected={mode === 'reply'}
          data-testid="composer-reply-tab"
          onClick={() => {
            props.onMode('reply');
            props.textareaRef.current?.focus();
          }}
        >
          Reply
        </button>
        <button
          type="button"
          role="tab"
          class={`composer-tab ${mode === 'note' ? 'composer-tab-active' : ''}`}
          aria-selected={mode === 'note'}
          data-testid="composer-note-tab"
          onClick={() => {
            props.onMode('note');
            props.textareaRef.current?.focus();
          }}
        >
          Private note
        </button>
        {mode === 'reply' ? <WindowCountdown state={props.channelState} /> : null}
        <span class="composer-hint muted small">
          {props.resolved && mode === 'reply' ? 'Replying reopens this conversation · ' : ''}
          <kbd>Enter</kbd> to send · <kbd>Shift</kbd>+<kbd>Enter</kbd> new line
        </span>
      </div>
      {windowClosed && mode === 'reply' ? (
        <TemplateComposer templates={props.channelState?.templates ?? []} onSend={props.onSendTemplate} />
      ) : (
        <div class="composer-box">
          <div class="composer-field">
            {text === '' ? (
              <span class="composer-prompt" aria-hidden="true">
                {mode === 'note' ? 'Write a note only your team can see…' : 'Write a reply…'}
              </span>
            ) : null}
            <textarea
              ref={props.textareaRef}
              class="composer-input"
              data-testid="composer-input"
              aria-label={mode === 'note' ? 'Private note (only your team sees it)' : 'Reply to the customer'}
              rows={2}
              value={text}
              onInput={onInput}
              onKeyDown={onKeyDown}
              onBlur={() => stopTyping()}
            />
          </div>
          <div class="composer-actions">
            {tooLong ? <span class="failed-text small">{text.trim().length} / 4000</span> : null}
            <button
              type="button"
              class={`btn ${mode === 'note' ? 'btn-note' : 'btn-primary'}`}
              data-testid="composer-send"
              disabled={!text.trim() || tooLong}
              onClick={submit}
              aria-label={mode === 'note' ? 'Add note' : 'Send reply'}
            >
              <Icon name={mode === 'note' ? 'note' : 'send'} size={14} />
              {mode === 'note' ? 'Add note' : 'Send'}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}

function autoGrow(area: HTMLTextAreaElement): void {
  area.style.height = 'auto';
  area.style.height = `${Math.min(area.scrollHeight, 220)}px`;
}

function ContactSidebar(props: {
  conversation: ConversationView | null;
  contact: ContactDetails | null | undefined;
  history: ConversationView[] | undefined;
  name: string;
}) {
  const now = useNow();
  const { conversation, contact } = props;
  const others = (props.history ?? []).filter((item) => item.id !== conversation?.id);
  return (
    <aside class="contact-sidebar" aria-label="Contact details">
      {conversation ? (
        <div class="contact-card">
          <Avatar id={conversation.contactId} name={props.name} size="lg" />
          <h3 class="contact-name" data-testid="contact-name">
            {props.name}
          </h3>
          {contact?.contact.email || conversation.contact?.email ? (
            <a class="contact-line" href={`mailto:${contact?.contact.email ?? conversation.contact?.email ?? ''}`}>
              <Icon name="mail" size={13} />
              {contact?.contact.email ?? conversation.contact?.email}
            </a>
          ) : null}
          {contact?.contact.phone ? (
            <span class="contact-line">
              <Icon name="phone" size={13} />
              {contact.contact.phone}
            </span>
          ) : null}
        </div>
      ) : (
        <div class="contact-card">
          <Skeleton width="48px" height="48px" class="skeleton-round" />
          <Skeleton width="60%" height="14px" />
        </div>
      )}
      <section class="sidebar-section">
        <h4>Identities</h4>
        {contact === undefined ? (
          <Skeleton width="80%" />
        ) : contact && contact.identities.length > 0 ? (
          <ul class="identity-list">
            {contact.identities.map((identity) => (
              <li key={`${identity.channel}:${identity.externalId}`}>
                <span class="tag">{identity.channel}</span>
                <span class="identity-id" title={identity.externalId}>
                  {identity.externalId}
                </span>
              </li>
            ))}
          </ul>
        ) : (
          <p class="muted small">An anonymous visitor. Identities appear once they sign in on your site or share an email.</p>
        )}
      </section>
      <section class="sidebar-section">
        <h4>Past conversations</h4>
        {props.history === undefined ? (
          <Skeleton width="90%" />
        ) : others.length === 0 ? (
          <p class="muted small">This is their first conversation.</p>
        ) : (
          <ul class="history-list">
            {others.map((item) => (
              <li key={item.id}>
                <a href={`#/conversations/${item.id}`} class="history-item" data-testid="past-conversation" data-conversation-id={item.id}>
                  <span class="history-top">
                    <span class={`status-pill status-pill-${item.status}`}>{statusLabels[item.status] ?? item.status}</span>
                    <time class="muted small" dateTime={item.lastActivityAt}>
                      {formatRelativeTime(item.lastActivityAt, now)}
                    </time>
                  </span>
                  <span class="history-preview">{item.lastMessage?.body ?? 'No messages'}</span>
                </a>
              </li>
            ))}
          </ul>
        )}
      </section>
    </aside>
  );
}
