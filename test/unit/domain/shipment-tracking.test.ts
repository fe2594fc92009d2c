import { describe, expect, it } from 'vitest';
import {
  shipmentTracking,
  trackingCompanyOf,
  trackingUrlOf,
  type ShippingAgentFacts,
} from '../../../domain/shipment-tracking';

const agent = (overrides: Partial<ShippingAgentFacts> = {}): ShippingAgentFacts => ({
  code: 'DHL',
  name: 'DHL Freight',
  shopifyTrackingCompany: 'DHL Express',
  packageTrackingUrl: 'https://track.example/?id=%1',
  ...overrides,
});

describe('trackingCompanyOf (SPEC §5: Shopify tracking company, else name, else code)', () => {
  it("takes the agent's Shopify tracking company first", () => {
    expect(trackingCompanyOf(agent())).toBe('DHL Express');
  });

  it('falls back to the name when there is no Shopify tracking company', () => {
    expect(trackingCompanyOf(agent({ shopifyTrackingCompany: null }))).toBe('DHL Freight');
    expect(trackingCompanyOf(agent({ shopifyTrackingCompany: '  ' }))).toBe('DHL Freight');
  });

  it('falls back to the code when there is neither', () => {
    expect(trackingCompanyOf(agent({ shopifyTrackingCompany: null, name: null }))).toBe('DHL');
    expect(trackingCompanyOf(agent({ shopifyTrackingCompany: '', name: '' }))).toBe('DHL');
  });
});

describe('trackingUrlOf', () => {
  it('fills the number into every placeholder, URL-encoded', () => {
    expect(trackingUrlOf('https://t.example/%1?again=%1', 'AB 12/3')).toBe(
      'https://t.example/AB%2012%2F3?again=AB%2012%2F3',
    );
  });

  it('adds https:// to a template without a scheme and keeps other schemes', () => {
    expect(trackingUrlOf('track.example/%1', '42')).toBe('https://track.example/42');
    expect(trackingUrlOf('http://old.example/%1', '42')).toBe('http://old.example/42');
  });

  it('uses a template without a placeholder as it is', () => {
    expect(trackingUrlOf('https://carrier.example/track', '42')).toBe('https://carrier.example/track');
  });

  it('is null without a template or without a number', () => {
    expect(trackingUrlOf(null, '42')).toBeNull();
    expect(trackingUrlOf('https://t.example/%1', null)).toBeNull();
    expect(trackingUrlOf('https://t.example/%1', ' ')).toBeNull();
  });
});

describe('shipmentTracking', () => {
  it('sends company, number and URL when the shipment has an agent and a tracking no.', () => {
    expect(shipmentTracking(agent(), ' 00340 ')).toEqual({
      company: 'DHL Express',
      number: '00340',
      url: 'https://track.example/?id=00340',
    });
  });

  it('sends only the company when there is no tracking no. (no URL without a number)', () => {
    expect(shipmentTracking(agent(), null)).toEqual({ company: 'DHL Express' });
  });

  it('sends only the number when there is no agent', () => {
    expect(shipmentTracking(null, '1Z999')).toEqual({ number: '1Z999' });
  });

  it('leaves the URL out when the agent has no template', () => {
    expect(shipmentTracking(agent({ packageTrackingUrl: null }), '1Z999')).toEqual({
      company: 'DHL Express',
      number: '1Z999',
    });
  });

  it('is null with neither agent nor number', () => {
    expect(shipmentTracking(null, null)).toBeNull();
    expect(shipmentTracking(null, '')).toBeNull();
  });
});
