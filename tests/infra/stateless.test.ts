/**
 * The stateless stack: every manifest function deployed as the manifest says, wired to its
 * trigger, with least-privilege IAM. A second synth with {@link variantFunctions} covers the
 * trigger and permission kinds the manifest does not use yet.
 */
import { rmSync } from 'node:fs';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { CfnRole } from 'aws-cdk-lib/aws-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvalidTriggerError } from '../../infra/constructs/event-triggers.js';
import { forbiddenTableActions, searchAccessOf, tableReadActions, tableWriteActions } from '../../infra/constructs/grants.js';
import { parseRouteKey } from '../../infra/constructs/http-gateway.js';
import { functionEnv, functions, queues, type FunctionSpec, type QueueId } from '../../infra/manifest.js';
import { InvalidManifestError, type StatelessStack } from '../../infra/stacks/stateless-stack.js';
import { environmentVariables } from '../../shared/runtime/config.js';
import { actionsOfRole, identityStatements, statementsOfRole } from './iam.js';
import { missingManifestFunctions } from './manifest-coverage.js';
import { hookTimeout, synthesizeSwitchboard, type Synthesized } from './synth.js';
import { variantFunctions } from './variant-functions.js';

const functionLogicalId = (stack: StatelessStack, name: string): string =>
  stack.getLogicalId(stack.functions.get(name)!.function.node.defaultChild as CfnFunction);
const roleLogicalId = (stack: StatelessStack, name: string): string =>
  stack.getLogicalId(stack.functions.get(name)!.role.node.defaultChild as CfnRole);

/** `{ "Fn::GetAtt": [<function>, "Arn"] }` appears somewhere in `value`. */
const referencesFunction = (value: unknown, logicalId: string): boolean => JSON.stringify(value).includes(`"Fn::GetAtt":["${logicalId}","Arn"]`);

/** CDK's BucketDeployment provider (web hosting): a deploy-time Lambda that is not a manifest function. */
const isDeploymentProvider = (logicalId: string): boolean => logicalId.startsWith('CustomCDKBucketDeployment');

/** The IAM assertions every synth must pass. */
function expectNoForbiddenTableAccess(templates: readonly Template[]): void {
  const actions = templates.flatMap((template) => identityStatements(template).filter((s) => s.effect === 'Allow').flatMap((s) => s.actions));
  expect(actions.length).toBeGreaterThan(0);
  expect(actions.filter((action) => forbiddenTableActions.test(action) || action === '*')).toEqual([]);
}

describe('stateless stack', () => {
  let synth: Synthesized;

  beforeAll(() => {
    // Prepare
    synth = synthesizeSwitchboard({ cloudFormationRules: false });
  }, hookTimeout);

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  it('every manifest function is deployed by CDK', () => {
    // Act
    const lambdas = synth.statelessTemplate.findResources('AWS::Lambda::Function');
    const deployed = [...synth.stateless.functions.keys()].filter((name) => functionLogicalId(synth.stateless, name) in lambdas);

    // Assess
    expect(missingManifestFunctions(deployed)).toEqual([]);
    expect(Object.keys(lambdas).filter((id) => !isDeploymentProvider(id))).toHaveLength(functions.length);
  });

  for (const spec of functions) {
    it(`deploys ${spec.name} on Node.js 22, arm64, with the manifest's memory and timeout`, () => {
      // Act
      const lambda = synth.statelessTemplate.findResources('AWS::Lambda::Function')[functionLogicalId(synth.stateless, spec.name)];

      // Assess
      expect(lambda?.['Properties']).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        Handler: 'index.handler',
        Description: spec.description,
        LoggingConfig: { LogGroup: { Ref: expect.stringContaining('Logs') } },
      });
    });
  }

  it('gives every function exactly the environment shared/runtime/config.ts reads in AWS', () => {
    // Prepare: the search variables go only to functions with a search permission
    const searchVariables: readonly string[] = [functionEnv.searchEndpoint, functionEnv.searchService, functionEnv.searchIndex];
    const everyVariable = [...Object.values(functionEnv), ...Object.values(queues).map((queue) => queue.urlEnv)].sort();
    const expectedFor = (spec: FunctionSpec) => everyVariable.filter((name) => searchAccessOf(spec.permissions) !== undefined || !searchVariables.includes(name));

    // Act
    const lambdas = functions.map((spec) => ({ spec, lambda: synth.statelessTemplate.findResources('AWS::Lambda::Function')[functionLogicalId(synth.stateless, spec.name)]! }));

    // Assess
    expect(Object.keys(synth.statelessTemplate.findResources('AWS::Lambda::Function')).filter((id) => !isDeploymentProvider(id))).toHaveLength(functions.length);
    for (const { spec, lambda } of lambdas) {
      const variables = (lambda['Properties'] as { Environment: { Variables: Record<string, unknown> } }).Environment.Variables;
      expect(Object.keys(variables).sort()).toEqual(expectedFor(spec));
      expect(variables[functionEnv.allowedOrigins]).toBe(synth.settings.allowedOrigins.join(','));
      expect(JSON.stringify(variables[functionEnv.wsEndpoint])).toContain('/live');
    }
    expect(everyVariable.filter((name) => !(environmentVariables as readonly string[]).includes(name))).toEqual([]);
  });

  it('routes $connect, $disconnect and $default to the websocket function, $connect through the ticket authorizer', () => {
    // Prepare
    const wsSpec = functions.find((spec) => spec.trigger.kind === 'websocket')!;
    const authorizerSpec = functions.find((spec) => spec.trigger.kind === 'websocket-authorizer')!;
    const template = synth.statelessTemplate;

    // Act
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r['Properties'] as Record<string, unknown>);
    const integrations = template.findResources('AWS::ApiGatewayV2::Integration');
    const authorizers = Object.values(template.findResources('AWS::ApiGatewayV2::Authorizer')).map((a) => a['Properties'] as Record<string, unknown>);

    // Assess
    expect(wsSpec.trigger.kind === 'websocket' && wsSpec.trigger.routes).toEqual(['$connect', '$disconnect', '$default']);
    const webSocketRoutes = routes.filter((route) => String(route['RouteKey']).startsWith('$'));
    expect(webSocketRoutes.map((route) => route['RouteKey']).sort()).toEqual(['$connect', '$default', '$disconnect']);
    for (const route of webSocketRoutes) {
      const integrationId = JSON.stringify(route['Target']).match(/"Ref":"([^"]+)"/)?.[1] ?? '';
      expect(referencesFunction(integrations[integrationId]?.['Properties'], functionLogicalId(synth.stateless, wsSpec.name))).toBe(true);
    }
    expect(authorizers).toHaveLength(1);
    expect(authorizers[0]).toMatchObject({ AuthorizerType: 'REQUEST', IdentitySource: ['route.request.querystring.ticket'] });
    // Tickets are single-use: the authorizer's answer must never be cached.
    expect(authorizers[0]?.['AuthorizerResultTtlInSeconds'] ?? 0).toBe(0);
    expect(referencesFunction(authorizers[0]?.['AuthorizerUri'], functionLogicalId(synth.stateless, authorizerSpec.name))).toBe(true);
    const connect = routes.find((route) => route['RouteKey'] === '$connect');
    expect(connect).toMatchObject({ AuthorizationType: 'CUSTOM', AuthorizerId: { Ref: expect.stringContaining('TicketAuthorizer') } });
  });

  it('serves the WebSocket API on an auto-deployed "live" stage with JSON access logs and throttling', () => {
    // Act / Assess
    synth.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: 'live',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.serializedJson(Match.objectLike({ connectionId: '$context.connectionId' })) },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
    synth.statelessTemplate.hasResource('AWS::ApiGateway::Account', { DeletionPolicy: 'Retain' });
    synth.statelessTemplate.hasOutput('WebSocketUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });

  for (const spec of functions.filter((f) => f.trigger.kind === 'table-stream')) {
    it(`reads the table stream into ${spec.name} with partial batch responses, bisection, an on-failure queue and the entity filter`, () => {
      // Prepare
      const trigger = spec.trigger as Extract<FunctionSpec['trigger'], { kind: 'table-stream' }>;

      // Act
      const mappings = Object.values(synth.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping'))
        .map((m) => m['Properties'] as Record<string, unknown>)
        .filter((m) => JSON.stringify(m['FunctionName']).includes(functionLogicalId(synth.stateless, spec.name)));

      // Assess
      expect(mappings).toHaveLength(1);
      expect(mappings[0]).toMatchObject({
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BatchSize: trigger.batchSize,
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: expect.any(Number),
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [expect.stringContaining('StreamFailures'), 'Arn'] } } },
      });
      expect(JSON.stringify(mappings[0]?.['EventSourceArn'])).toContain('StreamArn');
      if (trigger.entities) {
        const filters = (mappings[0]?.['FilterCriteria'] as { Filters: { Pattern: string }[] }).Filters;
        expect(filters.map((f) => JSON.parse(f.Pattern))).toEqual([
          { dynamodb: { NewImage: { entity: { S: [...trigger.entities] } } } },
          { dynamodb: { OldImage: { entity: { S: [...trigger.entities] } } } },
        ]);
      }
    });
  }

  it('creates an HTTP API only when some manifest function has routes', () => {
    // Prepare
    const routeKeys = functions.flatMap((spec) => (spec.trigger.kind === 'http' ? spec.trigger.routes : []));

    // Act
    const httpApis = synth.statelessTemplate.findResources('AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: 'HTTP' } });
    const routes = Object.values(synth.statelessTemplate.findResources('AWS::ApiGatewayV2::Route')).map((r) => (r['Properties'] as { RouteKey: string }).RouteKey);

    // Assess
    expect(Object.keys(httpApis)).toHaveLength(routeKeys.length > 0 ? 1 : 0);
    expect(routes).toEqual(expect.arrayContaining(routeKeys));
    expect(synth.stateless.http === undefined).toBe(routeKeys.length === 0);
  });

  it('hosts the web apps on a private bucket behind CloudFront, with the API paths forwarded to the HTTP API', () => {
    // Act
    const distributions = Object.values(synth.statelessTemplate.findResources('AWS::CloudFront::Distribution'));
    const config = distributions[0]?.['Properties']?.['DistributionConfig'] as {
      DefaultRootObject: string;
      DefaultCacheBehavior: { ViewerProtocolPolicy: string };
      CacheBehaviors: { PathPattern: string; TargetOriginId: string }[];
      Origins: { Id: string; DomainName: unknown; S3OriginConfig?: unknown; OriginAccessControlId?: unknown }[];
    };

    // Assess
    expect(distributions).toHaveLength(1);
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.CacheBehaviors.map((b) => b.PathPattern).sort()).toEqual(['/api/*', '/widget/v1/*']);
    const apiOrigin = config.Origins.find((o) => o.Id === config.CacheBehaviors[0]?.TargetOriginId);
    expect(JSON.stringify(apiOrigin?.DomainName)).toContain('execute-api');
    expect(config.Origins.find((o) => o.S3OriginConfig !== undefined)?.OriginAccessControlId).toBeDefined();
    synth.statelessTemplate.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
    });
    synth.statelessTemplate.resourceCountIs('Custom::CDKBucketDeployment', 1);
  });

  it('never grants dynamodb:Scan, PartiQL, dynamodb:* or *', () => {
    // Act / Assess
    expectNoForbiddenTableAccess([synth.statefulTemplate, synth.statelessTemplate]);
  });

  it('uses a "*" resource only for dynamodb:ListStreams and bedrock:Rerank, which have no resource-level permissions', () => {
    // Act
    const starred = identityStatements(synth.statelessTemplate).filter((s) => s.effect === 'Allow' && s.resources.includes('*') && !s.roles.every(isDeploymentProvider));

    // Assess: the IAM5[Resource::*] acknowledgments (stream functions, retrieval functions) cover these and nothing else.
    expect(starred.length).toBeGreaterThan(0);
    expect([...new Set(starred.flatMap((s) => s.actions))].sort()).toEqual(['bedrock:Rerank', 'dynamodb:ListStreams']);
    for (const statement of starred) expect(statement.actions.length).toBe(1);
  });

  it('grants each function only the table actions its access level needs, on the table and its named indexes', () => {
    for (const spec of functions) {
      // Act
      const actions = actionsOfRole(synth.statelessTemplate, roleLogicalId(synth.stateless, spec.name));
      // Stream reads come with a table-stream trigger, not with table access.
      const tableActions = [...actions].filter((a) => a.startsWith('dynamodb:') && !/^dynamodb:(DescribeStream|GetRecords|GetShardIterator|ListStreams)$/.test(a));
      const expected = spec.permissions.table === 'none' ? [] : spec.permissions.table === 'read' ? tableReadActions : [...tableReadActions, ...tableWriteActions];

      // Assess
      expect(tableActions.sort()).toEqual([...expected].sort());
    }
    const resources = JSON.stringify(identityStatements(synth.statelessTemplate).flatMap((s) => s.resources));
    expect(resources).not.toContain('/index/*');
  });

  it('grants ManageConnections only on the live stage @connections paths, only to functions that manage connections', () => {
    for (const spec of functions) {
      // Act
      const statements = statementsOfRole(synth.statelessTemplate, roleLogicalId(synth.stateless, spec.name)).filter((s) => s.actions.includes('execute-api:ManageConnections'));

      // Assess
      if (!spec.permissions.manageConnections) {
        expect(statements).toEqual([]);
        continue;
      }
      const paths = statements.flatMap((s) => s.resources).map((r) => JSON.stringify(r).match(/"(\/live\/[A-Z]+\/@connections\/\*)"/)?.[1]);
      expect(paths.sort()).toEqual(['/live/DELETE/@connections/*', '/live/GET/@connections/*', '/live/POST/@connections/*']);
    }
  });

  it('attaches no AWS managed policy to any role; each function writes only to its own log group', () => {
    // Act
    const roles = Object.entries(synth.statelessTemplate.findResources('AWS::IAM::Role'));

    // Assess
    for (const [id, role] of roles) if (!isDeploymentProvider(id)) expect((role['Properties'] as Record<string, unknown>)['ManagedPolicyArns']).toBeUndefined();
    for (const spec of functions) {
      const logs = statementsOfRole(synth.statelessTemplate, roleLogicalId(synth.stateless, spec.name)).filter((s) => s.actions.some((a) => a.startsWith('logs:')));
      expect(logs).toHaveLength(1);
      expect(logs[0]?.resources).toEqual([{ 'Fn::GetAtt': [expect.stringContaining('Logs'), 'Arn'] }]);
    }
  });
});

describe('stateless stack with every trigger and permission kind', () => {
  let synth: Synthesized;

  beforeAll(() => {
    // Prepare
    synth = synthesizeSwitchboard({ functions: variantFunctions, cloudFormationRules: false });
  }, hookTimeout);

  afterAll(() => rmSync(synth.outdir, { recursive: true, force: true }));

  it('serves every route through one HTTP API with a logged, throttled $default stage and CORS for the allowed origins', () => {
    // Prepare
    const routeKeys = variantFunctions.flatMap((spec) => (spec.trigger.kind === 'http' ? spec.trigger.routes : []));
    const template = synth.statelessTemplate;

    // Act
    const httpApis = template.findResources('AWS::ApiGatewayV2::Api', { Properties: { ProtocolType: 'HTTP' } });
    const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r['Properties'] as Record<string, unknown>);

    // Assess
    expect(Object.keys(httpApis)).toHaveLength(1);
    expect(Object.values(httpApis)[0]?.['Properties']).toMatchObject({ CorsConfiguration: { AllowOrigins: [...synth.settings.allowedOrigins], AllowCredentials: true } });
    for (const routeKey of routeKeys) {
      parseRouteKey(routeKey);
      expect(routes.filter((route) => route['RouteKey'] === routeKey)).toHaveLength(1);
    }
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.serializedJson(Match.objectLike({ routeKey: '$context.routeKey' })) },
      DefaultRouteSettings: { ThrottlingBurstLimit: Match.anyValue(), ThrottlingRateLimit: Match.anyValue() },
    });
    template.hasOutput('HttpApiUrl', Match.anyValue());
  });

  for (const queueId of Object.keys(queues) as QueueId[]) {
    it(`consumes the ${queueId} queue with partial batch responses and the manifest batch size`, () => {
      // Prepare
      const consumer = variantFunctions.find((spec) => spec.trigger.kind === 'queue' && spec.trigger.queue === queueId)!;
      const trigger = consumer.trigger as Extract<FunctionSpec['trigger'], { kind: 'queue' }>;

      // Act
      const mapping = Object.values(synth.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping'))
        .map((m) => m['Properties'] as Record<string, unknown>)
        .find((m) => JSON.stringify(m['FunctionName']).includes(functionLogicalId(synth.stateless, consumer.name)));

      // Assess
      expect(mapping).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'], BatchSize: trigger.batchSize });
      expect(mapping?.['MaximumBatchingWindowInSeconds']).toBe(trigger.maxBatchingWindowSeconds);
      expect(queues[queueId].visibilityTimeoutSeconds).toBeGreaterThanOrEqual(6 * consumer.timeoutSeconds);
    });
  }

  it('does not filter a stream trigger that names no entities', () => {
    // Act
    const mapping = Object.values(synth.statelessTemplate.findResources('AWS::Lambda::EventSourceMapping'))
      .map((m) => m['Properties'] as Record<string, unknown>)
      .find((m) => JSON.stringify(m['FunctionName']).includes(functionLogicalId(synth.stateless, 'variant-stream-auditor')));

    // Assess
    expect(mapping).toMatchObject({ FunctionResponseTypes: ['ReportBatchItemFailures'], BisectBatchOnFunctionError: true });
    expect(mapping?.['FilterCriteria']).toBeUndefined();
  });

  it('invokes a scheduled function on its EventBridge expression', () => {
    // Act / Assess
    synth.statelessTemplate.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(1 minute)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [functionLogicalId(synth.stateless, 'variant-scheduler'), 'Arn'] } })],
    });
  });

  it("gives a function with table: 'read' no write action at all", () => {
    // Prepare
    const readers = variantFunctions.filter((spec) => spec.permissions.table === 'read');

    // Act / Assess
    expect(readers.length).toBeGreaterThan(0);
    for (const spec of readers) {
      const actions = actionsOfRole(synth.statelessTemplate, roleLogicalId(synth.stateless, spec.name));
      expect([...actions].filter((a) => (tableWriteActions as readonly string[]).includes(a))).toEqual([]);
      expect([...actions].filter((a) => /^dynamodb:(Put|Update|Delete|BatchWrite|ConditionCheck)/.test(a))).toEqual([]);
    }
  });

  it('lets sendTo send (and only send) to exactly the named queues', () => {
    for (const spec of variantFunctions) {
      // Act
      const statements = statementsOfRole(synth.statelessTemplate, roleLogicalId(synth.stateless, spec.name)).filter((s) => s.actions.includes('sqs:SendMessage') && s.actions.length === 1);
      const targets = JSON.stringify(statements.flatMap((s) => s.resources));

      // Assess
      for (const queueId of Object.keys(queues) as QueueId[]) {
        const exportName = `Queue${queueId}Queue`;
        expect(targets.includes(exportName)).toBe(spec.permissions.sendTo?.includes(queueId) ?? false);
      }
    }
  });

  it('grants bucket, Bedrock and search access only to the functions that declare it', () => {
    for (const spec of variantFunctions) {
      // Act
      const actions = actionsOfRole(synth.statelessTemplate, roleLogicalId(synth.stateless, spec.name));

      // Assess
      expect(actions.has('s3:GetObject')).toBe(spec.permissions.bucket !== undefined);
      expect(actions.has('s3:PutObject')).toBe(spec.permissions.bucket === 'read-write');
      expect(actions.has('bedrock:InvokeModel')).toBe(spec.permissions.bedrock === true);
      expect(actions.has('aoss:APIAccessAll')).toBe(searchAccessOf(spec.permissions) !== undefined);
      expect([...actions].some((a) => a.startsWith('s3:') && !a.includes('Object') && a !== 's3:AbortMultipartUpload')).toBe(false);
    }
    const bedrock = identityStatements(synth.statelessTemplate).find((s) => s.actions.includes('bedrock:InvokeModel'));
    expect(JSON.stringify(bedrock?.resources)).toContain('::foundation-model/*');
  });

  it('names the search roles in the collection data access policy, writers with write permissions', () => {
    // Act
    const policy = Object.values(synth.statelessTemplate.findResources('AWS::OpenSearchServerless::AccessPolicy'))[0];
    const text = JSON.stringify(policy?.['Properties']);

    // Assess
    expect(policy?.['Properties']).toMatchObject({ Name: 'switchboard-search-data', Type: 'data' });
    for (const spec of variantFunctions.filter((f) => searchAccessOf(f.permissions))) {
      expect(text).toContain(roleLogicalId(synth.stateless, spec.name));
    }
    expect(text).toContain('aoss:WriteDocument');
  });

  it('never grants dynamodb:Scan, PartiQL, dynamodb:* or *', () => {
    // Act / Assess
    expectNoForbiddenTableAccess([synth.statefulTemplate, synth.statelessTemplate]);
  });
});

describe('stateless stack refusals', () => {
  it('refuses a queue consumer whose timeout is over a sixth of the queue visibility timeout', () => {
    // Prepare
    const slow: FunctionSpec = {
      ...variantFunctions.find((spec) => spec.name === 'variant-outbound-sender')!,
      timeoutSeconds: queues.outbound.visibilityTimeoutSeconds / 6 + 1,
    };

    // Act / Assess
    expect(() => synthesizeSwitchboard({ functions: [...functions, slow] })).toThrow(InvalidTriggerError);
  });

  it('refuses a $connect route without the ticket authorizer', () => {
    // Prepare
    const withoutAuthorizer = functions.filter((spec) => spec.trigger.kind !== 'websocket-authorizer');

    // Act / Assess
    expect(() => synthesizeSwitchboard({ functions: withoutAuthorizer })).toThrow(InvalidManifestError);
  });
});
