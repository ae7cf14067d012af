import {
  IconAdjustmentsHorizontal,
  IconArrowsExchange,
  IconArrowBackUp,
  IconBuildingWarehouse,
  IconChartBar,
  IconChartLine,
  IconChartPie,
  IconCalculator,
  IconLayoutDashboard,
  IconClipboardCheck,
  IconCloudUpload,
  IconFileText,
  IconHeartbeat,
  IconPackages,
  IconSettings,
  IconShoppingCart,
  IconShoppingCartPlus,
  IconStack2,
  IconTruckDelivery,
  IconTruckLoading,
  IconTruckReturn,
  IconUsers,
  IconUserShield,
  IconHistory,
  type Icon,
} from '@tabler/icons-react';

/** One entry in the navbar. `labelKey` is in the common namespace (`nav.*`). */
export interface NavItem {
  key: string;
  labelKey: string;
  href: string;
  /** Drawn at the size each navbar form needs (the full list, the icon rail). */
  icon: Icon;
  /** Not built yet: the route shows an honest "coming soon" page. */
  soon?: boolean;
  /** Alt+<digit> jumps here. */
  hotkey?: string;
  /** Whether the current path belongs to this entry. */
  isActive: (path: string) => boolean;
  children?: NavItem[];
}

const exact = (route: string) => (path: string) => path === route;
const prefix = (route: string) => (path: string) => path === route || path.startsWith(`${route}/`);

/** The sections of the app, in the order clerks use them most. */
export const navigation: NavItem[] = [
  { key: 'dashboard', labelKey: 'nav.dashboard', href: '/dashboard', icon: IconLayoutDashboard, isActive: prefix('/dashboard') },
  {
    key: 'stock',
    labelKey: 'nav.stock',
    href: '/stock',
    icon: IconBuildingWarehouse,
    isActive: prefix('/stock'),
    children: [
      { key: 'stockOnHand', labelKey: 'nav.stockOnHand', href: '/stock', icon: IconStack2, hotkey: '1', isActive: exact('/stock') },
      { key: 'stockReceive', labelKey: 'nav.stockReceive', href: '/stock/receive', icon: IconTruckLoading, hotkey: '2', isActive: prefix('/stock/receive') },
      { key: 'stockAdjust', labelKey: 'nav.stockAdjust', href: '/stock/adjust', icon: IconAdjustmentsHorizontal, hotkey: '3', isActive: prefix('/stock/adjust') },
      { key: 'stockDocuments', labelKey: 'nav.stockDocuments', href: '/stock/documents', icon: IconFileText, hotkey: '4', isActive: prefix('/stock/documents') },
    ],
  },
  { key: 'products', labelKey: 'nav.products', href: '/products', icon: IconPackages, hotkey: '5', isActive: prefix('/products') },
  { key: 'counts', labelKey: 'nav.counts', href: '/counts', icon: IconClipboardCheck, hotkey: '6', isActive: prefix('/counts') },
  { key: 'sales', labelKey: 'nav.sales', href: '/sales', icon: IconShoppingCart, hotkey: '7', isActive: prefix('/sales') },
  { key: 'customers', labelKey: 'nav.customers', href: '/customers', icon: IconUsers, hotkey: '8', isActive: prefix('/customers') },
  {
    key: 'returns',
    labelKey: 'nav.returns',
    href: '/returns',
    icon: IconArrowBackUp,
    isActive: prefix('/returns'),
    children: [
      { key: 'customerReturns', labelKey: 'nav.customerReturns', href: '/returns', icon: IconArrowBackUp, hotkey: '9', isActive: (p) => prefix('/returns')(p) && !prefix('/returns/supplier')(p) && !prefix('/returns/analysis')(p) },
      { key: 'supplierReturns', labelKey: 'nav.supplierReturns', href: '/returns/supplier', icon: IconTruckReturn, isActive: prefix('/returns/supplier') },
      { key: 'returnAnalysis', labelKey: 'nav.returnAnalysis', href: '/returns/analysis', icon: IconChartPie, isActive: prefix('/returns/analysis') },
    ],
  },
  {
    key: 'purchasing',
    labelKey: 'nav.purchasing',
    href: '/purchasing',
    icon: IconTruckDelivery,
    isActive: (p) => ['/purchasing', '/replenishment', '/supplier-performance', '/stock-health'].some((r) => prefix(r)(p)),
    children: [
      { key: 'purchaseOrders', labelKey: 'nav.purchaseOrders', href: '/purchasing', icon: IconTruckDelivery, isActive: prefix('/purchasing') },
      { key: 'replenishment', labelKey: 'nav.replenishment', href: '/replenishment', icon: IconShoppingCartPlus, isActive: prefix('/replenishment') },
      { key: 'supplierPerformance', labelKey: 'nav.supplierPerformance', href: '/supplier-performance', icon: IconChartLine, isActive: prefix('/supplier-performance') },
      { key: 'stockHealth', labelKey: 'nav.stockHealth', href: '/stock-health', icon: IconHeartbeat, isActive: prefix('/stock-health') },
    ],
  },
  { key: 'transfers', labelKey: 'nav.transfers', href: '/transfers', icon: IconArrowsExchange, isActive: prefix('/transfers') },
  { key: 'finance', labelKey: 'nav.finance', href: '/finance', icon: IconCalculator, isActive: prefix('/finance') },
  { key: 'reports', labelKey: 'nav.reports', href: '/reports', icon: IconChartBar, isActive: prefix('/reports') },
  { key: 'sync', labelKey: 'nav.sync', href: '/sync', icon: IconCloudUpload, isActive: prefix('/sync') },
  { key: 'settings', labelKey: 'nav.settings', href: '/settings', icon: IconSettings, hotkey: '0', isActive: prefix('/settings') },
  { key: 'users', labelKey: 'nav.users', href: '/users', icon: IconUserShield, isActive: prefix('/users') },
  { key: 'audit', labelKey: 'nav.audit', href: '/audit', icon: IconHistory, isActive: prefix('/audit') },
];

/** Where '/' leads: the first screen a clerk needs. */
export const homePath = '/stock';
