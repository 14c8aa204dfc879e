/**
 * The WebSocket API — layer: infra (CDK constructs).
 *
 * One API and one stage. Routes are added once the functions exist, because every function
 * receives the stage's callback URL in its environment.
 */
import { Construct, type IDependable } from 'constructs';
import { LogGroupLogDestination, WebSocketApi, WebSocketStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { WebSocketLambdaAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { WebSocketLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { webSocketAccessLogFormat } from './api-access-logs.js';
import { acknowledge } from './nag.js';

/** The stage clients connect to: `wss://…/live`. */
export const webSocketStageName = 'live';

/** Where the `$connect` authorizer reads the single-use ticket. */
export const ticketIdentitySource = 'route.request.querystring.ticket';

/** WebSocket route keys a manifest function can serve. */
export type WebSocketRouteKey = '$connect' | '$disconnect' | '$default';

/** Properties of {@link WebSocketGateway}. */
export interface WebSocketGatewayProps {
  readonly apiName: string;
  readonly logRetention: RetentionDays;
  /** Steady-state messages per second across the stage, and the burst above it. */
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
  /** The account logging setting the stage's access logs depend on, when this app manages it. */
  readonly accountLogging?: IDependable;
}

/** The WebSocket API with its access-logged, throttled stage. */
export class WebSocketGateway extends Construct {
  readonly api: WebSocketApi;
  readonly stage: WebSocketStage;

  constructor(scope: Construct, id: string, props: WebSocketGatewayProps) {
    super(scope, id);
    this.api = new WebSocketApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Switchboard realtime: agents and widget visitors subscribe to topics',
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new WebSocketStage(this, 'Stage', {
      webSocketApi: this.api,
      stageName: webSocketStageName,
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: webSocketAccessLogFormat },
    });
    if (props.accountLogging) this.stage.node.addDependency(props.accountLogging);
  }

  /**
   * Routes `$connect` through the ticket authorizer. API Gateway does not cache WebSocket
   * authorizer results (there is no TTL to set), so every connect re-checks its ticket, which
   * the authorizer consumes: a ticket admits one connection.
   */
  addConnectRoute(handler: IFunction, authorizer: IFunction): void {
    this.api.addRoute('$connect', {
      integration: new WebSocketLambdaIntegration('ConnectIntegration', handler),
      authorizer: new WebSocketLambdaAuthorizer('TicketAuthorizer', authorizer, { identitySource: [ticketIdentitySource] }),
    });
  }

  /** Routes `$disconnect` or `$default`, which run on the connection `$connect` admitted. */
  addConnectionRoute(routeKey: Exclude<WebSocketRouteKey, '$connect'>, handler: IFunction): void {
    const route = this.api.addRoute(routeKey, {
      integration: new WebSocketLambdaIntegration(`${routeKey.slice(1)}Integration`, handler),
    });
    acknowledge(
      route,
      'APIG4',
      'API Gateway authorizes WebSocket connections only on $connect (the ticket authorizer); this route runs on an already-authorized connection and its handler reads the caller from the authorizer context.',
    );
  }
}
