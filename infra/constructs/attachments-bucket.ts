/**
 * The attachments bucket and its access-log bucket — layer: infra (CDK constructs).
 *
 * Browsers upload attachments straight to S3 with presigned URLs (CORS below); the functions
 * only sign URLs and read objects. Both buckets are private, TLS-only and retained on delete.
 */
import { Aws, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, HttpMethods, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

/** How long server access logs are kept. */
const accessLogRetention = Duration.days(365);

/** Properties of {@link AttachmentsBucket}. */
export interface AttachmentsBucketProps {
  readonly bucketName: string;
  readonly accessLogsBucketName: string;
  /** Origins that may PUT/GET with presigned URLs (the dashboard and widget hosts). */
  readonly allowedOrigins: readonly string[];
}

/** The attachments bucket, with server access logs delivered to a second bucket. */
export class AttachmentsBucket extends Construct {
  readonly bucket: Bucket;
  readonly accessLogs: Bucket;
  /** The physical name (tokens of pseudo parameters only, so usable from any stack). */
  readonly bucketName: string;
  /** `arn:…:s3:::<name>/*`, built from the name for the same reason. */
  readonly objectsArn: string;

  constructor(scope: Construct, id: string, props: AttachmentsBucketProps) {
    super(scope, id);
    const privateBucket = {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy: RemovalPolicy.RETAIN,
    };

    // S3 server access logging only delivers to SSE-S3 buckets; nag S1 is met for this bucket
    // because the attachments bucket logs into it.
    this.accessLogs = new Bucket(this, 'AccessLogs', {
      ...privateBucket,
      bucketName: props.accessLogsBucketName,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: accessLogRetention }],
    });

    this.bucket = new Bucket(this, 'Bucket', {
      ...privateBucket,
      bucketName: props.bucketName,
      versioned: true,
      serverAccessLogsBucket: this.accessLogs,
      serverAccessLogsPrefix: 'attachments/',
      lifecycleRules: [
        // A browser that gives up mid-upload leaves parts that are billed until aborted.
        { id: 'abort-incomplete-multipart-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { id: 'expire-noncurrent-versions', noncurrentVersionExpiration: Duration.days(30) },
      ],
      cors: [
        {
          allowedOrigins: [...props.allowedOrigins],
          allowedMethods: [HttpMethods.PUT, HttpMethods.POST, HttpMethods.GET, HttpMethods.HEAD],
          allowedHeaders: ['content-type', 'content-md5', 'x-amz-*'],
          exposedHeaders: ['ETag'],
          maxAge: 3000,
        },
      ],
    });

    this.bucketName = props.bucketName;
    this.objectsArn = `arn:${Aws.PARTITION}:s3:::${props.bucketName}/*`;
  }
}
