/**
 * The floor benchmark's only activity: stands in for import and document, does no work, and tells
 * the benchmark each time it ran (the finish line is every order's step having run once).
 */
export interface FloorActivities {
  importOrderWithDocument(shopifyOrderId: string): Promise<{ orderName: string }>;
}

export function createFloorActivities(onStep: (shopifyOrderId: string) => void): FloorActivities {
  return {
    async importOrderWithDocument(shopifyOrderId) {
      onStep(shopifyOrderId);
      return { orderName: `#${shopifyOrderId.split('/').pop()}` };
    },
  };
}
