import { homePage } from './home-page.ts';
import type { PageRoute } from './page.ts';
import { productPage } from './product-page.ts';
import { searchPage } from './search-page.ts';

export const PAGE_ROUTES: readonly PageRoute[] = [homePage, productPage, searchPage];
