/**
 * API Gateway access logging — layer: infra (CDK constructs).
 *
 * JSON access-log formats for both APIs (never the query string: the WebSocket ticket travels
 * there), and the account-level CloudWatch role that REST and WebSocket APIs (not HTTP APIs)
 * need before any stage may log.
 */
import { Aws, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat, CfnAccount } from 'aws-cdk-lib/aws-apigateway';
import { PolicyDocument, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeWildcardResource } from './nag.js';

/** One JSON object per request of the HTTP API. */
export const httpAccessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/** One JSON object per WebSocket event (connect, message, disconnect). */
export const webSocketAccessLogFormat = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    requestTime: '$context.requestTime',
    eventType: '$context.eventType',
    routeKey: '$context.routeKey',
    connectionId: '$context.connectionId',
    status: '$context.status',
    authorizeError: '$context.authorize.error',
    integrationError: '$context.integrationErrorMessage',
  }),
);

/**
 * Sets this region's API Gateway CloudWatch role. The setting is per account and region and
 * other APIs may rely on it, so the role and the setting are retained when the stack goes.
 */
export class ApiGatewayAccountLogging extends Construct {
  readonly account: CfnAccount;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const logsInRegion = `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:*`;
    // Inline, with the actions of AmazonAPIGatewayPushToCloudWatchLogs, scoped to this region.
    const role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
      description: 'Lets API Gateway write execution and access logs to CloudWatch Logs in this region',
      inlinePolicies: {
        logs: new PolicyDocument({
          statements: [
            new PolicyStatement({
              actions: [
                'logs:CreateLogGroup',
                'logs:CreateLogStream',
                'logs:DescribeLogGroups',
                'logs:DescribeLogStreams',
                'logs:PutLogEvents',
                'logs:GetLogEvents',
                'logs:FilterLogEvents',
              ],
              resources: [logsInRegion],
            }),
          ],
        }),
      },
    });
    role.applyRemovalPolicy(RemovalPolicy.RETAIN);
    acknowledgeWildcardResource(
      this,
      logsInRegion,
      'This is the region-wide role API Gateway uses for every REST and WebSocket API of the account, whose log groups are not known here; it is limited to CloudWatch Logs in this region.',
    );
    this.account = new CfnAccount(this, 'Account', { cloudWatchRoleArn: role.roleArn });
    this.account.applyRemovalPolicy(RemovalPolicy.RETAIN);
  }
}
