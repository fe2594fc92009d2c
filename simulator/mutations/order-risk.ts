import type { AppRecord } from '../app-auth';
import { riskRecommendation } from '../order-risk';
import type { RiskAssessmentRecord } from '../records';
import type { ShopStore } from '../store';
import { commitOrderChange, userError, type UserError } from './common';

export interface OrderRiskAssessmentCreateInput {
  orderId: string;
  riskLevel: RiskAssessmentRecord['riskLevel'];
  facts: { description: string; sentiment: string }[];
}

const MAX_FACTS = 20;

/**
 * orderRiskAssessmentCreate: the calling app adds an assessment to the order (each call adds one,
 * so an order gathers Shopify's and several apps'). As documented: at most 20 facts. (The schema's
 * ORDER_ALREADY_FULFILLED is not given: when Shopify gives it is not documented.)
 */
export function orderRiskAssessmentCreate(
  store: ShopStore,
  input: OrderRiskAssessmentCreateInput,
  app: AppRecord | undefined,
): { orderRiskAssessment: RiskAssessmentRecord | null; userErrors: UserError[] } {
  const refused = (field: string[], message: string, code: string) => ({
    orderRiskAssessment: null,
    userErrors: [userError(['orderRiskAssessmentInput', ...field], message, code)],
  });
  const order = store.order(input.orderId);
  if (!order) return refused(['orderId'], 'Order does not exist', 'NOT_FOUND');
  if (input.facts.length > MAX_FACTS)
    return refused(['facts'], `Too many facts: at most ${MAX_FACTS} can be provided`, 'TOO_MANY_FACTS');
  const assessment: RiskAssessmentRecord = {
    riskLevel: input.riskLevel,
    provider: app ?? null,
    facts: input.facts.map(({ description, sentiment }) => ({ description, sentiment })),
  };
  order.risk.assessments.push(assessment);
  order.risk.recommendation = riskRecommendation(order.risk.assessments);
  commitOrderChange(store, order);
  return { orderRiskAssessment: assessment, userErrors: [] };
}
