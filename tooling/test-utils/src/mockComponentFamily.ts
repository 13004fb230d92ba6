import {
  type ComponentFamily,
  type DegeneracyReason,
  DegenerateComponentError,
  type FamilySpec,
  type Matrix,
  type RandomSource,
  type SerializedParams,
} from '@mixkit/core';
import { unitGaussianFamily } from './unitGaussianFamily.js';

declare const handleBrand: unique symbol;

/**
 * What a `MockComponentFamily` hands out as parameters and statistics: an opaque handle.
 * Reading, writing, enumerating or inspecting it in any way throws and is recorded in
 * `internalAccesses`, so a test proves the runner only ever passes values back to the family.
 */
export interface MockHandle {
  readonly [handleBrand]: 'mock-handle';
}

/** Names of the family members a runner may call. */
export type FamilyMember = Exclude<keyof ComponentFamily<unknown, unknown>, 'kind'>;

/** One recorded call. Handles are numbered in creation order (`params`/`stats` ids). */
export interface FamilyCall {
  readonly member: FamilyMember;
  readonly start?: number;
  readonly end?: number;
  readonly offset?: number;
  readonly stride?: number;
  /**
   * Id of the parameter handle read (logDensity, sample, accumulate's current parameters, ...)
   * or returned (estimate).
   */
  readonly params?: number | readonly number[];
  /** Id of the statistics handle read or written. */
  readonly stats?: number | readonly number[];
  /** Row count for `sample`, factor for `scale`. */
  readonly value?: number;
  /** Id of the parameter handle `estimate` was given as the component's previous parameters. */
  readonly previous?: number;
}

export interface MockComponentFamilyOptions<P, S> {
  /** The real family doing the work. Default: `unitGaussianFamily`. */
  readonly inner?: ComponentFamily<P, S>;
  /** The kind reported (default: the inner family's kind). */
  readonly kind?: string;
  /**
   * Called before every `estimate` with its 0-based call number and the statistics' total
   * weight; returning a reason makes that call throw a `DegenerateComponentError`.
   */
  readonly failEstimate?: (call: number, totalWeight: number) => DegeneracyReason | undefined;
  /** Replaces the log-density of a row (e.g. by NaN) when it returns a number. */
  readonly overrideLogDensity?: (row: number) => number | undefined;
}

type Unwrapped<F> = F extends ComponentFamily<infer P, infer S> ? P | S : never;

/**
 * A spy component family (after vercel/ai's `MockLanguageModelV4`): a real family (by default
 * a unit-variance Gaussian) behind opaque handles, recording every call with its row range,
 * offset and stride. EM tests use it to prove hook order, that the runner never looks inside
 * parameters or statistics, and that seeded runs repeat call for call.
 */
export class MockComponentFamily<P = unknown, S = unknown>
  implements ComponentFamily<MockHandle, MockHandle>
{
  readonly kind: string;
  /** Every call, in order. */
  readonly calls: FamilyCall[] = [];
  /** Every attempt to look inside a handle (should stay empty). */
  readonly internalAccesses: string[] = [];
  readonly estimateAll?: (stats: readonly MockHandle[]) => MockHandle[];
  readonly nSharedParameters?: (params: MockHandle) => number;

  private readonly inner: ComponentFamily<P, S>;
  private readonly values = new WeakMap<object, { id: number; value: unknown }>();
  private nextId = 0;
  private estimateCalls = 0;

  constructor(private readonly options: MockComponentFamilyOptions<P, S> = {}) {
    this.inner = (options.inner ?? unitGaussianFamily) as ComponentFamily<P, S>;
    this.kind = options.kind ?? this.inner.kind;
    const innerAll = this.inner.estimateAll?.bind(this.inner);
    if (innerAll) {
      this.estimateAll = (statsList) => {
        const result = innerAll(statsList.map((h) => this.open<S>(h)));
        const handles = result.map((params) => this.wrap(params));
        this.record({
          member: 'estimateAll',
          stats: statsList.map((h) => this.id(h)),
          params: handles.map((h) => this.id(h)),
        });
        return handles;
      };
    }
    const innerShared = this.inner.nSharedParameters?.bind(this.inner);
    if (innerShared) {
      this.nSharedParameters = (params) => {
        this.record({ member: 'nSharedParameters', params: this.id(params) });
        return innerShared(this.open<P>(params));
      };
    }
  }

  /** The calls to one member, in order. */
  callsTo(member: FamilyMember): FamilyCall[] {
    return this.calls.filter((call) => call.member === member);
  }

  /** The member names called, in order (consecutive repeats kept). */
  memberSequence(): FamilyMember[] {
    return this.calls.map((call) => call.member);
  }

  /** Forgets recorded calls (handles stay valid). */
  clearCalls(): void {
    this.calls.length = 0;
  }

  /** The inner value behind a handle, for assertions in tests. */
  unwrap(handle: MockHandle): Unwrapped<ComponentFamily<P, S>> {
    return this.open(handle);
  }

  spec(): FamilySpec {
    this.record({ member: 'spec' });
    return this.inner.spec();
  }

  validate(X: Matrix, argument?: string): void {
    this.record({ member: 'validate' });
    this.inner.validate(X, argument);
  }

  createStats(dimension: number): MockHandle {
    const handle = this.wrap(this.inner.createStats(dimension));
    this.record({ member: 'createStats', stats: this.id(handle) });
    return handle;
  }

  accumulate(
    stats: MockHandle,
    X: Matrix,
    start: number,
    end: number,
    weights: Float64Array,
    weightOffset: number,
    weightStride: number,
    current?: MockHandle,
  ): MockHandle {
    this.record({
      member: 'accumulate',
      stats: this.id(stats),
      start,
      end,
      offset: weightOffset,
      stride: weightStride,
      // The id of the current parameters, when the caller passed them.
      ...(current === undefined ? {} : { params: this.id(current) }),
    });
    this.inner.accumulate(
      this.open<S>(stats),
      X,
      start,
      end,
      weights,
      weightOffset,
      weightStride,
      current === undefined ? undefined : this.open<P>(current),
    );
    return stats;
  }

  merge(target: MockHandle, source: MockHandle): MockHandle {
    this.record({ member: 'merge', stats: [this.id(target), this.id(source)] });
    this.inner.merge(this.open<S>(target), this.open<S>(source));
    return target;
  }

  scale(stats: MockHandle, factor: number): MockHandle {
    this.record({ member: 'scale', stats: this.id(stats), value: factor });
    this.inner.scale(this.open<S>(stats), factor);
    return stats;
  }

  totalWeight(stats: MockHandle): number {
    this.record({ member: 'totalWeight', stats: this.id(stats) });
    return this.inner.totalWeight(this.open<S>(stats));
  }

  estimate(stats: MockHandle, previous?: MockHandle): MockHandle {
    const call = this.estimateCalls++;
    const inner = this.open<S>(stats);
    const before = previous === undefined ? {} : { previous: this.id(previous) };
    const reason = this.options.failEstimate?.(call, this.inner.totalWeight(inner));
    if (reason !== undefined) {
      this.record({ member: 'estimate', stats: this.id(stats), ...before });
      throw new DegenerateComponentError(this.kind, reason, `injected failure (call ${call})`);
    }
    const innerPrevious = previous === undefined ? undefined : this.open<P>(previous);
    const handle = this.wrap(this.inner.estimate(inner, innerPrevious));
    this.record({ member: 'estimate', stats: this.id(stats), params: this.id(handle), ...before });
    return handle;
  }

  logDensity(
    params: MockHandle,
    X: Matrix,
    start: number,
    end: number,
    out: Float64Array,
    outOffset: number,
    outStride: number,
  ): Float64Array {
    this.record({
      member: 'logDensity',
      params: this.id(params),
      start,
      end,
      offset: outOffset,
      stride: outStride,
    });
    this.inner.logDensity(this.open<P>(params), X, start, end, out, outOffset, outStride);
    const override = this.options.overrideLogDensity;
    if (override) {
      for (let i = start; i < end; i++) {
        const value = override(i);
        if (value !== undefined) out[outOffset + (i - start) * outStride] = value;
      }
    }
    return out;
  }

  sample(
    params: MockHandle,
    n: number,
    random: RandomSource,
    out?: Float64Array,
    outRow?: number,
  ): Float64Array {
    this.record({ member: 'sample', params: this.id(params), value: n });
    return this.inner.sample(this.open<P>(params), n, random, out, outRow);
  }

  dimension(params: MockHandle): number {
    this.record({ member: 'dimension', params: this.id(params) });
    return this.inner.dimension(this.open<P>(params));
  }

  nParameters(params: MockHandle): number {
    this.record({ member: 'nParameters', params: this.id(params) });
    return this.inner.nParameters(this.open<P>(params));
  }

  paramsToJSON(params: MockHandle): SerializedParams {
    this.record({ member: 'paramsToJSON', params: this.id(params) });
    return this.inner.paramsToJSON(this.open<P>(params));
  }

  paramsFromJSON(json: SerializedParams): MockHandle {
    const handle = this.wrap(this.inner.paramsFromJSON(json));
    this.record({ member: 'paramsFromJSON', params: this.id(handle) });
    return handle;
  }

  private record(call: FamilyCall): void {
    this.calls.push(call);
  }

  private id(handle: MockHandle): number {
    const entry = this.values.get(handle);
    if (!entry) throw new Error(`${this.kind}: received a value this family did not create`);
    return entry.id;
  }

  private open<T>(handle: MockHandle): T {
    const entry = this.values.get(handle);
    if (!entry) throw new Error(`${this.kind}: received a value this family did not create`);
    return entry.value as T;
  }

  private wrap(value: unknown): MockHandle {
    const accesses = this.internalAccesses;
    const touched = (operation: string, key?: PropertyKey): never => {
      const what = key === undefined ? operation : `${operation} ${String(key)}`;
      accesses.push(what);
      throw new Error(`the runner looked inside a family value (${what})`);
    };
    const handle = new Proxy(Object.freeze(Object.create(null)) as object, {
      get: (_target, key) => touched('get', key),
      set: (_target, key) => touched('set', key),
      has: (_target, key) => touched('has', key),
      deleteProperty: (_target, key) => touched('delete', key),
      defineProperty: (_target, key) => touched('define', key),
      ownKeys: () => touched('ownKeys'),
      getOwnPropertyDescriptor: (_target, key) => touched('describe', key),
      getPrototypeOf: () => touched('getPrototypeOf'),
    }) as MockHandle;
    this.values.set(handle, { id: this.nextId++, value });
    return handle;
  }
}
