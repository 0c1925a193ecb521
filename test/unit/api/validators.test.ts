import { describe, expect, it } from 'vitest';

import { OPERATION_NAMES } from '../../../src-main/api/api-surface.ts';
import { validateRequest } from '../../../src-main/api/validators.ts';

describe('validateRequest', () => {
  it.each([
    ['overview', {}],
    ['overview', null],
    ['listImports', {}],
    ['rejectedRows', { importId: 3 }],
    ['rejectedRows', { importId: 3, offset: 0, limit: 50 }],
    ['startImport', { path: '/home/shop/orders.csv' }],
    ['startTraining', {}],
    ['startTraining', { models: ['item-knn'] }],
    ['getJob', { jobId: 'a1' }],
    ['cancelJob', { jobId: 'a1' }],
    ['recommendForCustomer', { customerId: '12345', limit: 10 }],
    ['recommendForItem', { sku: '85123A' }],
    ['searchCustomers', { query: '' }],
    ['searchItems', { query: 'mug', limit: 5 }],
    ['exportFile', { format: 'customers', locale: 'zh-CN' }],
  ] as const)('accepts a valid %s request', (operation, body) => {
    const reply = validateRequest(operation, body);
    expect(reply.ok).toBe(true);
  });

  it.each([
    ['rejectedRows', { importId: 0 }, 'importId'],
    ['rejectedRows', { importId: 1.5 }, 'importId'],
    ['rejectedRows', { importId: '1' }, 'importId'],
    ['rejectedRows', { importId: 1, offset: -1 }, 'offset'],
    ['rejectedRows', { importId: 1, limit: 0 }, 'limit'],
    ['startImport', {}, 'path'],
    ['startImport', { path: '   ' }, 'path'],
    ['startImport', { path: 'a\0b' }, 'NUL'],
    ['startTraining', { models: [] }, 'models'],
    ['startTraining', { models: 'item-knn' }, 'models'],
    ['getJob', { jobId: 7 }, 'jobId'],
    ['recommendForCustomer', { customerId: 'x'.repeat(5000) }, 'longer'],
    ['searchItems', { query: null }, 'query'],
    ['exportFile', { format: 'customers', locale: 'fr' }, 'locale'],
    ['exportFile', { format: '../etc' }, 'format'],
    ['listJobs', { all: true }, 'unknown field'],
    ['overview', 'hello', 'JSON object'],
    ['overview', [1], 'JSON object'],
  ] as const)('rejects %s %j', (operation, body, mentioned) => {
    const reply = validateRequest(operation, body);
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('request.invalid');
    expect(reply.error.kind).toBe('user');
    expect(String(reply.error.params.detail)).toContain(mentioned);
  });

  it('rejects an unknown operation', () => {
    const reply = validateRequest('dropTables' as never, {});
    expect(reply.ok).toBe(false);
  });

  it('drops absent optional fields from the clean copy', () => {
    const reply = validateRequest('rejectedRows', { importId: 2 });
    expect(reply).toEqual({ ok: true, value: { importId: 2 } });
  });

  it('removes duplicate model names', () => {
    const reply = validateRequest('startTraining', { models: ['popularity', 'popularity'] });
    expect(reply).toEqual({ ok: true, value: { models: ['popularity'] } });
  });

  it('has a check for every operation', () => {
    for (const operation of OPERATION_NAMES) {
      expect(() => validateRequest(operation, {})).not.toThrow();
    }
  });
});
