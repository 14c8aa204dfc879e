/**
 * One Lambda function of the manifest — layer: infra (CDK constructs).
 *
 * Node.js 22 on arm64, bundled by esbuild as ESM with the AWS SDK inside (one cold-start
 * import instead of the runtime's SDK copy, and the version the tests ran against), its own
 * role with nothing but its own log group, and a log group with a retention period.
 */
import { join } from 'node:path';
import { Duration } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { bundlingOptions } from '../bundling.js';
import type { FunctionSpec } from '../manifest.js';
import { grantOwnLogs } from './grants.js';
import { acknowledge } from './nag.js';

/** Properties of {@link ManifestFunction}. */
export interface ManifestFunctionProps {
  readonly spec: FunctionSpec;
  /** The repository root: entries and the lock file are resolved from it. */
  readonly projectRoot: string;
  readonly environment: Readonly<Record<string, string>>;
  readonly logRetention: RetentionDays;
}

/** A manifest function with its role and log group. */
export class ManifestFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ManifestFunctionProps) {
    super(scope, id);
    const { spec } = props;

    this.logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `Switchboard ${spec.name}: only what infra/manifest.ts grants it`,
    });
    grantOwnLogs(this.role, this.logGroup);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(props.projectRoot, spec.entry),
      handler: 'handler',
      projectRoot: props.projectRoot,
      depsLockFilePath: join(props.projectRoot, 'package-lock.json'),
      description: spec.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      environment: { ...props.environment },
      bundling: {
        ...bundlingOptions,
        format: bundlingOptions.format as OutputFormat,
        mainFields: [...bundlingOptions.mainFields],
        externalModules: [...bundlingOptions.externalModules],
        ...(spec.nativeModules?.length
          ? {
              // `npm ci` in the asset picks the optional binary package of Lambda's platform.
              nodeModules: [...spec.nativeModules],
              environment: { npm_config_os: 'linux', npm_config_cpu: 'arm64', npm_config_libc: 'glibc' },
            }
          : {}),
      },
    });

    acknowledge(
      this,
      'L1',
      'Node.js 22 is the runtime the project targets and tests (DESIGN.md §5); moving to Node.js 24 is a deliberate upgrade of the bundle target and test matrix, not a silent default.',
    );
  }
}
