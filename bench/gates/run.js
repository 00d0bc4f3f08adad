// bench/gates: seeded simulations of the CI gates' and the canary's error rates, printed with 95% intervals.
// The figures a reader needs before trusting a gate: how often it fails with no real change (at most alpha),
// how often it catches a planned regression (about the planned power), and how the canary's sequential test
// behaves when it is looked at after every batch of traffic.
// Usage: npm run build && node bench/gates/run.js [--trials 2000] [--seed 1]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { simulateCanary, simulatePassRateGate, simulateRegressionGate } from '@sextant/core/gates';

const here = path.dirname(fileURLToPath(import.meta.url));
const { values } = parseArgs({
  options: { trials: { type: 'string', default: '2000' }, seed: { type: 'string', default: '1' } },
});
const trials = Number(values.trials);
const seed = Number(values.seed);
const percent = (rate) =>
  `${(100 * rate.rate).toFixed(1)}% [${(100 * rate.lower).toFixed(1)}, ${(100 * rate.upper).toFixed(1)}]`;
const figures = {};

const regression = { items: 60, repeats: 3, between: 0.01, noise: 0.15, alpha: 0.05 };
const started = performance.now();
const noChange = simulateRegressionGate({ ...regression, trials, shift: 0, seed });
figures.noRegressionFalseFailure = noChange.failureRate;
console.log(
  `no-regression gate, no real change (60 items x 3 repeats, alpha 0.05): fails ${percent(noChange.failureRate)}`,
);
const planned = simulateRegressionGate({ ...regression, trials, shift: -0.05, seed: seed + 1 });
figures.noRegressionPower = { ...planned.failureRate, planned: planned.plannedPower };
console.log(
  `no-regression gate, planned regression of 0.05: caught ${percent(planned.failureRate)}; planned power ${(100 * planned.plannedPower).toFixed(1)}%`,
);
const withinMargin = simulateRegressionGate({
  ...regression,
  trials,
  shift: -0.02,
  margin: 0.02,
  seed: seed + 2,
});
figures.noRegressionAtMargin = withinMargin.failureRate;
console.log(
  `no-regression gate, a drop exactly at the 0.02 margin: fails ${percent(withinMargin.failureRate)}`,
);

const passRate = { items: 80, repeats: 4, atLeast: 0.85, spread: 0.12 };
const atThreshold = simulatePassRateGate({ ...passRate, trials, trueRate: 0.85, seed: seed + 3 });
figures.passRateFalsePass = atThreshold.passRate;
console.log(
  `pass-rate gate (>= 0.85 @95%, 80 items x 4 correlated repeats), true rate 0.85: passes ${percent(atThreshold.passRate)} (should be <= 5%)`,
);
const better = simulatePassRateGate({ ...passRate, trials, trueRate: 0.93, seed: seed + 4 });
figures.passRatePower = better.passRate;
console.log(`pass-rate gate, true rate 0.93: passes ${percent(better.passRate)}`);

const canary = { lookEvery: 50, maxPerArm: 3000, margin: 0.05, alpha: 0.05 };
const canaryTrials = Math.max(200, Math.round(trials / 4));
const equal = simulateCanary({
  ...canary,
  trials: canaryTrials,
  baselineRate: 0.8,
  candidateRate: 0.8,
  seed: seed + 5,
});
figures.canaryEqualArms = equal;
console.log(
  `canary, equal arms (pass rate 0.8, a look every 50 per arm up to 3000): wrong rollback ${percent(equal.rollback)}, ` +
    `promote ${percent(equal.promote)}, mean ${equal.meanPerArmAtDecision.toFixed(0)} per arm at decision`,
);
const worse = simulateCanary({
  ...canary,
  trials: canaryTrials,
  baselineRate: 0.8,
  candidateRate: 0.7,
  seed: seed + 6,
});
figures.canaryWorseBy01 = worse;
console.log(
  `canary, candidate worse by 0.10: wrong promote ${percent(worse.promote)}, rollback ${percent(worse.rollback)}, ` +
    `mean ${worse.meanPerArmAtDecision.toFixed(0)} per arm at decision`,
);
const atMargin = simulateCanary({
  ...canary,
  trials: canaryTrials,
  baselineRate: 0.8,
  candidateRate: 0.75,
  seed: seed + 7,
});
figures.canaryWorseByMargin = atMargin;
console.log(`canary, candidate worse by exactly the 0.05 margin: wrong promote ${percent(atMargin.promote)}`);

const seconds = (performance.now() - started) / 1000;
console.log(
  `${trials} trials per gate scenario, ${canaryTrials} per canary scenario, in ${seconds.toFixed(1)} s`,
);
fs.mkdirSync(path.join(here, '..', 'results'), { recursive: true });
fs.writeFileSync(
  path.join(here, '..', 'results', 'gates.json'),
  `${JSON.stringify({ trials, canaryTrials, seed, figures, seconds }, null, 2)}\n`,
);
