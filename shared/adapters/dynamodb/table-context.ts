/**
 * Table context — layer: adapters (DynamoDB). What every repository needs: the document client
 * and the physical table name.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The document client and the table every repository of this adapter works on. */
export interface TableContext {
  readonly client: DynamoDBDocumentClient;
  readonly tableName: string;
}
