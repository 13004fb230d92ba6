/**
 * Work between two pauses of a fit program (`pause()` of `@mixkit/core`), in coordinates of
 * distances computed or cells updated: about a millisecond of work, so the generator's resume
 * (a microsecond or so) costs nothing measurable, and an async driver overruns its 25 ms budget
 * by about that much at most.
 */
export const PAUSE_WORK = 2 ** 20;
