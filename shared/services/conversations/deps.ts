/**
 * What the conversation use cases stand on — layer: services (ports only).
 */
import type { KeyRing } from '../../ports/key-ring.js';
import type {
  AccountRepository, AgentRepository, AssignmentStateRepository, ClientMessageIdRepository, ConnectionRepository,
  ContactRepository, ConversationRepository, InboxRepository, MessageRepository, TeamRepository, WakeUpRepository,
} from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';

/** The ports every conversation use case may use; each factory takes what it needs. */
export interface ConversationDeps {
  readonly accounts: AccountRepository;
  readonly agents: AgentRepository;
  readonly inboxes: InboxRepository;
  readonly contacts: ContactRepository;
  readonly conversations: ConversationRepository;
  readonly messages: MessageRepository;
  readonly connections: ConnectionRepository;
  readonly teams: TeamRepository;
  readonly clientMessageIds: ClientMessageIdRepository;
  readonly assignmentState: AssignmentStateRepository;
  readonly wakeUps: WakeUpRepository;
  readonly clock: Clock;
  readonly ids: Ids;
  /** Signs paging cursors (purpose `cursor`). */
  readonly keys: KeyRing;
}

/** How long a client message id keeps answering retries with its first message. */
export const clientMessageIdLifetimeMs = 7 * 24 * 60 * 60 * 1000;
