export * from './store-buckets';
