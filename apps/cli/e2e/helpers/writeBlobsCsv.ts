import { closeSync, openSync, writeSync } from 'node:fs';

/** The generating model of `writeBlobsCsv`: three far-apart round clusters in 3 columns. */
export const blobCenters = [
  [0, 0, 0],
  [25, 0, 5],
  [0, 25, -5],
] as const;

/**
 * Writes a CSV of `rows` rows (columns a, b, c) drawn from three Gaussian clusters 25 standard
 * deviations apart, in a cycle of components, with a seeded generator (a 32-bit LCG and
 * Box-Muller), streaming it out in blocks so that files of hundreds of megabytes take
 * constant memory. Returns the file's size in bytes. The clusters are so far apart that EM's
 * responsibilities are 0 or 1 to double precision from the first iteration: any two fits that
 * find the clusters reach the same fixed point, whatever rows they started from.
 */
export function writeBlobsCsv(path: string, rows: number, seed = 12345): number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return (state + 0.5) / 4294967296;
  };
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const fd = openSync(path, 'w');
  let size = 0;
  try {
    let block = 'a,b,c\n';
    for (let i = 0; i < rows; i++) {
      const center = blobCenters[i % 3] as readonly number[];
      block += `${(center[0] + normal()).toFixed(4)},${(center[1] + normal()).toFixed(4)},${(center[2] + normal()).toFixed(4)}\n`;
      if (block.length > 1 << 20) {
        size += writeSync(fd, block);
        block = '';
      }
    }
    size += writeSync(fd, block);
  } finally {
    closeSync(fd);
  }
  return size;
}
