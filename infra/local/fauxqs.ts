/**
 * SQS and S3 — layer: infra (local composition root).
 *
 * Runs fauxqs in this process and creates every queue of `infra/manifest.ts` with its
 * dead-letter queue and redrive policy, plus the attachments bucket, through the real SQS and
 * S3 APIs. The redrive policy is fauxqs's own: after `maxReceiveCount` receives a message moves
 * to the DLQ as in SQS (proven by tests/integration/local/queue-poller.test.ts).
 *
 * fauxqs's `startFauxqs()` listens on 0.0.0.0; the laptop cloud listens on 127.0.0.1 only, so
 * this module builds the same server with fauxqs's `buildApp()` and binds it to 127.0.0.1.
 */
import { buildApp } from 'fauxqs';
import { CreateQueueCommand, ListQueuesCommand, type SQSClient } from '@aws-sdk/client-sqs';
import { CreateBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { queues as queueSpecs, type QueueId, type QueueSpec } from '../manifest.js';
import { localS3, localSqs } from './local-clients.js';
import { errorMessage, type Log } from './log.js';
import { queueNames, resourcePrefix } from './names.js';
import { assertPortFree } from './prerequisites.js';
import { secondsSince } from './timing.js';

/** The longest retention SQS allows (14 days), used for every DLQ. */
const dlqRetentionSeconds = 14 * 24 * 60 * 60;

/** A created queue and its DLQ. */
export interface LocalQueue {
  readonly id: QueueId;
  readonly spec: QueueSpec;
  readonly url: string;
  readonly arn: string;
  readonly dlqUrl: string;
  readonly dlqArn: string;
}

/** Options of {@link startQueuesAndBucket}. */
export interface FauxqsOptions {
  readonly region: string;
  /** 0 or undefined: a free port. */
  readonly port?: number;
  readonly bucketName: string;
  readonly log: Log;
}

/** The running fauxqs with the manifest's queues and the bucket. */
export interface LocalQueuesAndBucket {
  /** The SQS and S3 endpoint (one port for both). */
  readonly endpoint: string;
  readonly port: number;
  readonly queues: Readonly<Record<QueueId, LocalQueue>>;
  readonly bucketName: string;
  health(): Promise<{ ok: boolean; detail: string }>;
  stop(): Promise<void>;
}

/**
 * Creates one queue and its DLQ from a manifest spec (idempotent, as CreateQueue is). Content-based
 * deduplication stays off, so FIFO producers must send a `MessageDeduplicationId` here as in AWS.
 */
export async function createQueueWithDlq(sqs: SQSClient, id: QueueId, spec: QueueSpec): Promise<LocalQueue> {
  const names = queueNames(spec);
  const fifo: Record<string, string> = spec.fifo ? { FifoQueue: 'true' } : {};
  const dlq = await sqs.send(new CreateQueueCommand({
    QueueName: names.dlq,
    Attributes: { ...fifo, MessageRetentionPeriod: String(dlqRetentionSeconds) },
  }));
  const dlqArn = queueArn(dlq.QueueUrl, sqs);
  const main = await sqs.send(new CreateQueueCommand({
    QueueName: names.main,
    Attributes: {
      ...fifo,
      VisibilityTimeout: String(spec.visibilityTimeoutSeconds),
      MessageRetentionPeriod: String(Math.min(spec.retentionDays * 24 * 60 * 60, dlqRetentionSeconds)),
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: await dlqArn, maxReceiveCount: spec.maxReceiveCount }),
    },
  }));
  return { id, spec, url: required(main.QueueUrl), arn: await queueArn(main.QueueUrl, sqs), dlqUrl: required(dlq.QueueUrl), dlqArn: await dlqArn };
}

function required(url: string | undefined): string {
  if (!url) throw new Error('CreateQueue returned no QueueUrl');
  return url;
}

/** The ARN of a queue, from its URL (`.../<account>/<name>`) and the client's region, as SQS forms it. */
async function queueArn(url: string | undefined, sqs: SQSClient): Promise<string> {
  const [account, name] = new URL(required(url)).pathname.split('/').filter(Boolean);
  return `arn:aws:sqs:${await sqs.config.region()}:${account}:${name}`;
}

/**
 * The widget uploads attachments straight from the browser with presigned PUT URLs, which needs
 * CORS on the bucket (in AWS: a CORS rule on the attachments bucket). fauxqs has no bucket CORS
 * configuration, so the laptop answers preflights itself; the presigned signature still decides
 * what may be written.
 */
function allowBrowserUploads(app: ReturnType<typeof buildApp>): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (!origin) return;
    reply.header('access-control-allow-origin', origin);
    reply.header('vary', 'origin');
    if (request.method === 'OPTIONS' && request.headers['access-control-request-method']) {
      reply.header('access-control-allow-methods', 'GET, HEAD, PUT');
      reply.header('access-control-allow-headers', request.headers['access-control-request-headers'] ?? 'content-type');
      reply.header('access-control-max-age', '600');
      await reply.code(204).send();
    }
  });
}

/**
 * Starts fauxqs on 127.0.0.1 and creates the manifest's queues (with DLQs) and the bucket.
 *
 * @example
 * const sqs = await startQueuesAndBucket({ region: 'eu-west-1', bucketName: 'switchboard-attachments', log });
 * sqs.queues.outbound.url; // http://sqs.eu-west-1.localhost:40001/000000000000/switchboard-outbound.fifo
 */
export async function startQueuesAndBucket(options: FauxqsOptions): Promise<LocalQueuesAndBucket> {
  const { region, log, bucketName } = options;
  const startedAt = performance.now();
  if (options.port) await assertPortFree(options.port, 'fauxqs (SQS and S3)');
  // fauxqs takes the region of each request from its SigV4 signature; `defaultRegion` covers
  // unsigned requests. Every client here signs with the configured region.
  const app = buildApp({ logger: false, defaultRegion: region });
  allowBrowserUploads(app);
  await app.listen({ port: options.port ?? 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const endpoint = `http://127.0.0.1:${port}`;

  const sqs = localSqs({ endpoint, region });
  const s3 = localS3({ endpoint, region });
  const queues = Object.fromEntries(await Promise.all(
    (Object.entries(queueSpecs) as [QueueId, QueueSpec][]).map(async ([id, spec]) => [id, await createQueueWithDlq(sqs, id, spec)] as const),
  )) as Record<QueueId, LocalQueue>;
  await s3.send(new CreateBucketCommand({ Bucket: bucketName }));
  log(`ready on :${port}: ${Object.keys(queues).length} queues with DLQs, bucket ${bucketName} (in ${secondsSince(startedAt)})`);

  let stopping: Promise<void> | undefined;
  return {
    endpoint,
    port,
    queues,
    bucketName,
    async health() {
      try {
        const listed = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: resourcePrefix }), { abortSignal: AbortSignal.timeout(2_000) });
        await s3.send(new HeadBucketCommand({ Bucket: bucketName }), { abortSignal: AbortSignal.timeout(2_000) });
        const expected = Object.keys(queues).length * 2;
        const found = listed.QueueUrls?.length ?? 0;
        return found >= expected
          ? { ok: true, detail: `${endpoint}, ${found} queues, bucket ${bucketName}` }
          : { ok: false, detail: `${found} of ${expected} queues exist` };
      } catch (error) {
        return { ok: false, detail: errorMessage(error) };
      }
    },
    stop() {
      stopping ??= (async () => {
        sqs.destroy();
        s3.destroy();
        await app.close();
        log('stopped');
      })();
      return stopping;
    },
  };
}
