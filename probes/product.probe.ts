// The catalogue lists products, and each one's detail page agrees with the list.
import { defineProbe, equals, fresh, measure, nonEmpty, notNull, pattern, range, unique } from 'payloadwatch';

export default defineProbe({
  name: 'product',
  description: 'the product list is sound and a product detail matches its list entry',
  schedule: '0 * * * * *',
  personas: ['new-user', 'returning-buyer'],
  tags: ['catalogue'],
  steps: [
    {
      name: 'list products',
      api: { path: '/api/products', query: { limit: 12 } },
      expect: {
        schema: 'products.schema.json',
        rules: [
          nonEmpty('$.items', { name: 'the catalogue is not empty' }),
          unique('$.items', { by: 'id' }, { name: 'no duplicate products' }),
          notNull('$.items[*].id'),
          range('$.items[*].price', { above: 0 }, { name: 'prices are positive' }),
          fresh('$.items[*].updatedAt', '24h', { name: 'catalogue data is fresh' }),
        ],
      },
      capture: { productId: '$.items[0].id', listedPrice: '$.items[0].price' },
      measures: { products: measure.count('$.items') },
    },
    {
      name: 'product detail',
      api: { path: '/api/products/{{productId}}' },
      expect: {
        schema: 'product.schema.json',
        latency: '1s',
        rules: [
          equals('$.id', '{{productId}}', { name: 'detail is the product asked for' }),
          equals('$.price', '{{listedPrice}}', { name: 'detail price matches the list' }),
          pattern('$.currency', /^[A-Z]{3}$/),
          range('$.price', { above: 0 }, { name: 'price is positive' }),
        ],
      },
    },
  ],
});
