import { defineConfig } from 'tsup';

/** Each demo's script name (`node apps/demos/dist/<name>.js`) and its source file. */
export const demos = {
  headline: 'src/headline.ts',
  'faithful-bic': 'src/faithfulBic.ts',
  'mixed-types': 'src/mixedTypes.ts',
  bernoulli: 'src/bernoulli.ts',
  'bag-of-words': 'src/bagOfWords.ts',
  'custom-family': 'src/customFamily.ts',
  'kmeans-vs-gmm': 'src/kmeansVsGmm.ts',
  'robust-outliers': 'src/robustOutliers.ts',
  embeddings: 'src/embeddings.ts',
} as const;

// The @mixkit packages (dependencies) stay external and load from their built dist/.
export default defineConfig({
  entry: demos,
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  sourcemap: true,
  clean: true,
  dts: false,
  keepNames: true,
});
