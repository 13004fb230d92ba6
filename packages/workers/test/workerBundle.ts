import { bundleFromSources, workerEntryFromSources } from '@mixkit/test-utils/bundle';

/** The worker entry bundled from today's sources (never a stale dist). */
export function workerBundleUrl(): URL {
  return workerEntryFromSources();
}

/** The fault tests' module of extra families and tasks, bundled likewise. */
export function customModuleUrl(): URL {
  return bundleFromSources('packages/workers/test/fixtures/customModule.ts', 'customModule.mjs');
}

/** A script that fits on a pool it never destroys (the process must still exit). */
export function exitScriptUrl(): URL {
  return bundleFromSources('packages/workers/test/fixtures/exitScript.ts', 'exitScript.mjs');
}

/** A script whose kept-alive pool sees a crash land during its next fit (it must still exit). */
export function raceScriptUrl(): URL {
  return bundleFromSources('packages/workers/test/fixtures/raceScript.ts', 'raceScript.mjs');
}
