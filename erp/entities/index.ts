import { HealthCheck } from './health-check';
import { ShopCard } from './shop-card';
import { GlAccount } from './gl-account';
import { Location } from './location';
import { ShipmentMethod } from './shipment-method';
import { TaxArea } from './tax-area';
import { Customer } from './customer';
import { CustomerTemplate } from './customer-template';
import { ShopCustomerTemplate } from './shop-customer-template';
import { ShopifyCustomerLink } from './shopify-customer-link';
import { Item } from './item';
import { ItemVariant } from './item-variant';
import { ShopifyVariantLink } from './shopify-variant-link';
import { Currency } from './currency';
import { CurrencyExchangeRate } from './currency-exchange-rate';
import { ErpSetup } from './erp-setup';
import { NumberSeries } from './number-series';
import { ShipmentMethodMapping } from './shipment-method-mapping';
import { LocationMapping } from './location-mapping';
import { ImportedOrder } from './imported-order';
import { ImportedOrderLine } from './imported-order-line';
import { ImportedShippingLine } from './imported-shipping-line';
import { ImportedTransaction } from './imported-transaction';
import { ImportedFulfillmentOrder } from './imported-fulfillment-order';
import { ImportedFulfillment } from './imported-fulfillment';
import { OrderToImport } from './order-to-import';
import { SalesHeader } from './sales-header';
import { SalesLine } from './sales-line';
import { ShippingAgent } from './shipping-agent';
import { PostedShipmentHeader } from './posted-shipment-header';
import { PostedShipmentLine } from './posted-shipment-line';
import { ShipmentSync } from './shipment-sync';
import { ShipmentFulfillmentRequest } from './shipment-fulfillment-request';
import { PostedSalesInvoice } from './posted-sales-invoice';
import { PostedSalesInvoiceLine } from './posted-sales-invoice-line';
import { SalesDocumentArchive } from './sales-document-archive';
import { ImportedRefund } from './imported-refund';
import { ImportedRefundLine } from './imported-refund-line';
import { ImportedRefundShippingLine } from './imported-refund-shipping-line';
import { ImportedOrderAdjustment } from './imported-order-adjustment';
import { ImportedReturn } from './imported-return';
import { ImportedReturnLine } from './imported-return-line';
import { IssuedGiftCard } from './issued-gift-card';
import { ConfigVersion } from './config-version';
import { WebhookDelivery } from './webhook-delivery';
import { PrivacyRequest } from './privacy-request';
import { ShopifyStoreBucket } from './shopify-store-bucket';
import { OperatorUser } from './operator-user';
import { OperatorSession } from './operator-session';
import { OrderView } from './order-view';

/** Every entity of the ERP store, registered by reference (no folder globs: works in vitest, tsx and bundles). */
export const ERP_ENTITIES = [
  HealthCheck,
  ShopCard,
  GlAccount,
  Location,
  ShipmentMethod,
  TaxArea,
  Customer,
  CustomerTemplate,
  ShopCustomerTemplate,
  ShopifyCustomerLink,
  Item,
  ItemVariant,
  ShopifyVariantLink,
  Currency,
  CurrencyExchangeRate,
  ErpSetup,
  NumberSeries,
  ShipmentMethodMapping,
  LocationMapping,
  ImportedOrder,
  ImportedOrderLine,
  ImportedShippingLine,
  ImportedTransaction,
  ImportedFulfillmentOrder,
  ImportedFulfillment,
  OrderToImport,
  SalesHeader,
  SalesLine,
  ShippingAgent,
  PostedShipmentHeader,
  PostedShipmentLine,
  ShipmentSync,
  ShipmentFulfillmentRequest,
  PostedSalesInvoice,
  PostedSalesInvoiceLine,
  SalesDocumentArchive,
  ImportedRefund,
  ImportedRefundLine,
  ImportedRefundShippingLine,
  ImportedOrderAdjustment,
  ImportedReturn,
  ImportedReturnLine,
  IssuedGiftCard,
  ConfigVersion,
  WebhookDelivery,
  PrivacyRequest,
  ShopifyStoreBucket,
  OperatorUser,
  OperatorSession,
  OrderView,
];

export {
  HealthCheck,
  ShopCard,
  GlAccount,
  Location,
  ShipmentMethod,
  TaxArea,
  Customer,
  CustomerTemplate,
  ShopCustomerTemplate,
  ShopifyCustomerLink,
  Item,
  ItemVariant,
  ShopifyVariantLink,
  Currency,
  CurrencyExchangeRate,
  ErpSetup,
  NumberSeries,
  ShipmentMethodMapping,
  LocationMapping,
  ImportedOrder,
  ImportedOrderLine,
  ImportedShippingLine,
  ImportedTransaction,
  ImportedFulfillmentOrder,
  ImportedFulfillment,
  OrderToImport,
  SalesHeader,
  SalesLine,
  ShippingAgent,
  PostedShipmentHeader,
  PostedShipmentLine,
  ShipmentSync,
  ShipmentFulfillmentRequest,
  PostedSalesInvoice,
  PostedSalesInvoiceLine,
  SalesDocumentArchive,
  ImportedRefund,
  ImportedRefundLine,
  ImportedRefundShippingLine,
  ImportedOrderAdjustment,
  ImportedReturn,
  ImportedReturnLine,
  IssuedGiftCard,
  ConfigVersion,
  WebhookDelivery,
  PrivacyRequest,
  ShopifyStoreBucket,
  OperatorUser,
  OperatorSession,
  OrderView,
};
