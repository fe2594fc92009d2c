import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { estimateQueryCost, MAX_PAGE_SIZE } from '../../shopify/cost-estimator';
import { loadAdminSchema } from '../../shopify/schema';

const schema = loadAdminSchema();
const cost = (query: string, variables: Record<string, unknown> = {}): number =>
  estimateQueryCost(schema, parse(query), variables).requestedCost;

describe('requested cost by Shopify rules', () => {
  it('prices nested connections as 2 + first × node (the documented products/variants example)', () => {
    // 2 + 10 × (product 1 + variants (2 + 5 × variant 1)) = 82
    expect(
      cost(
        `{ products(first: 10) { edges { node { title variants(first: 5) { edges { node { price } } } } } } }`,
      ),
    ).toBe(82);
  });

  it('charges objects 1 and scalars and enums nothing', () => {
    expect(cost('{ shop { name currencyCode ianaTimezone } }')).toBe(1);
    expect(cost('{ shop { name plan { shopifyPlus } } }')).toBe(2);
    expect(cost('{ shop { __typename } }')).toBe(1);
  });

  it('charges a money bag 3 (the bag and its two amounts)', () => {
    expect(
      cost(`{ order(id: "gid://shopify/Order/1") {
        totalPriceSet { shopMoney { amount } presentmentMoney { amount } } } }`),
    ).toBe(1 + 3);
  });

  it('takes page sizes from variables, then from variable defaults, else the 250 maximum', () => {
    const query = `query Q($size: Int = 4) { orders(first: $size) { nodes { id } } }`;
    expect(cost(query, { size: 100 })).toBe(2 + 100);
    expect(cost(query)).toBe(2 + 4);
    expect(cost(`query Q($size: Int) { orders(first: $size) { nodes { id } } }`)).toBe(2 + MAX_PAGE_SIZE);
    expect(cost(`{ orders(last: 7) { edges { cursor node { id } } } }`)).toBe(2 + 7);
  });

  it('counts a node once when both nodes and edges.node are selected', () => {
    expect(cost(`{ orders(first: 10) { nodes { id } edges { node { app { name } } } } }`)).toBe(2 + 10 * 2);
  });

  it('prices a plain list as one element, or first elements when first is given', () => {
    const order = (selection: string) => `{ order(id: "gid://shopify/Order/1") { ${selection} } }`;
    expect(cost(order('refunds { id totalRefundedSet { shopMoney { amount } } }'))).toBe(1 + 3);
    expect(cost(order('refunds(first: 4) { id totalRefundedSet { shopMoney { amount } } }'))).toBe(1 + 4 * 3);
  });

  it('charges an interface or union the most expensive concrete selection', () => {
    const query = `{ node(id: "gid://shopify/Order/1") {
      id
      ... on Order { app { name } customer { defaultAddress { city } } }
      ... on Product { title }
    } }`;
    expect(cost(query)).toBe(1 + 3);
  });

  it('resolves named fragments, including ones on interfaces', () => {
    const query = `
      query Q { order(id: "gid://shopify/Order/1") { ...Header } }
      fragment Header on Order { app { name } billingAddress { ...Place } }
      fragment Place on MailingAddress { city }
    `;
    expect(cost(query)).toBe(1 + 1 + 1);
  });

  it('charges every mutation field 10, whatever it selects', () => {
    expect(
      cost(
        `mutation { orderClose(input: { id: "gid://shopify/Order/1" }) { order { id customer { id } } userErrors { field } } }`,
      ),
    ).toBe(10);
    expect(
      cost(`mutation {
        a: orderClose(input: { id: "gid://shopify/Order/1" }) { userErrors { field } }
        b: orderClose(input: { id: "gid://shopify/Order/2" }) { userErrors { field } } }`),
    ).toBe(20);
  });

  it('leaves out what @skip / @include drop for the variables, else their defaults', () => {
    const query = `query Q($withPresentment: Boolean = true, $lean: Boolean) {
      order(id: "gid://shopify/Order/1") {
        totalPriceSet { shopMoney { amount } presentmentMoney @include(if: $withPresentment) { amount } }
        app @skip(if: $lean) { name }
        customer @include(if: false) { id }
      }
    }`;
    // order 1 + bag 1 + shop money 1 (+ presentment 1) (+ app 1: counted while $lean is unknown)
    expect(cost(query)).toBe(1 + 3 + 1);
    expect(cost(query, { withPresentment: false, lean: true })).toBe(1 + 2);
    expect(cost(query, { lean: false })).toBe(1 + 3 + 1);
  });

  it('names the operation it estimated and refuses an ambiguous document', () => {
    const document = parse('query A { shop { name } } query B { shop { name } }');
    expect(estimateQueryCost(schema, document, {}, 'B')).toEqual({
      operationName: 'B',
      operationType: 'query',
      requestedCost: 1,
    });
    expect(() => estimateQueryCost(schema, document)).toThrow(/2 operations \(A, B\)/);
  });
});
