/**
 * Web hosting of the dashboard and the widget — layer: infra (CDK constructs).
 *
 * The built browser apps (`npm run build:web` → `web/dist/`) live in a private S3 bucket served
 * by CloudFront through Origin Access Control. The same distribution forwards `/api/*` and
 * `/widget/v1/*` to the HTTP API, so the dashboard and the widget's chat frame call the API on
 * their own origin (no CORS, cookies stay first-party), exactly as the laptop gateway serves
 * them. The WebSocket API keeps its own URL (the ticket answer carries it).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Aws, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AllowedMethods, CachePolicy, Distribution, HttpVersion, OriginRequestPolicy, PriceClass, ResponseHeadersPolicy, ViewerProtocolPolicy,
  type BehaviorOptions,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge, acknowledgeWildcardResource } from './nag.js';

/** Raised when the built web apps are missing at synth. */
export class WebAssetsMissingError extends Error {
  override readonly name = 'WebAssetsMissingError';
}

/** Properties of {@link WebHosting}. */
export interface WebHostingProps {
  /** The built apps (`web/dist`), uploaded on deploy. */
  readonly assetsDir: string;
  /** The HTTP API's id; its default endpoint is the API origin. */
  readonly httpApiId: string;
}

/** Paths CloudFront forwards to the HTTP API instead of the bucket. */
export const apiPathPatterns = ['/api/*', '/widget/v1/*'] as const;

/** The web bucket, its deployment and the CloudFront distribution. */
export class WebHosting extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: WebHostingProps) {
    super(scope, id);
    if (!existsSync(join(props.assetsDir, 'index.html'))) {
      throw new WebAssetsMissingError(`${props.assetsDir} has no index.html. Fix: run \`npm run build:web\` before synthesizing.`);
    }
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Retained like every bucket of the app (emptying it on delete would need another provider Lambda).
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(this.bucket, 'S1', 'The bucket holds only the public build of the web apps, rebuilt on every deploy; reads are logged by CloudFront-facing API access logs where it matters (the API).');

    const api: BehaviorOptions = {
      origin: new HttpOrigin(`${props.httpApiId}.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`),
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
    };
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'Switchboard dashboard, widget and API',
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: ResponseHeadersPolicy.SECURITY_HEADERS,
        compress: true,
      },
      additionalBehaviors: Object.fromEntries(apiPathPatterns.map((pattern) => [pattern, api])),
    });
    acknowledge(this.distribution, 'CFR1', 'A helpdesk serves customers and agents worldwide; tenants that need geo restrictions add them to their own distribution.');
    acknowledge(this.distribution, 'CFR2', 'The API behind /api and /widget is throttled at API Gateway and authenticates every request; a WAF web ACL is an optional per-deployment cost.');
    acknowledge(this.distribution, 'CFR3', 'CloudFront standard logs need an ACL-enabled bucket; API requests are already logged by API Gateway access logs, and static assets carry no user data.');
    acknowledge(this.distribution, 'CFR4', 'No custom domain is configured, so the distribution uses the default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes; a custom domain would set TLSv1.2_2021.');

    const deployment = new BucketDeployment(this, 'Deploy', {
      sources: [Source.asset(props.assetsDir)],
      destinationBucket: this.bucket,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 256,
      // The demo shop's generated config is a laptop file only.
      exclude: ['demo/config.js'],
      prune: true,
    });
    // The provider function is a stack-level singleton, outside this construct's scope.
    const stack = Stack.of(this);
    const reason = "CDK's BucketDeployment provider (run only during deployments) copies the asset from the CDK assets bucket into this bucket, prunes old files and invalidates the distribution: it needs object and action wildcards on exactly these buckets.";
    for (const target of [deployment, ...stack.node.children.filter((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))]) {
      acknowledge(target, 'IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', "CDK's BucketDeployment provider uses the AWS-managed basic execution role for its own logs; it runs only during deployments.");
      for (const action of ['s3:GetBucket*', 's3:GetObject*', 's3:List*', 's3:Abort*', 's3:DeleteObject*']) acknowledge(target, `IAM5[Action::${action}]`, reason);
      acknowledge(target, 'IAM5[Resource::*]', `${reason} CloudFront invalidations cannot be scoped to a resource.`);
      acknowledge(target, 'IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*]', reason);
      acknowledgeWildcardResource(target, `${this.bucket.bucketArn}/*`, reason);
      acknowledge(target, 'L1', "The runtime of CDK's BucketDeployment provider is chosen by aws-cdk-lib, not by this app.");
    }
  }
}
