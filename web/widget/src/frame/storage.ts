/**
 * What the chat frame remembers across reloads, per widget token: the visitor token, the
 * conversation, and which verified user (if any) they belong to. Kept in the frame's own
 * localStorage (the gateway origin, partitioned per host site by the browser).
 */

/** The remembered session. */
export interface Remembered {
  readonly visitorToken?: string;
  readonly conversationId?: string;
  readonly userId?: string;
}

const keyOf = (widgetToken: string) => `switchboard:${widgetToken}`;

/** Reads the remembered session (empty when storage is blocked or holds garbage). */
export function recall(widgetToken: string): Remembered {
  try {
    const value = JSON.parse(localStorage.getItem(keyOf(widgetToken)) ?? '{}') as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);
    const visitorToken = str(value.visitorToken);
    const conversationId = str(value.conversationId);
    const userId = str(value.userId);
    return { ...(visitorToken ? { visitorToken } : {}), ...(conversationId ? { conversationId } : {}), ...(userId ? { userId } : {}) };
  } catch {
    return {};
  }
}

/** Remembers the session (best effort: private modes may refuse storage). */
export function remember(widgetToken: string, value: Remembered): void {
  try {
    localStorage.setItem(keyOf(widgetToken), JSON.stringify(value));
  } catch {
    // Storage refused (private mode, quota): the chat still works for this page view.
  }
}
