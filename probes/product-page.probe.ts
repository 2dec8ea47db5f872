// The incident as a shopper saw it: the product page "simply rendered an empty component".
// The page is judged as each persona sees it, its own call to the recommendation API is
// judged like an API step, and both are held against what the API answered a moment before.
import { agree, defineProbe, dom, equals, measure, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: 'product-page',
  description: 'the product page shows the product and, for every persona, recommendations that agree with the API',
  schedule: '0 * * * * *',
  personas: ['new-user', 'returning-buyer'],
  tags: ['recommendations', 'revenue', 'page'],
  timeout: '30s',
  steps: [
    {
      name: 'product API',
      api: { path: '/api/products/p-1001' },
      expect: { schema: 'product.schema.json', rules: [equals('$.id', 'p-1001')] },
      measures: { apiPrice: measure.value('$.price') },
      // The page is judged whatever the API said: a broken page is news of its own.
      soft: true,
    },
    {
      name: 'recommendations API',
      api: { path: '/api/recommendations' },
      expect: { schema: 'recommendations.schema.json' },
      measures: { recommendations: measure.count('$.items') },
      soft: true,
    },
    {
      name: 'product page',
      // The widget is filled in the browser: the page is judged once its fetches are over.
      page: { path: '/products/p-1001', waitUntil: 'networkidle' },
      expect: {
        dom: [
          dom.text('h1.product-name', 'Aurora Wireless Headphones'),
          dom.attribute('span.product-price', 'data-price', /^\d+(\.\d+)?$/),
          dom.visible('button#add-to-cart'),
          dom.count('.rec-card', { min: 1 }, { name: 'recommendations are shown' }),
          dom.visible('#recommendations', { name: 'recommendations are visible' }),
          dom.text('.rec-card .rec-name'),
        ],
        responses: [
          {
            url: '/api/recommendations',
            name: 'widget API',
            expect: {
              status: 200,
              schema: 'recommendations.schema.json',
              rules: [nonEmpty('$.items', { name: 'the widget gets recommendations' })],
            },
            measures: { widgetItems: measure.count('$.items') },
          },
        ],
        rules: [
          agree('recommendationCards', '==', 'widgetItems', { name: 'the widget shows every item it was sent' }),
          agree('recommendationCards', '>=', 'recommendations', { cap: 1, name: 'recommendations from the API appear on the page' }),
          agree('shownPrice', '==', 'apiPrice', { name: 'the page shows the API price' }),
        ],
      },
      measures: {
        recommendationCards: measure.domCount('.rec-card'),
        shownPrice: measure.domValue('span.product-price', { attribute: 'data-price' }),
      },
    },
  ],
});
