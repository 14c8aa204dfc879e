/**
 * The search resource — layer: infra (CDK constructs).
 *
 * `serverless` (the default): an OpenSearch Serverless VECTORSEARCH collection, AWS-owned
 * encryption key, reachable on its public endpoint — every request must still be SigV4-signed by
 * a principal that a data access policy names (the stateless stack writes that policy for the
 * function roles), so "public" means "no VPC", not "anonymous". Keeping the functions out of a
 * VPC avoids NAT gateways and VPC endpoints for DynamoDB, SQS, Bedrock and API Gateway.
 *
 * `domain`: a managed OpenSearch Service domain for teams that want instance-based pricing:
 * encrypted at rest and between nodes, HTTPS with TLS 1.2, two zones, slow and application logs
 * in CloudWatch, and an access policy that delegates to IAM in this account.
 */
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, ResourcePolicy, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { CfnCollection, CfnSecurityPolicy } from 'aws-cdk-lib/aws-opensearchserverless';
import { CfnDomain, Domain, EngineVersion, TLSSecurityPolicy } from 'aws-cdk-lib/aws-opensearchservice';
import { EbsDeviceVolumeType } from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/** Which OpenSearch offering backs the search index port. */
export const searchModes = ['serverless', 'domain'] as const;

/** One of {@link searchModes}. */
export type SearchMode = (typeof searchModes)[number];

/** What the stateless stack needs to reach and grant the search resource. */
export interface SearchEndpoint {
  readonly mode: SearchMode;
  /** The collection or domain name. */
  readonly name: string;
  /** `https://…` endpoint of the collection or domain. */
  readonly endpoint: string;
  /**
   * The IAM resource functions are granted on: the collection ARN (serverless), or
   * `arn:…:domain/<name>/*` built from the name (domain), since HTTP paths extend the ARN.
   */
  readonly iamResource: string;
}

/** Properties of {@link SearchResource}. */
export interface SearchResourceProps {
  readonly mode: SearchMode;
  readonly name: string;
}

/** The OpenSearch collection or domain chosen by `searchMode`. */
export class SearchResource extends Construct {
  readonly endpoint: SearchEndpoint;

  constructor(scope: Construct, id: string, props: SearchResourceProps) {
    super(scope, id);
    this.endpoint = props.mode === 'serverless' ? this.createCollection(props.name) : this.createDomain(props.name);
  }

  private createCollection(name: string): SearchEndpoint {
    const collectionResource = [`collection/${name}`];
    const encryption = new CfnSecurityPolicy(this, 'EncryptionPolicy', {
      name: `${name}-enc`,
      type: 'encryption',
      description: 'Encrypts the Switchboard collection with an AWS-owned key',
      policy: JSON.stringify({ Rules: [{ ResourceType: 'collection', Resource: collectionResource }], AWSOwnedKey: true }),
    });
    const network = new CfnSecurityPolicy(this, 'NetworkPolicy', {
      name: `${name}-net`,
      type: 'network',
      description: 'Public endpoint for the Switchboard collection; data access still requires SigV4 and the data access policy',
      policy: JSON.stringify([{ Rules: [{ ResourceType: 'collection', Resource: collectionResource }], AllowFromPublic: true }]),
    });
    const collection = new CfnCollection(this, 'Collection', {
      name,
      type: 'VECTORSEARCH',
      description: 'Switchboard knowledge and catalogue index (hybrid BM25 + k-NN), one shared index with a tenant filter',
    });
    // A collection can only be created once a matching encryption policy exists.
    collection.addResourceDependency(encryption);
    collection.addResourceDependency(network);
    for (const resource of [encryption, network, collection]) resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    return { mode: 'serverless', name, endpoint: collection.attrCollectionEndpoint, iamResource: collection.attrArn };
  }

  private createDomain(name: string): SearchEndpoint {
    const domainArn = `arn:${Aws.PARTITION}:es:${Aws.REGION}:${Aws.ACCOUNT_ID}:domain/${name}`;
    const logGroup = (logId: string): LogGroup =>
      new LogGroup(this, logId, { retention: RetentionDays.THREE_MONTHS, removalPolicy: RemovalPolicy.RETAIN });
    const slowSearchLogGroup = logGroup('SlowSearchLogs');
    const slowIndexLogGroup = logGroup('SlowIndexLogs');
    const appLogGroup = logGroup('AppLogs');

    // Written here as a native resource instead of the Domain construct's custom resource (a
    // Lambda of its own), scoped to this domain by source ARN against the confused deputy.
    new ResourcePolicy(this, 'LogsResourcePolicy', {
      policyStatements: [
        new PolicyStatement({
          principals: [new ServicePrincipal('es.amazonaws.com')],
          actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          resources: [slowSearchLogGroup, slowIndexLogGroup, appLogGroup].map((group) => group.logGroupArn),
          conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID }, ArnLike: { 'aws:SourceArn': domainArn } },
        }),
      ],
    });

    const domain = new Domain(this, 'Domain', {
      domainName: name,
      version: EngineVersion.OPENSEARCH_2_19,
      capacity: { dataNodes: 2, dataNodeInstanceType: 'r6g.large.search', multiAzWithStandbyEnabled: false },
      zoneAwareness: { enabled: true, availabilityZoneCount: 2 },
      ebs: { volumeSize: 20, volumeType: EbsDeviceVolumeType.GP3 },
      encryptionAtRest: { enabled: true },
      nodeToNodeEncryption: true,
      enforceHttps: true,
      tlsSecurityPolicy: TLSSecurityPolicy.TLS_1_2,
      logging: {
        slowSearchLogEnabled: true,
        slowSearchLogGroup,
        slowIndexLogEnabled: true,
        slowIndexLogGroup,
        appLogEnabled: true,
        appLogGroup,
      },
      suppressLogsResourcePolicy: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Set on the L1 so no custom resource is needed: the account root principal delegates to
    // IAM, so only identities whose own policies allow es:ESHttp* on this domain get in.
    (domain.node.defaultChild as CfnDomain).accessPolicies = {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:${Aws.PARTITION}:iam::${Aws.ACCOUNT_ID}:root` },
          Action: 'es:ESHttp*',
          Resource: `${domainArn}/*`,
        },
      ],
    };
    acknowledge(
      domain,
      'OS1',
      'The functions run outside a VPC (no NAT gateway or interface endpoints to pay for and operate); every request is SigV4-signed and authorized by IAM through the domain access policy.',
    );
    acknowledge(
      domain,
      'OS3',
      'Lambda functions have no fixed source IPs to allowlist; access is limited to IAM principals of this account whose identity policies name this domain.',
    );
    acknowledge(
      domain,
      'OS4',
      'Two data nodes across two zones hold one shared index; three dedicated master nodes would triple the instance count for a cluster this small. Add them in capacity when scaling past a handful of data nodes.',
    );
    return { mode: 'domain', name, endpoint: `https://${domain.domainEndpoint}`, iamResource: `${domainArn}/*` };
  }
}

