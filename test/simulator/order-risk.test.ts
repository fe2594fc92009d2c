import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSimulator } from '../../simulator';
import { createOrder, gqlData, seedCatalog, startTestSimulator } from './helpers';

const ASSESS = /* GraphQL */ `
  mutation Assess($input: OrderRiskAssessmentCreateInput!) {
    orderRiskAssessmentCreate(orderRiskAssessmentInput: $input) {
      orderRiskAssessment {
        riskLevel
        provider {
          title
        }
        facts {
          description
          sentiment
        }
      }
      userErrors {
        field
        message
        code
      }
    }
  }
`;

const RISK = /* GraphQL */ `
  query Risk($id: ID!) {
    order(id: $id) {
      risk {
        recommendation
        assessments {
          riskLevel
          provider {
            title
          }
          facts {
            description
            sentiment
          }
        }
      }
    }
  }
`;

describe('orderRiskAssessmentCreate', () => {
  let simulator: RunningSimulator;
  let catalog: ReturnType<typeof seedCatalog>;
  beforeAll(async () => {
    simulator = await startTestSimulator({ app: { title: 'Fraud Guard' } });
    catalog = seedCatalog(simulator);
  });
  afterAll(() => simulator.stop());

  it("adds one assessment per call, beside Shopify's own, and the recommendation follows the highest", async () => {
    const id = await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    simulator.store.setOrderRisk(id, 'LOW');
    const low = await gqlData(simulator, ASSESS, {
      input: {
        orderId: id,
        riskLevel: 'LOW',
        facts: [{ description: 'Known buyer', sentiment: 'POSITIVE' }],
      },
    });
    expect(low.orderRiskAssessmentCreate).toEqual({
      orderRiskAssessment: {
        riskLevel: 'LOW',
        provider: { title: 'Fraud Guard' },
        facts: [{ description: 'Known buyer', sentiment: 'POSITIVE' }],
      },
      userErrors: [],
    });
    await gqlData(simulator, ASSESS, {
      input: {
        orderId: id,
        riskLevel: 'HIGH',
        facts: [
          { description: 'Card declined twice', sentiment: 'NEGATIVE' },
          { description: 'Billing and shipping countries differ', sentiment: 'NEUTRAL' },
        ],
      },
    });
    // Shopify's analysis running again replaces its own assessment only.
    simulator.store.setOrderRisk(id, 'MEDIUM');
    const { risk } = (await gqlData(simulator, RISK, { id })).order;
    expect(risk.recommendation).toBe('CANCEL');
    expect(risk.assessments).toEqual([
      { riskLevel: 'MEDIUM', provider: null, facts: [] },
      {
        riskLevel: 'LOW',
        provider: { title: 'Fraud Guard' },
        facts: [{ description: 'Known buyer', sentiment: 'POSITIVE' }],
      },
      {
        riskLevel: 'HIGH',
        provider: { title: 'Fraud Guard' },
        facts: [
          { description: 'Card declined twice', sentiment: 'NEGATIVE' },
          { description: 'Billing and shipping countries differ', sentiment: 'NEUTRAL' },
        ],
      },
    ]);
  });

  it('refuses an unknown order and more than 20 facts', async () => {
    const missing = await gqlData(simulator, ASSESS, {
      input: { orderId: 'gid://shopify/Order/404404', riskLevel: 'LOW', facts: [] },
    });
    expect(missing.orderRiskAssessmentCreate.userErrors).toEqual([
      { field: ['orderRiskAssessmentInput', 'orderId'], message: 'Order does not exist', code: 'NOT_FOUND' },
    ]);
    const id = await createOrder(simulator, { lineItems: [{ variantId: catalog.mug, quantity: 1 }] });
    const many = await gqlData(simulator, ASSESS, {
      input: {
        orderId: id,
        riskLevel: 'LOW',
        facts: Array.from({ length: 21 }, (_unused, index) => ({
          description: `fact ${index}`,
          sentiment: 'NEUTRAL',
        })),
      },
    });
    expect(many.orderRiskAssessmentCreate.orderRiskAssessment).toBeNull();
    expect(many.orderRiskAssessmentCreate.userErrors[0].code).toBe('TOO_MANY_FACTS');
    expect((await gqlData(simulator, RISK, { id })).order.risk.assessments).toEqual([]);
  });
});
