/**
 * Deployment settings read from CDK context: defaults, overrides as the CLI passes them
 * (`-c key=value` arrives as a string), and clear refusals that name the key.
 */
import { App } from 'aws-cdk-lib';
import { describe, expect, it } from 'vitest';
import { InvalidStackPrefixError, physicalNames } from '../../infra/constructs/naming.js';
import { queues, table } from '../../infra/manifest.js';
import { InvalidSettingError, readSettings, settingDefaults } from '../../infra/stacks/settings.js';

const settingsWith = (context: Record<string, unknown>) => readSettings(new App({ context }).node);

describe('readSettings', () => {
  it('uses the documented defaults when the context sets nothing', () => {
    // Act
    const settings = settingsWith({});

    // Assess
    expect(settings).toEqual({ ...settingDefaults });
  });

  it('accepts command-line overrides given as strings', () => {
    // Act
    const settings = settingsWith({
      searchMode: 'domain',
      allowedOrigins: 'https://agents.example.org, https://shop.example.org',
      logLevel: 'DEBUG',
      manageApiGatewayLogsRole: 'false',
      stackPrefix: 'sb-staging',
    });

    // Assess
    expect(settings).toEqual({
      searchMode: 'domain',
      allowedOrigins: ['https://agents.example.org', 'https://shop.example.org'],
      logLevel: 'DEBUG',
      manageApiGatewayLogsRole: false,
      stackPrefix: 'sb-staging',
    });
  });

  it.each([
    [{ searchMode: 'elastic' }, /"searchMode" must be one of serverless, domain/],
    [{ allowedOrigins: 'app.example.com' }, /"allowedOrigins": "app.example.com" is not an origin/],
    [{ allowedOrigins: 'https://app.example.com/path' }, /is not an origin/],
    [{ allowedOrigins: '' }, /"allowedOrigins" must list at least one origin/],
    [{ logLevel: 'TRACE' }, /"logLevel" must be one of DEBUG, INFO, WARN, ERROR/],
    [{ manageApiGatewayLogsRole: 'yes' }, /"manageApiGatewayLogsRole" must be true or false/],
  ])('refuses %j with a message naming the key', (context, message) => {
    // Act / Assess
    expect(() => settingsWith(context)).toThrow(InvalidSettingError);
    expect(() => settingsWith(context)).toThrow(message);
  });
});

describe('physicalNames', () => {
  it('derives the names the laptop cloud uses too, with .fifo on FIFO queues', () => {
    // Act
    const names = physicalNames('switchboard');

    // Assess
    expect(names.table(table)).toBe('switchboard-main');
    expect(names.queue(queues.aiJobs)).toBe('switchboard-ai-jobs.fifo');
    expect(names.deadLetterQueue(queues.aiJobs)).toBe('switchboard-ai-jobs-dlq.fifo');
    expect(names.queue(queues.knowledge)).toBe('switchboard-knowledge-index');
    expect(names.search).toBe('switchboard-search');
  });

  it.each(['Switchboard', 's', 'a-prefix-that-is-far-too-long', '9lives'])('refuses the prefix %j', (prefix) => {
    // Act / Assess
    expect(() => physicalNames(prefix)).toThrow(InvalidStackPrefixError);
  });
});
