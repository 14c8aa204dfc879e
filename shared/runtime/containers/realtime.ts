/**
 * The realtime area — layer: runtime (container).
 *
 * Three builders over a base, so each realtime function takes only its part: connect tickets
 * (ws-authorizer, and the ticket the two HTTP APIs issue), connections and their frames (ws),
 * and the stream fan-out (realtime-fanout). They name the few repositories they use.
 */
import { decodeStreamRecord } from '../../adapters/dynamodb-stream/decode-change.js';
import { makeAuthorizeConnect } from '../../services/realtime/authorize-connect.js';
import { makeAuthorizeTopic } from '../../services/realtime/authorize-topic.js';
import { makeFanOutChange } from '../../services/realtime/fan-out-change.js';
import { makeHandleClientFrame } from '../../services/realtime/handle-client-frame.js';
import { makeIssueConnectTicket } from '../../services/realtime/issue-connect-ticket.js';
import { makeCloseConnection, makeOpenConnection } from '../../services/realtime/open-connection.js';
import { deferred, perBase, realtimePublisher } from './base.js';
import { agentRepository, connectionRepository, conversationRepository, inboxRepository, subscriptionRepository, ticketRepository } from './repositories.js';

/** Single-use connect tickets: issued over HTTPS, checked by the `$connect` authorizer. */
export interface ConnectTicketServices {
  readonly issueConnectTicket: ReturnType<typeof makeIssueConnectTicket>;
  readonly authorizeConnect: ReturnType<typeof makeAuthorizeConnect>;
}

/** A connection's life: `$connect`, `$disconnect` and its frames. */
export interface ConnectionServices {
  readonly openConnection: ReturnType<typeof makeOpenConnection>;
  readonly closeConnection: ReturnType<typeof makeCloseConnection>;
  readonly handleClientFrame: ReturnType<typeof makeHandleClientFrame>;
}

/** The table stream's changes pushed to subscribed connections. */
export interface FanOutServices {
  readonly fanOutChange: ReturnType<typeof makeFanOutChange>;
}

/** Every realtime use case. */
export interface RealtimeServices extends ConnectTicketServices, ConnectionServices, FanOutServices {}

/** The connect tickets over a base (the process's by default). */
export const connectTickets = /* @__PURE__ */ perBase((b): ConnectTicketServices => ({
  issueConnectTicket: deferred(() => makeIssueConnectTicket({ tickets: ticketRepository(b), clock: b.clock, ids: b.ids, allowedOrigins: b.config.allowedOrigins })),
  authorizeConnect: deferred(() => makeAuthorizeConnect({ tickets: ticketRepository(b), clock: b.clock })),
}));

/** The connection services over a base (the process's by default). */
export const connections = /* @__PURE__ */ perBase((b): ConnectionServices => ({
  openConnection: deferred(() => makeOpenConnection({ connections: connectionRepository(b), subscriptions: subscriptionRepository(b), clock: b.clock })),
  closeConnection: deferred(() => makeCloseConnection({ connections: connectionRepository(b) })),
  handleClientFrame: deferred(() => makeHandleClientFrame({
    subscriptions: subscriptionRepository(b), publisher: realtimePublisher(b), clock: b.clock, agents: agentRepository(b),
    authorizeTopic: makeAuthorizeTopic({ conversations: conversationRepository(b), inboxes: inboxRepository(b) }),
  })),
}));

/** The stream fan-out over a base (the process's by default). */
export const streamFanOut = /* @__PURE__ */ perBase((b): FanOutServices => ({
  fanOutChange: deferred(() => makeFanOutChange({
    subscriptions: subscriptionRepository(b), connections: connectionRepository(b), agents: agentRepository(b), publisher: realtimePublisher(b), clock: b.clock,
  })),
}));

/** Every realtime service over a base (the process's by default). */
export const realtime = /* @__PURE__ */ perBase((b): RealtimeServices => ({ ...connectTickets(b), ...connections(b), ...streamFanOut(b) }));

/** Decodes a table stream record into a change (realtime-fanout). */
export { decodeStreamRecord };
