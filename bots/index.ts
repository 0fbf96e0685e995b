import type { Config } from '../app/config.ts';
import { createFacebookConnector } from './facebook/index.ts';
import type { Connector, ConnectorDeps } from './shared/connector.ts';
import type { Channel } from './shared/events.ts';
import { createTelegramConnector } from './telegram/index.ts';
import { createZaloConnector } from './zalo/index.ts';

/** Every configured connector; one whose credentials are absent is off and says so once. */
export function createConnectors(config: Readonly<Config>, deps: ConnectorDeps): Map<Channel, Connector> {
  const out = new Map<Channel, Connector>();
  const factories: Array<[Channel, () => Connector | undefined]> = [
    ['telegram', () => createTelegramConnector(config, deps)],
    ['facebook', () => createFacebookConnector(config, deps)],
    ['zalo', () => createZaloConnector(config, deps)],
  ];
  for (const [channel, make] of factories) {
    const connector = make();
    if (connector) out.set(channel, connector);
    else deps.logger.info({ channel }, `${channel} connector is off (credentials not configured)`);
  }
  return out;
}
