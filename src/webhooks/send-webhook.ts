import { guardedFetch, OutboundError, type OutboundOptions } from '../net/index.js';

/** One signed POST, as the dispatcher hands it to whatever sends it. */
export interface WebhookRequest {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}

/** Resolves with the receiver's status code; rejects on a network error or timeout. */
export type SendWebhook = (request: WebhookRequest) => Promise<{ status: number }>;

/**
 * A sender through the guarded outbound client: a receiver URL cannot make
 * the server POST to an internal address (OUTBOUND_ALLOW names the ones it
 * may). Redirects are not followed: a receiver that moved should be
 * re-added at its new address, and a 3xx counts as a failure. The answer's
 * body is of no interest and is not read.
 * @example const send = webhookSender({ allow: config.outboundAllow })
 */
export function webhookSender(outbound: Pick<OutboundOptions, 'allow' | 'resolve'> = {}): SendWebhook {
  return async (request) => {
    const response = await guardedFetch(
      request.url,
      { method: 'POST', headers: request.headers, body: request.body, discardBody: true },
      { ...outbound, timeoutMs: request.timeoutMs, maxRedirects: 0 },
    );
    return { status: response.status };
  };
}

/** Public addresses only: what a node sends with when OUTBOUND_ALLOW is empty. */
export const sendWithFetch: SendWebhook = webhookSender();

/** A short, log-worthy reason for a failed send: `timed out after 10 s`, `ECONNREFUSED`. */
export function describeSendError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timed out after ${timeoutMs / 1000} s`;
  if (error instanceof OutboundError) {
    if (error.reason === 'TIMEOUT') return `timed out after ${timeoutMs / 1000} s`;
    const code = (error.cause as { code?: string } | undefined)?.code;
    return error.reason === 'NETWORK' && code ? code : error.message;
  }
  if (err?.cause?.code) return err.cause.code;
  return err?.cause?.message ?? err?.message ?? String(error);
}
