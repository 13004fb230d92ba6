import type { Redis } from 'ioredis';

/**
 * Watches a Redis client for the time it has been disconnected: a fit waiting on Redis gives up
 * with `redis-lost` once the connection has been down for longer than its reconnect window, and
 * re-submits its current round when the connection comes back (Redis may have restarted empty).
 */
export class ConnectionWatch {
  private downSince: number | undefined;
  /** Bumped on every reconnection, so a waiting round knows to re-submit. */
  generation = 0;

  constructor(client: Redis) {
    client.on('close', () => {
      this.downSince ??= Date.now();
    });
    client.on('ready', () => {
      if (this.downSince !== undefined) this.generation++;
      this.downSince = undefined;
    });
  }

  /** Milliseconds the connection has been down (0 when up). */
  downFor(): number {
    return this.downSince === undefined ? 0 : Date.now() - this.downSince;
  }
}
