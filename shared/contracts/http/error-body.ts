/**
 * The error body of every HTTP API — layer: contracts.
 */
import * as z from 'zod/mini';

/** `{ error: { code, message, correlationId? } }`: a stable machine code and a readable message. */
export const ErrorBody = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    correlationId: z.optional(z.string()),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
