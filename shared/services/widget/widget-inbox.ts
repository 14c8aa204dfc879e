/**
 * Resolving a widget's inbox — layer: services.
 *
 * The widget token is public (it is in the tenant's page source); it resolves, through its
 * global routing item, to one web inbox, which fixes the account for everything after.
 */
import type { Inbox } from '../../domain/entities.js';
import type { InboxRepository } from '../../ports/repositories.js';
import type { Ids } from '../../ports/system.js';
import { WidgetNotFoundError } from './errors.js';

/** The web inbox of a widget token, or WidgetNotFoundError. */
export async function inboxOfWidgetToken(inboxes: InboxRepository, widgetToken: string): Promise<Inbox> {
  if (!/^[A-Za-z0-9_-]{8,128}$/.test(widgetToken)) throw new WidgetNotFoundError();
  const route = await inboxes.findByWidgetToken(widgetToken);
  const inbox = route ? await inboxes.get(route.accountId, route.inboxId) : undefined;
  if (!inbox || inbox.channel !== 'web') throw new WidgetNotFoundError();
  return inbox;
}

/**
 * The inbox's widget secret, generated on first use for inboxes created without one (the first
 * secret stored wins, so concurrent first uses agree).
 */
export async function widgetSecretOf(inboxes: InboxRepository, ids: Ids, inbox: Inbox): Promise<string> {
  if (inbox.widgetSecret) return inbox.widgetSecret;
  const secret = await inboxes.ensureWidgetSecret(inbox.accountId, inbox.id, `wsec_${ids.secretToken()}`);
  if (!secret) throw new WidgetNotFoundError();
  return secret;
}
