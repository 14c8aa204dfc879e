/**
 * What every signed-in screen shares: who I am, the team, the inboxes, and the realtime feed.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { ConnectionState, RealtimeEvent } from './lib/realtime-client.js';
import type { AgentView, InboxView, MeAnswer, TeamView } from './types.js';

/** A listener of realtime events. */
export type EventListener = (topic: string, event: RealtimeEvent) => void;

/** The shared state of the signed-in dashboard. */
export interface WorkspaceValue {
  readonly me: MeAnswer;
  readonly agents: readonly AgentView[];
  readonly agentsById: ReadonlyMap<string, AgentView>;
  readonly inboxes: readonly InboxView[];
  readonly teams: readonly TeamView[];
  readonly connection: ConnectionState;
  /** Registers an event listener; returns its removal. */
  onEvent(listener: EventListener): () => void;
  /** Registers a listener called after the socket came back (time to catch up). */
  onReconnect(listener: () => void): () => void;
  sendTyping(conversationId: string, typing: boolean): void;
  refreshAgents(): void;
  /** Replaces the inboxes (after an admin added one in Settings). */
  setInboxes(inboxes: InboxView[]): void;
  setAgents(agents: AgentView[]): void;
  signOut(): Promise<void>;
  /** Whether the account's AI agent answers conversations (undefined until known). */
  readonly aiEnabled: boolean | undefined;
  /** Updates it after the AI settings changed. */
  setAiEnabled(enabled: boolean): void;
}

export const WorkspaceContext = createContext<WorkspaceValue | null>(null);

/** The workspace (only inside {@link WorkspaceContext}). */
export function useWorkspace(): WorkspaceValue {
  const value = useContext(WorkspaceContext);
  if (!value) throw new Error('useWorkspace outside the workspace');
  return value;
}
