/**
 * Who calls the HTTP APIs — layer: runtime.
 *
 * The authenticators of `agent-api` and `widget-api` turn credentials into one of these; the
 * account id always comes from here (the verified session or visitor token), never from a body.
 */
import type { AgentRole } from '../../domain/entities.js';

/** A signed-in agent (session cookie). */
export interface AgentCaller {
  readonly kind: 'agent';
  readonly accountId: string;
  readonly agentId: string;
  readonly role: AgentRole;
  /** sha256 of the session token: identifies the session for logout. */
  readonly sessionTokenHash: string;
  /** True while the session may only set up MFA (the account requires it and the agent has none). */
  readonly mfaLimited: boolean;
}

/** A widget visitor (bearer visitor token, plus the HMAC identity headers when verified). */
export interface VisitorCaller {
  readonly kind: 'visitor';
  readonly accountId: string;
  readonly inboxId: string;
  readonly contactId: string;
  /** The tenant's user id, when the visitor proved it with the widget HMAC on this request. */
  readonly verifiedUserId?: string;
}

/** A caller of a `public` route: nobody is signed in. */
export interface PublicCaller {
  readonly kind: 'public';
}

/** What agent-api handlers receive. */
export type AgentApiCaller = AgentCaller | PublicCaller;
/** What widget-api handlers receive. */
export type WidgetApiCaller = VisitorCaller | PublicCaller;
