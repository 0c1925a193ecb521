import { describe, expect, it } from 'vitest';

import { createLogger, maskPersonalData, setLogLevel, setLogSink } from '../../../src-main/core/log.ts';

describe('maskPersonalData', () => {
  it('masks e-mail addresses', () => {
    expect(maskPersonalData('buyer shopper.a@example.com failed')).toBe('buyer <email> failed');
  });

  it('masks phone numbers in several shapes', () => {
    expect(maskPersonalData('call +8613812345678')).toBe('call <phone>');
    expect(maskPersonalData('call 133 3333 3333')).toBe('call <phone>');
    expect(maskPersonalData('call 555-123-4567')).toBe('call <phone>');
  });

  it('keeps ISO dates and times', () => {
    expect(maskPersonalData('from 2011-12-09 12:50:00 on')).toBe('from 2011-12-09 12:50:00 on');
  });
});

describe('createLogger', () => {
  it('keeps the timestamp and masks the fields', () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    setLogLevel('info');
    createLogger('test').info('imported', { email: 'a.b@example.com' });

    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z INFO \[test\] imported /);
    expect(lines[0]).toContain('"<email>"');
  });

  it('drops lines below the level', () => {
    const lines: string[] = [];
    setLogSink((line) => lines.push(line));
    setLogLevel('warn');
    createLogger('test').info('hidden');

    expect(lines).toEqual([]);
  });
});
