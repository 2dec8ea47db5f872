// Search must find what the catalogue has, and only matching products.
import { custom, defineProbe, equals, every, fresh, measure, nonEmpty, range, unique } from 'payloadwatch';

export default defineProbe({
  name: 'search',
  description: "searching for 'lamp' finds the lamp, and every hit matches",
  schedule: '0 * * * * *',
  personas: ['new-user', 'returning-buyer'],
  tags: ['search'],
  steps: [
    {
      name: 'search lamp',
      api: { path: '/api/search', query: { q: 'lamp' } },
      expect: {
        schema: 'search.schema.json',
        latency: '1s',
        rules: [
          equals('$.query', 'lamp'),
          nonEmpty('$.items', { name: 'search finds results' }),
          every(
            '$.items[*]',
            (item) => {
              const { name, category } = item as { name?: string; category?: string };
              return `${name} ${category}`.toLowerCase().includes('lamp') || `hit ${JSON.stringify(name)} does not match 'lamp'`;
            },
            { name: 'every hit matches the query' },
          ),
          unique('$.items', { by: 'id' }),
          range('$.items[*].price', { above: 0 }, { name: 'prices are positive' }),
          fresh('$.items[*].updatedAt', '24h', { name: 'catalogue data is fresh' }),
          custom('total counts every hit', ({ query }) => {
            const total = query('$.total')[0]?.value;
            const shown = query('$.items[*]').length;
            return typeof total === 'number' && total >= shown ? true : `total is ${total}, but ${shown} items are listed`;
          }),
        ],
      },
      measures: { searchResults: measure.count('$.items') },
    },
  ],
});
