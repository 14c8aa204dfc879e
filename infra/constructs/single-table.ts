/**
 * The single DynamoDB table — layer: infra (CDK constructs).
 *
 * Built from `manifest.table` so the cloud table and the one the laptop creates in DynamoDB Local
 * have the same keys, indexes, TTL attribute and stream.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import type { TableSpec } from '../manifest.js';

/**
 * Creates the table: on-demand, every GSI projecting all attributes, the stream the realtime
 * fan-out reads, point-in-time recovery and deletion protection, retained when the stack goes.
 */
export function createSingleTable(scope: Construct, id: string, spec: TableSpec, tableName: string): Table {
  const table = new Table(scope, id, {
    tableName,
    partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
    sortKey: { name: spec.sortKey, type: AttributeType.STRING },
    billingMode: BillingMode.PAY_PER_REQUEST,
    timeToLiveAttribute: spec.ttlAttribute,
    stream: StreamViewType[spec.stream],
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of spec.indexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}
