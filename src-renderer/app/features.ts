import type { FeatureModule } from '../lib/featureModule';
import { feature as counting } from '../features/counting';
import { feature as counts } from '../features/counts';
import { feature as customers } from '../features/customers';
import { feature as products } from '../features/products';
import { feature as returns } from '../features/returns';
import { feature as purchasing } from '../features/purchasing';
import { feature as returnAnalysis } from '../features/returnAnalysis';
import { feature as sales } from '../features/sales';
import { feature as settings } from '../features/settings';
import { feature as setup } from '../features/setup';
import { feature as signIn } from '../features/signIn';
import { feature as users } from '../features/users';
import { feature as audit } from '../features/audit';
import { feature as stock } from '../features/stock';
import { feature as supplierReturns } from '../features/supplierReturns';
import { feature as sync } from '../features/sync';

/**
 * Every feature folder the shell mounts. Each brings its namespace, translations and routes;
 * features never import each other, only the shell knows them all.
 */
export const features: readonly FeatureModule[] = [stock, counts, counting, products, sales, customers, returns, supplierReturns, returnAnalysis, purchasing, sync, settings, setup, signIn, users, audit];
