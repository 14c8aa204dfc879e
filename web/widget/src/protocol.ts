/**
 * The messages the loader (host page) and the chat frame exchange with `postMessage`.
 *
 * Every message carries `sb: 1` so unrelated messages on the page are ignored. The loader only
 * accepts messages from the frame's window and origin (the gateway); the frame only accepts
 * messages from its parent window and the host origin the loader declared.
 */

/** A signed-in user, verified by the tenant's server (`userHash` = HMAC-SHA256(widgetSecret, userId)). */
export interface Identity {
  readonly userId: string;
  readonly userHash: string;
  readonly name?: string;
  readonly email?: string;
}

/** Loader → frame. */
export type ToFrame =
  | { readonly sb: 1; readonly type: 'init'; readonly identity?: Identity; readonly open: boolean }
  | { readonly sb: 1; readonly type: 'identify'; readonly identity: Identity }
  | { readonly sb: 1; readonly type: 'visibility'; readonly open: boolean };

/** Frame → loader. */
export type FromFrame =
  | { readonly sb: 1; readonly type: 'ready' }
  | { readonly sb: 1; readonly type: 'close' }
  | { readonly sb: 1; readonly type: 'unread'; readonly count: number };

/** Narrows an unknown `event.data` to a widget message. */
export function isWidgetMessage(data: unknown): data is { sb: 1; type: string } {
  return typeof data === 'object' && data !== null && (data as { sb?: unknown }).sb === 1 && typeof (data as { type?: unknown }).type === 'string';
}

/** Parses an identity someone handed the widget; undefined unless both id and hash are strings. */
export function identityFrom(value: unknown): Identity | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.userId !== 'string' || typeof v.userHash !== 'string' || !v.userId || !v.userHash) return undefined;
  return {
    userId: v.userId,
    userHash: v.userHash,
    ...(typeof v.name === 'string' && v.name ? { name: v.name } : {}),
    ...(typeof v.email === 'string' && v.email ? { email: v.email } : {}),
  };
}
