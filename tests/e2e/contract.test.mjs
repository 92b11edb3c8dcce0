// The example feed, and the API double's feeds, against the published
// JSON Schema (docs/portal.schema.json).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { example, agencyFeed } from './support/feeds.mjs';

const schema = JSON.parse(readFileSync('docs/portal.schema.json', 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
ajv.addSchema(schema);
const validate = (def, data) => {
  const v = ajv.getSchema(`${schema.$id}#/$defs/${def}`);
  const ok = v(data);
  return { ok, errors: ajv.errorsText(v.errors) };
};

test('demo/portal.json follows the schema', () => {
  const r = validate('Portal', example());
  assert.ok(r.ok, r.errors);
});

test("the API double's feed follows the schema", () => {
  const r = validate('Portal', agencyFeed());
  assert.ok(r.ok, r.errors);
});

test('the schema rejects what the portal rejects', () => {
  const missing = example();
  delete missing.deliverables[1].title;
  assert.ok(!validate('Portal', missing).ok);
  const badDue = example();
  badDue.approvals[0].due = 'next Tuesday';
  assert.ok(!validate('Portal', badDue).ok);
  const badVersion = example();
  badVersion.schema_version = 2;
  assert.ok(!validate('Portal', badVersion).ok);
});

test('unknown properties are allowed, as the portal ignores them', () => {
  const extra = example();
  extra.future_field = { anything: true };
  extra.deliverables[0].priority = 'high';
  assert.ok(validate('Portal', extra).ok);
});

test('write bodies and answers in docs/api.md follow the schema', () => {
  const doc = readFileSync('docs/api.md', 'utf8');
  // Every fenced block tagged `json <Def>` is an example of that definition.
  const blocks = [...doc.matchAll(/```json (\w+)\n([\s\S]*?)```/g)];
  assert.ok(blocks.length >= 6, `expected examples in docs/api.md, found ${blocks.length}`);
  for (const [, def, body] of blocks) {
    const r = validate(def, JSON.parse(body));
    assert.ok(r.ok, `${def} example: ${r.errors}`);
  }
});
