import { libraryConfig } from '../../tsup.shared.ts';

// The clusterer battery imports vitest, which the user's project provides.
export default libraryConfig(['src/index.ts', 'src/testing/index.ts'], { external: ['vitest'] });
