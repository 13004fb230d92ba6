import { ReadmeExamples } from '@mixkit/test-utils';
import { afterAll, describe, expect, it } from 'vitest';
import { workerBundleUrl } from './workerBundle.js';

const readme = new ReadmeExamples(new URL('..', import.meta.url));
afterAll(() => readme.dispose());

describe('README', () => {
  it('the example runs as written and prints what the README shows', async () => {
    // Run from sources, the package has no built nodeWorker.js beside it: point to a bundle.
    process.env.MIXKIT_WORKER_ENTRY = workerBundleUrl().href;
    const calls = await readme.run(0);
    expect(calls.map((call) => call.join(' '))).toEqual(readme.shownOutput(0).trim().split('\n'));
  });
});
