import { pino } from 'pino';
import type { Logger } from '../bots/shared/connector.ts';
import { type Config, SECRET_KEYS } from './config.ts';

/** What the logger needs from the configuration: the level and the secret values it must never print. */
export type LoggerConfig = Pick<Config, 'LOG_LEVEL'> & Partial<Pick<Config, (typeof SECRET_KEYS)[number]>>;

const MASK = '[secret]';

/** Redaction paths derived from the config's own list: a secret's key at the top or one level down. */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((k) => [k, `*.${k}`]);

/**
 * JSON-lines logs on stderr (pino). Callers pass ids and counts, never message text, user ids or
 * secrets. As a second line of defence, fields named like a secret variable are redacted and the
 * secret values themselves are masked wherever they appear (an error message quoting a URL with a
 * bot token, for instance). `err`/`error` fields are serialised with message, type and stack.
 */
export function createLogger(config: LoggerConfig, opts: { write?: (line: string) => void } = {}): Logger {
  const secrets = SECRET_KEYS.map((k) => config[k]).filter(
    (s): s is string => typeof s === 'string' && s.length >= 4,
  );
  const mask = (line: string) => {
    let out = line;
    for (const s of secrets) out = out.split(s).join(MASK);
    // JSON escapes some characters; mask the escaped spelling of a value too.
    for (const s of secrets) out = out.split(JSON.stringify(s).slice(1, -1)).join(MASK);
    return out;
  };
  const write = opts.write;
  const destination = write
    ? { write: (chunk: string) => write(chunk.endsWith('\n') ? chunk.slice(0, -1) : chunk) }
    : pino.destination({ fd: 2, sync: true });
  const log = pino(
    {
      level: config.LOG_LEVEL,
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      serializers: { err: pino.stdSerializers.err, error: pino.stdSerializers.err },
      redact: { paths: [...REDACT_PATHS], censor: MASK },
      hooks: { streamWrite: mask },
    },
    destination,
  );
  const at =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (obj: object | string, msg?: string): void => {
      if (typeof obj === 'string') log[level](obj);
      else if (msg === undefined) log[level](obj);
      else log[level](obj, msg);
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
