import { describe, expect, it } from 'vitest';
import { cleanCell } from '../../../src-main/core/ingest/clean-cell.ts';
import { parseNumber, usesDecimalComma } from '../../../src-main/core/ingest/parse-number.ts';
import { DateParser, detectDayFirst } from '../../../src-main/core/ingest/parse-date.ts';
import { fingerprintLine, hash53 } from '../../../src-main/core/ingest/fingerprint.ts';
import { isDamagedId, normaliseCustomerId } from '../../../src-main/core/ingest/formats/row-result.ts';

// Reference values from Python: calendar.timegm((2025, 3, 4, 18, 22, 10, 0, 0, 0)).
const MARCH_4_18_22_10 = 1741112530;
const MARCH_4_MIDNIGHT = 1741046400;

describe('cleanCell', () => {
  it.each([
    ['\t250301000000000001', '250301000000000001'],
    ['="00123"', '00123'],
    ["'75008", '75008'],
    ['\t="007"', '007'],
    ['  padded\u3000', 'padded'],
    ['-', null],
    ['--', null],
    ['——', null],
    ['N/A', null],
    ['null', null],
    ['', null],
    ['   ', null],
    ['-5', '-5'],
  ])('cleans %j to %j', (input, expected) => {
    expect(cleanCell(input)).toBe(expected);
  });
});

describe('parseNumber', () => {
  it.each([
    ['12.50', false, 12.5],
    ['-3', false, -3],
    ['$1,299.00', false, 1299],
    ['US$ 15', false, 15],
    ['￥59.90', false, 59.9],
    ['12.5元', false, 12.5],
    ['RMB 8', false, 8],
    ['£3.20', false, 3.2],
    ['12,5', true, 12.5],
    ['1.234,56', true, 1234.56],
    ['€ 2.000', true, 2000],
    ['+5', false, 5],
    ['-.5', false, -0.5],
    ['7.', false, 7],
    ['12', true, 12],
    ['1.234', true, 1234],
  ])('reads %j (decimal comma %s) as %d', (input, decimalComma, expected) => {
    expect(parseNumber(input, decimalComma)).toBe(expected);
  });

  it('returns NaN for text', () => {
    expect(parseNumber('abc')).toBeNaN();
    expect(parseNumber('0x10')).toBeNaN();
    expect(parseNumber('1.2.3')).toBeNaN();
    expect(parseNumber('-')).toBeNaN();
    expect(parseNumber('.')).toBeNaN();
  });

  it('detects a decimal comma column from its values', () => {
    expect(usesDecimalComma(['12,50', '1.234,56', '3'])).toBe(true);
    expect(usesDecimalComma(['12.50', '1,234.56'])).toBe(false);
    expect(usesDecimalComma(['1,234', '7'])).toBe(false);
  });
});

describe('DateParser', () => {
  const monthFirst = new DateParser(false);

  it.each([
    ['2025-03-04 18:22:10'],
    ['2025-03-04T18:22:10'],
    ['2025-03-04T18:22:10Z'],
    ['2025-03-04 18:22:10 UTC'],
    ['2025-03-05 02:22:10 +0800'],
    ['2025-03-05T02:22:10+08:00'],
    ['2025-03-04 13:22:10 -0500'],
    ['2025/03/04 18:22:10'],
    ['2025年3月4日 18:22:10'],
    ['3/4/2025 18:22:10'],
    ['3/4/2025 6:22:10 PM'],
    ['1741112530'],
    ['1741112530000'],
  ])('reads %j', (text) => {
    expect(monthFirst.parse(text)).toBe(MARCH_4_18_22_10);
  });

  it('reads dates without a time as midnight', () => {
    expect(monthFirst.parse('2025-03-04')).toBe(MARCH_4_MIDNIGHT);
    expect(monthFirst.parse('2025年3月4日')).toBe(MARCH_4_MIDNIGHT);
  });

  it('reads UCI spreadsheet dates without seconds', () => {
    // calendar.timegm((2010, 12, 1, 8, 26, 0, 0, 0, 0))
    expect(monthFirst.parse('12/1/2010 8:26')).toBe(1291191960);
  });

  it('reads day-first dates when told so', () => {
    expect(new DateParser(true).parse('4/3/2025 18:22:10')).toBe(MARCH_4_18_22_10);
  });

  it('rejects impossible dates', () => {
    expect(monthFirst.parse('2025-02-30')).toBeNaN();
    expect(monthFirst.parse('13/4/2025')).toBeNaN();
    expect(monthFirst.parse('yesterday')).toBeNaN();
    expect(monthFirst.parse('2025-03-04 25:00')).toBeNaN();
  });

  it('decides day-first from the values', () => {
    expect(detectDayFirst(['02/04/2025', '13/04/2025'])).toBe(true);
    expect(detectDayFirst(['12/1/2010 8:26', '12/13/2010 9:00'])).toBe(false);
    expect(detectDayFirst(['2025-03-04'])).toBe(false);
  });
});

describe('isDamagedId', () => {
  it.each([
    ['6.91793E+17', true],
    ['6.91793e+17', true],
    ['1E5', true],
    ['536365', false],
    ['85123A', false],
    ['E12', false],
    ['17850.0', false],
  ])('tells %j as %s', (value, damaged) => {
    expect(isDamagedId(value)).toBe(damaged);
  });
});

describe('normaliseCustomerId', () => {
  it('drops a float suffix in every order of calls', () => {
    const inputs = ['17850.0', '17850.0', '12345', '17850.0', 'A1.0', '1.00', '1.00', '0.5'];
    expect(inputs.map(normaliseCustomerId)).toEqual(['17850', '17850', '12345', '17850', 'A1.0', '1', '1', '0.5']);
  });
});

describe('fingerprintLine', () => {
  const line = {
    orderRef: '536365', sku: '85123A', quantity: 6, unitPrice: 2.55,
    orderedAt: 1291191960, customerRef: '17850', isReturn: false,
  };

  it('is a safe integer, equal for equal lines', () => {
    const value = fingerprintLine('online-retail', line);
    expect(Number.isSafeInteger(value)).toBe(true);
    expect(fingerprintLine('online-retail', { ...line })).toBe(value);
  });

  it('changes with every identifying field', () => {
    const base = fingerprintLine('online-retail', line);
    const variants = [
      { ...line, orderRef: '536366' },
      { ...line, sku: '85123B' },
      { ...line, quantity: 7 },
      { ...line, unitPrice: null },
      { ...line, orderedAt: line.orderedAt + 60 },
      { ...line, customerRef: null },
      { ...line, isReturn: true },
    ];
    for (const variant of variants) expect(fingerprintLine('online-retail', variant)).not.toBe(base);
    expect(fingerprintLine('generic', line)).not.toBe(base);
  });

  it('keeps the values stored by earlier versions', () => {
    // Values from the version before lines of one order shared the hash of their order reference.
    expect(fingerprintLine('online-retail', line)).toBe(899512793557654);
    expect(fingerprintLine('online-retail', { ...line, sku: '71053', unitPrice: 3.39 })).toBe(2684246113907461);
    expect(fingerprintLine('generic', line)).toBe(4516536773950518);
  });

  it('does not depend on the line hashed before', () => {
    const alone = fingerprintLine('generic', { ...line, orderRef: '1' });
    fingerprintLine('online-retail', { ...line, orderRef: '1' });
    expect(fingerprintLine('generic', { ...line, orderRef: '1' })).toBe(alone);
    fingerprintLine('generic', { ...line, orderRef: '2' });
    expect(fingerprintLine('generic', { ...line, orderRef: '1' })).toBe(alone);
  });

  it('spreads 200,000 distinct keys without collisions', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 200_000; i++) seen.add(hash53(`order-${i}`));
    expect(seen.size).toBe(200_000);
  });
});
