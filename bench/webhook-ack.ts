/**
 * The webhook ack path — layer: bench (tooling). Part of `npm run bench`.
 *
 * Measures what one inbound message costs the `webhooks` function, in one run, on the laptop
 * cloud's DynamoDB Local and fauxqs:
 * - **writes and queue sends per message**: every DynamoDB and SQS request the handler makes goes
 *   through a counting proxy in front of the local endpoints (`X-Amz-Target` names the operation);
 * - **WRU per message**: the proxy adds `ReturnConsumedCapacity: TOTAL` to every write and sums the
 *   `ConsumedCapacity` DynamoDB answers with;
 * - **handler time** (p50 / p99): the real handler (`functions/webhooks.ts`) invoked in-process
 *   with signed Twilio SMS events, against a **baseline** that only decodes the same event,
 *   verifies its signature and parses the same payload (form + field contract).
 * Two scenarios: a returning customer (contact and conversation exist: the steady state) and a
 * new customer (first message: contact, identity and conversation are created too).
 */
import { randomBytes } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { ulid } from 'ulid';
import { encodeTwilioForm, firstValues, parseTwilioForm } from '../shared/adapters/channels/twilio/form.js';
import { isValidTwilioFormSignature, twilioSignature, type FormParameter } from '../shared/adapters/channels/twilio/signature.js';
import { TwilioInboundMessage } from '../shared/contracts/webhooks/twilio.js';
import { requestFromEvent } from '../shared/runtime/http/request.js';
import { startCapacityProxy } from './capacity-proxy.js';


/** Results of the webhook ack bench. */
export interface WebhookAckResult {
  readonly messages: number;
  readonly scenarios: readonly {
    readonly name: string;
    readonly writesPerMessage: number;
    readonly readsPerMessage: number;
    readonly wruPerMessage: number;
    readonly queueSendsPerMessage: number;
    readonly handler: { readonly p50: number; readonly p99: number };
    readonly baseline: { readonly p50: number; readonly p99: number };
  }[];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function twilioEvent(input: { inboxId: string; url: string; authToken: string; params: readonly FormParameter[] }): APIGatewayProxyEventV2 {
  const body = encodeTwilioForm(input.params);
  const path = `/webhooks/twilio/${input.inboxId}`;
  return {
    version: '2.0',
    routeKey: 'POST /webhooks/twilio/{inboxId}',
    rawPath: path,
    rawQueryString: '',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': twilioSignature(input.authToken, input.url, input.params), host: new URL(input.url).host },
    pathParameters: { inboxId: input.inboxId },
    requestContext: {
      accountId: '000000000000', apiId: 'bench', domainName: '127.0.0.1', domainPrefix: 'bench', requestId: ulid(), routeKey: 'POST /webhooks/twilio/{inboxId}', stage: '$default',
      time: '', timeEpoch: Date.now(), http: { method: 'POST', path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'TwilioProxy/1.1' },
    },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  };
}

const context = { awsRequestId: 'bench' } as Context;

/**
 * Runs the webhook ack bench against backends whose DynamoDB and SQS endpoints are given (the
 * handler's environment is pointed at counting proxies in front of them).
 */
export async function benchWebhookAck(input: {
  configuration: Readonly<Record<string, string>>;
  messages: number;
  warmup: number;
  say: (line: string) => void;
}): Promise<WebhookAckResult> {
  const dynamo = await startCapacityProxy(input.configuration.SWITCHBOARD_DYNAMODB_ENDPOINT!);
  const sqs = await startCapacityProxy(input.configuration.SWITCHBOARD_SQS_ENDPOINT!);
  const counted = () => ({ writes: dynamo.counters.writes, reads: dynamo.counters.reads, wru: dynamo.counters.wru, queueSends: sqs.counters.queueSends });
  try {
    Object.assign(process.env, input.configuration, { SWITCHBOARD_DYNAMODB_ENDPOINT: dynamo.url, SWITCHBOARD_SQS_ENDPOINT: sqs.url, SWITCHBOARD_LOG_LEVEL: 'ERROR' });
    const { container } = await import('../shared/runtime/container.js');
    const { handler } = await import('../functions/webhooks.js');
    const app = container();
    const accountId = ulid();
    await app.repositories.accounts.create({ id: accountId, name: 'Bench', mfaRequired: false, autoAssign: false, agentCapacity: 10, createdAt: new Date().toISOString() });
    const authToken = randomBytes(16).toString('hex');
    const inboxNumber = '+15550009999';
    const { inbox } = await app.services.createChannelInbox({
      accountId, name: 'Bench SMS', channel: 'sms', channelAddress: inboxNumber,
      credentials: { provider: 'twilio', accountSid: `AC${randomBytes(16).toString('hex')}`, authToken },
    });
    const url = inbox.webhookUrl!;
    const paramsFor = (from: string): FormParameter[] => [
      ['MessageSid', `SM${randomBytes(16).toString('hex')}`], ['From', from], ['To', inboxNumber], ['Body', 'Hi, where is my order #1234? It was due yesterday.'], ['NumMedia', '0'],
    ];
    const baseline = (event: APIGatewayProxyEventV2) => {
      const request = requestFromEvent(event);
      const params = parseTwilioForm(request.body);
      if (!isValidTwilioFormSignature({ authToken, url, params, signature: request.headers['x-twilio-signature'] })) throw new Error('baseline: bad signature');
      if (!TwilioInboundMessage.safeParse(firstValues(params)).success) throw new Error('baseline: bad payload');
    };

    const scenarios: WebhookAckResult['scenarios'][number][] = [];
    for (const scenario of ['returning customer', 'new customer'] as const) {
      const returning = `+1555${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`;
      const fromFor = () => (scenario === 'returning customer' ? returning : `+1556${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`);
      // Warm-up (and, for the returning customer, the first message that creates the conversation).
      for (let i = 0; i < input.warmup; i++) {
        const event = twilioEvent({ inboxId: inbox.id, url, authToken, params: paramsFor(fromFor()) });
        baseline(event);
        const result = await handler(event, context);
        if (result.statusCode !== 200) throw new Error(`webhook answered ${result.statusCode}: ${String(result.body)}`);
      }
      const handlerMs: number[] = [];
      const baselineMs: number[] = [];
      const before = counted();
      for (let i = 0; i < input.messages; i++) {
        const event = twilioEvent({ inboxId: inbox.id, url, authToken, params: paramsFor(fromFor()) });
        // Alternate the order so neither form always runs on a warmer cache.
        if (i % 2 === 0) {
          const t0 = performance.now();
          baseline(event);
          baselineMs.push(performance.now() - t0);
        }
        const t1 = performance.now();
        const result = await handler(event, context);
        handlerMs.push(performance.now() - t1);
        if (result.statusCode !== 200) throw new Error(`webhook answered ${result.statusCode}: ${String(result.body)}`);
        if (i % 2 === 1) {
          const t0 = performance.now();
          baseline(event);
          baselineMs.push(performance.now() - t0);
        }
      }
      const n = input.messages;
      const counters = counted();
      handlerMs.sort((a, b) => a - b);
      baselineMs.sort((a, b) => a - b);
      const summary = {
        name: scenario,
        writesPerMessage: (counters.writes - before.writes) / n,
        readsPerMessage: (counters.reads - before.reads) / n,
        wruPerMessage: (counters.wru - before.wru) / n,
        queueSendsPerMessage: (counters.queueSends - before.queueSends) / n,
        handler: { p50: percentile(handlerMs, 50), p99: percentile(handlerMs, 99) },
        baseline: { p50: percentile(baselineMs, 50), p99: percentile(baselineMs, 99) },
      };
      scenarios.push(summary);
      input.say(`  ${scenario}: ${summary.writesPerMessage.toFixed(2)} writes, ${summary.wruPerMessage.toFixed(2)} WRU, ${summary.queueSendsPerMessage.toFixed(2)} queue sends, ${summary.readsPerMessage.toFixed(2)} reads per message; handler p50 ${summary.handler.p50.toFixed(2)} ms p99 ${summary.handler.p99.toFixed(2)} ms; baseline p50 ${summary.baseline.p50.toFixed(3)} ms p99 ${summary.baseline.p99.toFixed(3)} ms`);
    }
    return { messages: input.messages, scenarios };
  } finally {
    await dynamo.close();
    await sqs.close();
  }
}

/** The "Webhook ack path" section of docs/BENCHMARKS.md. */
export function webhookAckSection(result: WebhookAckResult, meta: { command: string; date: string; node: string; cores: number; cpu: string }): string {
  const rows = result.scenarios.map((s) => `| ${s.name} | ${s.writesPerMessage.toFixed(2)} | ${s.wruPerMessage.toFixed(2)} | ${s.queueSendsPerMessage.toFixed(2)} | ${s.readsPerMessage.toFixed(2)} | ${s.handler.p50.toFixed(2)} | ${s.handler.p99.toFixed(2)} | ${s.baseline.p50.toFixed(3)} | ${s.baseline.p99.toFixed(3)} |`);
  return [
    '## Webhook ack path',
    '',
    `Command: \`${meta.command}\` (${result.messages} signed Twilio SMS webhooks per scenario, after a warm-up).`,
    '',
    `Measured ${meta.date} on Node ${meta.node}, ${meta.cores} cores (${meta.cpu}), against the laptop cloud's DynamoDB Local (in memory) and fauxqs, through counting proxies. The handler is the real \`webhooks\` function invoked in-process; the baseline only decodes the same event, verifies its signature and parses the same payload (form + field contract). DynamoDB Local reports write capacity as DynamoDB does for on-demand tables (1 WRU per KB written, per item, GSI updates included); fauxqs answers the queue sends.`,
    '',
    '| Scenario | DynamoDB writes / message | WRU / message | Queue sends / message | Reads / message | Handler p50 ms | Handler p99 ms | Baseline p50 ms | Baseline p99 ms |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    'Returning customer: the claim item of the dedupe key (conditional put), the message append (the conversation META item bumped, then the message item), and the AI job (one SQS FIFO send with the message id as deduplication id). A new customer adds the contact, its identity (conditional) and the conversation. The handler time is dominated by the round trips to the local backends; the baseline shows the cost of verification and parsing alone.',
    '',
  ].join('\n');
}
