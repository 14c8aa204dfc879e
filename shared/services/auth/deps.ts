/**
 * Dependencies of the auth use cases — layer: services. Each factory takes the slice it needs.
 */
import type { PasswordHasher } from '../../ports/password-hasher.js';
import type { KeyRing } from '../../ports/key-ring.js';
import type { RealtimePublisher } from '../../ports/realtime.js';
import type {
  AccountRepository, AgentRepository, ConnectionRepository, InboxRepository, InvitationRepository,
  LoginThrottleRepository, MfaChallengeRepository, SessionRepository,
} from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import type { Totp } from '../../ports/totp.js';

/** Every port the auth use cases use. */
export interface AuthDeps {
  readonly accounts: AccountRepository;
  readonly agents: AgentRepository;
  readonly inboxes: InboxRepository;
  readonly sessions: SessionRepository;
  readonly invitations: InvitationRepository;
  readonly mfaChallenges: MfaChallengeRepository;
  readonly loginThrottle: LoginThrottleRepository;
  readonly connections: ConnectionRepository;
  readonly publisher: RealtimePublisher;
  readonly hasher: PasswordHasher;
  readonly totp: Totp;
  readonly keys: KeyRing;
  readonly clock: Clock;
  readonly ids: Ids;
}
