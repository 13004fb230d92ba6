import { ReadmeExamples } from '@mixkit/test-utils';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedis } from './redisServer.js';

const readme = new ReadmeExamples(new URL('..', import.meta.url));
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedis();
  process.env.REDIS_URL = `redis://127.0.0.1:${redis.port}`;
});

afterAll(async () => {
  readme.dispose();
  delete process.env.REDIS_URL;
  await redis?.dispose();
});

describe('README', () => {
  it('has the example this test runs', () => {
    expect(readme.blocks).toHaveLength(1);
  });

  it('the example runs as written: the output shown is what it prints (same bits as one process)', async () => {
    const calls = await readme.run(0);
    expect(calls.map((call) => call.join(' '))).toEqual(readme.shownOutput(0).trim().split('\n'));
  });
});
