/**
 * The empty row buffer shared by the passes that hold no rows (streamed and online EM between
 * chunks, their per-row scores). Length 0, so nothing can write into it: a constant, not scratch.
 */
export const NO_ROWS = new Float64Array(0);
