/**
 * The stateful stack — layer: infra (CDK stacks).
 *
 * Everything that holds data: the single table, the work queues and their DLQs, the
 * attachments bucket, the search collection or domain, and the secrets. All of it is retained
 * when the stack is deleted. The stateless stack receives it as {@link StatefulResources}.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { AttachmentsBucket } from '../constructs/attachments-bucket.js';
import type { PhysicalNames } from '../constructs/naming.js';
import { SwitchboardSecrets, type SecretId } from '../constructs/secrets.js';
import { SearchResource, type SearchEndpoint, type SearchMode } from '../constructs/search.js';
import { createSingleTable } from '../constructs/single-table.js';
import { WorkQueue } from '../constructs/work-queue.js';
import { queues, table as tableSpec, type QueueId } from '../manifest.js';

/** What the stateless stack needs from the stateful one. */
export interface StatefulResources {
  readonly table: ITable;
  /** The GSI names, so grants can name each index instead of `index/*`. */
  readonly tableIndexNames: readonly string[];
  readonly queues: Readonly<Record<QueueId, IQueue>>;
  readonly attachments: {
    /** Physical name, built from pseudo parameters only (no cross-stack export). */
    readonly bucketName: string;
    /** `arn:…:s3:::<name>/*`, for object grants. */
    readonly objectsArn: string;
  };
  readonly secrets: Readonly<Record<SecretId, ISecret>>;
  readonly search: SearchEndpoint;
}

/** Properties of {@link StatefulStack}. */
export interface StatefulStackProps extends StackProps {
  readonly names: PhysicalNames;
  readonly searchMode: SearchMode;
  readonly allowedOrigins: readonly string[];
}

/** Table, queues, bucket, search and secrets. */
export class StatefulStack extends Stack {
  readonly resources: StatefulResources;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { names } = props;

    const table = createSingleTable(this, 'Table', tableSpec, names.table(tableSpec));
    const workQueue = (queueId: QueueId): IQueue => {
      const spec = queues[queueId];
      return new WorkQueue(this, `Queue-${queueId}`, {
        spec,
        queueName: names.queue(spec),
        deadLetterQueueName: names.deadLetterQueue(spec),
      }).queue;
    };
    const workQueues: Record<QueueId, IQueue> = { aiJobs: workQueue('aiJobs'), outbound: workQueue('outbound'), knowledge: workQueue('knowledge') };
    const attachments = new AttachmentsBucket(this, 'Attachments', {
      bucketName: names.attachmentsBucket,
      accessLogsBucketName: names.accessLogsBucket,
      allowedOrigins: props.allowedOrigins,
    });
    const search = new SearchResource(this, 'Search', { mode: props.searchMode, name: names.search });
    const secrets = new SwitchboardSecrets(this, 'Secrets', { secretName: names.secret });

    new CfnOutput(this, 'TableName', { value: table.tableName, description: 'The single DynamoDB table' });
    new CfnOutput(this, 'SearchEndpoint', { value: search.endpoint.endpoint, description: `OpenSearch ${props.searchMode} endpoint` });

    this.resources = {
      table,
      tableIndexNames: tableSpec.indexes.map((index) => index.name),
      queues: workQueues,
      attachments: { bucketName: attachments.bucketName, objectsArn: attachments.objectsArn },
      secrets: secrets.secrets,
      search: search.endpoint,
    };
  }
}
