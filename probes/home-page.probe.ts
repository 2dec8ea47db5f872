// The front page: best sellers with names and prices, and the recommendations widget.
import { defineProbe, dom, measure } from 'payloadwatch';

export default defineProbe({
  name: 'home-page',
  description: 'the home page lists products and shows recommendations',
  schedule: '0 * * * * *',
  personas: ['new-user', 'returning-buyer'],
  tags: ['catalogue', 'page'],
  steps: [
    {
      name: 'home page',
      page: { path: '/', waitUntil: 'networkidle' },
      expect: {
        latency: '3s',
        dom: [
          dom.count('.product-card', { min: 4 }, { name: 'best sellers are listed' }),
          dom.text('.product-card .product-name'),
          dom.text('.product-card .product-price', /^€\d+\.\d{2}$/),
          dom.attribute('.product-card', 'href', /^\/products\/p-\d{4}$/),
          dom.notContains('main', /NaN|undefined/, { name: 'no broken values' }),
          dom.count('.rec-card', { min: 1 }, { name: 'recommendations are shown' }),
          dom.visible('#recommendations', { name: 'recommendations are visible' }),
        ],
        responses: [{ url: '/api/recommendations', expect: { schema: 'recommendations.schema.json' } }],
      },
      measures: { productCards: measure.domCount('.product-card'), recommendationCards: measure.domCount('.rec-card') },
    },
  ],
});
