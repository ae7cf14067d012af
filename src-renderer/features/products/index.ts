import type { FeatureModule } from '../../lib/featureModule';
import { resources } from './locales';
import { ProductDetailPage } from './ProductDetailPage';
import { ProductsPage } from './ProductsPage';

/** The product catalogue: a fast searchable list and one page per product. */
export const feature: FeatureModule = {
  namespace: 'products',
  resources,
  routes: [
    { path: '/products', component: ProductsPage },
    { path: '/products/:id', component: ProductDetailPage },
  ],
};
