import type { FeatureModule } from '../lib/featureModule';
import { feature as backups } from '../features/backups';
import { feature as counting } from '../features/counting';
import { feature as counts } from '../features/counts';
import { feature as customers } from '../features/customers';
import { feature as dashboard } from '../features/dashboard';
import { feature as finance } from '../features/finance';
import { feature as products } from '../features/products';
import { feature as returns } from '../features/returns';
import { feature as purchasing } from '../features/purchasing';
import { feature as replenishment } from '../features/replenishment';
import { feature as stockHealth } from '../features/stockHealth';
import { feature as supplierPerformance } from '../features/supplierPerformance';
import { feature as returnAnalysis } from '../features/returnAnalysis';
import { feature as reports } from '../features/reports';
import { feature as sales } from '../features/sales';
import { feature as settings } from '../features/settings';
import { feature as setup } from '../features/setup';
import { feature as signIn } from '../features/signIn';
import { feature as users } from '../features/users';
import { feature as audit } from '../features/audit';
import { feature as stock } from '../features/stock';
import { feature as supplierReturns } from '../features/supplierReturns';
import { feature as sync } from '../features/sync';
import { feature as transfers } from '../features/transfers';

/**
 * Every feature folder the shell mounts. Each brings its namespace, translations and routes;
 * features never import each other, only the shell knows them all.
 */
export const features: readonly FeatureModule[] = [stock, counts, counting, products, sales, customers, returns, supplierReturns, returnAnalysis, purchasing, transfers, replenishment, supplierPerformance, stockHealth, reports, sync, settings, setup, backups, dashboard, finance, signIn, users, audit];
