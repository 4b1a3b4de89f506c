import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { bearer, createStaffUser, createTestApp, registerUser, type TestApp } from './support/test-app.js';

/**
 * Malformed input to every JSON route of the OpenAPI document, as every role: wrong types,
 * missing and unknown fields, huge strings, deep nesting, NUL and invalid UTF-8, bad ids.
 * Whatever the route, the answer is a 4xx (or a success), never a 5xx. New routes are
 * covered as soon as they appear in the document.
 */

type Schema = { type?: string; properties?: Record<string, Schema>; items?: Schema; $ref?: string; allOf?: Schema[]; enum?: unknown[] };
type Operation = { parameters?: Array<{ name: string; in: string }>; requestBody?: { content?: Record<string, { schema?: Schema }> } };

// Routes whose success would end the signed-in session the fuzzer relies on.
const SKIP = new Set(['post /api/v1/auth/logout', 'post /api/v1/auth/password']);

function resolve(schema: Schema | undefined, doc: { components?: { schemas?: Record<string, Schema> } }): Schema | undefined {
  if (!schema) return undefined;
  if (schema.$ref) return resolve(doc.components?.schemas?.[schema.$ref.split('/').pop()!], doc);
  if (schema.allOf?.length) return resolve(schema.allOf[0], doc);
  return schema;
}

function wrongValue(schema: Schema | undefined): unknown {
  switch (schema?.type) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return 'not-a-number';
    case 'boolean':
      return 'yes please';
    case 'array':
      return 'not-an-array';
    default:
      return [[['nested']]];
  }
}

function deep(levels: number): unknown {
  let value: unknown = 'bottom';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

function bodiesFor(schema: Schema | undefined): Array<{ label: string; body: unknown; raw?: Buffer }> {
  const props = Object.entries(schema?.properties ?? {});
  const cases: Array<{ label: string; body: unknown; raw?: Buffer }> = [
    { label: 'empty object', body: {} },
    { label: 'array', body: [1, 2, 3] },
    { label: 'unknown field', body: { __proto__x: 1, constructor: { prototype: { admin: true } } } },
    { label: 'deep nesting', body: { nested: deep(300) } },
    { label: 'invalid utf-8', body: undefined, raw: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]) },
    { label: 'malformed json', body: undefined, raw: Buffer.from('{"title": {"id": ') },
  ];
  if (props.length) {
    cases.push({ label: 'all wrong types', body: Object.fromEntries(props.map(([k, s]) => [k, wrongValue(s)])) });
    cases.push({ label: 'huge strings', body: Object.fromEntries(props.map(([k]) => [k, 'x'.repeat(200_000)])) });
    cases.push({ label: 'NUL bytes', body: Object.fromEntries(props.map(([k]) => [k, 'a\u0000b'])) });
    cases.push({ label: 'nested objects everywhere', body: Object.fromEntries(props.map(([k]) => [k, { id: { $gt: '' }, en: ['x'] }])) });
    cases.push({ label: 'injection strings', body: Object.fromEntries(props.map(([k]) => [k, `' OR 1=1; DROP TABLE users; -- "); price > 0 OR id EXISTS`])) });
  }
  return cases;
}

const PATH_VALUES = ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '..%2F..%2Fetc%2Fpasswd', "1' OR '1'='1"];

describe('input fuzzing of every JSON route', () => {
  let t: TestApp;
  let tokens: Array<{ role: string; token?: string }>;
  let doc: { paths: Record<string, Record<string, Operation>>; components?: { schemas?: Record<string, Schema> } };

  beforeAll(async () => {
    t = await createTestApp({ worker: false });
    const [buyer, artisan, curator, coop, admin] = await Promise.all([
      registerUser(t, 'buyer'),
      registerUser(t, 'artisan'),
      createStaffUser(t, 'curator', { regency: 'gianyar' }),
      createStaffUser(t, 'coop_admin'),
      createStaffUser(t, 'admin'),
    ]);
    tokens = [
      { role: 'anonymous' },
      { role: 'buyer', token: buyer.token },
      { role: 'artisan', token: artisan.token },
      { role: 'curator', token: curator.token },
      { role: 'coop_admin', token: coop.token },
      { role: 'admin', token: admin.token },
    ];
    doc = (await t.http().get('/api/docs-json')).body;
  });
  afterAll(() => t.close());

  it('never answers 5xx', async () => {
    const failures: string[] = [];
    let requests = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      if (!path.startsWith('/api/v1/')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        if (SKIP.has(`${method} ${path}`)) continue;
        const schema = resolve(operation.requestBody?.content?.['application/json']?.schema, doc);
        const paths = path.includes('{') ? PATH_VALUES.map((v) => path.replace(/\{[^}]+\}/g, v)) : [path];
        const queryNames = (operation.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name);
        const bodies = ['post', 'put', 'patch'].includes(method) ? bodiesFor(schema) : [{ label: 'query fuzz', body: undefined }];
        for (const { role, token } of tokens) {
          for (const url of paths) {
            for (const { label, body, raw } of bodies) {
              const query = Object.fromEntries(queryNames.map((n) => [n, label === 'query fuzz' ? `"' OR 1=1 --\\ AND price > 0` : '-1']));
              let req = (t.http() as unknown as Record<string, (u: string) => import('supertest').Test>)[method]!(url).query(query);
              if (token) req = req.set(bearer(token));
              if (raw) req = req.set('Content-Type', 'application/json').send(raw);
              else if (body !== undefined) req = req.send(body as object);
              const response = await req;
              requests++;
              if (response.status >= 500) failures.push(`${role} ${method.toUpperCase()} ${url} [${label}] → ${response.status} ${response.text.slice(0, 200)}`);
            }
          }
        }
      }
    }
    expect(requests).toBeGreaterThan(100);
    expect(failures).toEqual([]);
  }, 600_000);
});
