/**
 * Each HTTP function's routes in infra/manifest.ts (what API Gateway and the local gateway
 * route to it) must equal the route keys of the contracts its router serves: a contract missing
 * from the manifest would never be reached, a manifest route without a contract would answer 404.
 */
import { describe, expect, it } from 'vitest';
import { agentAuthRoutes, agentChannelRoutes, agentInboxRoutes, agentTeamRoutes, functions } from '../../../infra/manifest.js';
import { routeKey, type RouteContract } from '../../../shared/contracts/http/route.js';
import { agentApiContracts } from '../../../shared/runtime/api/agent/agent-api.js';
import { authBindings } from '../../../shared/runtime/api/agent/auth-bindings.js';
import { channelInboxBindings } from '../../../shared/runtime/api/agent/channel-inbox-bindings.js';
import { inboxBindings } from '../../../shared/runtime/api/agent/inbox-bindings.js';
import { teamBindings } from '../../../shared/runtime/api/agent/team-bindings.js';
import { widgetApiContracts } from '../../../shared/runtime/api/widget/widget-api.js';
import { webhookBindings } from '../../../shared/runtime/webhooks/index.js';

const keysOf = (contracts: () => RouteContract[]) => () => contracts().map(routeKey);

/** The route keys each HTTP function's router serves, by function name (webhooks: its bindings, not JSON contracts). */
const contractsByFunction: Readonly<Record<string, () => string[]>> = {
  'agent-api': keysOf(agentApiContracts),
  'widget-api': keysOf(widgetApiContracts),
  webhooks: () => webhookBindings().map((b) => b.routeKey),
};

const sorted = (keys: readonly string[]) => [...keys].sort();

describe('HTTP routes in the manifest', () => {
  const httpFunctions = functions.filter((f) => f.trigger.kind === 'http');

  it('name, for every HTTP function, a router whose contracts are known to this test', () => {
    expect(httpFunctions.map((f) => f.name).filter((name) => !(name in contractsByFunction))).toEqual([]);
  });

  for (const spec of httpFunctions) {
    it(`equal the route keys of the contracts of ${spec.name}`, () => {
      const routes = spec.trigger.kind === 'http' ? spec.trigger.routes : [];
      const contracts = contractsByFunction[spec.name]?.() ?? [];
      expect(sorted(routes)).toEqual(sorted(contracts));
      expect(new Set(routes).size).toBe(routes.length);
    });
  }

  it("list the auth, team and widget-settings bindings under their owner's constants", () => {
    expect(sorted(agentAuthRoutes)).toEqual(sorted(authBindings.map((b) => routeKey(b.contract))));
    expect(sorted(agentTeamRoutes)).toEqual(sorted(teamBindings.map((b) => routeKey(b.contract))));
    expect(sorted(agentInboxRoutes)).toEqual(sorted(inboxBindings.map((b) => routeKey(b.contract))));
    expect(sorted(agentChannelRoutes)).toEqual(sorted(channelInboxBindings.map((b) => routeKey(b.contract))));
  });
});
