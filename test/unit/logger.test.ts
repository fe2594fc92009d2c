import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../platform/logger';

function capture(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('the logger', () => {
  it('writes one human line per entry through pino-pretty, secrets redacted', () => {
    const { stream, text } = capture();
    const logger = createLogger('info', { pretty: true, destination: stream });
    logger
      .child({ component: 'sync' })
      .info({ shopCode: 'WEB', accessToken: 'shpat_secret' }, 'found 3 orders');
    logger.debug('below the level');
    const lines = text().trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\[\d\d:\d\d:\d\d(\.\d+)?\] INFO: \[sync\] found 3 orders/);
    expect(lines[0]).toContain('"shopCode":"WEB"');
    expect(lines[0]).toContain('"accessToken":"***"');
    expect(lines[0]).not.toContain('shpat_secret');
    expect(lines[0]).not.toMatch(/"pid"|"hostname"/);
  });

  it('writes JSON lines for log shippers', () => {
    const { stream, text } = capture();
    createLogger('info', { pretty: false, destination: stream }).info({ orderId: 7 }, 'imported');
    expect(JSON.parse(text())).toMatchObject({ level: 30, msg: 'imported', orderId: 7 });
  });
});
