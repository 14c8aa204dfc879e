/**
 * The signed-in shell: the side rail, the realtime connection, the team's presence, and the
 * inbox or settings screen.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { api } from '../api.js';
import { navigate } from '../hooks.js';
import { createRealtimeClient, socketUrl, type ConnectionState, type RealtimeClient, type SocketLike } from '../lib/realtime-client.js';
import { applyPresence, presenceEventOf } from '../lib/presence.js';
import type { Route } from '../lib/route.js';
import type { AgentView, InboxView, MeAnswer, TeamView } from '../types.js';
import { WorkspaceContext, type EventListener, type WorkspaceValue } from '../workspace-context.js';
import { Inbox } from './inbox.js';
import { Settings } from './settings.js';
import { Avatar, Icon } from './ui.js';
import { AiSettingsPage } from './ai-settings-page.js';
import { CostsPage } from './costs-page.js';
import { KnowledgePage } from './knowledge-page.js';
import { NotificationBell } from './notifications.js';
import { ProblemsPage } from './problems-page.js';

/** The rail's pages, in order (the inbox is the default). */
const railPages = [
  { name: 'inbox', href: '#/inbox', label: 'Inbox', icon: 'inboxTray' },
  { name: 'knowledge', href: '#/knowledge', label: 'Knowledge', icon: 'book' },
  { name: 'problems', href: '#/problems', label: 'Problems', icon: 'bulb' },
  { name: 'costs', href: '#/costs', label: 'AI costs', icon: 'chart' },
  { name: 'ai', href: '#/ai', label: 'AI agent', icon: 'sparkle' },
  { name: 'settings', href: '#/settings', label: 'Settings', icon: 'settings' },
] as const;

function railPageOf(route: Route): string {
  return route.name === 'conversation' || route.name === 'signup' || route.name === 'accept' ? 'inbox' : route.name;
}


/** The signed-in dashboard. */
export function Workspace(props: { me: MeAnswer; route: Route; onSignedOut: (notice?: string) => void; onMeChanged: () => Promise<void> }) {
  const { me, route } = props;
  const [agents, setAgents] = useState<AgentView[]>([]);
  const agentsNow = useRef(agents);
  agentsNow.current = agents;
  const [inboxes, setInboxes] = useState<InboxView[]>([]);
  const [teams, setTeams] = useState<TeamView[]>([]);
  const [aiEnabled, setAiEnabled] = useState<boolean | undefined>();
  const [connection, setConnection] = useState<ConnectionState>('connecting');
  const listeners = useRef(new Set<EventListener>());
  const reconnectListeners = useRef(new Set<() => void>());
  const client = useRef<RealtimeClient | null>(null);
  const onSignedOut = useRef(props.onSignedOut);
  onSignedOut.current = props.onSignedOut;

  const refreshAgents = useCallback(() => {
    api.agents().then((page) => setAgents(page.items), () => {});
  }, []);

  useEffect(() => {
    refreshAgents();
    api.inboxes().then((page) => setInboxes(page.items), () => {});
    api.teams().then((page) => setTeams(page.items), () => {});
    api.aiSettings().then((answer) => setAiEnabled(answer.settings.enabled), () => {});
  }, [refreshAgents]);

  useEffect(() => {
    const realtime = createRealtimeClient(
      {
        fetchTicket: async () => {
          const answer = await api.realtimeTicket();
          return { url: socketUrl(answer.url, answer.ticket) };
        },
        // The browser socket has the same members, with DOM event types the client does not need.
        openSocket: (url) => new WebSocket(url) as unknown as SocketLike,
        setTimer: (callback, ms) => setTimeout(callback, ms),
        clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
      },
      {
        onEvent: (topic, event) => {
          // Presence is pushed live; the list is refetched only for an agent it does not know yet.
          const presence = presenceEventOf(event);
          if (presence) {
            const applied = applyPresence(agentsNow.current, presence);
            if (applied.known) setAgents(applied.agents);
            else refreshAgents();
          }
          for (const listener of listeners.current) listener(topic, event);
        },
        onState: (state) => {
          setConnection(state);
          // The team's `online` flags count open sockets: mine is one of them now.
          if (state === 'online') refreshAgents();
        },
        onReconnected: () => {
          refreshAgents();
          for (const listener of reconnectListeners.current) listener();
        },
        onRevoked: () => onSignedOut.current('You were signed out.'),
      },
    );
    client.current = realtime;
    realtime.start();
    const online = () => realtime.reconnectNow();
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('online', online);
      realtime.stop();
      client.current = null;
    };
  }, [refreshAgents]);

  const openConversationId = route.name === 'conversation' ? route.id : undefined;
  useEffect(() => {
    const topics = ['account', `agent:${me.agent.id}`, ...inboxes.slice(0, 17).map((inbox) => `inbox:${inbox.id}`)];
    if (openConversationId) topics.push(`conversation:${openConversationId}`);
    client.current?.setTopics(topics);
  }, [me.agent.id, inboxes, openConversationId]);

  const signOut = useCallback(async () => {
    client.current?.stop();
    try {
      await api.logout();
    } finally {
      props.onSignedOut();
    }
  }, [props.onSignedOut]);

  // My own presence is known first-hand from my socket; the others' arrive as presence events.
  const team = useMemo(
    () => agents.map((agent) => (agent.id === me.agent.id ? { ...agent, online: connection === 'online' } : agent)),
    [agents, me.agent.id, connection],
  );

  const value = useMemo<WorkspaceValue>(
    () => ({
      me,
      agents: team,
      agentsById: new Map(team.map((agent) => [agent.id, agent])),
      inboxes,
      teams,
      connection,
      onEvent: (listener) => {
        listeners.current.add(listener);
        return () => listeners.current.delete(listener);
      },
      onReconnect: (listener) => {
        reconnectListeners.current.add(listener);
        return () => reconnectListeners.current.delete(listener);
      },
      sendTyping: (conversationId, typing) => client.current?.sendTyping(conversationId, typing),
      refreshAgents,
      setInboxes,
      setAgents,
      signOut,
      aiEnabled,
      setAiEnabled,
    }),
    [me, team, inboxes, teams, connection, refreshAgents, signOut, aiEnabled],
  );

  const mine = agents.find((agent) => agent.id === me.agent.id);
  const page = railPageOf(route);

  return (
    <WorkspaceContext.Provider value={value}>
      <div class="workspace">
        <nav class="rail" aria-label="Main">
          <span class="brand-mark" title="Switchboard">
            S
          </span>
          {railPages.filter((item) => item.name !== 'costs' || me.agent.role === 'admin').map((item) => (
            <a
              key={item.name}
              class={`rail-button ${page === item.name ? 'rail-active' : ''}`}
              href={item.href}
              data-testid={`nav-${item.name}`}
              aria-label={item.label}
              title={item.label}
              aria-current={page === item.name ? 'page' : undefined}
            >
              <Icon name={item.icon} size={20} />
            </a>
          ))}
          <span class="rail-spacer" />
          <NotificationBell />
          <span
            class={`connection connection-${connection === 'online' ? 'online' : 'reconnecting'}`}
            data-testid="connection-state"
            data-state={connection === 'online' ? 'online' : 'reconnecting'}
            role="status"
            title={connection === 'online' ? 'Live updates on' : 'Reconnecting…'}
          >
            <span class="connection-dot" />
            <span class="sr-only">{connection === 'online' ? 'Live updates on' : 'Reconnecting'}</span>
          </span>
          <button type="button" class="rail-button" data-testid="signout" aria-label="Sign out" title="Sign out" onClick={() => void signOut()}>
            <Icon name="signout" size={20} />
          </button>
          <button
            type="button"
            class="rail-avatar"
            aria-label={`${me.agent.name}: open settings`}
            title={`${me.agent.name} · ${mine?.availability === 'away' ? 'Away' : 'Online'}`}
            onClick={() => navigate({ name: 'settings' })}
          >
            <Avatar id={me.agent.id} name={me.agent.name} presence={mine?.availability === 'away' ? 'away' : 'online'} />
          </button>
        </nav>
        {connection === 'reconnecting' ? (
          <div class="connection-banner" role="status">
            <span class="spinner spinner-sm" />
            Connection lost. Reconnecting…
          </div>
        ) : null}
        <div class="workspace-main">
          {route.name === 'settings' ? (
            <Settings onMeChanged={props.onMeChanged} />
          ) : route.name === 'knowledge' ? (
            <KnowledgePage />
          ) : route.name === 'problems' ? (
            <ProblemsPage selectedId={route.id} />
          ) : route.name === 'ai' ? (
            <AiSettingsPage />
          ) : route.name === 'costs' ? (
            <CostsPage />
          ) : (
            <Inbox route={route} />
          )}
        </div>
      </div>
    </WorkspaceContext.Provider>
  );
}
