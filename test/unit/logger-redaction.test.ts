import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { REDACTED_PATHS } from '../../platform/logger';

function logged(write: (logger: pino.Logger) => void): string {
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      output += chunk.toString('utf8');
      callback();
    },
  });
  write(pino({ redact: { paths: REDACTED_PATHS, censor: '***' } }, sink));
  return output;
}

describe('log redaction', () => {
  it('hides customer fields and secrets, at the top and one level down, and keeps ids', () => {
    const output = logged((logger) => {
      logger.info(
        {
          order: '#1001',
          email: 'ada@example.com',
          customer: { email: 'ada@example.com', firstName: 'Ada' },
          shippingAddress: { address1: 'Storgata 1', zip: '0155' },
          input: {
            phone: '+4791234567',
            note: 'ring the bell',
            lastName: 'Lovelace',
            accessToken: 'shpat_x',
          },
        },
        'order imported',
      );
    });
    for (const value of [
      'ada@example.com',
      'Ada',
      'Storgata 1',
      '0155',
      '+4791234567',
      'ring the bell',
      'Lovelace',
      'shpat_x',
    ])
      expect(output).not.toContain(value);
    expect(output).toContain('#1001');
  });
});
