// Writes examples/moons.csv: two interleaved half circles (150 rows each, Gaussian jitter 0.08)
// and 20 rows scattered uniformly over the plot, with the true group in `moon` (-1 for a
// scattered row). A seeded 32-bit LCG and Box-Muller, so the file is the same on every run:
//   node apps/cli/scripts/makeMoons.mjs
import { writeFileSync } from 'node:fs';

let state = 2024;
const uniform = () => {
  state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
  return (state + 0.5) / 4294967296;
};
const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());

const rows = [];
for (let i = 0; i < 150; i++) {
  const t = Math.PI * uniform();
  rows.push([Math.cos(t) + 0.08 * normal(), Math.sin(t) + 0.08 * normal(), 0]);
  const s = Math.PI * uniform();
  rows.push([1 - Math.cos(s) + 0.08 * normal(), 0.5 - Math.sin(s) + 0.08 * normal(), 1]);
}
for (let i = 0; i < 20; i++) rows.push([-1.5 + 4 * uniform(), -1 + 2.5 * uniform(), -1]);
const text = rows.map(([x, y, moon]) => `${x.toFixed(4)},${y.toFixed(4)},${moon}`).join('\n');
writeFileSync(new URL('../examples/moons.csv', import.meta.url), `x,y,moon\n${text}\n`);
