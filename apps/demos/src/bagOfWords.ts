import { makeBagOfWords } from '@mixkit/datasets';
import { type MultinomialParams, multinomial } from '@mixkit/distributions';
import { fitMixture } from '@mixkit/em';
import { adjustedRandIndex } from '@mixkit/metrics';
import { num, table, title } from './shared/format.js';
import { isMain } from './shared/isMain.js';
import { matchComponents } from './shared/matchComponents.js';

/** Three topics with eight words each; every topic also uses the other words a little. */
const topics = {
  sports: ['goal', 'match', 'team', 'score', 'coach', 'league', 'player', 'season'],
  cooking: ['oven', 'flour', 'sauce', 'recipe', 'garlic', 'butter', 'simmer', 'taste'],
  space: ['orbit', 'rocket', 'planet', 'launch', 'nasa', 'moon', 'galaxy', 'crew'],
};

export interface BagOfWordsResult {
  readonly ari: number;
  /** For each true topic, how many of its 8 words are among the fitted topic's top 8. */
  readonly topWordsRecovered: readonly number[];
  readonly report: string;
}

/**
 * A multinomial mixture (one topic per document, Nigam et al. 2000) on word counts: short
 * documents drawn from three topics, clustered, and each fitted topic described by its most
 * probable words.
 */
export function run(): BagOfWordsResult {
  const names = Object.keys(topics) as (keyof typeof topics)[];
  const vocabulary = names.flatMap((name) => topics[name]);
  // 70% of a document's words come from its topic's own 8 words, 30% from the other 16.
  const wordProbabilities = names.map((name) =>
    vocabulary.map((word) => (topics[name].includes(word) ? 0.7 / 8 : 0.3 / 16)),
  );
  const corpus = makeBagOfWords({
    nDocuments: 300,
    wordProbabilities,
    documentLength: 20,
    random: 3,
  });
  const model = fitMixture(corpus.X, {
    family: multinomial(),
    nClusters: 3,
    nInit: 5,
    random: 0,
  });
  const labels = model.predict(corpus.X);
  const ari = adjustedRandIndex(corpus.labels, labels);
  const fittedOf = matchComponents(corpus.labels, labels, names.length);

  const rows: string[][] = [];
  const topWordsRecovered = names.map((name, t) => {
    const p = (model.params[fittedOf[t]] as MultinomialParams).probabilities;
    const order = vocabulary.map((_, j) => j).sort((a, b) => p[b] - p[a]);
    const top = order.slice(0, 8).map((j) => vocabulary[j]);
    rows.push([
      String(fittedOf[t]),
      num(model.weights[fittedOf[t]]),
      order
        .slice(0, 5)
        .map((j) => `${vocabulary[j]} ${p[j].toFixed(3)}`)
        .join(', '),
      name,
    ]);
    return top.filter((word) => topics[name].includes(word)).length;
  });
  const report = [
    title('Multinomial mixture: topics in a bag of words'),
    `${corpus.X.rows} documents of about 20 words over a ${vocabulary.length}-word vocabulary, 3 hidden topics`,
    '',
    table(['topic', 'weight', 'most probable words (probability)', 'true topic'], rows),
    '',
    `  each true topic's 8 words among its fitted topic's top 8: ${topWordsRecovered.join(', ')}`,
    `  agreement with the true topics: ARI ${num(ari)}`,
  ].join('\n');
  return { ari, topWordsRecovered, report };
}

if (isMain(import.meta.url)) console.log(run().report);
