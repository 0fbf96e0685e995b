import type { Channel, InboundEvent, OutboundMessage, SendResult } from './events.ts';

/** What the shared webhook route hands a connector: the request as received, body untouched. */
export interface WebhookRequest {
  headers: Readonly<Record<string, string | string[] | undefined>>;
  query: Readonly<Record<string, string | undefined>>;
  /** The exact bytes received; signatures are computed over these, never over re-serialised JSON. */
  rawBody: Buffer;
}

export interface HandshakeResponse {
  status: number;
  body: string;
}

/** Per-platform send limits the reply queue enforces. */
export interface SendLimits {
  /** Messages per second across the whole platform account. */
  perSecond: number;
  /** Minimum spacing between two messages to the same address, in ms (0 = none). */
  perAddressMs: number;
}

/**
 * One interface for every platform. `verify` and `parse` are pure and fast (they run before the 2xx);
 * `send` runs only in the reply worker. Errors are the classes of bots/shared/errors.ts.
 */
export interface Connector {
  readonly channel: Channel;
  /** Throws AuthError when the request is not from the platform. Must not parse the body first. */
  verify(req: WebhookRequest): void;
  /**
   * Turns a verified body into zero or more normalised events (zero: ignored kinds such as echoes,
   * reads, unknown updates). Throws InvalidInputError for malformed bodies.
   */
  parse(body: unknown, req: WebhookRequest): InboundEvent[];
  /** GET on the webhook path (Facebook's subscribe handshake); absent = 405. */
  handshake?(req: WebhookRequest): HandshakeResponse;
  send(message: OutboundMessage): Promise<SendResult>;
  readonly limits: SendLimits;
  /** Long-polling or other background intake; started by app/main when configured. */
  start?(onEvents: (events: InboundEvent[]) => Promise<void>): Promise<void>;
  stop?(): Promise<void>;
}

/** The minimal logger every part receives (pino's shape). Never pass secrets or message text. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** What a connector factory receives: `createXConnector(config, deps)` returns undefined when off. */
export interface ConnectorDeps {
  db: import('../../db/database.ts').Db;
  fetch: typeof fetch;
  now: () => number;
  logger: Logger;
  /** Deliveries are dated history being replayed (the demo): no replay window on platform times. */
  replayedHistory?: boolean;
}
