import { makeBernoulliMixture } from '@mixkit/datasets';
import { type BernoulliParams, bernoulli } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { adjustedRandIndex } from '@mixkit/metrics';
import { num, title } from './shared/format.js';
import { isMain } from './shared/isMain.js';
import { matchComponents } from './shared/matchComponents.js';

/** Three 5 x 5 glyphs; each row of pixels is one binary column of the data. */
const glyphs = {
  X: ['#...#', '.#.#.', '..#..', '.#.#.', '#...#'],
  O: ['.###.', '#...#', '#...#', '#...#', '.###.'],
  '+': ['..#..', '..#..', '#####', '..#..', '..#..'],
};

export interface BernoulliResult {
  readonly ari: number;
  /** Mean absolute error of the fitted pixel probabilities against the true ones. */
  readonly probabilityError: number;
  readonly report: string;
}

/**
 * Binary vectors: noisy 5 x 5 images of three glyphs (every pixel flipped with probability
 * `noise`), clustered by a mixture of independent Bernoullis (latent class analysis). The
 * fitted pixel probabilities are drawn as glyphs again.
 */
export function run(noise = 0.2): BernoulliResult {
  const names = Object.keys(glyphs) as (keyof typeof glyphs)[];
  const probabilities = names.map((name) =>
    [...glyphs[name].join('')].map((pixel) => (pixel === '#' ? 1 - noise : noise)),
  );
  const data = makeBernoulliMixture({ nSamples: 400, probabilities, random: 7 });
  const model = fitMixture(data.X, { family: bernoulli(), nClusters: 3, nInit: 5, random: 0 });
  const labels = model.predict(data.X);
  const ari = adjustedRandIndex(data.labels, labels);
  const fittedOf = matchComponents(data.labels, labels, names.length);

  let errorSum = 0;
  const fitted = fittedOf.map((c) => (model.params[c] as BernoulliParams).probabilities);
  fitted.forEach((p, t) => {
    p.forEach((value, j) => {
      errorSum += Math.abs(value - probabilities[t][j]);
    });
  });
  const probabilityError = errorSum / (names.length * 25);

  const draw = (p: ArrayLike<number>, row: number) =>
    Array.from({ length: 5 }, (_, col) => (p[row * 5 + col] >= 0.5 ? '#' : '.')).join('');
  const sample = (t: number) => {
    const i = data.labels.indexOf(t);
    return data.X.data.subarray(i * 25, i * 25 + 25);
  };
  const art = [`  ${'one noisy image each'.padEnd(19)}      fitted P(pixel = 1) >= 0.5`];
  for (let row = 0; row < 5; row++) {
    art.push(
      `  ${names.map((_, t) => draw(sample(t), row)).join('  ')}      ${fitted.map((p) => draw(p, row)).join('  ')}`,
    );
  }
  const report = [
    title('Bernoulli mixture: clustering binary vectors'),
    `${data.X.rows} images of 25 binary pixels: glyphs ${names.join(' ')} with ${noise * 100}% of pixels flipped`,
    '',
    ...art,
    '',
    `  weights (fitted vs true): ${fittedOf.map((c, t) => `${names[t]} ${num(model.weights[c])} vs ${num(data.parameters.weights[t])}`).join(', ')}`,
    `  mean |fitted - true| pixel probability: ${num(probabilityError)}`,
    `  agreement with the true glyphs: ARI ${num(ari)}`,
  ].join('\n');
  return { ari, probabilityError, report };
}

if (isMain(import.meta.url)) console.log(run().report);
