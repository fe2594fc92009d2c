/**
 * Runs that reach a publish after this change write the read model there and take OrderStage and
 * OrderHasError from it, and operators' fixes answer once it is written; runs recorded before it
 * replay their publishes and answers as they were.
 */
export const ORDER_VIEW_PATCH = 'order-view-read-model';
