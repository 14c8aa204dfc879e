/**
 * Issue a WebSocket connect ticket — layer: services.
 *
 * Primary course:
 *  1. Check the Origin the browser will connect from against the allowlist.
 *  2. Mint `<accountId>.<secret>`, store only its hash, bound to the principal and the Origin,
 *     valid for 60 seconds and for one `$connect` (SECURITY.md §5).
 *  3. Return the token; the client passes it as `?ticket=` on the WebSocket URL.
 */
import type { Principal } from '../../domain/entities.js';
import type { TicketRepository } from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import { OriginNotAllowedError } from './errors.js';
import { formatTicketToken, hashToken } from './ticket-token.js';

/** How long a ticket stays valid. */
export const ticketLifetimeMs = 60_000;

/** Dependencies of {@link makeIssueConnectTicket}. */
export interface IssueConnectTicketDeps {
  readonly tickets: TicketRepository;
  readonly clock: Clock;
  readonly ids: Ids;
  readonly allowedOrigins: readonly string[];
}

/** Input: who connects, for which account, from which Origin. */
export interface IssueConnectTicketInput {
  readonly accountId: string;
  readonly principal: Principal;
  readonly origin: string;
}

/** Creates the use case that issues single-use connect tickets. */
export function makeIssueConnectTicket(deps: IssueConnectTicketDeps) {
  return async function issueConnectTicket(input: IssueConnectTicketInput): Promise<{ ticket: string; expiresAt: string }> {
    if (!deps.allowedOrigins.includes(input.origin)) throw new OriginNotAllowedError(input.origin);
    const ticket = formatTicketToken(input.accountId, deps.ids.secretToken());
    const expiresAt = new Date(deps.clock.nowMs() + ticketLifetimeMs).toISOString();
    await deps.tickets.create({
      accountId: input.accountId,
      tokenHash: hashToken(ticket),
      principal: input.principal,
      origin: input.origin,
      expiresAt,
    });
    return { ticket, expiresAt };
  };
}
