import { schemeTableau10 } from 'd3';

/** Component colors, in component order (Tableau 10: distinct, colour-blind aware, on white). */
export const COMPONENT_PALETTE: readonly string[] = schemeTableau10;
