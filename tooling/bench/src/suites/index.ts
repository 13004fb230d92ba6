import type { Suite } from '../harness/types.js';
import { clusterGrowthSuite } from './clusterGrowthSuite.js';
import { clusterSuite } from './clusterSuite.js';
import { componentsSuite } from './componentsSuite.js';
import { distributedSuite } from './distributedSuite.js';
import { emSuite } from './emSuite.js';
import { gridSuite } from './gridSuite.js';
import { kmeansSuite } from './kmeansSuite.js';
import { linalgSuite } from './linalgSuite.js';
import { mclustSuite } from './mclustSuite.js';
import { mixedSuite } from './mixedSuite.js';
import { outOfCoreSuite } from './outOfCoreSuite.js';
import { restartsSuite } from './restartsSuite.js';
import { variationalSuite } from './variationalSuite.js';

/** Every suite, in the order a full run executes them (`--suite <name>` picks one). */
export const SUITES: readonly Suite[] = [
  linalgSuite,
  kmeansSuite,
  emSuite,
  mixedSuite,
  outOfCoreSuite,
  clusterSuite,
  clusterGrowthSuite,
  variationalSuite,
  componentsSuite,
  distributedSuite,
  restartsSuite,
  mclustSuite,
  gridSuite,
];

export function findSuite(name: string): Suite {
  const suite = SUITES.find((s) => s.name === name);
  if (!suite) {
    throw new Error(`unknown suite '${name}'; available: ${SUITES.map((s) => s.name).join(', ')}`);
  }
  return suite;
}
