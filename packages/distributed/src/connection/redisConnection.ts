import { readFileSync } from 'node:fs';
import type { RedisOptions } from 'bullmq';

/** TLS settings of a Redis connection (Node's `tls.connect` options, by file or by value). */
export interface RedisTlsOptions {
  /** PEM of the certificate authority that signed the server's certificate. */
  readonly ca?: string | Buffer;
  /** Client certificate and key (PEM), when the server asks for one (`tls-auth-clients`). */
  readonly cert?: string | Buffer;
  /** Private key (PEM) of the client certificate `cert`; only with `cert`. */
  readonly key?: string | Buffer;
  /** Name the server's certificate must carry (default: the host). */
  readonly servername?: string;
  /** Refuse a server whose certificate does not check out. Default true; leave it so. */
  readonly rejectUnauthorized?: boolean;
}

/**
 * Where Redis is and how to log in, shared by coordinators and workers. Secrets are never
 * logged and never stored in Redis; pass the password from a file or the environment rather
 * than on a command line (see the CLI's `--redis-password-file`).
 */
export interface RedisConnection {
  /** Host name or IP address of the Redis server. Default 127.0.0.1. */
  readonly host?: string;
  /** TCP port of the Redis server (its `tls-port` when `tls` is set). Default 6379. */
  readonly port?: number;
  /** ACL user (Redis 6+); default the `default` user. */
  readonly username?: string;
  /**
   * Password of `username` (Redis' `requirepass` or an ACL user's). Default none (no AUTH).
   * Never logged, never stored in Redis.
   */
  readonly password?: string;
  /** Logical database number (Redis' `SELECT`), an integer >= 0. Default 0. */
  readonly db?: number;
  /** Connect over TLS (Redis' `tls-port`). */
  readonly tls?: RedisTlsOptions;
  /** How long to wait for a first connection before `redis-unreachable`. Default 5,000 ms. */
  readonly connectTimeoutMs?: number;
}

/**
 * A connection from a `redis://[user:password@]host[:port][/db]` or `rediss://...` (TLS) URL;
 * `extra` adds what a URL cannot hold (CA files, timeouts).
 */
export function parseRedisUrl(url: string, extra: Partial<RedisConnection> = {}): RedisConnection {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RangeError(`a Redis URL starts with redis:// or rediss://, got '${parsed.protocol}'`);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : undefined;
  if (db !== undefined && !(Number.isInteger(db) && db >= 0)) {
    throw new RangeError(
      `the Redis URL's database must be an integer >= 0, got '${parsed.pathname}'`,
    );
  }
  return {
    host: parsed.hostname || '127.0.0.1',
    ...(parsed.port === '' ? {} : { port: Number(parsed.port) }),
    ...(parsed.username === '' ? {} : { username: decodeURIComponent(parsed.username) }),
    ...(parsed.password === '' ? {} : { password: decodeURIComponent(parsed.password) }),
    ...(db === undefined ? {} : { db }),
    ...(parsed.protocol === 'rediss:' ? { tls: {} } : {}),
    ...extra,
  };
}

/** TLS options whose `ca`, `cert` and `key` are read from files. */
export function tlsFromFiles(files: {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly servername?: string;
}): RedisTlsOptions {
  return {
    ...(files.ca === undefined ? {} : { ca: readFileSync(files.ca) }),
    ...(files.cert === undefined ? {} : { cert: readFileSync(files.cert) }),
    ...(files.key === undefined ? {} : { key: readFileSync(files.key) }),
    ...(files.servername === undefined ? {} : { servername: files.servername }),
  };
}

/** Where a connection points, for messages (never with its password). */
export function describeConnection(connection: RedisConnection): string {
  const scheme = connection.tls === undefined ? 'redis' : 'rediss';
  return `${scheme}://${connection.host ?? '127.0.0.1'}:${connection.port ?? 6379}`;
}

/**
 * ioredis options for a connection. `blocking` connections (BullMQ's workers, which wait on
 * blocking commands) retry a command forever, as BullMQ requires; the fit bounds the wait
 * itself (see `DistributedExecutorOptions.reconnectTimeoutMs`). Reconnection backs off up to
 * one second between tries.
 */
export function ioredisOptions(connection: RedisConnection, blocking: boolean): RedisOptions {
  const { tls } = connection;
  return {
    host: connection.host ?? '127.0.0.1',
    port: connection.port ?? 6379,
    ...(connection.username === undefined ? {} : { username: connection.username }),
    ...(connection.password === undefined ? {} : { password: connection.password }),
    ...(connection.db === undefined ? {} : { db: connection.db }),
    ...(tls === undefined
      ? {}
      : {
          tls: {
            ...(tls.ca === undefined ? {} : { ca: tls.ca }),
            ...(tls.cert === undefined ? {} : { cert: tls.cert }),
            ...(tls.key === undefined ? {} : { key: tls.key }),
            ...(tls.servername === undefined ? {} : { servername: tls.servername }),
            rejectUnauthorized: tls.rejectUnauthorized ?? true,
          },
        }),
    connectTimeout: connection.connectTimeoutMs ?? 5_000,
    maxRetriesPerRequest: blocking ? null : 2,
    retryStrategy: (times: number) => Math.min(50 * 2 ** times, 1_000),
  };
}
