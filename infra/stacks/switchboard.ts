/**
 * The Switchboard CDK app — layer: infra (CDK stacks).
 *
 * Builds both stacks on an App and registers cdk-nag's AwsSolutions pack as a CDK policy
 * validation plugin (cdk-nag v3), so every synth — `npm run synth`, `cdk deploy`, the infra
 * tests — checks the templates, and an unacknowledged error fails it.
 */
import { fileURLToPath } from 'node:url';
import { Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { physicalNames } from '../constructs/naming.js';
import { functions as manifestFunctions, type FunctionSpec } from '../manifest.js';
import { readSettings, type SwitchboardSettings } from './settings.js';
import { StatefulStack } from './stateful-stack.js';
import { StatelessStack } from './stateless-stack.js';

/** The repository root, two levels above this file. */
export const repositoryRoot = fileURLToPath(new URL('../../', import.meta.url));

/** Options for {@link createSwitchboard}; the defaults are the real app's. */
export interface SwitchboardOptions {
  /** Deploy these functions instead of the manifest's (tests use variants). */
  readonly functions?: readonly FunctionSpec[];
  readonly projectRoot?: string;
  /** The built web apps to host (default `web/dist`, from `npm run build:web`). */
  readonly webAssetsDir?: string;
}

/** The stacks of one app. */
export interface Switchboard {
  readonly settings: SwitchboardSettings;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

/**
 * Adds the stateful and stateless stacks to `app`, configured from its context, and the
 * AwsSolutions checks.
 *
 * @example
 * const app = new App();
 * createSwitchboard(app); // app.synth() now fails on an unacknowledged cdk-nag error
 */
export function createSwitchboard(app: App, options: SwitchboardOptions = {}): Switchboard {
  const settings = readSettings(app.node);
  const names = physicalNames(settings.stackPrefix);

  const stateful = new StatefulStack(app, 'Stateful', {
    stackName: names.statefulStack,
    description: 'Switchboard data: table, queues, attachments, search, secrets (retained on delete)',
    names,
    searchMode: settings.searchMode,
    allowedOrigins: settings.allowedOrigins,
  });
  const stateless = new StatelessStack(app, 'Stateless', {
    stackName: names.statelessStack,
    description: 'Switchboard compute: functions, HTTP and WebSocket APIs, event sources',
    names,
    resources: stateful.resources,
    functions: options.functions ?? manifestFunctions,
    projectRoot: options.projectRoot ?? repositoryRoot,
    allowedOrigins: settings.allowedOrigins,
    logLevel: settings.logLevel,
    manageApiGatewayLogsRole: settings.manageApiGatewayLogsRole,
    webAssetsDir: options.webAssetsDir ?? fileURLToPath(new URL('../../web/dist/', import.meta.url)),
  });
  stateless.addStackDependency(stateful);

  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { settings, stateful, stateless };
}
