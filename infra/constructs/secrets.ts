/**
 * Secrets Manager secrets — layer: infra (CDK constructs).
 *
 * One secret per channel provider, created with the JSON fields the runtime reads left empty
 * (an operator fills them in with `aws secretsmanager put-secret-value`; CloudFormation only
 * rewrites the value if these field lists change), and one app secret whose signing key
 * Secrets Manager generates. Retained on delete: credentials outlive a stack.
 */
import { RemovalPolicy, SecretValue } from 'aws-cdk-lib';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { acknowledge } from './nag.js';

/**
 * The JSON fields of each provider secret: credentials from the provider's console (Meta's
 * `verifyToken` is one you choose and enter in Meta's webhook settings).
 */
export const providerSecretFields = {
  twilio: ['accountSid', 'authToken'],
  meta: ['appSecret', 'accessToken', 'verifyToken'],
  sendgrid: ['apiKey', 'eventWebhookPublicKey'],
} as const;

/** Names a provider secret. */
export type ProviderId = keyof typeof providerSecretFields;

/** Names any secret of {@link SwitchboardSecrets}. */
export type SecretId = ProviderId | 'app';

/** The field of the app secret that Secrets Manager generates (cursor and ticket signing). */
export const appSecretKeyField = 'signingKey';

/** Properties of {@link SwitchboardSecrets}. */
export interface SwitchboardSecretsProps {
  /** Turns a path such as `providers/twilio` into the physical secret name. */
  readonly secretName: (path: string) => string;
}

/** The provider secrets and the app secret. */
export class SwitchboardSecrets extends Construct {
  readonly secrets: Readonly<Record<SecretId, Secret>>;

  constructor(scope: Construct, id: string, props: SwitchboardSecretsProps) {
    super(scope, id);
    const provider = (providerId: ProviderId, label: string): Secret => {
      const fields = providerSecretFields[providerId];
      const secret = new Secret(this, label, {
        secretName: props.secretName(`providers/${providerId}`),
        description: `${label} credentials for Switchboard: JSON with ${fields.join(', ')}`,
        // Empty strings, not credentials: the template never holds a secret value.
        secretObjectValue: Object.fromEntries(fields.map((field) => [field, SecretValue.unsafePlainText('')])),
        removalPolicy: RemovalPolicy.RETAIN,
      });
      acknowledge(
        secret,
        'SMG4',
        `${label} issues these credentials in its own console; a Secrets Manager rotation function cannot mint new ones, so operators rotate them at ${label} and store them with put-secret-value (docs/DEPLOY.md).`,
      );
      return secret;
    };

    const app = new Secret(this, 'App', {
      secretName: props.secretName('app'),
      description: 'Switchboard application secret: signing key for pagination cursors and WebSocket tickets',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({}),
        generateStringKey: appSecretKeyField,
        passwordLength: 64,
        excludePunctuation: true,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      app,
      'SMG4',
      'The signing key only signs short-lived values (60-second WebSocket tickets, pagination cursors); rotating it is a put-secret-value (docs/DEPLOY.md) whose only effect is that outstanding tickets and cursors must be fetched again.',
    );

    this.secrets = {
      twilio: provider('twilio', 'Twilio'),
      meta: provider('meta', 'Meta'),
      sendgrid: provider('sendgrid', 'SendGrid'),
      app,
    };
  }
}
