/**
 * Start (or resume) a widget visitor session — layer: services.
 *
 * Primary course:
 *  1. Resolve the web inbox from the public widget token (the account comes from there).
 *  2. A verified user (`userId` + `userHash`): check the hash against the inbox's widget secret
 *     in constant time — a missing or forged hash is refused before anything is written.
 *  3. A still-valid visitor token of the same inbox and the same identity is returned as is.
 *  4. Otherwise find the contact by its web identity (`user:<userId>` for verified users) or
 *     create one with a fresh visitor identity; an unverified visitor is never attached to an
 *     existing contact by email (SECURITY.md §5).
 *  5. Mint `<accountId>.<secret>`, store only its SHA-256 (30 days), return it.
 */
import type { Contact, Inbox, VisitorSession } from '../../domain/entities.js';
import type { ContactRepository, InboxRepository, VisitorSessionRepository } from '../../ports/repositories.js';
import type { Clock, Ids } from '../../ports/system.js';
import { accountOfToken, formatTicketToken, hashToken } from '../realtime/ticket-token.js';
import { VisitorUnauthorizedError } from './errors.js';
import { isValidUserHash } from './user-hash.js';
import { inboxOfWidgetToken, widgetSecretOf } from './widget-inbox.js';

/** How long a visitor token stays valid. */
export const visitorSessionLifetimeMs = 30 * 24 * 60 * 60 * 1000;

/** Dependencies of {@link makeStartVisitorSession}. */
export interface StartVisitorSessionDeps {
  readonly inboxes: InboxRepository;
  readonly contacts: ContactRepository;
  readonly visitorSessions: VisitorSessionRepository;
  readonly clock: Clock;
  readonly ids: Ids;
}

/** Input: the widget token and, optionally, a previous visitor token and a verified identity. */
export interface StartVisitorSessionInput {
  readonly widgetToken: string;
  readonly visitorToken?: string;
  readonly userId?: string;
  readonly userHash?: string;
  readonly name?: string;
  readonly email?: string;
}

/** The session the widget keeps. */
export interface StartedVisitorSession {
  readonly visitorToken: string;
  readonly contactId: string;
  readonly verified: boolean;
  readonly accountId: string;
  readonly inboxId: string;
}

/** The web identity of a verified user (prefixed, so it can never equal an anonymous visitor id). */
export function verifiedExternalId(userId: string): string {
  return `user:${userId}`;
}

/** Creates the use case behind `POST /widget/v1/sessions`. */
export function makeStartVisitorSession(deps: StartVisitorSessionDeps) {
  async function reusable(inbox: Inbox, token: string | undefined, userId: string | undefined): Promise<VisitorSession | undefined> {
    if (!token || accountOfToken(token) !== inbox.accountId) return undefined;
    const session = await deps.visitorSessions.get(inbox.accountId, hashToken(token));
    if (!session || session.expiresAt <= deps.clock.nowIso() || session.inboxId !== inbox.id) return undefined;
    return session.verifiedUserId === userId ? session : undefined;
  }

  async function newContact(inbox: Inbox, externalId: string, input: StartVisitorSessionInput): Promise<string> {
    const now = deps.clock.nowIso();
    const contact: Contact = {
      accountId: inbox.accountId, id: deps.ids.next(), createdAt: now, updatedAt: now,
      ...(input.name ? { name: input.name } : {}),
      ...(input.email ? { email: input.email } : {}),
    };
    await deps.contacts.create(contact);
    // First link wins: if another request linked this identity meanwhile, use its contact
    // (the contact created here stays unlinked and unused).
    const link = await deps.contacts.linkIdentity({ accountId: inbox.accountId, contactId: contact.id, channel: 'web', externalId, createdAt: now });
    return link.contactId;
  }

  return async function startVisitorSession(input: StartVisitorSessionInput): Promise<StartedVisitorSession> {
    const inbox = await inboxOfWidgetToken(deps.inboxes, input.widgetToken);
    const { userId } = input;
    if (userId !== undefined || input.userHash !== undefined) {
      const secret = await widgetSecretOf(deps.inboxes, deps.ids, inbox);
      if (!userId || !input.userHash || !isValidUserHash(secret, userId, input.userHash)) {
        throw new VisitorUnauthorizedError('The signed-in user could not be verified: userHash does not match userId.');
      }
    }

    const existing = await reusable(inbox, input.visitorToken, userId);
    if (existing && input.visitorToken) {
      return { visitorToken: input.visitorToken, contactId: existing.contactId, verified: userId !== undefined, accountId: inbox.accountId, inboxId: inbox.id };
    }

    let contactId: string;
    if (userId !== undefined) {
      const externalId = verifiedExternalId(userId);
      const identity = await deps.contacts.findByIdentity(inbox.accountId, 'web', externalId);
      contactId = identity?.contactId ?? await newContact(inbox, externalId, input);
    } else {
      contactId = await newContact(inbox, `visitor:${deps.ids.next()}`, input);
    }

    const visitorToken = formatTicketToken(inbox.accountId, deps.ids.secretToken());
    const now = deps.clock.nowMs();
    await deps.visitorSessions.create({
      accountId: inbox.accountId,
      tokenHash: hashToken(visitorToken),
      inboxId: inbox.id,
      contactId,
      ...(userId !== undefined ? { verifiedUserId: userId } : {}),
      createdAt: new Date(now).toISOString(),
      expiresAt: new Date(now + visitorSessionLifetimeMs).toISOString(),
    });
    return { visitorToken, contactId, verified: userId !== undefined, accountId: inbox.accountId, inboxId: inbox.id };
  };
}
