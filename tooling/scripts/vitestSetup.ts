import fc from 'fast-check';

// Property tests are seeded so that every run of the suite checks the same cases and a failure
// repeats; set FC_SEED to explore other cases locally.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261128) });
