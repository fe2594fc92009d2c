/** Associated data of each sealed shop card column: a value moved to another column does not open. */
export const SHOP_SECRET_PURPOSES = {
  clientSecret: 'shop_card.client_secret',
  accessToken: 'shop_card.access_token',
  refreshToken: 'shop_card.refresh_token',
} as const;
