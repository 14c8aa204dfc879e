/**
 * Sign up a tenant — layer: services.
 *
 * Primary course:
 *  1. Refuse an email that already signs in somewhere (409 `email_taken`).
 *  2. Create the account (MFA not required, auto-assignment on), its first agent as admin with
 *     an Argon2id password hash (the agent claims the email atomically), and one web inbox with
 *     a public widget token `wt_<secret>`.
 *  3. Open a session (a fresh token) and return it with the account and the agent.
 */
import { accountDefaults, type Account, type Agent, type Inbox } from '../../domain/entities.js';
import type { AuthDeps } from './deps.js';
import { EmailAlreadyRegisteredError } from './errors.js';
import { issueSession, type IssuedSession } from './session-policy.js';

/** Input of a sign-up (validated by the route contract). */
export interface SignUpInput {
  readonly accountName: string;
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

/** Creates the sign-up use case. */
export function makeSignUp(deps: Pick<AuthDeps, 'accounts' | 'agents' | 'inboxes' | 'sessions' | 'hasher' | 'clock' | 'ids'>) {
  return async function signUp(input: SignUpInput): Promise<{ account: Account; agent: Agent; inbox: Inbox } & IssuedSession> {
    const email = input.email.trim().toLowerCase();
    if (await deps.agents.findByEmail(email)) throw new EmailAlreadyRegisteredError();
    const now = deps.clock.nowIso();
    const account: Account = { id: deps.ids.next(), name: input.accountName.trim(), mfaRequired: false, ...accountDefaults, createdAt: now };
    const agent: Agent = {
      accountId: account.id, id: deps.ids.next(), email, name: input.name.trim(), role: 'admin',
      passwordHash: await deps.hasher.hash(input.password), disabled: false, availability: 'online', createdAt: now,
    };
    const inbox: Inbox = { accountId: account.id, id: deps.ids.next(), name: 'Website', channel: 'web', widgetToken: `wt_${deps.ids.secretToken()}`, createdAt: now };
    await deps.accounts.create(account);
    await deps.agents.create(agent);
    await deps.inboxes.create(inbox);
    const issued = await issueSession(deps, { accountId: account.id, agentId: agent.id });
    return { account, agent, inbox, ...issued };
  };
}
