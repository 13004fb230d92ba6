// The cost model's per-shard constants (README "Cost model per iteration"): the encoded size of
// one EM pass output as a worker returns it (MessagePack, then base64 in BullMQ's return value)
// and the coordinator's time to decode and merge one, for a few families, k and d. Reads the
// built packages: `node tooling/scripts/turbo.mjs run build --filter=@mixkit/distributed...`,
// then `node packages/distributed/scripts/shardOutputCost.mjs`.
import { createRandom } from '@mixkit/core';
import { gaussianDiag, gaussianFull } from '@mixkit/distributions';
import { emPassTask } from '@mixkit/em';
import { Packr } from 'msgpackr';

// The wire codec's settings (src/codec/wireCodec.ts).
const packr = new Packr({
  moreTypes: true,
  useRecords: false,
  mapsAsObjects: true,
  int64AsType: 'number',
});
const rows = 4096;
for (const [name, family] of [
  ['diag', gaussianDiag()],
  ['full', gaussianFull()],
]) {
  for (const [k, d] of [
    [16, 16],
    [16, 64],
    [64, 16],
  ]) {
    const random = createRandom(1);
    const X = {
      rows,
      cols: d,
      data: Float64Array.from({ length: rows * d }, () => random.normal()),
    };
    const families = Array.from({ length: k }, () => family.spec());
    const state = emPassTask.open(
      {
        X,
        families,
        sampleWeight: undefined,
        logPriors: undefined,
        rowScores: new Float64Array(rows),
        blockSize: 1024,
      },
      { resolveFamily: () => family, aborted: undefined },
      [{ index: 0, start: 0, end: rows }],
      undefined,
    );
    // Parameters: each component fitted to a slice of the rows.
    const params = Array.from({ length: k }, (_, c) => {
      const w = new Float64Array(rows);
      for (let i = c; i < rows; i += k) w[i] = 1;
      return family.estimate(family.accumulate(family.createStats(d), X, 0, rows, w, 0, 1));
    });
    const input = {
      params,
      logWeights: new Float64Array(k).fill(-Math.log(k)),
      accumulate: new Uint8Array(k).fill(1),
      hard: false,
      worstRows: 2 * k,
    };
    const output = emPassTask.run(state, input, { index: 0, start: 0, end: rows });
    const bytes = packr.pack(output);
    const base64 = Buffer.from(bytes).toString('base64').length;
    // Decode and merge, as the coordinator does per shard (the merge into running statistics).
    const running = families.map(() => family.createStats(d));
    const repeats = 2000;
    const start = process.hrtime.bigint();
    for (let r = 0; r < repeats; r++) {
      const decoded = packr.unpack(bytes);
      for (let c = 0; c < k; c++) running[c] = family.merge(running[c], decoded.stats[c]);
    }
    const micros = Number(process.hrtime.bigint() - start) / 1000 / repeats;
    console.log(
      JSON.stringify({
        family: name,
        k,
        d,
        msgpackBytes: bytes.length,
        base64Bytes: base64,
        decodeAndMergeMicros: +micros.toFixed(1),
      }),
    );
  }
}
