/** Why an outbound request was refused or failed; `reason` is stable, the message is for logs. */
export type OutboundFailure =
  | 'BAD_URL'
  | 'BLOCKED_ADDRESS'
  | 'DNS_FAILED'
  | 'TOO_MANY_REDIRECTS'
  | 'TOO_LARGE'
  | 'TIMEOUT'
  | 'NETWORK';

export class OutboundError extends Error {
  constructor(
    readonly reason: OutboundFailure,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options);
    this.name = 'OutboundError';
  }

  /** Trying again cannot help: the URL or its address is refused, or the body is too large. */
  get permanent(): boolean {
    return this.reason === 'BAD_URL' || this.reason === 'BLOCKED_ADDRESS' || this.reason === 'TOO_LARGE' || this.reason === 'TOO_MANY_REDIRECTS';
  }
}
