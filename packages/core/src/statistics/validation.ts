import { SextantError } from '../errors.js';

/** Throws a `bad_request` error unless `value` is a probability strictly between 0 and 1. */
export function requireOpenUnit(name: string, value: number): void {
  if (!(value > 0 && value < 1)) {
    throw new SextantError('bad_request', `${name} must be strictly between 0 and 1; got ${value}`);
  }
}

/** Throws a `bad_request` error unless `value` lies in [0, 1]. */
export function requireUnit(name: string, value: number): void {
  if (!(value >= 0 && value <= 1)) {
    throw new SextantError('bad_request', `${name} must be between 0 and 1; got ${value}`);
  }
}

/** Throws a `bad_request` error unless `value` is an integer at least `minimum`. */
export function requireInteger(name: string, value: number, minimum: number): void {
  if (!Number.isInteger(value) || value < minimum) {
    throw new SextantError('bad_request', `${name} must be an integer >= ${minimum}; got ${value}`);
  }
}

/** Throws a `bad_request` error unless `value` is a finite number at least `minimum`. */
export function requireAtLeast(name: string, value: number, minimum: number): void {
  if (!(Number.isFinite(value) && value >= minimum)) {
    throw new SextantError('bad_request', `${name} must be a finite number >= ${minimum}; got ${value}`);
  }
}

/** Throws a `bad_request` error unless both arrays have the same, non-zero length. */
export function requirePaired(first: readonly unknown[], second: readonly unknown[], what: string): void {
  if (first.length !== second.length || first.length === 0) {
    throw new SextantError(
      'bad_request',
      `${what} need the same non-zero number of entries on both sides; got ${first.length} and ${second.length}`,
    );
  }
}

/** Throws a `bad_request` error unless every value is a finite number. */
export function requireFinite(name: string, values: readonly number[]): void {
  for (const value of values) {
    if (!Number.isFinite(value)) {
      throw new SextantError('bad_request', `${name} must contain only finite numbers; found ${value}`);
    }
  }
}

/** Throws a `bad_request` error unless 0 <= value <= maximum (fractional counts allowed, e.g. half wins). */
export function requireWithin(name: string, value: number, maximum: number, maximumName: string): void {
  if (!(value >= 0 && value <= maximum)) {
    throw new SextantError(
      'bad_request',
      `${name} must be between 0 and ${maximumName} (${maximum}); got ${value}`,
    );
  }
}
