import { describe, expect, it } from 'vitest';

import { formatCountParams, formatMessage } from '../../../src-main/api/messages/index.ts';

describe('formatMessage counts', () => {
  const noEmail = { format: 'email-klaviyo', customers: 1300 };

  it('groups the customer count in English', () => {
    expect(formatMessage('en', 'error.export.noEmailCustomers', noEmail)).toContain('none of the 1,300 customers');
  });

  it('groups the customer count in Chinese', () => {
    expect(formatMessage('zh-CN', 'error.export.noEmailCustomers', noEmail)).toContain('但 1,300 位客户');
  });

  it('keeps line numbers as plain digits', () => {
    const params = { file: 'orders.csv', rows: 12345, line: 10234, reason: 'rejected.zeroQuantity' };

    const text = formatMessage('en', 'error.file.noUsableRows', params);

    expect(text).toContain('None of the 12,345 rows');
    expect(text).toContain('line 10234');
  });

  it('leaves text and fractional values alone', () => {
    const params = { customers: '1300', needed: 2.5, version: 12000 };

    expect(formatCountParams('en', params)).toEqual(params);
  });
});
