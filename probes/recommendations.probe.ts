// The incident's probe: recommendations must never be empty, for any persona.
import { count, defineProbe, fresh, measure, nonEmpty, notNull, range, sorted, unique } from 'payloadwatch';

export default defineProbe({
  name: 'recommendations',
  description: 'every persona gets a non-empty, well-formed list of recommendations',
  schedule: '*/30 * * * * *',
  personas: ['new-user', 'returning-buyer'],
  tags: ['recommendations', 'revenue'],
  // The canary gate fails a release as soon as one canary run breaks these rules: with ten
  // runs a side, no test of rates can tell 3 empty answers in 10 from chance.
  critical: true,
  steps: [
    {
      name: 'get recommendations',
      api: { method: 'GET', path: '/api/recommendations' },
      expect: {
        status: 200,
        schema: 'recommendations.schema.json',
        latency: '1s',
        rules: [
          nonEmpty('$.items', { name: 'recommendations are never empty' }),
          count('$.items', { max: 20 }),
          unique('$.items', { by: 'id' }, { name: 'no duplicate products' }),
          notNull('$.items[*].id'),
          range('$.items[*].price', { above: 0 }, { name: 'prices are positive' }),
          sorted('$.items', { by: 'score', order: 'desc' }, { name: 'best recommendation first' }),
          fresh('$.generatedAt', '1h'),
          fresh('$.items[*].updatedAt', '24h', { name: 'catalogue data is fresh' }),
        ],
      },
      measures: { recommendations: measure.count('$.items') },
    },
  ],
});
