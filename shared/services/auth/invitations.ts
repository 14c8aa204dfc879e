/**
 * Invitations — layer: services.
 *
 * Primary course (invite, by an admin):
 *  1. Refuse an email that already signs in (409 `email_taken`).
 *  2. Mint `<accountId>.<secret>`, store only its SHA-256 with the email, name and role, valid
 *     for 7 days, and return the token for the accept link (shown once).
 * Primary course (accept, by the invited person):
 *  1. Consume the invitation (single use, by a conditional delete; unknown, used and expired
 *     answer alike).
 *  2. Create the agent with the invited email and role and the chosen name and password.
 *  3. Open a session (limited to MFA enrolment when the account requires MFA).
 */
import type { Account, Agent, AgentRole } from '../../domain/entities.js';
import { accountOfToken, formatTicketToken, hashToken } from '../realtime/ticket-token.js';
import type { AuthDeps } from './deps.js';
import { EmailAlreadyRegisteredError, InvitationInvalidError } from './errors.js';
import { issueSession, type IssuedSession } from './session-policy.js';

/** How long an invitation can be accepted. */
export const invitationLifetimeMs = 7 * 24 * 60 * 60_000;

/** Creates the invitation use cases. */
export function makeInvitations(deps: Pick<AuthDeps, 'accounts' | 'agents' | 'invitations' | 'sessions' | 'hasher' | 'clock' | 'ids'>) {
  return {
    async invite(input: { readonly accountId: string; readonly invitedBy: string; readonly email: string; readonly name: string; readonly role: AgentRole }) {
      const email = input.email.trim().toLowerCase();
      if (await deps.agents.findByEmail(email)) throw new EmailAlreadyRegisteredError();
      const token = formatTicketToken(input.accountId, deps.ids.secretToken());
      const now = deps.clock.nowMs();
      const invitation = {
        accountId: input.accountId, id: deps.ids.next(), tokenHash: hashToken(token), email, name: input.name.trim(), role: input.role,
        invitedBy: input.invitedBy, createdAt: new Date(now).toISOString(), expiresAt: new Date(now + invitationLifetimeMs).toISOString(),
      };
      await deps.invitations.create(invitation);
      return { invitationId: invitation.id, token, expiresAt: invitation.expiresAt };
    },

    async accept(input: { readonly token: string; readonly name: string; readonly password: string }): Promise<{ agent: Agent; account: Account } & IssuedSession> {
      const accountId = accountOfToken(input.token);
      if (!accountId) throw new InvitationInvalidError();
      const invitation = await deps.invitations.consume(accountId, hashToken(input.token), deps.clock.nowIso());
      if (!invitation) throw new InvitationInvalidError();
      const account = await deps.accounts.get(accountId);
      if (!account) throw new InvitationInvalidError();
      if (await deps.agents.findByEmail(invitation.email)) throw new EmailAlreadyRegisteredError();
      const agent: Agent = {
        accountId, id: deps.ids.next(), email: invitation.email, name: input.name.trim(), role: invitation.role,
        passwordHash: await deps.hasher.hash(input.password), disabled: false, availability: 'online', createdAt: deps.clock.nowIso(),
      };
      await deps.agents.create(agent);
      const issued = await issueSession(deps, { accountId, agentId: agent.id, mfaLimited: account.mfaRequired });
      return { agent, account, ...issued };
    },
  };
}
