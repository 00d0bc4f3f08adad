const lanczosCoefficients = [
  57.15623566586292, -59.59796035547549, 14.136097974741746, -0.4919138160976202, 0.00003399464998481189,
  0.00004652362892704858, -0.00009837447530487956, 0.0001580887032249125, -0.00021026444172410488,
  0.00021743961811521265, -0.0001643181065367639, 0.00008441822398385275, -0.000026190838401581408,
  0.0000036899182659531625,
];

/** Natural logarithm of the gamma function for x > 0 (Lanczos, g = 607/128; relative error < 1e-14). */
export function logGamma(x: number): number {
  let denominator = x;
  let series = 0.9999999999999971;
  for (const coefficient of lanczosCoefficients) series += coefficient / ++denominator;
  const shifted = x + 5.2421875;
  return (x + 0.5) * Math.log(shifted) - shifted + Math.log((2.5066282746310007 * series) / x);
}

const maxIterations = 10_000;
const epsilon = 1e-15;

/**
 * Regularized upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a), for a > 0 and x >= 0: the series
 * for x < a + 1, Lentz's continued fraction otherwise (Numerical Recipes §6.2).
 */
export function regularizedUpperGamma(a: number, x: number): number {
  if (x <= 0) return 1;
  if (!Number.isFinite(x)) return 0;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) return 1 - Math.exp(logPrefactor) * lowerSeries(a, x);
  return Math.exp(logPrefactor) * upperContinuedFraction(a, x);
}

function lowerSeries(a: number, x: number): number {
  let term = 1 / a;
  let sum = term;
  for (let n = 1; n < maxIterations; n++) {
    term *= x / (a + n);
    sum += term;
    if (Math.abs(term) < Math.abs(sum) * epsilon) break;
  }
  return sum;
}

function upperContinuedFraction(a: number, x: number): number {
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let fraction = d;
  for (let n = 1; n < maxIterations; n++) {
    const an = -n * (n - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    fraction *= delta;
    if (Math.abs(delta - 1) < epsilon) break;
  }
  return fraction;
}
