import { describe, expect, it } from 'vitest';
import { simulateCanary, simulatePassRateGate, simulateRegressionGate } from './simulate-gate-error-rates.js';

// Seeded simulations of the gates' error rates (DESIGN.md: statistics are checked by simulation).
// Bounds allow for Monte Carlo error: with 1,000 trials the SE of a rate of 0.05 is about 0.007.
describe('gate error rates by simulation', () => {
  it('no-regression: with no real change the gate fails at most about alpha of the time', () => {
    const { failureRate } = simulateRegressionGate({
      trials: 1000,
      items: 60,
      repeats: 3,
      shift: 0,
      between: 0.01,
      noise: 0.15,
      alpha: 0.05,
      seed: 11,
    });
    expect(failureRate.rate).toBeLessThanOrEqual(0.065);
    expect(failureRate.rate).toBeGreaterThan(0.025); // not vacuously conservative either
  });

  it('no-regression: catches a planned regression with about the planned power', () => {
    const { failureRate, plannedPower } = simulateRegressionGate({
      trials: 500,
      items: 60,
      repeats: 3,
      shift: -0.05,
      between: 0.01,
      noise: 0.15,
      alpha: 0.05,
      seed: 12,
    });
    expect(plannedPower).not.toBeNull();
    expect(plannedPower ?? 0).toBeGreaterThan(0.6);
    expect(plannedPower ?? 0).toBeLessThan(0.95);
    expect(Math.abs(failureRate.rate - (plannedPower ?? 0))).toBeLessThan(0.08);
  });

  it('no-regression with a margin: a drop inside the margin fails at most alpha of the time', () => {
    const { failureRate } = simulateRegressionGate({
      trials: 600,
      items: 40,
      repeats: 2,
      shift: -0.02,
      between: 0.01,
      noise: 0.1,
      margin: 0.02,
      alpha: 0.05,
      seed: 13,
    });
    expect(failureRate.rate).toBeLessThanOrEqual(0.07);
  });

  it('pass-rate: at a true rate equal to the threshold the gate passes at most 1 - confidence of the time, repeats included', () => {
    const { passRate } = simulatePassRateGate({
      trials: 1000,
      items: 80,
      repeats: 4,
      trueRate: 0.85,
      atLeast: 0.85,
      spread: 0.12,
      seed: 14,
    });
    expect(passRate.rate).toBeLessThanOrEqual(0.065);
  });

  it('pass-rate: a comfortably better system passes most of the time', () => {
    const { passRate } = simulatePassRateGate({
      trials: 300,
      items: 150,
      repeats: 3,
      trueRate: 0.95,
      atLeast: 0.85,
      seed: 15,
    });
    expect(passRate.rate).toBeGreaterThan(0.9);
  });

  it('canary: with equal arms and a look every 50 per arm, it rolls back at most alpha of the time', () => {
    const outcome = simulateCanary({
      trials: 400,
      baselineRate: 0.8,
      candidateRate: 0.8,
      lookEvery: 50,
      maxPerArm: 3000,
      margin: 0.05,
      seed: 16,
    });
    expect(outcome.rollback.rate).toBeLessThanOrEqual(0.05);
    expect(outcome.promote.rate).toBeGreaterThan(0.8);
  });

  it('canary: a candidate worse by 0.1 is rolled back, and promoted at most alpha of the time', () => {
    const outcome = simulateCanary({
      trials: 400,
      baselineRate: 0.8,
      candidateRate: 0.7,
      lookEvery: 50,
      maxPerArm: 3000,
      margin: 0.05,
      seed: 17,
    });
    expect(outcome.promote.rate).toBeLessThanOrEqual(0.05);
    expect(outcome.rollback.rate).toBeGreaterThan(0.8);
  });
});
