/** Shopify global ids (gid://shopify/Order/123) from either a gid or a numeric legacy id. */
export function shopifyGid(resource: string, idOrGid: string | number): string {
  const text = String(idOrGid).trim();
  if (text.startsWith('gid://shopify/')) {
    if (!text.startsWith(`gid://shopify/${resource}/`)) {
      throw new Error(`Expected a ${resource} id, got '${text}'.`);
    }
    return text;
  }
  if (!/^\d+$/.test(text)) {
    throw new Error(`'${text}' is neither a gid://shopify/${resource}/… id nor a numeric ${resource} id.`);
  }
  return `gid://shopify/${resource}/${text}`;
}
