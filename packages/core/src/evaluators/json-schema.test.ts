import { describe, expect, it } from 'vitest';
import { jsonSchema } from './json-schema.js';
import type { JsonSchema } from './json-schema-support.js';
import { validateJsonSchema } from './json-schema-validator.js';

// The shape an OpenAI structured-output schema takes: $defs, $ref, nullable via anyOf, strict objects.
const orderSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  type: 'object',
  required: ['id', 'items', 'status', 'note'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', pattern: '^ord_[0-9]+$' },
    status: { enum: ['open', 'paid', 'shipped'] },
    note: { anyOf: [{ type: 'string', maxLength: 10 }, { type: 'null' }] },
    items: { type: 'array', minItems: 1, items: { $ref: '#/$defs/item' } },
  },
  $defs: {
    item: {
      type: 'object',
      required: ['sku', 'quantity', 'price'],
      properties: {
        sku: { type: 'string', minLength: 3 },
        quantity: { type: 'integer', minimum: 1 },
        price: { type: 'number', exclusiveMinimum: 0, multipleOf: 0.01 },
      },
    },
  },
};

const validOrder = {
  id: 'ord_42',
  status: 'paid',
  note: null,
  items: [{ sku: 'abc', quantity: 2, price: 19.99 }],
};

const violations = (schema: JsonSchema, value: unknown) =>
  validateJsonSchema(schema, value).map((violation) => `${violation.path}: ${violation.message}`);

describe('jsonSchema evaluator', () => {
  it('passes a conforming output given as JSON text or as a value', async () => {
    const evaluator = jsonSchema({ schema: orderSchema });
    expect(await evaluator.evaluate({ output: JSON.stringify(validOrder) })).toEqual({
      score: 1,
      passed: true,
    });
    expect((await evaluator.evaluate({ output: validOrder })).score).toBe(1);
  });

  it('lists the first three violations with their paths', async () => {
    const output = {
      id: 'order-42',
      status: 'refunded',
      note: 'far too long a note',
      items: [{ sku: 'ab', quantity: 1.5, price: '19.99' }],
      coupon: 'X',
    };
    const result = await jsonSchema({ schema: orderSchema }).evaluate({ output });
    expect(result).toMatchObject({ score: 0, passed: false });
    expect(result.explanation).toBe(
      'output breaks the schema in 7 places: ' +
        '$.id: must match /^ord_[0-9]+$/, got "order-42"; ' +
        '$.status: expected one of ["open","paid","shipped"], got "refunded"; ' +
        '$.note: matches none of the 2 anyOf schemas (closest: $.note: must have at most 10 characters, got 19); and 4 more',
    );
    expect(violations(orderSchema, output).slice(3)).toEqual([
      '$.items[0].sku: must have at least 3 characters, got 2',
      '$.items[0].quantity: expected integer, got number 1.5',
      '$.items[0].price: expected number, got string "19.99"',
      "$: unexpected property 'coupon'",
    ]);
  });

  it('reports unparseable output as such, and accepts a code fence when allowed', async () => {
    const fenced = `\`\`\`json\n${JSON.stringify(validOrder)}\n\`\`\``;
    expect((await jsonSchema({ schema: orderSchema }).evaluate({ output: fenced })).explanation).toMatch(
      /^output is not valid JSON \(it is wrapped in a Markdown code fence\)/,
    );
    expect(
      (await jsonSchema({ schema: orderSchema, allowCodeFence: true }).evaluate({ output: fenced })).score,
    ).toBe(1);
  });

  it("takes the schema from the item's expected output when none is configured", async () => {
    const evaluator = jsonSchema();
    expect(
      (
        await evaluator.evaluate({
          output: '[1, 2]',
          expected: { type: 'array', items: { type: 'integer' } },
        })
      ).score,
    ).toBe(1);
    expect(() => evaluator.evaluate({ output: '1' })).toThrow(/json-schema needs a schema/);
    expect(() =>
      evaluator.evaluate({ output: '1', expected: { type: 'string', format: 'email', nullable: true } }),
    ).toThrow(/#\/nullable: keyword 'nullable' is not supported/);
  });

  it('refuses, when created, a schema it cannot fully check', () => {
    expect(() => jsonSchema({ schema: { type: 'object', unevaluatedProperties: false } })).toThrow(
      /#\/unevaluatedProperties: keyword 'unevaluatedProperties' is not supported/,
    );
    expect(() => jsonSchema({ schema: { $ref: 'https://example.com/schema.json' } })).toThrow(
      /only references inside the schema/,
    );
    expect(() => jsonSchema({ schema: { properties: { a: { exclusiveMinimum: true } } } })).toThrow(
      /draft-04 boolean form/,
    );
    expect(() => jsonSchema({ schema: { pattern: '(' } })).toThrow(
      /#\/pattern: not a valid regular expression/,
    );
    expect(() =>
      jsonSchema({ schema: { type: 'object', 'x-vendor': 1, title: 'T', format: 'uri' } }),
    ).not.toThrow();
  });
});

describe('validateJsonSchema', () => {
  it('treats integers as numbers and counts string length in code points', () => {
    expect(violations({ type: 'number' }, 3)).toEqual([]);
    expect(violations({ type: ['string', 'null'] }, null)).toEqual([]);
    expect(violations({ type: 'string', maxLength: 2 }, '😀😀')).toEqual([]);
    expect(violations({ type: 'string', minLength: 3 }, '😀😀')).toEqual([
      '$: must have at least 3 characters, got 2',
    ]);
  });

  it('tolerates float error in multipleOf and checks numeric bounds', () => {
    expect(violations({ multipleOf: 0.1 }, 0.3)).toEqual([]);
    expect(violations({ multipleOf: 0.01 }, 19.99)).toEqual([]);
    expect(violations({ multipleOf: 0.1 }, 0.35)).toEqual(['$: must be a multiple of 0.1, got 0.35']);
    expect(violations({ minimum: 1, maximum: 3, exclusiveMaximum: 3 }, 3)).toEqual(['$: must be < 3, got 3']);
  });

  it('checks oneOf, not, if/then/else, const and boolean schemas', () => {
    const oneOf = { oneOf: [{ type: 'integer' }, { minimum: 0 }] };
    expect(violations(oneOf, -1)).toEqual([]);
    expect(violations(oneOf, 5)).toEqual([
      '$: matches 2 (0, 1) of the 2 oneOf schemas; exactly one must match',
    ]);
    expect(violations({ not: { type: 'string' } }, 'x')).toEqual(["$: must not match the 'not' schema"]);
    const conditional = {
      if: { properties: { kind: { const: 'card' } } },
      // biome-ignore lint/suspicious/noThenProperty: 'then' is a JSON Schema keyword; this object is never awaited.
      then: { required: ['last4'] },
      else: { required: ['iban'] },
    };
    expect(violations(conditional, { kind: 'card' })).toEqual(["$: missing required property 'last4'"]);
    expect(violations(conditional, { kind: 'bank' })).toEqual(["$: missing required property 'iban'"]);
    expect(violations({ const: { a: [1] } }, { a: [1] })).toEqual([]);
    expect(violations(true, 'anything')).toEqual([]);
    expect(violations({ properties: { never: false } }, { never: 1 })).toEqual([
      '$.never: no value is allowed here (schema is false)',
    ]);
  });

  it('checks arrays: tuples, contains, uniqueness', () => {
    expect(
      violations({ prefixItems: [{ type: 'string' }, { type: 'number' }], items: false }, ['a', 1, 'extra']),
    ).toEqual(['$[2]: no value is allowed here (schema is false)']);
    expect(
      violations({ items: [{ type: 'string' }], additionalItems: { type: 'number' } }, ['a', 'b']),
    ).toEqual(['$[1]: expected number, got string "b"']);
    expect(violations({ contains: { const: 'x' } }, ['a', 'b'])).toEqual([
      "$: no item matches the 'contains' schema",
    ]);
    expect(violations({ uniqueItems: true }, [{ a: 1, b: 2 }, 3, { b: 2, a: 1 }])).toEqual([
      '$: items 0 and 2 are equal; items must be unique',
    ]);
  });

  it('checks pattern properties, property names and property counts', () => {
    const schema = {
      patternProperties: { '^x-': { type: 'string' } },
      additionalProperties: { type: 'number' },
      propertyNames: { maxLength: 5 },
      maxProperties: 2,
    };
    expect(violations(schema, { 'x-a': 's', b: 1 })).toEqual([]);
    expect(violations(schema, { 'x-a': 1, b: 's', toolong: 1 })).toEqual([
      '$["x-a"]: expected string, got number 1',
      '$.b: expected number, got string "s"',
      "$: property name 'toolong' does not match the 'propertyNames' schema",
      '$: must have at most 2 properties, got 3',
    ]);
  });

  it('follows recursive references and JSON-pointer escapes', () => {
    const tree = {
      type: 'object',
      required: ['name'],
      properties: { name: { type: 'string' }, children: { type: 'array', items: { $ref: '#' } } },
    };
    expect(violations(tree, { name: 'root', children: [{ name: 'a', children: [{ name: 'b' }] }] })).toEqual(
      [],
    );
    expect(violations(tree, { name: 'root', children: [{ children: [{ name: 2 }] }] })).toEqual([
      "$.children[0]: missing required property 'name'",
      '$.children[0].children[0].name: expected string, got number 2',
    ]);
    const escaped = { definitions: { 'a/b': { type: 'null' } }, $ref: '#/definitions/a~1b' };
    expect(violations(escaped, 1)).toEqual(['$: expected null, got number 1']);
    expect(violations({ $ref: '#/$defs/missing' }, 1)).toEqual([
      "$: schema reference '#/$defs/missing' points at nothing",
    ]);
  });

  it('stops a reference cycle that consumes no input instead of overflowing the stack', () => {
    const loop = { $defs: { a: { $ref: '#/$defs/b' }, b: { $ref: '#/$defs/a' } }, $ref: '#/$defs/a' };
    expect(violations(loop, 1)).toEqual(['$: schema references nest deeper than 64 levels']);
  });
});
