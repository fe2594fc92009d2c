import type { EntityManager } from '@mikro-orm/postgresql';
import { parseFieldValue } from '../../../domain/master-data/field-values';
import {
  bulkMappingMethods,
  decideVariantMapping,
  type ItemCandidate,
  type KeyCandidates,
  type VariantKeyMethod,
} from '../../../domain/master-data/variant-mapping';
import type { ItemMappingMode } from '../../../domain/shop-settings';
import { inTransaction, type ErpContext } from '../shared/context';
import { MasterDataError } from './master-data-error';
import { masterDataKind } from './master-data-kinds';

export interface ShopifyVariantToMap {
  id: string;
  title: string;
  productTitle: string;
  sku: string | null;
  barcode: string | null;
  /** Decimal string in the shop currency. */
  price: string;
  isGiftCard: boolean;
}

export interface UnmappedVariant {
  variantId: string;
  product: string;
  variant: string;
  sku: string | null;
  barcode: string | null;
  reason: string;
}

export interface VariantMappingReport {
  variants: number;
  mapped: number;
  linkedAlready: number;
  createdItems: number;
  unmapped: UnmappedVariant[];
}

export interface VariantMappingRequest {
  store: string;
  mode: ItemMappingMode;
  variants: readonly ShopifyVariantToMap[];
  /** Creates an item for each variant no item matches, from this item's settings. */
  templateItemNo?: string;
}

const CANDIDATES_SQL: Record<VariantKeyMethod, string> = {
  sku: `select k.key,
          coalesce((select json_agg(json_build_object('itemNo', v.item_no, 'variantCode', v.code) order by v.item_no, v.code)
                      from item_variant v join item i on i.no = v.item_no and not i.blocked
                     where v.sku = k.key), '[]') as variants,
          coalesce((select json_agg(json_build_object('itemNo', i.no, 'variantCode', null) order by i.no)
                      from item i where i.no = k.key and not i.blocked), '[]') as items
          from json_array_elements_text(?::json) as k(key)`,
  barcode: `select k.key,
          coalesce((select json_agg(json_build_object('itemNo', v.item_no, 'variantCode', v.code) order by v.item_no, v.code)
                      from item_variant v join item i on i.no = v.item_no and not i.blocked
                     where v.barcode = k.key), '[]') as variants,
          coalesce((select json_agg(json_build_object('itemNo', i.no, 'variantCode', null) order by i.no)
                      from item i where i.barcode = k.key and not i.blocked), '[]') as items
          from json_array_elements_text(?::json) as k(key)`,
};

interface CandidateRow extends KeyCandidates {
  key: string;
}

async function candidatesByKey(
  em: EntityManager,
  method: VariantKeyMethod,
  keys: readonly string[],
): Promise<Map<string, KeyCandidates>> {
  if (keys.length === 0) return new Map();
  const rows = await em.execute<CandidateRow[]>(CANDIDATES_SQL[method], [JSON.stringify([...new Set(keys)])]);
  return new Map(rows.map((row) => [row.key, { variants: row.variants, items: row.items }]));
}

async function linkedVariantIds(
  em: EntityManager,
  store: string,
  ids: readonly string[],
): Promise<Set<string>> {
  const rows = await em.execute<{ id: string }[]>(
    `select shopify_variant_id as id from shopify_variant_link
      where store = ? and shopify_variant_id in (select json_array_elements_text(?::json))`,
    [store, JSON.stringify(ids)],
  );
  return new Set(rows.map((row) => row.id));
}

function describeVariant(variant: ShopifyVariantToMap, reason: string): UnmappedVariant {
  return {
    variantId: variant.id,
    product: variant.productTitle,
    variant: variant.title,
    sku: variant.sku,
    barcode: variant.barcode,
    reason,
  };
}

const ITEM = masterDataKind('item');
const fieldOf = (name: string) => ITEM.fields.find((field) => field.name === name)!;

/** The new item's number (SKU, else barcode) and description, or why the variant cannot have one. */
function newItemFor(variant: ShopifyVariantToMap): { no: string; description: string } | string {
  const no = parseFieldValue(fieldOf('no'), variant.sku ?? variant.barcode ?? '');
  if (!no.ok || typeof no.value !== 'string')
    return `cannot number a new item after it (${no.ok ? '' : no.reason})`;
  const title =
    variant.title === 'Default Title' ? variant.productTitle : `${variant.productTitle} - ${variant.title}`;
  return { no: no.value, description: title.slice(0, 100) };
}

async function createItems(
  em: EntityManager,
  templateItemNo: string,
  missing: readonly ShopifyVariantToMap[],
  mapped: Map<string, ItemCandidate>,
  unmapped: UnmappedVariant[],
): Promise<number> {
  const [template] = await em.execute<{ blocked: boolean }[]>('select blocked from item where no = ?', [
    templateItemNo,
  ]);
  if (!template)
    throw new MasterDataError(`Item template ${templateItemNo} does not exist: give an existing item`);
  const created = new Set<string>();
  for (const variant of missing) {
    const item = newItemFor(variant);
    if (typeof item === 'string') {
      unmapped.push(describeVariant(variant, `no matching item, and ${item}`));
      continue;
    }
    const barcode = variant.barcode ? parseFieldValue(fieldOf('barcode'), variant.barcode) : null;
    if (!created.has(item.no)) {
      await em.execute(
        `insert into item (no, description, barcode, unit_price, blocked) values (?, ?, ?, ?, ?)`,
        [item.no, item.description, barcode?.ok ? barcode.value : null, variant.price, template.blocked],
      );
      created.add(item.no);
    }
    mapped.set(variant.id, { itemNo: item.no, variantCode: null });
  }
  return created.size;
}

/**
 * Links each Shopify variant of a store to the ERP item its SKU or barcode names, as the shop card's
 * item mapping says; variants linked before keep their link. Every variant left unmapped is
 * returned with the reason (nothing matches, two items match, a gift card).
 */
export async function mapShopifyVariants(
  context: ErpContext,
  request: VariantMappingRequest,
): Promise<VariantMappingReport> {
  const methods = bulkMappingMethods(request.mode);
  return inTransaction(context, async (em) => {
    const linked = await linkedVariantIds(
      em,
      request.store,
      request.variants.map((variant) => variant.id),
    );
    const open = request.variants.filter((variant) => !linked.has(variant.id) && !variant.isGiftCard);
    const candidates = new Map<VariantKeyMethod, Map<string, KeyCandidates>>();
    for (const method of methods) {
      const keys = open
        .map((variant) => variant[method]?.trim())
        .filter((key): key is string => Boolean(key));
      candidates.set(method, await candidatesByKey(em, method, keys));
    }
    const none: KeyCandidates = { variants: [], items: [] };
    const mapped = new Map<string, ItemCandidate>();
    const missing: ShopifyVariantToMap[] = [];
    const unmapped: UnmappedVariant[] = request.variants
      .filter((variant) => !linked.has(variant.id) && variant.isGiftCard)
      .map((variant) => describeVariant(variant, 'gift card: sold to a G/L account, no item'));
    for (const variant of open) {
      const decision = decideVariantMapping(
        variant,
        methods,
        (method, key) => candidates.get(method)?.get(key) ?? none,
      );
      if (decision.kind === 'mapped') mapped.set(variant.id, decision.item);
      else if (decision.kind === 'missing' && request.templateItemNo) missing.push(variant);
      else unmapped.push(describeVariant(variant, decision.reason));
    }
    const createdItems = request.templateItemNo
      ? await createItems(em, request.templateItemNo, missing, mapped, unmapped)
      : 0;
    if (mapped.size > 0)
      await em.execute(
        `insert into shopify_variant_link (store, shopify_variant_id, item_no, variant_code)
         select ?, l.id, l.item_no, l.variant_code
           from json_to_recordset(?::json) as l(id text, item_no text, variant_code text)
         on conflict (store, shopify_variant_id) do nothing`,
        [
          request.store,
          JSON.stringify(
            [...mapped].map(([id, item]) => ({ id, item_no: item.itemNo, variant_code: item.variantCode })),
          ),
        ],
      );
    return {
      variants: request.variants.length,
      mapped: mapped.size,
      linkedAlready: linked.size,
      createdItems,
      unmapped,
    };
  });
}
