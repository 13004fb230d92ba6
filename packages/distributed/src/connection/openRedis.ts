import { Redis } from 'ioredis';
import { DistributedError } from '../errors/distributedError.js';
import { describeConnection, ioredisOptions, type RedisConnection } from './redisConnection.js';

/**
 * A connected command client, or a typed error within the connection's timeout: `redis-auth`
 * when Redis refuses the credentials, `redis-unreachable` when nothing answers (refused, timed
 * out, TLS failed). The first connection does not retry, so a wrong address fails fast; once
 * connected, the client reconnects by itself.
 */
export async function openRedis(connection: RedisConnection): Promise<Redis> {
  const client = new Redis({
    ...ioredisOptions(connection, false),
    lazyConnect: true,
    enableOfflineQueue: false,
  });
  // The connection's own error (a refused password, a TLS failure) explains a failed connect.
  let lastError: Error | undefined;
  client.on('error', (error: Error) => {
    lastError = error;
  });
  const where = describeConnection(connection);
  const timeout = connection.connectTimeoutMs ?? 5_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      (async () => {
        await client.connect();
        await client.ping();
      })(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout);
      }),
    ]);
  } catch (error) {
    client.disconnect();
    const message = [error instanceof Error ? error.message : String(error), lastError?.message]
      .filter((part) => part !== undefined)
      .join('; ');
    if (/NOAUTH|WRONGPASS|invalid password|invalid username-password/i.test(message)) {
      throw new DistributedError('redis-auth', `Redis at ${where} refused the credentials`, {
        cause: error,
      });
    }
    throw new DistributedError('redis-unreachable', `cannot reach Redis at ${where}: ${message}`, {
      cause: error,
    });
  } finally {
    clearTimeout(timer);
  }
  // Later commands queue while reconnecting; the fit bounds how long (reconnectTimeoutMs).
  client.options.enableOfflineQueue = true;
  return client;
}
