/**
 * The HTTP API — layer: infra (CDK constructs).
 *
 * One HTTP API for every `http` function, with a `$default` stage that is access-logged and
 * throttled, and CORS for the dashboard and widget origins.
 */
import { Duration } from 'aws-cdk-lib';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpRouteKey } from '../manifest.js';
import { httpAccessLogFormat } from './api-access-logs.js';
import { acknowledge } from './nag.js';

/** Raised when a manifest route key is malformed or served twice. */
export class InvalidRouteError extends Error {
  override readonly name = 'InvalidRouteError';
}

/** Properties of {@link HttpGateway}. */
export interface HttpGatewayProps {
  readonly apiName: string;
  readonly allowedOrigins: readonly string[];
  readonly logRetention: RetentionDays;
  readonly throttle: { readonly rateLimit: number; readonly burstLimit: number };
}

/** Splits `'POST /api/v1/things/{id}'` into its method and path. */
export function parseRouteKey(routeKey: HttpRouteKey): { readonly method: HttpMethod; readonly path: string } {
  const match = /^(GET|POST|PUT|PATCH|DELETE) (\/\S*)$/.exec(routeKey);
  if (!match) throw new InvalidRouteError(`Route "${routeKey}" is not "<METHOD> /path"`);
  return { method: HttpMethod[match[1] as keyof typeof HttpMethod], path: match[2]! };
}

/** The HTTP API and its stage. */
export class HttpGateway extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  private readonly routeKeys = new Set<string>();

  constructor(scope: Construct, id: string, props: HttpGatewayProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      apiName: props.apiName,
      description: 'Switchboard HTTP: channel webhooks, widget API, agent API',
      createDefaultStage: false,
      corsPreflight: {
        allowOrigins: [...props.allowedOrigins],
        allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
        allowHeaders: ['content-type', 'authorization'],
        allowCredentials: true,
        maxAge: Duration.hours(1),
      },
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', { retention: props.logRetention });
    this.stage = new HttpStage(this, 'Stage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: { destination: new LogGroupLogDestination(accessLogs), format: httpAccessLogFormat },
    });
    acknowledge(
      this.api,
      'APIG4',
      'Every route authenticates inside its function: agents by session token (SECURITY.md §5), widget visitors by visitor token, providers by a signature over the raw body (SECURITY.md §1), which no gateway authorizer can check.',
    );
  }

  /** Routes each of a function's route keys to it through one integration. */
  addFunctionRoutes(name: string, handler: IFunction, routeKeys: readonly HttpRouteKey[]): void {
    const integration = new HttpLambdaIntegration(`${name}-integration`, handler);
    for (const routeKey of routeKeys) {
      if (this.routeKeys.has(routeKey)) throw new InvalidRouteError(`Route "${routeKey}" is served by two functions`);
      this.routeKeys.add(routeKey);
      const { method, path } = parseRouteKey(routeKey);
      this.api.addRoutes({ path, methods: [method], integration });
    }
  }
}
