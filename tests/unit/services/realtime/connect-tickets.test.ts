import { describe, expect, it } from 'vitest';
import { makeAuthorizeConnect } from '../../../../shared/services/realtime/authorize-connect.js';
import { ConnectRefusedError, OriginNotAllowedError } from '../../../../shared/services/realtime/errors.js';
import { makeIssueConnectTicket, ticketLifetimeMs } from '../../../../shared/services/realtime/issue-connect-ticket.js';
import { fixedClock, memoryTickets } from '../../../helpers/in-memory-ports.js';
import { makeIds } from '../../../../shared/adapters/system/ids.js';
import { newId } from '../../../helpers/fixtures.js';

const dashboard = 'https://app.example.com';

function setup() {
  const clock = fixedClock();
  const tickets = memoryTickets();
  const issue = makeIssueConnectTicket({ tickets, clock, ids: makeIds(), allowedOrigins: [dashboard] });
  const authorize = makeAuthorizeConnect({ tickets, clock });
  return { clock, tickets, issue, authorize, accountId: newId(), principal: { kind: 'agent', agentId: newId() } as const };
}

describe('connect tickets', () => {
  it('admits the principal the ticket was issued for, from the same Origin', async () => {
    // Prepare
    const { issue, authorize, accountId, principal } = setup();
    const { ticket } = await issue({ accountId, principal, origin: dashboard });
    // Act
    const caller = await authorize({ ticket, origin: dashboard });
    // Assess
    expect(caller).toEqual({ accountId, principal });
  });

  it('refuses a ticket used a second time', async () => {
    const { issue, authorize, accountId, principal } = setup();
    const { ticket } = await issue({ accountId, principal, origin: dashboard });
    await authorize({ ticket, origin: dashboard });
    await expect(authorize({ ticket, origin: dashboard })).rejects.toThrow(ConnectRefusedError);
  });

  it('refuses a ticket after its 60-second lifetime', async () => {
    const { issue, authorize, clock, accountId, principal } = setup();
    const { ticket } = await issue({ accountId, principal, origin: dashboard });
    clock.advance(ticketLifetimeMs);
    await expect(authorize({ ticket, origin: dashboard })).rejects.toMatchObject({ reason: 'ticket unknown, used or expired' });
  });

  it('refuses a ticket presented from another Origin', async () => {
    const { issue, authorize, accountId, principal } = setup();
    const { ticket } = await issue({ accountId, principal, origin: dashboard });
    await expect(authorize({ ticket, origin: 'https://evil.example' })).rejects.toMatchObject({ reason: 'Origin differs from the ticket' });
  });

  it('refuses a ticket whose account prefix was swapped for another tenant', async () => {
    const { issue, authorize, accountId, principal } = setup();
    const { ticket } = await issue({ accountId, principal, origin: dashboard });
    const forged = `${newId()}${ticket.slice(26)}`;
    await expect(authorize({ ticket: forged, origin: dashboard })).rejects.toThrow(ConnectRefusedError);
  });

  it('refuses missing and malformed tickets without touching the store', async () => {
    const { authorize } = setup();
    await expect(authorize({ ticket: undefined, origin: dashboard })).rejects.toMatchObject({ reason: 'no ticket' });
    await expect(authorize({ ticket: 'garbage', origin: dashboard })).rejects.toMatchObject({ reason: 'malformed ticket' });
    await expect(authorize({ ticket: `${newId()}.x`, origin: undefined })).rejects.toMatchObject({ reason: 'no Origin header' });
  });

  it('issues no ticket for an Origin outside the allowlist', async () => {
    const { issue, tickets, accountId, principal } = setup();
    await expect(issue({ accountId, principal, origin: 'https://evil.example' })).rejects.toThrow(OriginNotAllowedError);
    expect(tickets.size()).toBe(0);
  });

  it('stores only a hash of the ticket', async () => {
    const { accountId, principal } = setup();
    const stored: string[] = [];
    const tickets = memoryTickets();
    const spyingStore = { ...tickets, create: async (t: Parameters<typeof tickets.create>[0]) => { stored.push(JSON.stringify(t)); } };
    const issueWithSpy = makeIssueConnectTicket({ tickets: spyingStore, clock: fixedClock(), ids: makeIds(), allowedOrigins: [dashboard] });
    const { ticket } = await issueWithSpy({ accountId, principal, origin: dashboard });
    expect(stored).toHaveLength(1);
    expect(stored.join()).not.toContain(ticket.slice(27));
  });
});
