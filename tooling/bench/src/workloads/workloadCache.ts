import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRandom, type Matrix } from '@mixkit/core';
import { benchRoot } from '../harness/benchRoot.js';
import { generateWorkload } from './generateWorkload.js';
import { type InitialParameters, makeInitialParameters } from './initialParameters.js';
import {
  type BenchSize,
  GENERATOR_VERSION,
  WORKLOADS,
  type WorkloadName,
  type WorkloadSpec,
} from './workloadSpecs.js';

/** The JSON header written beside each `.f64` file; it describes the raw bytes completely. */
export interface WorkloadHeader {
  readonly name: string;
  readonly kind: string;
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  readonly seed: number;
  readonly generatorVersion: number;
  /**
   * The first draws of `createRandom(seed)` when the data was written: if core's generator
   * changes, the cached bytes no longer follow from the seed and are regenerated.
   */
  readonly randomFingerprint: string;
  readonly dtype: 'float64';
  readonly byteOrder: 'little';
  readonly layout: 'row-major';
  readonly bytes: number;
  /** Absolute paths of the data and the initial-parameter files. */
  readonly dataFile: string;
  readonly initFile: string;
}

/** A workload ready to benchmark: header, data matrix and the shared starting point. */
export interface Workload {
  readonly header: WorkloadHeader;
  readonly X: Matrix;
  readonly init: InitialParameters;
}

/** `tooling/bench/.cache`, next to this package's `src/` or `dist/`. */
export function defaultCacheDir(): string {
  return join(benchRoot(), '.cache');
}

function fileStem(name: string, rows: number): string {
  return `${name}-n${rows}`;
}

/** The raw little-endian float64 file of a workload, as a Float64Array (8-byte aligned). */
export function readFloat64(path: string, count: number): Float64Array {
  const bytes = readFileSync(path);
  if (bytes.byteLength !== count * 8) {
    throw new Error(`${path}: ${bytes.byteLength} bytes, expected ${count * 8}`);
  }
  // A Float64Array view needs 8-byte alignment; small files can sit inside Node's pooled buffer.
  if (bytes.byteOffset % 8 === 0) return new Float64Array(bytes.buffer, bytes.byteOffset, count);
  return new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + count * 8));
}

function randomFingerprint(seed: number): string {
  const random = createRandom(seed);
  return [random.uniform(), random.uniform(), random.normal()].join(',');
}

const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;

/**
 * Loads a workload from the cache, generating it (and its initial parameters) first when the
 * files are missing or were written by another generator version. Generation is seeded, so every
 * machine and every contender sees the same bytes.
 */
export function loadWorkload(
  name: WorkloadName,
  size: BenchSize,
  cacheDir: string = defaultCacheDir(),
  log: (line: string) => void = () => {},
): Workload {
  return loadSpec(WORKLOADS[name], size, cacheDir, log);
}

/** `loadWorkload` for any spec (the grid's workloads are not in `WORKLOADS`). */
export function loadSpec(
  spec: WorkloadSpec,
  size: BenchSize,
  cacheDir: string = defaultCacheDir(),
  log: (line: string) => void = () => {},
): Workload {
  if (!littleEndian) throw new Error('the .f64 cache format is little-endian');
  const { name } = spec;
  const rows = spec.rows[size];
  const stem = join(cacheDir, fileStem(name, rows));
  const headerFile = `${stem}.json`;
  const dataFile = `${stem}.f64`;
  const initFile = `${stem}.init.json`;
  if (existsSync(headerFile) && existsSync(dataFile) && existsSync(initFile)) {
    const header = JSON.parse(readFileSync(headerFile, 'utf8')) as WorkloadHeader;
    if (
      header.generatorVersion === GENERATOR_VERSION &&
      header.rows === rows &&
      header.randomFingerprint === randomFingerprint(spec.seed)
    ) {
      const data = readFloat64(dataFile, rows * spec.cols);
      const init = JSON.parse(readFileSync(initFile, 'utf8')) as InitialParameters;
      return {
        header: { ...header, dataFile, initFile },
        X: { rows, cols: spec.cols, data },
        init,
      };
    }
  }
  const started = performance.now();
  mkdirSync(cacheDir, { recursive: true });
  const generated = generateWorkload(spec, rows);
  const init = makeInitialParameters(generated.data, rows, spec.cols, spec.k, spec.seed);
  const header: WorkloadHeader = {
    name,
    kind: spec.kind,
    rows,
    cols: spec.cols,
    k: spec.k,
    seed: spec.seed,
    generatorVersion: GENERATOR_VERSION,
    randomFingerprint: randomFingerprint(spec.seed),
    dtype: 'float64',
    byteOrder: 'little',
    layout: 'row-major',
    bytes: rows * spec.cols * 8,
    dataFile,
    initFile,
  };
  const { data } = generated;
  writeFileSync(dataFile, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  writeFileSync(initFile, `${JSON.stringify(init)}\n`);
  writeFileSync(headerFile, `${JSON.stringify(header, null, 2)}\n`);
  log(
    `generated ${name} (${rows} x ${spec.cols}) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return { header, X: { rows, cols: spec.cols, data }, init };
}
