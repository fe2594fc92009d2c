import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sanitisedFailure } from '../../activities/failure-sanitising';
import { Customer } from '../../erp/entities';
import { databaseFailureOf, describeDatabaseFailure, failureField } from '../../erp/database-errors';
import { createTestErp, type TestErp } from '../helpers/test-database';

let erp: TestErp;

beforeAll(async () => {
  erp = await createTestErp(inject('testRunId'));
});

afterAll(async () => {
  await erp?.close();
});

const SECRET = 'leaky.person@example.com';

async function failureOf(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('the statement was expected to fail');
}

describe('PostgreSQL errors as they may leave the ERP', () => {
  it('classifies a value too long as deterministic, naming the table but never the value', async () => {
    const error = await failureOf(() =>
      erp.orm.em
        .fork()
        .execute('insert into customer (no, name, email) values (?, ?, ?)', ['C1', 'N'.repeat(500), SECRET]),
    );
    // The ORM's own message quotes the statement with its parameters: that is what must not leak.
    expect((error as Error).message).toContain(SECRET);
    const failure = databaseFailureOf(error)!;
    expect(failure).toMatchObject({ sqlState: '22001', deterministic: true, tables: ['customer'] });
    expect(describeDatabaseFailure(failure)).not.toContain(SECRET);
    const sanitised = sanitisedFailure(error) as Error;
    expect(JSON.stringify({ message: sanitised.message, stack: sanitised.stack })).not.toContain(SECRET);
    expect(sanitised.message).toMatch(/PostgreSQL 22001/);
  });

  it('classifies a NUL character in jsonb (22P05) as deterministic', async () => {
    const error = await failureOf(() =>
      erp.orm.em.fork().execute(`select ?::jsonb`, [JSON.stringify({ email: SECRET, note: 'a\u0000b' })]),
    );
    const failure = databaseFailureOf(error)!;
    expect(failure.sqlState).toBe('22P05');
    expect(failure.deterministic).toBe(true);
  });

  it('names table and column of a missing required value; a unique key stays transient', async () => {
    const missing = await failureOf(() =>
      erp.orm.em.fork().execute('insert into customer (no, name) values (?, null)', ['C2']),
    );
    const failure = databaseFailureOf(missing)!;
    expect(failure).toMatchObject({ sqlState: '23502', deterministic: true });
    expect(failureField(failure)).toBe('customer.name');

    const em = erp.orm.em.fork();
    em.create(Customer, { no: 'C3', name: 'First' });
    await em.flush();
    const duplicate = await failureOf(async () => {
      const again = erp.orm.em.fork();
      again.create(Customer, { no: 'C3', name: 'Second' });
      await again.flush();
    });
    expect(databaseFailureOf(duplicate)).toMatchObject({ sqlState: '23505', deterministic: false });
  });

  it('passes other errors through unchanged', () => {
    const plain = new Error('Shopify answered 503');
    expect(databaseFailureOf(plain)).toBeUndefined();
    expect(sanitisedFailure(plain)).toBe(plain);
  });
});
