/**
 * widget-api — the customer chat widget's HTTP API (`/widget/v1/...`): the widget's public
 * configuration, visitor sessions (with verified users), conversations and messages, attachment
 * uploads and realtime tickets. Routes are declared as contracts in
 * `shared/contracts/http/widget.ts`; docs/API.md "Widget API" describes them.
 */
import { widgetApiHandler } from '../shared/runtime/api/widget/widget-api.js';

const handler = widgetApiHandler();
export { handler };
