// Search configuration (shared/runtime/config.ts, the search block) — unit specification.
import { describe, expect, it } from 'vitest';
import { ConfigurationError, loadConfig } from '../../../shared/runtime/config.js';
import { awsFunctionEnv } from '../../helpers/aws-function-env.js';

const valid = awsFunctionEnv;

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
