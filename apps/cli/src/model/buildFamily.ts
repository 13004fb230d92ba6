import type { AnyComponentFamily } from '@mixkit/core';
import { product } from '@mixkit/distributions';
import { blockFamily, type FamilyOptions } from './blockFamily.js';
import type { FamilyBlock } from './familyBlocks.js';

/**
 * The family of one mixture component: the block's family when every column is of one kind,
 * else a product with one factor per block (columns of different blocks independent given the
 * component).
 */
export function buildFamily(
  blocks: readonly FamilyBlock[],
  options: FamilyOptions,
): AnyComponentFamily {
  const [only] = blocks;
  if (blocks.length === 1 && only !== undefined) return blockFamily(only, options);
  return product(
    blocks.map((block) => ({
      columns: block.columns.map((_, j) => block.start + j),
      family: blockFamily(block, options),
    })),
  );
}
