/**
 * The environment a deployed function gets (AWS endpoints, no local overrides) — test helper for
 * the configuration and container unit tests.
 */
export const awsFunctionEnv = {
  AWS_REGION: 'eu-west-1',
  SWITCHBOARD_TABLE_NAME: 'switchboard-main',
  SWITCHBOARD_ATTACHMENTS_BUCKET: 'switchboard-attachments',
  SWITCHBOARD_WS_ENDPOINT: 'https://abc.execute-api.eu-west-1.amazonaws.com/live',
  SWITCHBOARD_ALLOWED_ORIGINS: 'https://app.example.com',
  SWITCHBOARD_AI_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/ai.fifo',
  SWITCHBOARD_OUTBOUND_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/out.fifo',
  SWITCHBOARD_KNOWLEDGE_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/kb',
  SWITCHBOARD_APP_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:switchboard/app-AbCdEf',
} as const;
