/**
 * WebSocket caller context — layer: runtime.
 *
 * The `$connect` authorizer returns the caller as an API Gateway authorizer context (a flat map
 * of strings); API Gateway hands that context to every later route of the connection as
 * `requestContext.authorizer`. This module is the one place that encodes and decodes it.
 */
import * as z from 'zod/mini';
import type { Principal } from '../domain/entities.js';

const AuthorizerContext = z.object({
  accountId: z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/)),
  principalKind: z.enum(['agent', 'visitor']),
  agentId: z.optional(z.string()),
  contactId: z.optional(z.string()),
  inboxId: z.optional(z.string()),
});

/** The authenticated caller of a WebSocket route. */
export interface WebSocketCaller {
  readonly accountId: string;
  readonly principal: Principal;
}

/** Encodes the caller for the authorizer's `context` (string values only). */
export function encodeCaller(caller: WebSocketCaller): Record<string, string> {
  const { principal } = caller;
  return principal.kind === 'agent'
    ? { accountId: caller.accountId, principalKind: 'agent', agentId: principal.agentId }
    : { accountId: caller.accountId, principalKind: 'visitor', contactId: principal.contactId, inboxId: principal.inboxId };
}

/** Raised when a route event lacks a valid authorizer context (a misconfigured API). */
export class MissingCallerError extends Error {
  override readonly name = 'MissingCallerError';
}

/** Decodes `requestContext.authorizer` of a `$connect` / `$default` / `$disconnect` event. */
export function decodeCaller(authorizer: unknown): WebSocketCaller {
  const parsed = AuthorizerContext.safeParse(authorizer);
  if (!parsed.success) throw new MissingCallerError('WebSocket route invoked without a valid authorizer context');
  const c = parsed.data;
  if (c.principalKind === 'agent' && c.agentId) return { accountId: c.accountId, principal: { kind: 'agent', agentId: c.agentId } };
  if (c.principalKind === 'visitor' && c.contactId && c.inboxId) {
    return { accountId: c.accountId, principal: { kind: 'visitor', contactId: c.contactId, inboxId: c.inboxId } };
  }
  throw new MissingCallerError('authorizer context names no principal');
}
