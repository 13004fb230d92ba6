/**
 * The dependency rules of the repository. The spine `core ← linalg ← distributions ← em` points
 * one way: a spine package never imports one above it. Packages off the spine (k-means, metrics,
 * facades...) may import any package that does not import them back (no cycles), with the
 * exceptions below. Apps and tooling may import packages, never the reverse.
 */
export const spine: readonly string[] = ['core', 'linalg', 'distributions', 'em'];

/** Packages a given package must never import, whatever the graph allows. */
export const forbiddenImports: Readonly<Record<string, readonly string[]>> = {
  // The EM runner is family-blind: families come in through the ComponentFamily contract.
  em: ['distributions'],
};

/**
 * A package whose `package.json` has `"mixkit": { "platform": "node" }` is Node-only by purpose
 * (worker threads, distributed fitting) and may import Node built-ins; every other package runs
 * in browsers too and may not.
 */
export const nodePlatformField = 'platform';
