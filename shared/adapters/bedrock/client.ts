/**
 * Bedrock clients — layer: adapters.
 *
 * Builds the Bedrock Runtime (Converse, ConverseStream, InvokeModel) and Bedrock Agent Runtime
 * (Rerank) clients. With an endpoint (the laptop's local Bedrock server, plain `http://`) they get
 * dummy credentials and a Node HTTP/1.1 handler (awsClientOptions); in AWS, the Lambda role and
 * the regional endpoint.
 */
import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { awsClientOptions } from '../aws-client-options.js';

/** Where Bedrock is called. */
export interface BedrockClientSettings {
  readonly region: string;
  /** The local Bedrock server (laptop); undefined in AWS. */
  readonly endpoint?: string;
  /**
   * SDK attempts per call (default 3, the SDK's standard retries with backoff). The language
   * models use 1: a throttled turn fails fast with ModelUnavailableError and its queue retries it.
   */
  readonly maxAttempts?: number;
  /** Socket idle timeout per call (default 60 s: a long answer streams for a while). */
  readonly requestTimeoutMs?: number;
}

function options(settings: BedrockClientSettings) {
  const local = settings.endpoint !== undefined;
  return {
    ...awsClientOptions({ region: settings.region, local }, settings.endpoint),
    // After awsClientOptions (its laptop handler gives up after 10 s): a model may think for a
    // while before its first token, but a stalled socket must not hold a turn until the Lambda
    // times out, in AWS too.
    requestHandler: new NodeHttpHandler({ connectionTimeout: local ? 2_000 : 5_000, requestTimeout: settings.requestTimeoutMs ?? 60_000 }),
    maxAttempts: settings.maxAttempts ?? 3,
  };
}

/** A Bedrock Runtime client (Converse, ConverseStream, InvokeModel). */
export function makeBedrockRuntimeClient(settings: BedrockClientSettings): BedrockRuntimeClient {
  return new BedrockRuntimeClient(options(settings));
}

/** A Bedrock Agent Runtime client (Rerank). */
export function makeBedrockAgentRuntimeClient(settings: BedrockClientSettings): BedrockAgentRuntimeClient {
  return new BedrockAgentRuntimeClient(options(settings));
}
