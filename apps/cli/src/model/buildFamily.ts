import type { AnyComponentFamily } from '@mixkit/core';
import { product } from '@mixkit/distributions';
import type { CovarianceType } from '../options/fitSettings.js';
import { blockFamily } from './blockFamily.js';
import type { FamilyBlock } from './familyBlocks.js';

/**
 * The family of one mixture component: the block's family when every column is of one kind,
 * else a product with one factor per block (columns of different blocks independent given the
 * component).
 */
export function buildFamily(
  blocks: readonly FamilyBlock[],
  covariance: CovarianceType,
): AnyComponentFamily {
  const [only] = blocks;
  if (blocks.length === 1 && only !== undefined) return blockFamily(only, covariance);
  return product(
    blocks.map((block) => ({
      columns: block.columns.map((_, j) => block.start + j),
      family: blockFamily(block, covariance),
    })),
  );
}
