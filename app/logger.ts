import type { Logger } from '../bots/shared/connector.ts';

const LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
type Level = (typeof LEVELS)[number];

/**
 * A small JSON-lines logger with pino's call shape. Callers pass ids and counts, never message text,
 * user ids or secrets; `secrets` values are masked anyway as a second line of defence.
 */
export function createLogger(
  level: string,
  opts: { secrets?: Array<string | undefined>; write?: (line: string) => void } = {},
): Logger {
  const min = Math.max(0, LEVELS.indexOf(level as Level));
  const secrets = (opts.secrets ?? []).filter((s): s is string => typeof s === 'string' && s.length >= 4);
  const write = opts.write ?? ((line: string) => process.stderr.write(`${line}\n`));
  const log = (lvl: Level) => (obj: object | string, msg?: string) => {
    if (LEVELS.indexOf(lvl) < min) return;
    const fields = typeof obj === 'string' ? { msg: obj } : { ...obj, ...(msg ? { msg } : {}) };
    let line = JSON.stringify({ time: new Date().toISOString(), level: lvl, ...fields });
    for (const s of secrets) line = line.split(s).join('[secret]');
    write(line);
  };
  return { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
