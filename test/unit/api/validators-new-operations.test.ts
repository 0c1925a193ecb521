import { describe, expect, it } from 'vitest';

import { validateRequest } from '../../../src-main/api/validators.ts';
import { parseCsvRecords } from '../../../src-main/service/export-preview.ts';

describe('validateRequest for mapping, export settings and traffic', () => {
  it.each([
    ['importWithMapping', { source: 'u1', mapping: { orderId: 'Beleg', sku: 'Artikel', orderedAt: 'Datum' } }],
    ['previewImport', { source: '/home/shop/odd.csv' }],
    ['exportFile', { format: 'customers', encoding: 'gbk' }],
    ['previewExport', { format: 'email-klaviyo', baseUrl: 'https://shop.example/p/{sku}', limit: 5 }],
    ['trafficMetrics', { bucket: 'week', from: '2024-01-01' }],
    ['outcomes', {}],
  ] as const)('accepts %s %j', (operation, body) => {
    expect(validateRequest(operation, body)).toEqual({ ok: true, value: body });
  });

  it.each([
    ['importWithMapping', { source: 'u1', mapping: {} }, /at least one/],
    ['importWithMapping', { source: 'u1', mapping: { colour: 'Farbe' } }, /unknown field "colour"/],
    ['importWithMapping', { source: 'u1', mapping: { sku: 7 } }, /"sku" must be a string/],
    ['exportFile', { format: 'customers', encoding: 'latin1' }, /"encoding" must be one of/],
    ['trafficMetrics', { bucket: 'week', from: '1 May' }, /YYYY-MM-DD/],
  ] as const)('rejects %s %j', (operation, body, detail) => {
    const reply = validateRequest(operation, body);
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(String(reply.error.params.detail)).toMatch(detail);
  });
});

describe('parseCsvRecords', () => {
  it('splits a PrestaShop file on semicolons and keeps commas inside cells', () => {
    const text = '\uFEFFProduct ID;Accessories\r\n12;"34,56"\r\n';
    expect(parseCsvRecords(text, 10, ';')).toEqual([['Product ID', 'Accessories'], ['12', '34,56']]);
  });
});
