/**
 * The search data access policy — layer: infra (CDK constructs).
 *
 * OpenSearch Serverless authorizes data-plane calls twice: IAM (`aoss:APIAccessAll`, see
 * grants.ts) and a data access policy naming the principals. The policy lives in the stateless
 * stack because it names the function roles; the stateful stack only knows the collection name.
 */
import { Stack } from 'aws-cdk-lib';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import { CfnAccessPolicy } from 'aws-cdk-lib/aws-opensearchserverless';
import type { Construct } from 'constructs';
import type { SearchAccess } from './grants.js';
import type { SearchEndpoint } from './search.js';

/** Index permissions per access level (documents only; no collection administration). */
export const searchIndexPermissions: Readonly<Record<SearchAccess, readonly string[]>> = {
  read: ['aoss:DescribeIndex', 'aoss:ReadDocument'],
  'read-write': ['aoss:DescribeIndex', 'aoss:ReadDocument', 'aoss:WriteDocument', 'aoss:CreateIndex', 'aoss:UpdateIndex'],
};

/** A role and the search access it was granted. */
export interface SearchGrant {
  readonly role: IRole;
  readonly access: SearchAccess;
}

/**
 * Writes the collection's data access policy for the granted roles. Returns nothing for a
 * managed domain (its access policy delegates to IAM) or when no function uses search.
 */
export function createSearchDataAccessPolicy(scope: Construct, id: string, search: SearchEndpoint, grants: readonly SearchGrant[]): CfnAccessPolicy | undefined {
  if (search.mode !== 'serverless' || grants.length === 0) return undefined;
  const rules = (['read', 'read-write'] as const)
    .map((access) => ({ access, principals: grants.filter((g) => g.access === access).map((g) => g.role.roleArn) }))
    .filter(({ principals }) => principals.length > 0)
    .map(({ access, principals }) => ({
      Description: `Switchboard functions with ${access} search access`,
      Rules: [
        { ResourceType: 'collection', Resource: [`collection/${search.name}`], Permission: ['aoss:DescribeCollectionItems'] },
        { ResourceType: 'index', Resource: [`index/${search.name}/*`], Permission: [...searchIndexPermissions[access]] },
      ],
      Principal: principals,
    }));
  return new CfnAccessPolicy(scope, id, {
    name: `${search.name}-data`,
    type: 'data',
    description: 'Switchboard function roles that may use the search collection',
    policy: Stack.of(scope).toJsonString(rules),
  });
}
