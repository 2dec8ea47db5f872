// The button that makes money: a fresh shopper adds the product from its page.
// Only new users: each run's account is new, so the cart never fills up over time.
import { defineProbe, dom } from 'payloadwatch';

export default defineProbe({
  name: 'add-to-cart',
  description: 'a shopper can add a product to the cart from the product page',
  schedule: '0 */5 * * * *',
  personas: ['new-user'],
  tags: ['checkout', 'revenue', 'page'],
  steps: [
    {
      name: 'add from the product page',
      page: { path: '/products/p-1013', actions: [{ click: '#add-to-cart' }, { waitFor: '#cart-status' }] },
      expect: {
        dom: [dom.text('#cart-status', 'Added to cart')],
        responses: [{ url: '/api/cart/items', method: 'POST', expect: { status: 201, schema: 'cart.schema.json' } }],
      },
    },
  ],
});
