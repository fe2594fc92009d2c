import { describe, expect, it } from 'vitest';
import { cutToLength, fitSnapshotText, storableText } from '../../../domain/snapshot-text-fitting';
import { address, line, snapshot } from './order-snapshot-fixture';

describe('Shopify text as the ERP can hold it', () => {
  it('drops NUL characters and replaces lone surrogates anywhere in the snapshot, listing each field', () => {
    const fitted = fitSnapshotText(
      snapshot({
        note: 'a\u0000b',
        billingAddress: address({ address1: 'Storgata\u0000 1' }),
        customAttributes: [{ key: 'gift', value: 'x\uD800y' }],
      }),
    );
    expect(fitted.note).toBe('ab');
    expect(fitted.billingAddress?.address1).toBe('Storgata 1');
    expect(fitted.customAttributes[0]!.value).toBe('x\uFFFDy');
    expect(fitted.textAdjustments).toEqual([
      { field: 'note', change: 'unstorable-characters-removed' },
      { field: 'customAttributes[0].value', change: 'unstorable-characters-removed' },
      { field: 'billingAddress.address1', change: 'unstorable-characters-removed' },
    ]);
  });

  it('cuts text longer than its ERP field, by characters, and lists the field with its size', () => {
    const fitted = fitSnapshotText(
      snapshot({
        lines: [line(1, { title: '😀'.repeat(300) })],
        shippingAddress: address({ address1: 'A'.repeat(3000) }),
      }),
    );
    expect(Array.from(fitted.lines[0]!.title)).toHaveLength(255);
    expect(fitted.shippingAddress?.address1).toHaveLength(100);
    expect(fitted.textAdjustments).toEqual(
      expect.arrayContaining([
        { field: 'lines[0].title', change: 'truncated', limit: 255 },
        { field: 'shippingAddress.address1', change: 'truncated', limit: 100 },
      ]),
    );
  });

  it('leaves a clean snapshot as it is, and fits a fitted one the same way again', () => {
    const clean = snapshot();
    expect(fitSnapshotText(clean)).toEqual(clean);
    const once = fitSnapshotText(snapshot({ note: '\u0000' }));
    expect(fitSnapshotText(once)).toEqual({ ...once, textAdjustments: undefined });
    expect(JSON.stringify(fitSnapshotText(snapshot({ note: '\u0000' })))).toBe(JSON.stringify(once));
  });

  it('never splits a character in two', () => {
    expect(cutToLength('ab😀c', 3)).toBe('ab😀');
    expect(storableText('\uDC00ok')).toBe('\uFFFDok');
  });
});
