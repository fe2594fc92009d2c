import type { ProductRecord, VariantRecord } from '../records';
import type { ShopStore } from '../store';
import { checkArrayLimit, userError, type UserError } from './common';

/** productCreate (2026-10's `product:` argument): a product with its standalone default variant. */
export function productCreate(
  store: ShopStore,
  input: {
    title?: string | null;
    vendor?: string | null;
    productType?: string | null;
    handle?: string | null;
    tags?: string[] | null;
    giftCard?: boolean | null;
    status?: ProductRecord['status'] | null;
  } | null,
) {
  if (!input?.title)
    return { product: null, shop: store.shop, userErrors: [userError(['title'], "Title can't be blank")] };
  const product = store.addProduct({
    title: input.title,
    vendor: input.vendor ?? undefined,
    productType: input.productType ?? undefined,
    handle: input.handle ?? undefined,
    tags: input.tags ?? [],
    isGiftCard: input.giftCard ?? false,
    status: input.status ?? 'ACTIVE',
    variants: [{ price: '0.00' }],
  });
  return { product, shop: store.shop, userErrors: [] };
}

interface BulkVariantInput {
  price?: string | null;
  compareAtPrice?: string | null;
  barcode?: string | null;
  taxable?: boolean | null;
  inventoryItem?: { sku?: string | null; requiresShipping?: boolean | null } | null;
  optionValues?: { name?: string | null; optionName?: string | null }[] | null;
}

/** productVariantsBulkCreate: adds variants; REMOVE_STANDALONE_VARIANT drops the default one. */
export function productVariantsBulkCreate(
  store: ShopStore,
  args: { productId: string; variants: BulkVariantInput[]; strategy?: string | null },
) {
  checkArrayLimit('variants', args.variants);
  const product = store.nodeOfType<ProductRecord>(args.productId, 'Product');
  const errors: UserError[] = [];
  if (!product)
    return {
      product: null,
      productVariants: null,
      userErrors: [userError(['productId'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')],
    };
  args.variants.forEach((variant, index) => {
    if (variant.price !== undefined && variant.price !== null && Number(variant.price) < 0) {
      errors.push(
        userError(
          ['variants', String(index), 'price'],
          'Price must be greater than or equal to 0',
          'GREATER_THAN_OR_EQUAL_TO',
        ),
      );
    }
  });
  if (errors.length > 0) return { product, productVariants: null, userErrors: errors };
  if (args.strategy === 'REMOVE_STANDALONE_VARIANT') {
    const standalone = product.sim.variantIds
      .map((id) => store.node<VariantRecord>(id))
      .find((variant) => variant?.title === 'Default Title');
    if (standalone) {
      product.sim.variantIds = product.sim.variantIds.filter((id) => id !== standalone.id);
      const position = store.variants.indexOf(standalone);
      if (position >= 0) store.variants.splice(position, 1);
    }
  }
  const created = args.variants.map((variant) =>
    store.addVariant(product.id, {
      title:
        variant.optionValues
          ?.map((value) => value.name)
          .filter(Boolean)
          .join(' / ') || undefined,
      price: variant.price ?? '0.00',
      compareAtPrice: variant.compareAtPrice ?? null,
      sku: variant.inventoryItem?.sku ?? null,
      barcode: variant.barcode ?? null,
      taxable: variant.taxable ?? true,
      requiresShipping: variant.inventoryItem?.requiresShipping ?? undefined,
    }),
  );
  return { product, productVariants: created, userErrors: [] };
}
