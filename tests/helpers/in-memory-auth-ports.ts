/**
 * In-memory ports for the auth services' unit tests (agents' accounts, sessions, MFA,
 * invitations, sign-in throttling). Keyed tenant-first like the single table, with the same
 * conditional semantics: single-use consumes, compare-and-swap of an agent's MFA state.
 */
import type { Account, Agent, AgentMfa, Inbox, Invitation, Session } from '../../shared/domain/entities.js';
import type {
  AccountRepository, AgentRepository, FailureCount, InboxRepository, InvitationRepository, LoginThrottleRepository,
  MfaChallenge, MfaChallengeRepository, SessionRepository,
} from '../../shared/ports/repositories.js';
import type { PasswordHasher } from '../../shared/ports/password-hasher.js';
import { makeKeyRing } from '../../shared/adapters/crypto/key-ring.js';
import { makeOtplibTotp } from '../../shared/adapters/crypto/otplib-totp.js';
import type { AuthDeps } from '../../shared/services/auth/deps.js';
import { fixedClock, memoryConnections, recordingPublisher, sequentialIds } from './in-memory-ports.js';

const key = (...parts: string[]) => parts.join('|');
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** A fast, obviously-fake hasher (`plain:` prefix); counts verifications so timing parity can be checked. */
export function fakeHasher(): PasswordHasher & { verifications: number } {
  const hasher = {
    verifications: 0,
    async hash(password: string) {
      return `plain:${password}`;
    },
    async verify(phc: string, password: string) {
      hasher.verifications += 1;
      return phc === `plain:${password}`;
    },
  };
  return hasher;
}

export function memoryAccounts(): AccountRepository {
  const items = new Map<string, Account>();
  return {
    async create(account) {
      items.set(account.id, account);
    },
    async get(id) {
      return items.get(id);
    },
    async update(id, changes) {
      const current = items.get(id);
      if (!current) return undefined;
      const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Account;
      items.set(id, next);
      return next;
    },
  };
}

export function memoryAgents(): AgentRepository {
  const items = new Map<string, Agent>();
  const emails = new Map<string, string>();
  return {
    async create(agent) {
      const email = agent.email.trim().toLowerCase();
      if (emails.has(email)) throw Object.assign(new Error('email taken'), { name: 'EmailTakenError' });
      emails.set(email, key(agent.accountId, agent.id));
      items.set(key(agent.accountId, agent.id), agent);
    },
    async get(accountId, agentId) {
      return items.get(key(accountId, agentId));
    },
    async list(accountId) {
      return [...items.values()].filter((a) => a.accountId === accountId);
    },
    async findByEmail(email) {
      const k = emails.get(email.trim().toLowerCase());
      return k ? items.get(k) : undefined;
    },
    async update(accountId, agentId, changes) {
      const current = items.get(key(accountId, agentId));
      if (!current) return undefined;
      const next = { ...current, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) } as Agent;
      items.set(key(accountId, agentId), next);
      return next;
    },
    async replaceMfa(accountId, agentId, expected, next) {
      const current = items.get(key(accountId, agentId));
      if (!current || !same(current.mfa, expected)) return false;
      const { mfa: _old, ...rest } = current;
      items.set(key(accountId, agentId), next === undefined ? rest : { ...rest, mfa: next as AgentMfa });
      return true;
    },
  };
}

export function memoryInboxes(): InboxRepository & { all(): Inbox[] } {
  const items: Inbox[] = [];
  return {
    all: () => items,
    async create(inbox) {
      items.push(inbox);
    },
    async get(accountId, id) {
      return items.find((i) => i.accountId === accountId && i.id === id);
    },
    async list(accountId) {
      return items.filter((i) => i.accountId === accountId);
    },
    async findByWidgetToken(token) {
      const inbox = items.find((i) => i.widgetToken === token);
      return inbox ? { accountId: inbox.accountId, inboxId: inbox.id } : undefined;
    },
    async ensureWidgetSecret() {
      return undefined;
    },
    async setWidgetSettings() {
      return undefined;
    },
    async rotateWidgetSecret() {
      return undefined;
    },
  };
}

export function memorySessions(): SessionRepository & { all(): Session[] } {
  const items = new Map<string, Session>();
  return {
    all: () => [...items.values()],
    async create(session) {
      items.set(key(session.accountId, session.tokenHash), session);
    },
    async get(accountId, tokenHash) {
      return items.get(key(accountId, tokenHash));
    },
    async touch(accountId, tokenHash, at) {
      const s = items.get(key(accountId, tokenHash));
      if (s && s.lastSeenAt < at) items.set(key(accountId, tokenHash), { ...s, lastSeenAt: at });
    },
    async delete(accountId, tokenHash) {
      items.delete(key(accountId, tokenHash));
    },
    async listByAgent(accountId, agentId) {
      return [...items.values()].filter((s) => s.accountId === accountId && s.agentId === agentId);
    },
  };
}

export function memoryInvitations(): InvitationRepository {
  const items = new Map<string, Invitation>();
  return {
    async create(invitation) {
      items.set(key(invitation.accountId, invitation.tokenHash), invitation);
    },
    async consume(accountId, tokenHash, now) {
      const invitation = items.get(key(accountId, tokenHash));
      if (!invitation || invitation.expiresAt <= now) return undefined;
      items.delete(key(accountId, tokenHash));
      return invitation;
    },
  };
}

export function memoryMfaChallenges(): MfaChallengeRepository {
  const items = new Map<string, MfaChallenge>();
  return {
    async create(challenge) {
      items.set(key(challenge.accountId, challenge.tokenHash), challenge);
    },
    async get(accountId, tokenHash, now) {
      const challenge = items.get(key(accountId, tokenHash));
      return challenge && challenge.expiresAt > now ? challenge : undefined;
    },
    async consume(accountId, tokenHash) {
      return items.delete(key(accountId, tokenHash));
    },
  };
}

export function memoryLoginThrottle(): LoginThrottleRepository {
  const items = new Map<string, FailureCount>();
  return {
    async get(k, windowStart) {
      const count = items.get(k);
      return count && count.lastFailureAt >= windowStart ? count : undefined;
    },
    async recordFailure(k, at, windowStart) {
      const current = items.get(k);
      const next = { failures: current && current.lastFailureAt >= windowStart ? current.failures + 1 : 1, lastFailureAt: at };
      items.set(k, next);
      return next;
    },
    async clear(k) {
      items.delete(k);
    },
  };
}

/** Every auth port in memory, with a controllable clock and a real key ring and TOTP. */
export function memoryAuthDeps(start?: string) {
  const clock = fixedClock(start);
  const { connections, subscriptions } = memoryConnections();
  const deps = {
    accounts: memoryAccounts(),
    agents: memoryAgents(),
    inboxes: memoryInboxes(),
    sessions: memorySessions(),
    invitations: memoryInvitations(),
    mfaChallenges: memoryMfaChallenges(),
    loginThrottle: memoryLoginThrottle(),
    connections,
    subscriptions,
    publisher: recordingPublisher(),
    hasher: fakeHasher(),
    totp: makeOtplibTotp(),
    keys: makeKeyRing(async () => Buffer.alloc(32, 7)),
    clock,
    ids: sequentialIds(),
  } satisfies AuthDeps & Record<string, unknown>;
  return deps;
}
