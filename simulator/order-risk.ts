import type { OrderRecord, RiskAssessmentRecord } from './records';

const RANK: RiskAssessmentRecord['riskLevel'][] = ['NONE', 'PENDING', 'LOW', 'MEDIUM', 'HIGH'];

/**
 * The order's recommendation follows its highest assessment, whoever made it (Shopify shows the
 * merchant one recommendation beside every assessment).
 */
export function riskRecommendation(
  assessments: readonly RiskAssessmentRecord[],
): OrderRecord['risk']['recommendation'] {
  let highest: RiskAssessmentRecord['riskLevel'] = 'NONE';
  for (const assessment of assessments)
    if (RANK.indexOf(assessment.riskLevel) > RANK.indexOf(highest)) highest = assessment.riskLevel;
  if (highest === 'HIGH') return 'CANCEL';
  if (highest === 'MEDIUM') return 'INVESTIGATE';
  if (highest === 'NONE') return 'NONE';
  return 'ACCEPT';
}
