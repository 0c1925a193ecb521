import { describe, expect, it } from 'vitest';

import { validateRequest } from '../../../src-main/api/validators.ts';

describe('validateRequest for the knowledge operations', () => {
  it.each([
    ['knowledgeSummary', {}],
    ['listModelVersions', {}],
    ['latestChangeReport', {}],
    ['setServingVersion', { versionId: 3 }],
    ['compareVersions', { a: 2, b: 5 }],
    ['setPseudonymiseCustomers', { enabled: true }],
    ['setPseudonymiseCustomers', { enabled: false }],
  ] as const)('accepts %s %j', (operation, body) => {
    expect(validateRequest(operation, body)).toEqual({ ok: true, value: body });
  });

  it.each([
    ['knowledgeSummary', { verbose: true }, /unknown field "verbose"/],
    ['setServingVersion', {}, /"versionId" must be an integer/],
    ['setServingVersion', { versionId: '3' }, /"versionId" must be an integer/],
    ['setServingVersion', { versionId: 1.5 }, /"versionId" must be an integer/],
    ['setServingVersion', { versionId: 0 }, /"versionId" must be between 1 and/],
    ['setServingVersion', { versionId: 2, model: 'ease' }, /unknown field "model"/],
    ['compareVersions', { a: 2 }, /"b" must be an integer/],
    ['compareVersions', { a: 0, b: 5 }, /"a" must be between 1 and/],
    ['compareVersions', { a: 2, b: 5, customers: 10 }, /unknown field "customers"/],
    ['setPseudonymiseCustomers', {}, /"enabled" must be true or false/],
    ['setPseudonymiseCustomers', { enabled: 'true' }, /"enabled" must be true or false/],
    ['setPseudonymiseCustomers', { enabled: 1 }, /"enabled" must be true or false/],
  ] as const)('rejects %s %j', (operation, body, detail) => {
    const reply = validateRequest(operation, body);
    expect(reply.ok).toBe(false);
    if (!reply.ok) {
      expect(reply.error.code).toBe('request.invalid');
      expect(String(reply.error.params.detail)).toMatch(detail);
    }
  });
});
