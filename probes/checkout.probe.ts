// A whole purchase: add to cart, check the cart, check out. The order must be confirmed
// and add up, and the shopper's recommendations must become personal afterwards.
import { custom, defineProbe, equals, measure, nonEmpty, range } from 'payloadwatch';

const totalIsSumOfLines = custom('total is the sum of its lines', ({ query }) => {
  const total = query('$.total')[0]?.value as number;
  const lines = query('$.items[*]').map((n) => n.value as { quantity: number; unitPrice: number });
  const sum = Math.round(lines.reduce((s, l) => s + l.quantity * l.unitPrice, 0) * 100) / 100;
  return Math.abs(sum - total) < 0.005 || `total is ${total}, lines add up to ${sum}`;
});

export default defineProbe({
  name: 'checkout',
  description: 'a new customer can buy a product end to end',
  schedule: '0 */5 * * * *',
  personas: ['new-user'],
  tags: ['checkout', 'revenue'],
  steps: [
    {
      name: 'add to cart',
      api: { method: 'POST', path: '/api/cart/items', body: { productId: 'p-1013', quantity: 2 } },
      expect: {
        status: 201,
        schema: 'cart.schema.json',
        rules: [nonEmpty('$.items'), equals('$.items[0].productId', 'p-1013'), totalIsSumOfLines],
      },
      measures: { cartTotal: measure.value('$.total') },
    },
    {
      name: 'check out',
      api: { method: 'POST', path: '/api/checkout' },
      expect: {
        status: 201,
        schema: 'order.schema.json',
        rules: [equals('$.status', 'confirmed'), range('$.total', { above: 0 }), totalIsSumOfLines],
      },
      capture: { orderId: '$.id' },
    },
    {
      name: 'order history',
      api: { path: '/api/orders' },
      expect: {
        schema: 'orders.schema.json',
        rules: [custom('the new order is listed', ({ query, variables }) => query('$.items[*].id').some((n) => n.value === variables.orderId))],
      },
    },
    {
      name: 'recommendations become personal',
      api: { path: '/api/recommendations' },
      expect: {
        schema: 'recommendations.schema.json',
        rules: [nonEmpty('$.items'), equals('$.strategy', 'personalised')],
      },
    },
  ],
});
