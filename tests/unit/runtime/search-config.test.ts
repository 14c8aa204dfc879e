// Search configuration (shared/runtime/config.ts, the search block) — unit specification.
import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from '../../../shared/runtime/config.js';

const valid = {
  AWS_REGION: 'eu-west-1',
  SWITCHBOARD_TABLE_NAME: 'switchboard-main',
  SWITCHBOARD_ATTACHMENTS_BUCKET: 'switchboard-attachments',
  SWITCHBOARD_WS_ENDPOINT: 'https://abc.execute-api.eu-west-1.amazonaws.com/live',
  SWITCHBOARD_ALLOWED_ORIGINS: 'https://app.example.com',
  SWITCHBOARD_AI_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/ai.fifo',
  SWITCHBOARD_OUTBOUND_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/out.fifo',
  SWITCHBOARD_KNOWLEDGE_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/kb',
  SWITCHBOARD_APP_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:switchboard/app-AbCdEf',
};

describe('loadConfig search block', () => {
  it('uses the in-process Orama index when no OpenSearch endpoint is set', () => {
    expect(loadConfig(valid).search).toEqual({ backend: 'orama', index: 'knowledge', service: 'aoss' });
  });

  it('keeps the Orama snapshot file when one is given', () => {
    expect(loadConfig({ ...valid, SWITCHBOARD_ORAMA_SNAPSHOT: '.data/search-index.json' }).search.oramaSnapshotFile).toBe('.data/search-index.json');
  });

  it('uses OpenSearch when an endpoint is set, with its service and index', () => {
    const search = loadConfig({
      ...valid,
      SWITCHBOARD_OPENSEARCH_ENDPOINT: 'https://abc123.eu-west-1.aoss.amazonaws.com/',
      SWITCHBOARD_OPENSEARCH_SERVICE: 'es',
      SWITCHBOARD_OPENSEARCH_INDEX: 'knowledge-v2',
    }).search;

    expect(search).toEqual({ backend: 'opensearch', endpoint: 'https://abc123.eu-west-1.aoss.amazonaws.com', index: 'knowledge-v2', service: 'es' });
  });

  it('refuses OpenSearch without an endpoint, a plain-http endpoint, and a bad index name', () => {
    expect(() => loadConfig({ ...valid, SWITCHBOARD_SEARCH_BACKEND: 'opensearch' })).toThrow(ConfigurationError);
    expect(() => loadConfig({ ...valid, SWITCHBOARD_SEARCH_BACKEND: 'opensearch' })).toThrow(/needs SWITCHBOARD_OPENSEARCH_ENDPOINT/);
    expect(() => loadConfig({ ...valid, SWITCHBOARD_OPENSEARCH_ENDPOINT: 'http://search.example.com' })).toThrow('SWITCHBOARD_OPENSEARCH_ENDPOINT must be an https URL');
    expect(() => loadConfig({ ...valid, SWITCHBOARD_OPENSEARCH_INDEX: 'Knowledge' })).toThrow('SWITCHBOARD_OPENSEARCH_INDEX must be a lower-case OpenSearch index name');
  });

  it('lets the laptop force Orama even with an endpoint in the environment', () => {
    const search = loadConfig({ ...valid, SWITCHBOARD_SEARCH_BACKEND: 'orama', SWITCHBOARD_OPENSEARCH_ENDPOINT: 'https://abc123.eu-west-1.aoss.amazonaws.com' }).search;

    expect(search).toEqual({ backend: 'orama', index: 'knowledge', service: 'aoss' });
  });
});
