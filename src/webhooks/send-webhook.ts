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
 * Sends with the global fetch. Redirects are not followed: a receiver that
 * moved should be re-added at its new address, and a 3xx counts as a failure.
 */
export const sendWithFetch: SendWebhook = async (request) => {
  const response = await fetch(request.url, {
    method: 'POST',
    headers: request.headers,
    body: request.body,
    redirect: 'manual',
    signal: AbortSignal.timeout(request.timeoutMs),
  });
  // The answer's body is of no interest; dropping it frees the connection.
  await response.body?.cancel().catch(() => {});
  return { status: response.status };
};

/** A short, log-worthy reason for a failed send: `timed out after 10 s`, `ECONNREFUSED`. */
export function describeSendError(error: unknown, timeoutMs: number): string {
  const err = error as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return `timed out after ${timeoutMs / 1000} s`;
  if (err?.cause?.code) return err.cause.code;
  return err?.cause?.message ?? err?.message ?? String(error);
}
