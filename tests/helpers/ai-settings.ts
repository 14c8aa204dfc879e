/**
 * AI settings in integration tests: suites about people's workflows (assignment, replies,
 * channels) turn the AI agent off, so conversations start with a human as they did before it.
 */
import type { SignedInAgent } from './api-client.js';

/** Turns the account's AI agent off (admin `PUT /api/v1/ai/settings`); resolves the same agent. */
export async function withAiOff(agent: SignedInAgent): Promise<SignedInAgent> {
  const response = await agent.call('PUT', '/api/v1/ai/settings', { enabled: false });
  if (response.status !== 200) throw new Error(`turning the AI off failed: ${response.status} ${JSON.stringify(response.body)}`);
  return agent;
}
