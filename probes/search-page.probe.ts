// Search as a shopper does it: type a word, press Enter, read the results.
import { agree, defineProbe, dom, measure, nonEmpty } from 'payloadwatch';

export default defineProbe({
  name: 'search-page',
  description: "typing 'lamp' into the search box shows the lamps the search API finds",
  schedule: '0 * * * * *',
  personas: ['new-user', 'returning-buyer'],
  tags: ['search', 'page'],
  steps: [
    {
      name: 'search for lamp',
      page: {
        path: '/search',
        actions: [{ fill: '#search-input', value: 'lamp' }, { press: '#search-input', key: 'Enter' }, { waitFor: '.search-result' }],
      },
      expect: {
        dom: [
          dom.count('.search-result', { min: 1 }, { name: 'results are shown' }),
          dom.text('.search-result .result-name', /lamp/i),
          dom.notContains('main', 'No results for', { name: 'no "no results" message' }),
        ],
        responses: [
          {
            url: '/api/search?q=*',
            expect: { schema: 'search.schema.json', rules: [nonEmpty('$.items', { name: 'search finds results' })] },
            measures: { searchHits: measure.count('$.items') },
          },
        ],
        rules: [agree('searchResultsShown', '==', 'searchHits', { name: 'every hit is shown' })],
      },
      measures: { searchResultsShown: measure.domCount('.search-result') },
    },
  ],
});
