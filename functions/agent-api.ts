/**
 * agent-api — the agents' HTTP API (`/api/v1/...`): sign-in and MFA, the team, the inbox and
 * conversations, and the generated OpenAPI document. Routes are declared as contracts in
 * `shared/contracts/http/`; docs/API.md describes them.
 */
import { agentApiHandler } from '../shared/runtime/api/agent/agent-api.js';

const handler = agentApiHandler();
export { handler };
