/**
 * Authorize a WebSocket `$connect` — layer: services.
 *
 * Primary course:
 *  1. Read the account from the ticket token (malformed → refused).
 *  2. Consume the ticket: it must exist, be unexpired, and not have been used (a conditional
 *     delete makes this hold under concurrent attempts).
 *  3. The request's Origin must be the one the ticket was issued for.
 *  4. Return the account and principal; the gateway hands them to every route of the connection.
 * Every refusal is the same to the caller (401) and carries its reason for the logs only.
 */
import type { Principal } from '../../domain/entities.js';
import type { TicketRepository } from '../../ports/repositories.js';
import type { Clock } from '../../ports/system.js';
import { ConnectRefusedError } from './errors.js';
import { accountOfToken, hashToken } from './ticket-token.js';

/** Dependencies of {@link makeAuthorizeConnect}. */
export interface AuthorizeConnectDeps {
  readonly tickets: TicketRepository;
  readonly clock: Clock;
}

/** Creates the use case that turns a ticket into an authorized principal. */
export function makeAuthorizeConnect(deps: AuthorizeConnectDeps) {
  return async function authorizeConnect(input: { ticket: string | undefined; origin: string | undefined }): Promise<{ accountId: string; principal: Principal }> {
    if (!input.ticket) throw new ConnectRefusedError('no ticket');
    if (!input.origin) throw new ConnectRefusedError('no Origin header');
    const accountId = accountOfToken(input.ticket);
    if (!accountId) throw new ConnectRefusedError('malformed ticket');
    const ticket = await deps.tickets.consume(accountId, hashToken(input.ticket), deps.clock.nowIso());
    if (!ticket) throw new ConnectRefusedError('ticket unknown, used or expired');
    if (ticket.origin !== input.origin) throw new ConnectRefusedError('Origin differs from the ticket');
    return { accountId, principal: ticket.principal };
  };
}
