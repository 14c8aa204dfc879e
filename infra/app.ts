/**
 * CDK entry point — layer: infra (composition root for the cloud).
 *
 * `npm run synth` (cdk synth) and `npm run deploy` (cdk deploy --all) run this file through
 * tsx (cdk.json). Settings come from CDK context; see docs/DEPLOY.md.
 */
import { App } from 'aws-cdk-lib';
import { createSwitchboard } from './stacks/switchboard.js';

const app = new App();
createSwitchboard(app);
app.synth();
