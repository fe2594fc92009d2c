import { Decimal } from './money';
import { documentProgress, type DocumentLineFacts } from './order-closing';

export interface DocumentStandingInput {
  documentType: 'order' | 'invoice' | 'credit_memo';
  /** The header's own status: open or released. */
  status: string;
  archived: boolean;
  lines: readonly DocumentLineFacts[];
}

/**
 * Where a document really stands, for the operator: the header keeps "released" once released,
 * so a document shipped, invoiced and archived would otherwise still read "released". What was
 * done to it (shipped, invoiced) wins over the status it was done from; archived says it is done.
 */
export function documentStanding(input: DocumentStandingInput): string {
  if (input.documentType === 'credit_memo')
    return input.archived ? `archived (${input.status})` : input.status;
  const lines = input.lines.filter((line) => line.type !== 'comment');
  const progress = documentProgress({ documentType: input.documentType, documentNo: '', lines });
  const any = (field: 'quantityShipped' | 'quantityInvoiced') =>
    lines.some((line) => new Decimal(line[field]).gt(0));
  const shipping = input.documentType === 'order' && lines.some((line) => line.type === 'item');
  let done = input.status;
  if (any('quantityInvoiced')) done = progress.fullyInvoiced ? 'invoiced' : 'partly invoiced';
  else if (shipping && any('quantityShipped')) done = progress.fullyShipped ? 'shipped' : 'partly shipped';
  return input.archived ? `archived (${done})` : done;
}
