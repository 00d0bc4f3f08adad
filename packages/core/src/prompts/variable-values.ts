import type { PromptVariable, PromptVariableType } from './prompt-definition.js';

/**
 * Why `value` does not fit a variable of `type`, or undefined when it does. Strings also take numbers
 * and booleans (they render the same); json takes any JSON value.
 */
export function checkVariableValue(type: PromptVariableType, value: unknown): string | undefined {
  const kind = Array.isArray(value) ? 'a list' : value === null ? 'null' : `a ${typeof value}`;
  switch (type) {
    case 'string':
      return ['string', 'number', 'boolean'].includes(typeof value)
        ? undefined
        : `must be a string, got ${kind}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? undefined
        : `must be a number, got ${kind}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `must be true or false, got ${kind}`;
    case 'json':
      return isJson(value) ? undefined : `must be a JSON value, got ${kind}`;
  }
}

function isJson(value: unknown, depth = 0): boolean {
  if (depth > 64) return false;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
  if (typeof value === 'object') return Object.values(value).every((item) => isJson(item, depth + 1));
  return false;
}

/** `name (string, required)`: how a variable reads in error messages. */
export function describeVariable(variable: PromptVariable): string {
  return `${variable.name} (${variable.type}${variable.required && variable.default === undefined ? ', required' : ''})`;
}
