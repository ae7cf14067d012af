/**
 * Static data behind the demo catalogue: a Guangzhou FMCG distributor's categories, brands,
 * suppliers, customers and product lines. Pure data; `catalogue.ts` turns it into products with
 * units, barcodes and prices. Brands are real, well-known Chinese FMCG brands; product lines and
 * sizes are plausible, barcodes are synthetic (see catalogue.ts), company and shop names invented.
 */

/** [Chinese, English] */
export type Text = readonly [zh: string, en: string];
/** A size or specification; a plain string when it reads the same in both languages ('550ml'). */
export type Spec = string | Text;

export type BaseUnitKey =
  | 'bottle'
  | 'can'
  | 'carton'
  | 'box'
  | 'bag'
  | 'cup'
  | 'tub'
  | 'jug'
  | 'bowl'
  | 'pack'
  | 'packet'
  | 'strip'
  | 'roll'
  | 'bar'
  | 'tube';

export const BASE_UNITS: Record<BaseUnitKey, Text> = {
  bottle: ['瓶', 'bottle'],
  can: ['罐', 'can'],
  carton: ['盒', 'carton'],
  box: ['盒', 'box'],
  bag: ['袋', 'bag'],
  cup: ['杯', 'cup'],
  tub: ['桶', 'tub'],
  jug: ['桶', 'jug'],
  bowl: ['碗', 'bowl'],
  pack: ['提', 'pack'],
  packet: ['包', 'packet'],
  strip: ['条', 'strip'],
  roll: ['卷', 'roll'],
  bar: ['块', 'bar'],
  tube: ['支', 'tube'],
};

/** Inner packs: 'PK6' is a 提 of 6 base units, 'BX20' a 盒 of 20. The case is always 箱 'CSnn'. */
export const INNER_UNITS: Record<'PK' | 'BX', Text> = { PK: ['提', 'pack'], BX: ['盒', 'box'] };
export const CASE_UNIT: Text = ['箱', 'case'];

export interface CategoryDef {
  code: string;
  nameZh: string;
  nameEn: string;
  /** Typical purchase cost as a share of the list price. */
  costRatio: number;
  /** Whether products in this category carry lots (code + expiry) by default. */
  lotTracked: boolean;
}

export const CATEGORIES: readonly CategoryDef[] = [
  { code: 'DRINK-WATER', nameZh: '饮用水', nameEn: 'Drinking water', costRatio: 0.55, lotTracked: true },
  { code: 'DRINK-TEA', nameZh: '茶饮料', nameEn: 'Tea drinks', costRatio: 0.68, lotTracked: true },
  { code: 'DRINK-JUICE', nameZh: '果汁饮料', nameEn: 'Juice drinks', costRatio: 0.68, lotTracked: true },
  { code: 'DRINK-PROTEIN', nameZh: '含乳及植物蛋白饮料', nameEn: 'Milk and plant-protein drinks', costRatio: 0.7, lotTracked: true },
  { code: 'DRINK-SODA', nameZh: '碳酸饮料', nameEn: 'Carbonated drinks', costRatio: 0.66, lotTracked: true },
  { code: 'DRINK-ENERGY', nameZh: '功能饮料', nameEn: 'Energy and sports drinks', costRatio: 0.7, lotTracked: true },
  { code: 'DAIRY-UHT', nameZh: '常温奶', nameEn: 'Ambient milk', costRatio: 0.82, lotTracked: true },
  { code: 'DAIRY-FRESH', nameZh: '低温鲜奶', nameEn: 'Fresh milk', costRatio: 0.78, lotTracked: true },
  { code: 'DAIRY-YOGURT', nameZh: '酸奶', nameEn: 'Yogurt', costRatio: 0.78, lotTracked: true },
  { code: 'SNACK-BISCUIT', nameZh: '饼干糕点', nameEn: 'Biscuits and cakes', costRatio: 0.72, lotTracked: true },
  { code: 'SNACK-PUFF', nameZh: '膨化食品', nameEn: 'Crisps and puffed snacks', costRatio: 0.72, lotTracked: true },
  { code: 'SNACK-SPICY', nameZh: '辣条卤味', nameEn: 'Spicy and savoury snacks', costRatio: 0.7, lotTracked: true },
  { code: 'SNACK-NUT', nameZh: '坚果炒货', nameEn: 'Nuts and seeds', costRatio: 0.72, lotTracked: true },
  { code: 'SNACK-CANDY', nameZh: '糖果', nameEn: 'Sweets', costRatio: 0.72, lotTracked: true },
  { code: 'NOODLE', nameZh: '方便面', nameEn: 'Instant noodles', costRatio: 0.82, lotTracked: true },
  { code: 'INSTANT', nameZh: '方便速食', nameEn: 'Convenience foods', costRatio: 0.78, lotTracked: true },
  { code: 'COND-SOY', nameZh: '酱油', nameEn: 'Soy sauce', costRatio: 0.75, lotTracked: true },
  { code: 'COND-VINEGAR', nameZh: '食醋', nameEn: 'Vinegar', costRatio: 0.75, lotTracked: true },
  { code: 'COND-SAUCE', nameZh: '酱料', nameEn: 'Sauces and pastes', costRatio: 0.75, lotTracked: true },
  { code: 'COND-SEASON', nameZh: '调味料', nameEn: 'Seasonings', costRatio: 0.78, lotTracked: true },
  { code: 'OIL', nameZh: '食用油', nameEn: 'Cooking oil', costRatio: 0.9, lotTracked: true },
  { code: 'HH-LAUNDRY', nameZh: '洗衣用品', nameEn: 'Laundry', costRatio: 0.7, lotTracked: false },
  { code: 'HH-PAPER', nameZh: '纸品', nameEn: 'Tissue and paper', costRatio: 0.74, lotTracked: false },
  { code: 'HH-PERSONAL', nameZh: '个人护理', nameEn: 'Personal care', costRatio: 0.68, lotTracked: false },
  { code: 'HH-CLEAN', nameZh: '家居清洁', nameEn: 'Household cleaning', costRatio: 0.7, lotTracked: false },
  { code: 'ALC-BEER', nameZh: '啤酒', nameEn: 'Beer', costRatio: 0.72, lotTracked: true },
  { code: 'ALC-SPIRIT', nameZh: '白酒及预调酒', nameEn: 'Spirits and ready-to-drink', costRatio: 0.7, lotTracked: false },
];

/**
 * Brands in a fixed order: the position gives each brand its synthetic GS1 company number, so
 * append new brands at the end to keep existing barcodes stable.
 */
export const BRANDS: readonly Text[] = [
  ['农夫山泉', 'Nongfu Spring'],
  ['怡宝', "C'estbon"],
  ['景田', 'Ganten'],
  ['娃哈哈', 'Wahaha'],
  ['康师傅', 'Master Kong'],
  ['统一', 'Uni-President'],
  ['维他', 'Vita'],
  ['王老吉', 'Wong Lo Kat'],
  ['加多宝', 'JDB'],
  ['元气森林', 'Genki Forest'],
  ['汇源', 'Huiyuan'],
  ['美汁源', 'Minute Maid'],
  ['六个核桃', 'Six Walnuts'],
  ['露露', 'Lolo'],
  ['银鹭', 'Yinlu'],
  ['椰树', 'Coconut Palm'],
  ['可口可乐', 'Coca-Cola'],
  ['雪碧', 'Sprite'],
  ['百事', 'Pepsi'],
  ['健力宝', 'Jianlibao'],
  ['亚洲', 'Asia'],
  ['东鹏特饮', 'Eastroc Super Drink'],
  ['红牛', 'Red Bull'],
  ['脉动', 'Mizone'],
  ['伊利', 'Yili'],
  ['蒙牛', 'Mengniu'],
  ['光明', 'Bright Dairy'],
  ['君乐宝', 'Junlebao'],
  ['风行', 'Fengxing'],
  ['燕塘', 'Yantang'],
  ['旺旺', 'Want Want'],
  ['达利园', 'Daliyuan'],
  ['好吃点', 'Haochidian'],
  ['好丽友', 'Orion'],
  ['奥利奥', 'Oreo'],
  ['盼盼', 'Panpan'],
  ['徐福记', 'Hsu Fu Chi'],
  ['嘉士利', 'Jiashili'],
  ['乐事', "Lay's"],
  ['上好佳', 'Oishi'],
  ['卫龙', 'Weilong'],
  ['有友', 'Youyou'],
  ['劲仔', 'Jinzai'],
  ['盐津铺子', 'Yanjin Puzi'],
  ['洽洽', 'ChaCheer'],
  ['三只松鼠', 'Three Squirrels'],
  ['甘源', 'Ganyuan'],
  ['大白兔', 'White Rabbit'],
  ['金丝猴', 'Golden Monkey'],
  ['今麦郎', 'Jinmailang'],
  ['白象', 'Baixiang'],
  ['双汇', 'Shuanghui'],
  ['好欢螺', 'Haohuanluo'],
  ['自嗨锅', 'Zihaiguo'],
  ['梅林', 'Maling'],
  ['海天', 'Haday'],
  ['李锦记', 'Lee Kum Kee'],
  ['厨邦', 'Chubang'],
  ['致美斋', 'Zhimeizhai'],
  ['千禾', 'Qianhe'],
  ['恒顺', 'Hengshun'],
  ['东湖', 'Donghu'],
  ['老干妈', 'Lao Gan Ma'],
  ['太太乐', 'Totole'],
  ['莲花', 'Lotus'],
  ['中盐', 'China Salt'],
  ['王致和', 'Wangzhihe'],
  ['太古', 'Taikoo'],
  ['金龙鱼', 'Arawana'],
  ['鲁花', 'Luhua'],
  ['福临门', 'Fortune'],
  ['蓝月亮', 'Blue Moon'],
  ['立白', 'Liby'],
  ['超能', 'Chaoneng'],
  ['雕牌', 'Diaopai'],
  ['白猫', 'White Cat'],
  ['妙洁', 'Miaojie'],
  ['心相印', 'Hearttex'],
  ['维达', 'Vinda'],
  ['清风', 'Breeze'],
  ['洁柔', 'C&S'],
  ['六神', 'Liushen'],
  ['拉芳', 'Lovefun'],
  ['蜂花', 'Bee & Flower'],
  ['云南白药', 'Yunnan Baiyao'],
  ['滋源', 'Seeyoung'],
  ['青岛啤酒', 'Tsingtao'],
  ['雪花', 'Snow'],
  ['珠江啤酒', 'Pearl River'],
  ['燕京', 'Yanjing'],
  ['哈尔滨', 'Harbin'],
  ['牛栏山', 'Niulanshan'],
  ['红星', 'Red Star'],
  ['江小白', 'Jiangxiaobai'],
  ['劲牌', 'Jing Brand'],
  ['RIO', 'RIO'],
];

export interface SupplierDef {
  code: string;
  name: string;
  leadTimeDays: number;
  /** Brands this supplier distributes; every brand has exactly one supplier. */
  brands: readonly string[];
}

export const SUPPLIERS: readonly SupplierDef[] = [
  { code: 'S01', name: '广州穗泉饮品贸易有限公司', leadTimeDays: 2, brands: ['农夫山泉', '怡宝', '景田', '元气森林'] },
  { code: 'S02', name: '广州康顺食品贸易有限公司', leadTimeDays: 3, brands: ['康师傅', '统一', '今麦郎', '白象'] },
  {
    code: 'S03',
    name: '广州诚达饮品配送有限公司',
    leadTimeDays: 2,
    brands: ['可口可乐', '雪碧', '美汁源', '百事', '健力宝', '亚洲', '王老吉', '加多宝', '维他', '东鹏特饮', '红牛', '脉动'],
  },
  { code: 'S04', name: '广州乳源乳业商贸有限公司', leadTimeDays: 2, brands: ['伊利', '蒙牛', '光明', '君乐宝', '风行', '燕塘'] },
  { code: 'S05', name: '广州旺佳食品有限公司', leadTimeDays: 4, brands: ['旺旺', '娃哈哈', '银鹭', '六个核桃', '露露', '椰树', '汇源'] },
  {
    code: 'S06',
    name: '广州好味休闲食品贸易有限公司',
    leadTimeDays: 5,
    brands: [
      '达利园', '好吃点', '好丽友', '奥利奥', '盼盼', '徐福记', '嘉士利', '乐事', '上好佳',
      '卫龙', '有友', '劲仔', '盐津铺子', '洽洽', '三只松鼠', '甘源', '大白兔', '金丝猴',
    ],
  },
  {
    code: 'S07',
    name: '广州鼎味调味品贸易有限公司',
    leadTimeDays: 4,
    brands: ['海天', '李锦记', '厨邦', '致美斋', '千禾', '恒顺', '东湖', '老干妈', '太太乐', '莲花', '中盐', '王致和', '太古'],
  },
  { code: 'S08', name: '广州金粮粮油食品有限公司', leadTimeDays: 5, brands: ['金龙鱼', '鲁花', '福临门', '双汇', '梅林', '好欢螺', '自嗨锅'] },
  {
    code: 'S09',
    name: '广州洁美日化用品有限公司',
    leadTimeDays: 6,
    brands: ['蓝月亮', '立白', '超能', '雕牌', '白猫', '妙洁', '六神', '拉芳', '蜂花', '云南白药', '滋源'],
  },
  { code: 'S10', name: '东莞市纸源纸业贸易有限公司', leadTimeDays: 7, brands: ['心相印', '维达', '清风', '洁柔'] },
  {
    code: 'S11',
    name: '广州粤酒汇酒水贸易有限公司',
    leadTimeDays: 3,
    brands: ['青岛啤酒', '雪花', '珠江啤酒', '燕京', '哈尔滨', '牛栏山', '红星', '江小白', '劲牌', 'RIO'],
  },
];

/** [spec, base unit, packing ('CS24', 'PK6/CS24', 'BX20/CS240'), list price per base unit in fen] */
export type PackRow = readonly [spec: Spec, unit: BaseUnitKey, packing: string, priceFen: number];

/**
 * One product line of the base catalogue: every variant × every pack is one product. The line
 * name may hold '{v}' where the variant goes ('{v}面' + 红烧牛肉 → 红烧牛肉面); otherwise the
 * variant follows the line name. The first variant and first pack is the line's flagship.
 */
export interface LineDef {
  cat: string;
  brand: string;
  name: Text;
  shelf: number | null;
  packs: readonly PackRow[];
  variants?: readonly Text[];
  tax?: number;
  lot?: boolean;
}

function line(
  cat: string,
  brand: string,
  name: Text,
  shelf: number | null,
  packs: readonly PackRow[],
  opts: { variants?: readonly Text[]; tax?: number; lot?: boolean } = {},
): LineDef {
  return { cat, brand, name, shelf, packs, ...opts };
}

/** 9 % VAT: edible vegetable oil, salt, plain (pasteurised / UHT) milk. Everything else 13 %. */
const LOW_VAT = 900;

export const BASE_LINES: readonly LineDef[] = [
  // 饮用水
  line('DRINK-WATER', '农夫山泉', ['饮用天然水', 'Natural Drinking Water'], 365, [
    ['550ml', 'bottle', 'CS24', 150],
    ['380ml', 'bottle', 'CS24', 110],
    ['1.5L', 'bottle', 'CS12', 300],
    ['4L', 'jug', 'CS6', 650],
  ]),
  line('DRINK-WATER', '怡宝', ['纯净水', 'Purified Water'], 365, [
    ['555ml', 'bottle', 'CS24', 140],
    ['1.555L', 'bottle', 'CS12', 290],
    ['4.5L', 'jug', 'CS4', 700],
  ]),
  line('DRINK-WATER', '景田', ['百岁山饮用天然矿泉水', 'Baisuishan Natural Mineral Water'], 365, [
    ['570ml', 'bottle', 'CS24', 220],
    ['348ml', 'bottle', 'CS24', 170],
  ]),
  line('DRINK-WATER', '景田', ['纯净水', 'Purified Water'], 365, [['560ml', 'bottle', 'CS24', 120]]),
  line('DRINK-WATER', '娃哈哈', ['纯净水', 'Purified Water'], 365, [['596ml', 'bottle', 'CS24', 110]]),

  // 茶饮料
  line('DRINK-TEA', '康师傅', ['冰红茶', 'Iced Black Tea'], 365, [
    ['500ml', 'bottle', 'CS15', 240],
    ['1L', 'bottle', 'CS12', 380],
  ]),
  line('DRINK-TEA', '康师傅', ['绿茶', 'Green Tea'], 365, [['500ml', 'bottle', 'CS15', 240]]),
  line('DRINK-TEA', '康师傅', ['茉莉蜜茶', 'Jasmine Honey Tea'], 365, [['500ml', 'bottle', 'CS15', 240]]),
  line('DRINK-TEA', '统一', ['冰红茶', 'Iced Black Tea'], 365, [['500ml', 'bottle', 'CS15', 230]]),
  line('DRINK-TEA', '统一', ['绿茶', 'Green Tea'], 365, [['500ml', 'bottle', 'CS15', 230]]),
  line('DRINK-TEA', '统一', ['阿萨姆奶茶', 'Assam Milk Tea'], 270, [['500ml', 'bottle', 'CS15', 330]]),
  line('DRINK-TEA', '农夫山泉', ['东方树叶', 'Oriental Leaf'], 365, [['500ml', 'bottle', 'CS15', 330]], {
    variants: [
      ['茉莉花茶', 'Jasmine Tea'],
      ['乌龙茶', 'Oolong Tea'],
      ['红茶', 'Black Tea'],
      ['青柑普洱', "Green Tangerine Pu'er"],
    ],
  }),
  line('DRINK-TEA', '维他', ['柠檬茶', 'Lemon Tea'], 365, [
    ['250ml', 'carton', 'CS24', 200],
    ['310ml', 'can', 'CS24', 280],
  ]),
  line('DRINK-TEA', '王老吉', ['凉茶', 'Herbal Tea'], 365, [
    ['310ml', 'can', 'CS24', 280],
    ['500ml', 'bottle', 'CS15', 350],
  ]),
  line('DRINK-TEA', '加多宝', ['凉茶', 'Herbal Tea'], 365, [['310ml', 'can', 'CS24', 270]]),
  line('DRINK-TEA', '元气森林', ['燃茶', 'Ran Tea'], 365, [['500ml', 'bottle', 'CS15', 350]], {
    variants: [
      ['无糖乌龙茶', 'Sugar-free Oolong'],
      ['玄米乌龙茶', 'Brown Rice Oolong'],
    ],
  }),

  // 果汁饮料
  line('DRINK-JUICE', '汇源', ['100%{v}汁', '100% {v} Juice'], 365, [['1L', 'carton', 'CS12', 850]], {
    variants: [
      ['橙', 'Orange'],
      ['苹果', 'Apple'],
      ['葡萄', 'Grape'],
    ],
  }),
  line('DRINK-JUICE', '农夫山泉', ['农夫果园混合果蔬汁', 'Nongfu Orchard Mixed Fruit & Vegetable Juice'], 365, [
    ['500ml', 'bottle', 'CS15', 380],
  ]),
  line('DRINK-JUICE', '美汁源', ['果粒橙', 'Pulpy Orange'], 365, [
    ['420ml', 'bottle', 'CS12', 300],
    ['1.25L', 'bottle', 'CS12', 650],
  ]),
  line('DRINK-JUICE', '统一', ['鲜橙多', 'Fresh Orange Drink'], 365, [['450ml', 'bottle', 'CS15', 270]]),
  line('DRINK-JUICE', '康师傅', ['水晶葡萄', 'Crystal Grape Drink'], 365, [['500ml', 'bottle', 'CS15', 250]]),

  // 含乳及植物蛋白饮料
  line('DRINK-PROTEIN', '六个核桃', ['核桃乳', 'Walnut Milk'], 540, [['240ml', 'can', 'CS20', 330]]),
  line('DRINK-PROTEIN', '露露', ['杏仁露', 'Almond Drink'], 540, [['240ml', 'can', 'CS20', 330]]),
  line('DRINK-PROTEIN', '银鹭', ['花生牛奶', 'Peanut Milk'], 270, [['450ml', 'bottle', 'CS15', 320]]),
  line('DRINK-PROTEIN', '椰树', ['椰汁', 'Coconut Milk'], 365, [
    ['245ml', 'can', 'CS24', 400],
    ['1L', 'bottle', 'CS12', 1250],
  ]),
  line('DRINK-PROTEIN', '娃哈哈', ['营养快线', 'Nutri-Express'], 270, [['500ml', 'bottle', 'CS15', 350]], {
    variants: [
      ['原味', 'Original'],
      ['菠萝味', 'Pineapple'],
    ],
  }),
  line('DRINK-PROTEIN', '娃哈哈', ['AD钙奶', 'AD Calcium Milk Drink'], 270, [['220g', 'bottle', 'PK4/CS24', 150]]),

  // 碳酸饮料
  line('DRINK-SODA', '可口可乐', ['', ''], 365, [
    ['330ml', 'can', 'CS24', 220],
    ['500ml', 'bottle', 'CS24', 280],
  ], { variants: [['', ''], ['零度', 'Zero']] }),
  line('DRINK-SODA', '雪碧', ['', ''], 365, [
    ['330ml', 'can', 'CS24', 220],
    ['500ml', 'bottle', 'CS24', 280],
  ]),
  line('DRINK-SODA', '百事', ['可乐', 'Cola'], 365, [
    ['330ml', 'can', 'CS24', 210],
    ['500ml', 'bottle', 'CS24', 260],
  ]),
  line('DRINK-SODA', '元气森林', ['苏打气泡水', 'Sparkling Water'], 365, [['480ml', 'bottle', 'CS15', 380]], {
    variants: [
      ['白桃味', 'White Peach'],
      ['卡曼橘味', 'Calamansi'],
      ['青瓜味', 'Cucumber'],
      ['夏黑葡萄味', 'Summer Black Grape'],
    ],
  }),
  line('DRINK-SODA', '健力宝', ['橙蜜味运动饮料', 'Orange Honey Sports Soda'], 365, [['330ml', 'can', 'CS24', 200]]),
  line('DRINK-SODA', '亚洲', ['沙示汽水', 'Sarsi'], 365, [['330ml', 'can', 'CS24', 200]]),

  // 功能饮料
  line('DRINK-ENERGY', '东鹏特饮', ['维生素功能饮料', 'Vitamin Energy Drink'], 365, [
    ['250ml', 'bottle', 'CS24', 310],
    ['500ml', 'bottle', 'CS24', 450],
  ]),
  line('DRINK-ENERGY', '红牛', ['维生素功能饮料', 'Vitamin Energy Drink'], 540, [['250ml', 'can', 'CS24', 450]]),
  line('DRINK-ENERGY', '脉动', ['维生素饮料', 'Vitamin Drink'], 365, [['600ml', 'bottle', 'CS15', 330]], {
    variants: [
      ['青柠口味', 'Lime'],
      ['桃子口味', 'Peach'],
    ],
  }),
  line('DRINK-ENERGY', '元气森林', ['外星人电解质水', 'Alienergy Electrolyte Water'], 365, [['500ml', 'bottle', 'CS15', 400]], {
    variants: [
      ['荔枝海盐', 'Lychee Sea Salt'],
      ['青柠', 'Lime'],
    ],
  }),

  // 常温奶
  line('DAIRY-UHT', '伊利', ['纯牛奶', 'Pure Milk'], 180, [['250ml', 'carton', 'CS24', 250]], { tax: LOW_VAT }),
  line('DAIRY-UHT', '伊利', ['金典纯牛奶', 'Satine Pure Milk'], 180, [['250ml', 'carton', 'CS12', 420]], { tax: LOW_VAT }),
  line('DAIRY-UHT', '伊利', ['QQ星儿童成长牛奶', "QQ Star Kids' Growth Milk"], 180, [['125ml', 'carton', 'PK4/CS20', 220]]),
  line('DAIRY-UHT', '蒙牛', ['纯牛奶', 'Pure Milk'], 180, [
    ['250ml', 'carton', 'CS24', 240],
    ['1L', 'carton', 'CS6', 950],
  ], { tax: LOW_VAT }),
  line('DAIRY-UHT', '蒙牛', ['特仑苏纯牛奶', 'Deluxe Pure Milk'], 180, [['250ml', 'carton', 'CS12', 430]], { tax: LOW_VAT }),
  line('DAIRY-UHT', '蒙牛', ['真果粒', 'Fruit Milk Drink'], 180, [['250g', 'carton', 'CS12', 300]], {
    variants: [
      ['草莓', 'Strawberry'],
      ['黄桃', 'Yellow Peach'],
    ],
  }),
  line('DAIRY-UHT', '燕塘', ['纯牛奶', 'Pure Milk'], 180, [['250ml', 'carton', 'CS16', 230]], { tax: LOW_VAT }),
  line('DAIRY-UHT', '燕塘', ['红枣枸杞牛奶', 'Red Date & Goji Milk'], 180, [['250ml', 'carton', 'CS16', 260]]),
  line('DAIRY-UHT', '旺旺', ['旺仔牛奶', 'Wangzai Milk'], 365, [
    ['245ml', 'can', 'CS24', 350],
    ['125ml', 'carton', 'PK4/CS36', 180],
  ]),

  // 低温鲜奶
  line('DAIRY-FRESH', '光明', ['优倍鲜牛奶', 'Youbei Fresh Milk'], 7, [['950ml', 'bottle', 'CS12', 1450]], { tax: LOW_VAT }),
  line('DAIRY-FRESH', '风行', ['鲜牛奶', 'Fresh Milk'], 7, [
    ['950ml', 'bottle', 'CS12', 1300],
    ['236ml', 'bottle', 'CS24', 450],
  ], { tax: LOW_VAT }),
  line('DAIRY-FRESH', '燕塘', ['鲜牛奶', 'Fresh Milk'], 7, [['946ml', 'bottle', 'CS12', 1250]], { tax: LOW_VAT }),

  // 酸奶 (常温 150 天, 低温 21 天)
  line('DAIRY-YOGURT', '伊利', ['安慕希希腊风味酸奶', 'Ambrosial Greek-style Yogurt'], 150, [['205g', 'carton', 'CS12', 450]], {
    variants: [
      ['原味', 'Original'],
      ['黄桃燕麦', 'Yellow Peach & Oat'],
    ],
  }),
  line('DAIRY-YOGURT', '蒙牛', ['纯甄风味酸奶', 'Just Yogurt'], 150, [['200g', 'carton', 'CS12', 420]]),
  line('DAIRY-YOGURT', '光明', ['莫斯利安酸奶', 'Momchilovtsi Yogurt'], 150, [['200g', 'carton', 'CS12', 400]]),
  line('DAIRY-YOGURT', '伊利', ['畅轻酸奶', 'Changqing Yogurt'], 21, [['250g', 'bottle', 'CS12', 650]], {
    variants: [
      ['燕麦黄桃', 'Oat & Yellow Peach'],
      ['蓝莓', 'Blueberry'],
    ],
  }),
  line('DAIRY-YOGURT', '蒙牛', ['冠益乳益生菌酸奶', 'Guanyiru Probiotic Yogurt'], 21, [['450g', 'bottle', 'CS12', 950]]),
  line('DAIRY-YOGURT', '君乐宝', ['简醇0蔗糖酸奶', 'Jianchun Zero-sucrose Yogurt'], 21, [['100g', 'cup', 'PK8/CS24', 200]]),
  line('DAIRY-YOGURT', '光明', ['如实发酵乳', 'Rushi Plain Yogurt'], 21, [['135g', 'bottle', 'CS12', 450]]),
  line('DAIRY-YOGURT', '燕塘', ['老广州酸奶', 'Old Canton Yogurt'], 21, [['200g', 'cup', 'CS12', 380]]),

  // 饼干糕点
  line('SNACK-BISCUIT', '旺旺', ['雪饼', 'Senbei Rice Crackers'], 270, [
    ['84g', 'bag', 'CS24', 350],
    ['520g', 'bag', 'CS6', 2200],
  ]),
  line('SNACK-BISCUIT', '旺旺', ['仙贝', 'Shelly Senbei'], 270, [['52g', 'bag', 'CS24', 250]]),
  line('SNACK-BISCUIT', '旺旺', ['旺仔小馒头', 'Wangzai Baked Milk Puffs'], 270, [['210g', 'bag', 'CS20', 850]]),
  line('SNACK-BISCUIT', '达利园', ['蛋黄派', 'Egg Yolk Pie'], 180, [['250g', 'box', 'CS12', 850]]),
  line('SNACK-BISCUIT', '达利园', ['法式软面包', 'French Soft Bread'], 150, [['200g', 'bag', 'CS20', 650]], {
    variants: [
      ['香奶味', 'Milk'],
      ['草莓味', 'Strawberry'],
    ],
  }),
  line('SNACK-BISCUIT', '好吃点', ['香脆腰果饼', 'Crispy Cashew Biscuits'], 270, [['108g', 'bag', 'CS24', 320]]),
  line('SNACK-BISCUIT', '好丽友', ['巧克力派', 'Choco Pie'], 240, [
    [['6枚 204g', '6 pcs 204g'], 'box', 'CS20', 950],
    [['12枚 408g', '12 pcs 408g'], 'box', 'CS10', 1800],
  ]),
  line('SNACK-BISCUIT', '奥利奥', ['夹心饼干', 'Sandwich Cookies'], 330, [['97g', 'bag', 'CS24', 450]], {
    variants: [
      ['原味', 'Original'],
      ['草莓味', 'Strawberry'],
    ],
  }),
  line('SNACK-BISCUIT', '盼盼', ['法式小面包', 'French Mini Bread'], 150, [['200g', 'bag', 'CS20', 600]]),
  line('SNACK-BISCUIT', '徐福记', ['沙琪玛', 'Sachima'], 180, [['469g', 'bag', 'CS12', 1500]], {
    variants: [
      ['鸡蛋味', 'Egg'],
      ['黑糖味', 'Brown Sugar'],
    ],
  }),
  line('SNACK-BISCUIT', '康师傅', ['3+2苏打夹心饼干', '3+2 Soda Sandwich Crackers'], 270, [['125g', 'bag', 'CS24', 450]], {
    variants: [
      ['柠檬味', 'Lemon'],
      ['香浓奶油', 'Cream'],
    ],
  }),
  line('SNACK-BISCUIT', '嘉士利', ['早餐饼干', 'Breakfast Biscuits'], 270, [['500g', 'bag', 'CS10', 1000]]),

  // 膨化食品
  line('SNACK-PUFF', '乐事', ['薯片', 'Potato Chips'], 270, [['70g', 'bag', 'CS22', 520]], {
    variants: [
      ['美国经典原味', 'Classic'],
      ['黄瓜味', 'Cucumber'],
      ['墨西哥鸡汁番茄味', 'Mexican Chicken Tomato'],
    ],
  }),
  line('SNACK-PUFF', '上好佳', ['鲜虾片', 'Prawn Crackers'], 270, [['40g', 'bag', 'CS40', 220]]),
  line('SNACK-PUFF', '上好佳', ['洋葱圈', 'Onion Rings'], 270, [['40g', 'bag', 'CS40', 220]]),
  line('SNACK-PUFF', '好丽友', ['好多鱼', 'Fish-shaped Crackers'], 270, [['33g', 'box', 'CS40', 280]]),
  line('SNACK-PUFF', '旺旺', ['浪味仙', 'Langweixian Potato Rolls'], 270, [['70g', 'bag', 'CS24', 380]]),
  line('SNACK-PUFF', '盼盼', ['麦香鸡味块', 'Chicken-flavour Wheat Crisps'], 270, [['105g', 'bag', 'CS24', 450]]),

  // 辣条卤味
  line('SNACK-SPICY', '卫龙', ['大面筋', 'Big Gluten Strips'], 180, [['106g', 'bag', 'CS40', 420]]),
  line('SNACK-SPICY', '卫龙', ['魔芋爽', 'Konjac Strips'], 180, [['180g', 'bag', 'CS24', 1100]], {
    variants: [
      ['香辣味', 'Hot & Spicy'],
      ['麻辣味', 'Numbing Spicy'],
    ],
  }),
  line('SNACK-SPICY', '有友', ['泡椒凤爪', 'Pickled-pepper Chicken Feet'], 270, [['100g', 'bag', 'CS40', 550]]),
  line('SNACK-SPICY', '劲仔', ['小鱼仔', 'Small Fish Snack'], 270, [[['12g×20包', '12g×20 packs'], 'box', 'CS12', 1500]], {
    variants: [
      ['香辣味', 'Hot & Spicy'],
      ['糖醋味', 'Sweet & Sour'],
    ],
  }),
  line('SNACK-SPICY', '盐津铺子', ['鹌鹑蛋', 'Quail Eggs'], 180, [['180g', 'bag', 'CS20', 1000]], {
    variants: [
      ['卤香味', 'Braised'],
      ['香辣味', 'Hot & Spicy'],
    ],
  }),

  // 坚果炒货
  line('SNACK-NUT', '洽洽', ['香瓜子', 'Spiced Sunflower Seeds'], 270, [['260g', 'bag', 'CS20', 850]]),
  line('SNACK-NUT', '洽洽', ['焦糖瓜子', 'Caramel Sunflower Seeds'], 270, [['108g', 'bag', 'CS30', 450]]),
  line('SNACK-NUT', '洽洽', ['山核桃味瓜子', 'Hickory Sunflower Seeds'], 270, [['108g', 'bag', 'CS30', 450]]),
  line('SNACK-NUT', '洽洽', ['每日坚果', 'Daily Nuts'], 180, [[['26g×7袋', '26g×7 bags'], 'box', 'CS12', 2800]]),
  line('SNACK-NUT', '三只松鼠', ['夏威夷果', 'Macadamia Nuts'], 270, [['160g', 'bag', 'CS20', 1800]]),
  line('SNACK-NUT', '三只松鼠', ['碧根果', 'Pecans'], 270, [['120g', 'bag', 'CS20', 1700]]),
  line('SNACK-NUT', '甘源', ['蟹黄味瓜子仁', 'Crab-roe Sunflower Kernels'], 270, [['285g', 'bag', 'CS20', 1000]]),
  line('SNACK-NUT', '甘源', ['蒜香青豌豆', 'Garlic Green Peas'], 270, [['285g', 'bag', 'CS20', 900]]),

  // 糖果
  line('SNACK-CANDY', '大白兔', ['奶糖', 'Creamy Candy'], 540, [['227g', 'bag', 'CS24', 1300]]),
  line('SNACK-CANDY', '徐福记', ['酥心糖', 'Crispy Candy'], 365, [['500g', 'bag', 'CS20', 2200]]),
  line('SNACK-CANDY', '旺旺', ['旺仔QQ糖', 'Wangzai QQ Gummies'], 365, [['20g', 'bag', 'BX20/CS240', 120]], {
    variants: [
      ['葡萄味', 'Grape'],
      ['水蜜桃味', 'Peach'],
    ],
  }),
  line('SNACK-CANDY', '金丝猴', ['奶糖', 'Milk Candy'], 365, [['228g', 'bag', 'CS24', 1000]]),

  // 方便面
  line('NOODLE', '康师傅', ['{v}面', '{v} Noodles'], 180, [
    [['袋装 105g', 'Bag 105g'], 'bag', 'CS24', 230],
    [['桶装 110g', 'Tub 110g'], 'tub', 'CS12', 380],
  ], {
    variants: [
      ['红烧牛肉', 'Braised Beef'],
      ['老坛酸菜牛肉', 'Pickled Cabbage Beef'],
      ['香辣牛肉', 'Spicy Beef'],
      ['鲜虾鱼板', 'Shrimp & Fish Cake'],
    ],
  }),
  line('NOODLE', '统一', ['老坛酸菜牛肉面', 'Pickled Cabbage Beef Noodles'], 180, [
    [['袋装 121g', 'Bag 121g'], 'bag', 'CS24', 230],
    [['桶装 120g', 'Tub 120g'], 'tub', 'CS12', 380],
  ]),
  line('NOODLE', '统一', ['来一桶{v}面', 'Laiyitong {v} Noodles'], 180, [[['桶装 105g', 'Tub 105g'], 'tub', 'CS12', 330]], {
    variants: [
      ['红烧牛肉', 'Braised Beef'],
      ['香辣牛肉', 'Spicy Beef'],
    ],
  }),
  line('NOODLE', '统一', ['汤达人{v}', 'Tangdaren {v}'], 180, [[['袋装 125g', 'Bag 125g'], 'bag', 'CS20', 450]], {
    variants: [
      ['日式豚骨拉面', 'Japanese Tonkotsu Ramen'],
      ['酸酸辣辣豚骨面', 'Hot & Sour Tonkotsu Noodles'],
    ],
  }),
  line('NOODLE', '今麦郎', ['一桶半红烧牛肉面', 'Yitongban Braised Beef Noodles'], 180, [[['桶装 143g', 'Tub 143g'], 'tub', 'CS12', 380]]),
  line('NOODLE', '今麦郎', ['红烧牛肉弹面', 'Springy Braised Beef Noodles'], 180, [[['袋装 118g', 'Bag 118g'], 'bag', 'CS24', 180]]),
  line('NOODLE', '白象', ['汤好喝老母鸡汤面', 'Tanghaohe Old Hen Soup Noodles'], 180, [[['袋装 112g', 'Bag 112g'], 'bag', 'CS24', 280]]),
  line('NOODLE', '白象', ['大骨面', 'Pork Bone Soup Noodles'], 180, [[['袋装 75g', 'Bag 75g'], 'bag', 'CS24', 160]]),

  // 方便速食
  line('INSTANT', '双汇', ['王中王火腿肠', 'King Ham Sausage'], 180, [[['40g×10支', '40g×10 sticks'], 'bag', 'CS20', 1200]]),
  line('INSTANT', '双汇', ['玉米热狗肠', 'Corn Hot Dog Sausage'], 180, [[['40g×10支', '40g×10 sticks'], 'bag', 'CS20', 1000]]),
  line('INSTANT', '娃哈哈', ['八宝粥', 'Eight-treasure Porridge'], 730, [['360g', 'can', 'CS12', 330]]),
  line('INSTANT', '银鹭', ['桂圆莲子八宝粥', 'Longan & Lotus Seed Porridge'], 730, [['360g', 'can', 'CS12', 330]]),
  line('INSTANT', '好欢螺', ['螺蛳粉', 'Luosifen River Snail Rice Noodles'], 180, [['400g', 'bag', 'CS20', 1100]]),
  line('INSTANT', '自嗨锅', ['麻辣牛肉自热火锅', 'Spicy Beef Self-heating Hot Pot'], 270, [['400g', 'box', 'CS12', 2300]]),
  line('INSTANT', '梅林', ['午餐肉罐头', 'Luncheon Meat'], 1095, [['340g', 'can', 'CS24', 1400]]),

  // 酱油
  line('COND-SOY', '海天', ['金标生抽', 'Gold Label Light Soy Sauce'], 720, [
    ['500ml', 'bottle', 'CS12', 700],
    ['1.28L', 'bottle', 'CS6', 1400],
  ]),
  line('COND-SOY', '海天', ['草菇老抽', 'Mushroom Dark Soy Sauce'], 720, [['500ml', 'bottle', 'CS12', 750]]),
  line('COND-SOY', '海天', ['味极鲜特级酱油', 'Weijixian Premium Soy Sauce'], 720, [['760ml', 'bottle', 'CS12', 1100]]),
  line('COND-SOY', '李锦记', ['精选生抽', 'Select Light Soy Sauce'], 720, [['500ml', 'bottle', 'CS12', 750]]),
  line('COND-SOY', '李锦记', ['薄盐生抽', 'Less Salt Light Soy Sauce'], 720, [['500ml', 'bottle', 'CS12', 950]]),
  line('COND-SOY', '李锦记', ['蒸鱼豉油', 'Seasoned Soy Sauce for Seafood'], 720, [['410ml', 'bottle', 'CS12', 1150]]),
  line('COND-SOY', '厨邦', ['美味鲜酱油', 'Meiweixian Soy Sauce'], 720, [['760ml', 'bottle', 'CS12', 1000]]),
  line('COND-SOY', '千禾', ['零添加头道原香生抽', 'Zero-additive First-draw Light Soy Sauce'], 540, [['500ml', 'bottle', 'CS12', 1150]]),
  line('COND-SOY', '致美斋', ['生抽王', 'King Light Soy Sauce'], 720, [['500ml', 'bottle', 'CS12', 650]]),

  // 食醋
  line('COND-VINEGAR', '恒顺', ['镇江香醋', 'Zhenjiang Aromatic Vinegar'], 1095, [['500ml', 'bottle', 'CS12', 550]]),
  line('COND-VINEGAR', '东湖', ['山西老陈醋', 'Shanxi Mature Vinegar'], 1095, [['420ml', 'bottle', 'CS12', 650]]),
  line('COND-VINEGAR', '海天', ['白米醋', 'White Rice Vinegar'], 720, [['450ml', 'bottle', 'CS12', 400]]),
  line('COND-VINEGAR', '千禾', ['糯米香醋', 'Glutinous Rice Vinegar'], 720, [['500ml', 'bottle', 'CS12', 500]]),

  // 酱料
  line('COND-SAUCE', '海天', ['上等蚝油', 'Superior Oyster Sauce'], 540, [['700g', 'bottle', 'CS12', 950]]),
  line('COND-SAUCE', '李锦记', ['财神蚝油', 'Choy Sun Oyster Sauce'], 540, [['510g', 'bottle', 'CS12', 1100]]),
  line('COND-SAUCE', '李锦记', ['叉烧酱', 'Char Siu Sauce'], 540, [['240g', 'bottle', 'CS12', 1000]]),
  line('COND-SAUCE', '老干妈', ['风味豆豉油制辣椒', 'Chili Oil with Black Beans'], 540, [['280g', 'bottle', 'CS24', 1050]]),
  line('COND-SAUCE', '老干妈', ['香辣脆油辣椒', 'Crispy Chili Oil'], 540, [['210g', 'bottle', 'CS24', 850]]),
  line('COND-SAUCE', '海天', ['黄豆酱', 'Soybean Paste'], 540, [['800g', 'bottle', 'CS12', 900]]),

  // 调味料
  line('COND-SEASON', '太太乐', ['鸡精', 'Chicken Bouillon Powder'], 540, [['200g', 'bag', 'CS40', 800]]),
  line('COND-SEASON', '莲花', ['味精', 'MSG'], 1095, [['400g', 'bag', 'CS40', 900]]),
  line('COND-SEASON', '中盐', ['加碘精制盐', 'Iodized Refined Salt'], 1095, [['400g', 'bag', 'CS40', 200]], { tax: LOW_VAT }),
  line('COND-SEASON', '王致和', ['料酒', 'Cooking Wine'], 540, [['500ml', 'bottle', 'CS12', 450]]),
  line('COND-SEASON', '太古', ['纯正白砂糖', 'Pure White Sugar'], 730, [['1kg', 'bag', 'CS12', 1100]]),

  // 食用油
  line('OIL', '金龙鱼', ['黄金比例食用调和油', 'Golden Ratio Blended Oil'], 540, [
    ['5L', 'jug', 'CS4', 6300],
    ['1.8L', 'bottle', 'CS6', 2500],
  ], { tax: LOW_VAT }),
  line('OIL', '金龙鱼', ['大豆油', 'Soybean Oil'], 540, [['5L', 'jug', 'CS4', 5300]], { tax: LOW_VAT }),
  line('OIL', '鲁花', ['5S压榨一级花生油', '5S Pressed Grade 1 Peanut Oil'], 540, [
    ['5L', 'jug', 'CS4', 14500],
    ['1.8L', 'bottle', 'CS6', 5600],
  ], { tax: LOW_VAT }),
  line('OIL', '福临门', ['压榨一级菜籽油', 'Pressed Grade 1 Rapeseed Oil'], 540, [['5L', 'jug', 'CS4', 7000]], { tax: LOW_VAT }),

  // 洗衣用品 (not lot-tracked)
  line('HH-LAUNDRY', '蓝月亮', ['深层洁净洗衣液', 'Deep Clean Laundry Liquid'], 1095, [
    ['3kg', 'bottle', 'CS4', 4200],
    ['1kg', 'bottle', 'CS12', 1500],
  ]),
  line('HH-LAUNDRY', '立白', ['天然皂液', 'Natural Soap Laundry Liquid'], 1095, [['2kg', 'bottle', 'CS6', 2800]]),
  line('HH-LAUNDRY', '立白', ['超洁清新洗衣粉', 'Ultra Clean Washing Powder'], 1095, [['1.7kg', 'bag', 'CS8', 1600]]),
  line('HH-LAUNDRY', '超能', ['植翠低泡洗衣液', 'Low-suds Plant Laundry Liquid'], 1095, [['2kg', 'bottle', 'CS6', 2600]]),
  line('HH-LAUNDRY', '雕牌', ['超效加酶洗衣粉', 'Enzyme Washing Powder'], 1095, [['1.6kg', 'bag', 'CS8', 1500]]),
  line('HH-LAUNDRY', '雕牌', ['透明皂', 'Laundry Soap'], null, [['202g', 'bar', 'PK2/CS48', 350]]),

  // 纸品 (no expiry)
  line('HH-PAPER', '心相印', ['茶语卷纸', 'Tea Scent Toilet Rolls'], null, [
    [['3层 200g×10卷', '3-ply 200g×10 rolls'], 'pack', 'CS6', 3200],
  ]),
  line('HH-PAPER', '心相印', ['抽纸', 'Facial Tissue'], null, [[['3层 120抽', '3-ply 120 sheets'], 'packet', 'PK6/CS36', 320]]),
  line('HH-PAPER', '维达', ['超韧卷纸', 'Super Strong Toilet Rolls'], null, [
    [['4层 140g×10卷', '4-ply 140g×10 rolls'], 'pack', 'CS6', 2900],
  ]),
  line('HH-PAPER', '维达', ['抽纸', 'Facial Tissue'], null, [[['3层 130抽', '3-ply 130 sheets'], 'packet', 'PK6/CS36', 330]]),
  line('HH-PAPER', '清风', ['原木纯品抽纸', 'Virgin Pulp Facial Tissue'], null, [
    [['2层 150抽', '2-ply 150 sheets'], 'packet', 'PK3/CS24', 280],
  ]),
  line('HH-PAPER', '洁柔', ['柔韧抽纸', 'Soft Facial Tissue'], null, [[['3层 130抽', '3-ply 130 sheets'], 'packet', 'PK6/CS36', 300]]),
  line('HH-PAPER', '洁柔', ['手帕纸', 'Pocket Tissue'], null, [
    [['4层 8张×10包', '4-ply 8 sheets×10 packs'], 'strip', 'CS40', 350],
  ]),

  // 个人护理
  line('HH-PERSONAL', '六神', ['花露水', 'Floral Water'], 1095, [['195ml', 'bottle', 'CS24', 1150]]),
  line('HH-PERSONAL', '六神', ['清凉沐浴露', 'Cooling Body Wash'], 1095, [['750ml', 'bottle', 'CS12', 2600]]),
  line('HH-PERSONAL', '拉芳', ['去屑洗发露', 'Anti-dandruff Shampoo'], 1095, [['400ml', 'bottle', 'CS12', 1900]]),
  line('HH-PERSONAL', '蜂花', ['护发素', 'Hair Conditioner'], 1095, [['450ml', 'bottle', 'CS12', 1200]]),
  line('HH-PERSONAL', '云南白药', ['牙膏', 'Toothpaste'], 1095, [[['留兰香型 120g', 'Spearmint 120g'], 'tube', 'CS48', 2300]]),
  line('HH-PERSONAL', '滋源', ['无硅油洗发水', 'Silicone-free Shampoo'], 1095, [['400ml', 'bottle', 'CS12', 4800]]),

  // 家居清洁
  line('HH-CLEAN', '立白', ['新金桔洗洁精', 'Kumquat Dishwashing Liquid'], 1095, [['1.12kg', 'bottle', 'CS12', 950]]),
  line('HH-CLEAN', '白猫', ['经典洗洁精', 'Classic Dishwashing Liquid'], 1095, [['1.5kg', 'bottle', 'CS8', 1100]]),
  line('HH-CLEAN', '蓝月亮', ['84消毒液', '84 Disinfectant'], 365, [['1.2kg', 'bottle', 'CS12', 1200]]),
  line('HH-CLEAN', '妙洁', ['保鲜膜', 'Cling Film'], null, [[['30cm×50m', '30cm×50m'], 'roll', 'CS24', 1100]]),
  line('HH-CLEAN', '妙洁', ['点断式垃圾袋', 'Perforated Bin Bags'], null, [[['45×50cm 30只', '45×50cm 30 bags'], 'roll', 'CS50', 500]]),

  // 啤酒
  line('ALC-BEER', '青岛啤酒', ['经典10度', 'Classic 10°P'], 365, [
    ['500ml', 'can', 'CS12', 450],
    ['330ml', 'can', 'PK6/CS24', 330],
  ]),
  line('ALC-BEER', '青岛啤酒', ['纯生', 'Draft'], 180, [['500ml', 'can', 'CS12', 550]]),
  line('ALC-BEER', '雪花', ['勇闯天涯', 'Brave the World'], 365, [['500ml', 'can', 'CS12', 380]]),
  line('ALC-BEER', '雪花', ['清爽', 'Light'], 365, [['330ml', 'can', 'PK6/CS24', 220]]),
  line('ALC-BEER', '珠江啤酒', ['97纯生', '97 Draft'], 270, [['500ml', 'can', 'CS12', 500]]),
  line('ALC-BEER', '燕京', ['U8小度酒', 'U8 Lager'], 365, [['500ml', 'can', 'CS12', 420]]),
  line('ALC-BEER', '哈尔滨', ['冰纯', 'Ice Pure'], 365, [['330ml', 'can', 'PK6/CS24', 250]]),

  // 白酒及预调酒 (baijiu keeps indefinitely: no expiry, not lot-tracked)
  line('ALC-SPIRIT', '牛栏山', ['陈酿', 'Aged Baijiu'], null, [[['42度 500ml', '42% ABV 500ml'], 'bottle', 'CS12', 1300]]),
  line('ALC-SPIRIT', '红星', ['二锅头', 'Erguotou'], null, [
    [['56度 500ml', '56% ABV 500ml'], 'bottle', 'CS12', 1400],
    [['56度 100ml', '56% ABV 100ml'], 'bottle', 'CS24', 450],
  ]),
  line('ALC-SPIRIT', '江小白', ['表达瓶', 'Expression Bottle'], null, [[['40度 100ml', '40% ABV 100ml'], 'bottle', 'CS24', 1500]]),
  line('ALC-SPIRIT', '劲牌', ['中国劲酒', 'Jing Tonic Liquor'], null, [[['35度 125ml', '35% ABV 125ml'], 'bottle', 'CS24', 900]]),
  line('ALC-SPIRIT', 'RIO', ['微醺鸡尾酒', 'Light Cocktail'], 540, [['330ml', 'can', 'CS24', 600]], {
    lot: true,
    variants: [
      ['白桃白兰地味', 'White Peach Brandy'],
      ['乳酸菌伏特加味', 'Lactobacillus Vodka'],
      ['葡萄白兰地味', 'Grape Brandy'],
    ],
  }),
];

// ---------------------------------------------------------------------------------------------
// Families for the large (benchmark) catalogue: brand × line × variant × size.

/** A line in a family; opts.mult scales the size's price, opts.unit replaces the size's unit. */
export type FamilyLine = Text | readonly [zh: string, en: string, opts: { mult?: number; tax?: number; unit?: BaseUnitKey }];
/** [spec, base unit, packing, list price per base unit in fen, shelf-life override in days] */
export type SizeRow = readonly [spec: Spec, unit: BaseUnitKey, packing: string, priceFen: number, shelf?: number];

export interface FamilyDef {
  cat: string;
  brands: readonly string[];
  lines: readonly FamilyLine[];
  /** ['', ''] is the plain product without a variant. */
  variants: readonly Text[];
  sizes: readonly SizeRow[];
  shelf: number | null;
  tax?: number;
  lot?: boolean;
}

const PLAIN: Text = ['', ''];

export const FAMILIES: readonly FamilyDef[] = [
  {
    cat: 'DRINK-WATER',
    brands: ['农夫山泉', '怡宝', '景田', '娃哈哈', '康师傅', '今麦郎'],
    lines: [
      ['饮用天然水', 'Natural Drinking Water'],
      ['纯净水', 'Purified Water'],
      ['矿泉水', 'Mineral Water'],
      ['苏打水', 'Soda Water', { mult: 1.6 }],
    ],
    variants: [PLAIN, ['弱碱性', 'Alkaline'], ['低钠', 'Low Sodium']],
    sizes: [
      ['350ml', 'bottle', 'CS24', 100],
      ['550ml', 'bottle', 'CS24', 140],
      ['1L', 'bottle', 'CS12', 230],
      ['1.5L', 'bottle', 'CS12', 280],
      ['4L', 'jug', 'CS6', 600],
    ],
    shelf: 365,
  },
  {
    cat: 'DRINK-TEA',
    brands: ['康师傅', '统一', '娃哈哈', '今麦郎', '农夫山泉', '元气森林', '王老吉', '维他'],
    lines: [
      ['冰红茶', 'Iced Black Tea'],
      ['绿茶', 'Green Tea'],
      ['茉莉花茶', 'Jasmine Tea'],
      ['乌龙茶', 'Oolong Tea'],
      ['柠檬茶', 'Lemon Tea'],
      ['奶茶', 'Milk Tea', { mult: 1.3 }],
      ['大麦茶', 'Barley Tea'],
      ['菊花茶', 'Chrysanthemum Tea'],
    ],
    variants: [PLAIN, ['无糖', 'Sugar-free'], ['低糖', 'Low Sugar'], ['蜜桃味', 'Peach'], ['青柠味', 'Lime'], ['荔枝味', 'Lychee']],
    sizes: [
      ['500ml', 'bottle', 'CS15', 240],
      ['330ml', 'can', 'CS24', 230],
      ['1L', 'bottle', 'CS12', 380],
      ['1.5L', 'bottle', 'CS12', 450],
      ['250ml', 'carton', 'CS24', 170],
    ],
    shelf: 365,
  },
  {
    cat: 'DRINK-JUICE',
    brands: ['汇源', '农夫山泉', '美汁源', '统一', '康师傅', '娃哈哈'],
    lines: [
      ['橙汁', 'Orange Juice'],
      ['苹果汁', 'Apple Juice'],
      ['葡萄汁', 'Grape Juice'],
      ['桃汁', 'Peach Juice'],
      ['芒果汁', 'Mango Juice'],
      ['番茄汁', 'Tomato Juice'],
      ['混合果蔬汁', 'Mixed Fruit & Vegetable Juice'],
      ['山楂汁', 'Hawthorn Juice'],
    ],
    variants: [PLAIN, ['100%', '100%'], ['果粒', 'with Pulp'], ['低糖', 'Low Sugar']],
    sizes: [
      ['450ml', 'bottle', 'CS15', 300],
      ['300ml', 'bottle', 'CS24', 300],
      ['1L', 'carton', 'CS12', 850],
      ['1.5L', 'bottle', 'CS12', 950],
    ],
    shelf: 365,
  },
  {
    cat: 'DRINK-PROTEIN',
    brands: ['六个核桃', '露露', '银鹭', '椰树', '娃哈哈', '旺旺', '伊利', '蒙牛'],
    lines: [
      ['核桃乳', 'Walnut Milk'],
      ['杏仁露', 'Almond Drink'],
      ['花生牛奶', 'Peanut Milk'],
      ['椰汁', 'Coconut Milk'],
      ['豆奶', 'Soy Milk'],
      ['燕麦奶', 'Oat Milk', { mult: 1.4 }],
      ['乳酸菌饮品', 'Lactic Acid Drink'],
    ],
    variants: [PLAIN, ['低糖', 'Low Sugar'], ['高钙', 'High Calcium'], ['红枣味', 'Red Date']],
    sizes: [
      ['240ml', 'can', 'CS20', 330],
      ['250ml', 'carton', 'CS24', 250],
      ['450ml', 'bottle', 'CS15', 320],
      ['1L', 'bottle', 'CS12', 700],
    ],
    shelf: 270,
  },
  {
    cat: 'DRINK-SODA',
    brands: ['可口可乐', '百事', '健力宝', '亚洲', '元气森林', '娃哈哈'],
    lines: [
      ['可乐', 'Cola'],
      ['柠檬味汽水', 'Lemon Soda'],
      ['橙味汽水', 'Orange Soda'],
      ['苏打气泡水', 'Sparkling Water', { mult: 1.4 }],
      ['沙示汽水', 'Sarsi'],
      ['盐汽水', 'Salt Soda'],
      ['葡萄味汽水', 'Grape Soda'],
    ],
    variants: [PLAIN, ['无糖', 'Zero Sugar'], ['纤维+', 'Fiber+'], ['零卡', 'Zero Calorie']],
    sizes: [
      ['330ml', 'can', 'CS24', 220],
      ['500ml', 'bottle', 'CS24', 280],
      ['888ml', 'bottle', 'CS12', 400],
      ['1.25L', 'bottle', 'CS12', 550],
      ['2L', 'bottle', 'CS6', 700],
    ],
    shelf: 365,
  },
  {
    cat: 'DRINK-ENERGY',
    brands: ['东鹏特饮', '红牛', '脉动', '元气森林', '康师傅', '娃哈哈', '健力宝'],
    lines: [
      ['维生素功能饮料', 'Vitamin Energy Drink'],
      ['电解质水', 'Electrolyte Water'],
      ['运动饮料', 'Sports Drink'],
      ['牛磺酸饮料', 'Taurine Drink'],
      ['维生素水', 'Vitamin Water'],
    ],
    variants: [PLAIN, ['青柠味', 'Lime'], ['西柚味', 'Grapefruit'], ['百香果味', 'Passion Fruit'], ['无糖', 'Sugar-free']],
    sizes: [
      ['250ml', 'bottle', 'CS24', 310],
      ['310ml', 'can', 'CS24', 380],
      ['500ml', 'bottle', 'CS15', 400],
      ['600ml', 'bottle', 'CS15', 330],
      ['1L', 'bottle', 'CS12', 600],
    ],
    shelf: 365,
  },
  {
    cat: 'DAIRY-UHT',
    brands: ['伊利', '蒙牛', '光明', '君乐宝', '燕塘', '风行'],
    lines: [
      ['纯牛奶', 'Pure Milk'],
      ['低脂纯牛奶', 'Low-fat Pure Milk'],
      ['脱脂纯牛奶', 'Skimmed Pure Milk'],
      ['有机纯牛奶', 'Organic Pure Milk', { mult: 1.5 }],
      ['全脂纯牛奶', 'Whole Pure Milk'],
    ],
    variants: [PLAIN],
    sizes: [
      ['250ml', 'carton', 'CS24', 250],
      ['200ml', 'carton', 'CS24', 220],
      ['1L', 'carton', 'CS6', 1000],
      [['200ml 利乐枕', '200ml pillow pack'], 'bag', 'CS16', 180],
      ['125ml', 'carton', 'PK4/CS24', 150],
    ],
    shelf: 180,
    tax: LOW_VAT,
  },
  {
    cat: 'DAIRY-UHT',
    brands: ['伊利', '蒙牛', '光明', '君乐宝', '燕塘', '风行', '旺旺'],
    lines: [
      ['早餐奶', 'Breakfast Milk'],
      ['高钙奶', 'High-calcium Milk'],
      ['儿童成长牛奶', "Kids' Growth Milk", { mult: 1.2 }],
      ['调制乳', 'Flavoured Milk'],
    ],
    variants: [['麦香味', 'Malt'], ['核桃味', 'Walnut'], ['红枣味', 'Red Date'], ['草莓味', 'Strawberry']],
    sizes: [
      ['250ml', 'carton', 'CS24', 260],
      ['200ml', 'carton', 'CS24', 230],
      [['200ml 利乐枕', '200ml pillow pack'], 'bag', 'CS16', 190],
      ['125ml', 'carton', 'PK4/CS24', 160],
    ],
    shelf: 180,
  },
  {
    cat: 'DAIRY-FRESH',
    brands: ['光明', '风行', '燕塘', '蒙牛', '伊利', '君乐宝'],
    lines: [
      ['鲜牛奶', 'Fresh Milk'],
      ['低脂鲜牛奶', 'Low-fat Fresh Milk'],
      ['有机鲜牛奶', 'Organic Fresh Milk', { mult: 1.5 }],
      ['娟姗鲜牛奶', 'Jersey Fresh Milk', { mult: 1.6 }],
    ],
    variants: [PLAIN],
    sizes: [
      ['950ml', 'bottle', 'CS12', 1400],
      ['250ml', 'bottle', 'CS24', 450],
      ['450ml', 'bottle', 'CS12', 800],
      ['200ml', 'bag', 'CS24', 300],
    ],
    shelf: 7,
    tax: LOW_VAT,
  },
  {
    cat: 'DAIRY-YOGURT',
    brands: ['伊利', '蒙牛', '光明', '君乐宝', '燕塘', '风行'],
    lines: [
      ['风味发酵乳', 'Flavoured Yogurt'],
      ['希腊酸奶', 'Greek Yogurt', { mult: 1.3 }],
      ['老酸奶', 'Set Yogurt'],
      ['益生菌酸奶', 'Probiotic Yogurt'],
      ['低糖酸奶', 'Low-sugar Yogurt'],
      ['酸奶饮品', 'Drinking Yogurt'],
    ],
    variants: [PLAIN, ['原味', 'Plain'], ['草莓味', 'Strawberry'], ['黄桃燕麦', 'Yellow Peach & Oat'], ['蓝莓味', 'Blueberry'], ['芒果味', 'Mango']],
    sizes: [
      ['200g', 'carton', 'CS12', 400, 150],
      ['100g', 'cup', 'PK8/CS24', 180, 21],
      ['250g', 'bottle', 'CS12', 600, 21],
      ['450g', 'bottle', 'CS12', 900, 21],
    ],
    shelf: 21,
  },
  {
    cat: 'SNACK-BISCUIT',
    brands: ['旺旺', '达利园', '好吃点', '好丽友', '奥利奥', '盼盼', '徐福记', '嘉士利', '康师傅'],
    lines: [
      ['夹心饼干', 'Sandwich Biscuits'],
      ['苏打饼干', 'Soda Crackers'],
      ['蛋黄派', 'Egg Yolk Pie'],
      ['法式软面包', 'French Soft Bread'],
      ['沙琪玛', 'Sachima'],
      ['曲奇', 'Cookies', { mult: 1.4 }],
      ['薄脆饼干', 'Thin Crisp Biscuits'],
      ['威化饼干', 'Wafers'],
      ['小面包', 'Mini Bread'],
      ['蛋卷', 'Egg Rolls'],
    ],
    variants: [PLAIN, ['牛奶味', 'Milk'], ['巧克力味', 'Chocolate'], ['草莓味', 'Strawberry'], ['椰子味', 'Coconut'], ['芝士味', 'Cheese']],
    sizes: [
      ['100g', 'bag', 'CS24', 300],
      ['200g', 'bag', 'CS20', 600],
      ['300g', 'box', 'CS12', 900],
      ['500g', 'box', 'CS10', 1300],
    ],
    shelf: 270,
  },
  {
    cat: 'SNACK-PUFF',
    brands: ['乐事', '上好佳', '旺旺', '好丽友', '盼盼'],
    lines: [
      ['薯片', 'Potato Chips'],
      ['薯条', 'Potato Sticks'],
      ['虾片', 'Prawn Crackers'],
      ['玉米脆', 'Corn Crisps'],
      ['洋葱圈', 'Onion Rings'],
      ['米饼', 'Rice Crackers'],
      ['锅巴', 'Crispy Rice'],
    ],
    variants: [
      ['原味', 'Original'],
      ['番茄味', 'Tomato'],
      ['烧烤味', 'BBQ'],
      ['黄瓜味', 'Cucumber'],
      ['香辣味', 'Hot & Spicy'],
      ['麻辣小龙虾味', 'Spicy Crayfish'],
      ['海苔味', 'Seaweed'],
    ],
    sizes: [
      ['40g', 'bag', 'CS40', 220],
      ['70g', 'bag', 'CS24', 500],
      ['135g', 'bag', 'CS12', 900],
    ],
    shelf: 270,
  },
  {
    cat: 'SNACK-SPICY',
    brands: ['卫龙', '有友', '劲仔', '盐津铺子', '三只松鼠'],
    lines: [
      ['辣条', 'Spicy Gluten Strips'],
      ['魔芋爽', 'Konjac Strips'],
      ['泡椒凤爪', 'Pickled-pepper Chicken Feet'],
      ['小鱼仔', 'Small Fish Snack'],
      ['鹌鹑蛋', 'Quail Eggs'],
      ['豆干', 'Dried Tofu'],
      ['牛肉干', 'Beef Jerky', { mult: 2.5 }],
      ['鸭脖', 'Duck Neck', { mult: 1.6 }],
    ],
    variants: [
      ['香辣味', 'Hot & Spicy'],
      ['麻辣味', 'Numbing Spicy'],
      ['五香味', 'Five-spice'],
      ['卤香味', 'Braised'],
      ['泡椒味', 'Pickled Pepper'],
      ['酱香味', 'Savoury Sauce'],
    ],
    sizes: [
      ['60g', 'bag', 'CS40', 250],
      ['106g', 'bag', 'CS30', 420],
      ['180g', 'bag', 'CS24', 800],
      [['260g 盒装', '260g box'], 'box', 'CS12', 1500],
    ],
    shelf: 180,
  },
  {
    cat: 'SNACK-NUT',
    brands: ['洽洽', '三只松鼠', '甘源', '盐津铺子'],
    lines: [
      ['瓜子', 'Sunflower Seeds'],
      ['每日坚果', 'Daily Nuts', { mult: 2 }],
      ['夏威夷果', 'Macadamia Nuts', { mult: 1.8 }],
      ['碧根果', 'Pecans', { mult: 1.8 }],
      ['开心果', 'Pistachios', { mult: 2 }],
      ['腰果', 'Cashews', { mult: 1.8 }],
      ['蚕豆', 'Broad Beans'],
      ['青豌豆', 'Green Peas'],
      ['花生', 'Peanuts'],
      ['瓜子仁', 'Sunflower Kernels', { mult: 1.3 }],
    ],
    variants: [['原味', 'Original'], ['焦糖味', 'Caramel'], ['山核桃味', 'Hickory'], ['奶油味', 'Butter'], ['蟹黄味', 'Crab Roe'], ['蒜香味', 'Garlic']],
    sizes: [
      ['100g', 'bag', 'CS30', 450],
      ['260g', 'bag', 'CS20', 850],
      ['500g', 'bag', 'CS12', 1600],
      [['750g 礼盒', '750g gift box'], 'box', 'CS6', 5800],
    ],
    shelf: 270,
  },
  {
    cat: 'SNACK-CANDY',
    brands: ['大白兔', '徐福记', '金丝猴', '旺旺'],
    lines: [
      ['奶糖', 'Milk Candy'],
      ['酥心糖', 'Crispy Candy'],
      ['软糖', 'Gummies'],
      ['水果糖', 'Fruit Drops'],
      ['棒棒糖', 'Lollipops'],
      ['巧克力', 'Chocolate', { mult: 1.5 }],
      ['牛轧糖', 'Nougat'],
      ['薄荷糖', 'Mints'],
    ],
    variants: [['原味', 'Original'], ['草莓味', 'Strawberry'], ['香草味', 'Vanilla'], ['水蜜桃味', 'Peach'], ['葡萄味', 'Grape'], ['抹茶味', 'Matcha']],
    sizes: [
      ['20g', 'bag', 'BX20/CS240', 120],
      ['114g', 'bag', 'CS48', 450],
      ['227g', 'bag', 'CS24', 1300],
      ['500g', 'bag', 'CS20', 2200],
    ],
    shelf: 365,
  },
  {
    cat: 'NOODLE',
    brands: ['康师傅', '统一', '今麦郎', '白象'],
    lines: [
      ['红烧牛肉面', 'Braised Beef Noodles'],
      ['老坛酸菜牛肉面', 'Pickled Cabbage Beef Noodles'],
      ['香辣牛肉面', 'Spicy Beef Noodles'],
      ['鲜虾鱼板面', 'Shrimp & Fish Cake Noodles'],
      ['香菇炖鸡面', 'Mushroom Chicken Noodles'],
      ['酸辣粉', 'Hot & Sour Glass Noodles'],
      ['葱香排骨面', 'Scallion Pork Rib Noodles'],
      ['黑胡椒牛排面', 'Black Pepper Steak Noodles'],
      ['老母鸡汤面', 'Old Hen Soup Noodles'],
      ['豚骨拉面', 'Tonkotsu Ramen', { mult: 1.5 }],
      ['麻辣牛肉面', 'Numbing Spicy Beef Noodles'],
      ['番茄鸡蛋面', 'Tomato & Egg Noodles'],
    ],
    variants: [PLAIN, ['大份量', 'Big Portion'], ['精炖', 'Slow-cooked'], ['非油炸', 'Non-fried']],
    sizes: [
      [['袋装 100g', 'Bag 100g'], 'bag', 'CS24', 230],
      [['桶装 110g', 'Tub 110g'], 'tub', 'CS12', 380],
      [['杯装 65g', 'Cup 65g'], 'cup', 'CS24', 250],
      [['碗装 120g', 'Bowl 120g'], 'bowl', 'CS12', 350],
    ],
    shelf: 180,
  },
  {
    cat: 'INSTANT',
    brands: ['双汇', '娃哈哈', '银鹭', '好欢螺', '自嗨锅', '梅林', '康师傅', '统一'],
    lines: [
      ['火腿肠', 'Ham Sausage', { unit: 'bag' }],
      ['八宝粥', 'Eight-treasure Porridge', { unit: 'can', mult: 0.3 }],
      ['螺蛳粉', 'Luosifen River Snail Rice Noodles', { unit: 'bag' }],
      ['自热火锅', 'Self-heating Hot Pot', { unit: 'box', mult: 2 }],
      ['午餐肉', 'Luncheon Meat', { unit: 'can', mult: 1.2 }],
      ['自热米饭', 'Self-heating Rice', { unit: 'box', mult: 1.6 }],
      ['拌面', 'Dry Noodles', { unit: 'box', mult: 0.8 }],
      ['玉米肠', 'Corn Sausage', { unit: 'bag' }],
    ],
    variants: [PLAIN, ['经典', 'Classic'], ['香辣', 'Spicy'], ['加肉', 'Extra Meat']],
    sizes: [
      ['360g', 'bag', 'CS12', 1100],
      ['400g', 'bag', 'CS20', 1200],
      ['300g', 'bag', 'CS24', 950],
      ['200g', 'bag', 'CS24', 700],
    ],
    shelf: 270,
  },
  {
    cat: 'COND-SOY',
    brands: ['海天', '李锦记', '厨邦', '致美斋', '千禾'],
    lines: [
      ['生抽', 'Light Soy Sauce'],
      ['老抽', 'Dark Soy Sauce'],
      ['味极鲜酱油', 'Premium Soy Sauce', { mult: 1.3 }],
      ['薄盐酱油', 'Less-salt Soy Sauce', { mult: 1.3 }],
      ['蒸鱼豉油', 'Seasoned Soy for Seafood', { mult: 1.5 }],
      ['头道酱油', 'First-draw Soy Sauce', { mult: 1.4 }],
      ['零添加酱油', 'Zero-additive Soy Sauce', { mult: 1.6 }],
      ['草菇老抽', 'Mushroom Dark Soy Sauce'],
    ],
    variants: [PLAIN, ['特级', 'Premium Grade'], ['一品', 'First Grade'], ['金标', 'Gold Label'], ['有机', 'Organic']],
    sizes: [
      ['500ml', 'bottle', 'CS12', 700],
      ['760ml', 'bottle', 'CS12', 1000],
      ['1.28L', 'bottle', 'CS6', 1400],
      ['1.9L', 'bottle', 'CS6', 1900],
    ],
    shelf: 720,
  },
  {
    cat: 'COND-VINEGAR',
    brands: ['恒顺', '东湖', '海天', '千禾', '厨邦'],
    lines: [
      ['香醋', 'Aromatic Vinegar'],
      ['陈醋', 'Mature Vinegar'],
      ['米醋', 'Rice Vinegar'],
      ['白醋', 'White Vinegar'],
      ['苹果醋', 'Apple Cider Vinegar', { mult: 1.3 }],
      ['饺子醋', 'Dumpling Vinegar'],
    ],
    variants: [PLAIN, ['三年陈', '3-year Aged'], ['五年陈', '5-year Aged'], ['零添加', 'Zero-additive']],
    sizes: [
      ['420ml', 'bottle', 'CS12', 450],
      ['500ml', 'bottle', 'CS12', 550],
      ['800ml', 'bottle', 'CS12', 800],
      ['2.5L', 'jug', 'CS6', 1800],
    ],
    shelf: 1095,
  },
  {
    cat: 'COND-SAUCE',
    brands: ['海天', '李锦记', '老干妈', '厨邦', '王致和', '致美斋'],
    lines: [
      ['蚝油', 'Oyster Sauce'],
      ['豆瓣酱', 'Chili Bean Paste'],
      ['黄豆酱', 'Soybean Paste'],
      ['辣椒酱', 'Chili Sauce'],
      ['海鲜酱', 'Hoisin Sauce'],
      ['叉烧酱', 'Char Siu Sauce', { mult: 1.2 }],
      ['柱侯酱', 'Chu Hou Paste'],
      ['腐乳', 'Fermented Bean Curd'],
      ['番茄酱', 'Ketchup'],
      ['沙茶酱', 'Shacha Sauce'],
    ],
    variants: [PLAIN, ['特级', 'Premium'], ['香辣', 'Spicy'], ['减盐', 'Reduced Salt']],
    sizes: [
      ['230g', 'bottle', 'CS24', 600],
      ['510g', 'bottle', 'CS12', 1000],
      ['700g', 'bottle', 'CS12', 1100],
      ['2.27kg', 'jug', 'CS6', 3800],
    ],
    shelf: 540,
  },
  {
    cat: 'COND-SEASON',
    brands: ['太太乐', '莲花', '中盐', '王致和', '太古', '海天'],
    lines: [
      ['鸡精', 'Chicken Bouillon Powder'],
      ['味精', 'MSG'],
      ['鸡粉', 'Chicken Powder'],
      ['白砂糖', 'White Sugar', { mult: 0.5 }],
      ['冰糖', 'Rock Sugar', { mult: 0.7 }],
      ['五香粉', 'Five-spice Powder', { mult: 1.5 }],
      ['花椒粉', 'Sichuan Pepper Powder', { mult: 1.8 }],
      ['加碘精制盐', 'Iodized Refined Salt', { mult: 0.25, tax: LOW_VAT }],
      ['海盐', 'Sea Salt', { mult: 0.35, tax: LOW_VAT }],
    ],
    variants: [PLAIN, ['精选', 'Select'], ['特鲜', 'Extra Fresh']],
    sizes: [
      ['100g', 'bag', 'CS50', 450],
      ['200g', 'bag', 'CS40', 800],
      ['454g', 'bag', 'CS24', 1400],
      ['1kg', 'bag', 'CS12', 2600],
    ],
    shelf: 540,
  },
  {
    cat: 'OIL',
    brands: ['金龙鱼', '鲁花', '福临门'],
    lines: [
      ['食用调和油', 'Blended Oil'],
      ['大豆油', 'Soybean Oil', { mult: 0.85 }],
      ['花生油', 'Peanut Oil', { mult: 2.2 }],
      ['菜籽油', 'Rapeseed Oil', { mult: 1.1 }],
      ['玉米油', 'Corn Oil', { mult: 1.3 }],
      ['葵花籽油', 'Sunflower Oil', { mult: 1.4 }],
      ['稻米油', 'Rice Bran Oil', { mult: 1.4 }],
      ['山茶油', 'Camellia Oil', { mult: 4 }],
    ],
    variants: [PLAIN, ['压榨一级', 'Pressed Grade 1'], ['非转基因', 'Non-GMO'], ['浓香', 'Fragrant']],
    sizes: [
      ['5L', 'jug', 'CS4', 6300],
      ['1.8L', 'bottle', 'CS6', 2500],
      ['900ml', 'bottle', 'CS12', 1400],
      ['400ml', 'bottle', 'CS24', 700],
    ],
    shelf: 540,
    tax: LOW_VAT,
  },
  {
    cat: 'HH-LAUNDRY',
    brands: ['蓝月亮', '立白', '超能', '雕牌', '白猫'],
    lines: [
      ['洗衣液', 'Laundry Liquid'],
      ['洗衣粉', 'Washing Powder', { unit: 'bag', mult: 0.6 }],
      ['洗衣凝珠', 'Laundry Pods', { unit: 'box', mult: 1.8 }],
      ['皂粉', 'Soap Powder', { unit: 'bag', mult: 0.8 }],
      ['柔顺剂', 'Fabric Softener'],
      ['内衣洗衣液', 'Underwear Wash', { mult: 1.6 }],
    ],
    variants: [PLAIN, ['薰衣草香', 'Lavender'], ['深层洁净', 'Deep Clean'], ['除菌', 'Antibacterial'], ['亮白', 'Brightening']],
    sizes: [
      ['500g', 'bottle', 'CS12', 900],
      ['1kg', 'bottle', 'CS12', 1500],
      ['2kg', 'bottle', 'CS6', 2600],
      ['3kg', 'bottle', 'CS4', 4200],
    ],
    shelf: 1095,
  },
  {
    cat: 'HH-PAPER',
    brands: ['心相印', '维达', '清风', '洁柔'],
    lines: [['卷纸', 'Toilet Rolls']],
    variants: [PLAIN, ['原木', 'Virgin Pulp'], ['无香', 'Unscented'], ['竹浆', 'Bamboo Pulp'], ['加厚', 'Extra Thick']],
    sizes: [
      [['3层 140g×10卷', '3-ply 140g×10 rolls'], 'pack', 'CS6', 2600],
      [['4层 180g×10卷', '4-ply 180g×10 rolls'], 'pack', 'CS6', 3300],
      [['3层 120g×27卷', '3-ply 120g×27 rolls'], 'pack', 'CS3', 5600],
      [['4层 200g×12卷', '4-ply 200g×12 rolls'], 'pack', 'CS6', 3900],
    ],
    shelf: null,
  },
  {
    cat: 'HH-PAPER',
    brands: ['心相印', '维达', '清风', '洁柔'],
    lines: [
      ['抽纸', 'Facial Tissue'],
      ['软抽纸', 'Soft-pack Facial Tissue'],
      ['盒装面巾纸', 'Boxed Facial Tissue', { unit: 'box', mult: 1.3 }],
      ['乳霜纸', 'Lotion Tissue', { mult: 1.8 }],
    ],
    variants: [PLAIN, ['原木', 'Virgin Pulp'], ['无香', 'Unscented'], ['婴儿', 'Baby'], ['加厚', 'Extra Thick']],
    sizes: [
      [['3层 120抽', '3-ply 120 sheets'], 'packet', 'PK6/CS36', 320],
      [['3层 100抽', '3-ply 100 sheets'], 'packet', 'PK3/CS24', 280],
      [['2层 150抽', '2-ply 150 sheets'], 'packet', 'PK10/CS40', 300],
      [['4层 80抽', '4-ply 80 sheets'], 'packet', 'PK5/CS40', 330],
    ],
    shelf: null,
  },
  {
    cat: 'HH-PERSONAL',
    brands: ['六神', '拉芳', '蜂花', '云南白药', '滋源'],
    lines: [
      ['洗发水', 'Shampoo'],
      ['护发素', 'Conditioner'],
      ['沐浴露', 'Body Wash'],
      ['洗手液', 'Hand Wash', { mult: 0.7 }],
      ['花露水', 'Floral Water', { mult: 1.2 }],
    ],
    variants: [PLAIN, ['去屑', 'Anti-dandruff'], ['滋润', 'Moisturising'], ['清爽控油', 'Oil Control'], ['薄荷', 'Mint']],
    sizes: [
      ['200ml', 'bottle', 'CS24', 1000],
      ['400ml', 'bottle', 'CS12', 1800],
      ['750ml', 'bottle', 'CS12', 2600],
      ['1L', 'bottle', 'CS6', 3200],
    ],
    shelf: 1095,
  },
  {
    cat: 'HH-PERSONAL',
    brands: ['云南白药', '六神', '拉芳', '蜂花'],
    lines: [
      ['牙膏', 'Toothpaste', { unit: 'tube' }],
      ['香皂', 'Soap', { unit: 'bar', mult: 0.3 }],
    ],
    variants: [['留兰香型', 'Spearmint'], ['薄荷', 'Mint'], ['茉莉花香', 'Jasmine'], ['清新', 'Fresh'], ['草本', 'Herbal']],
    sizes: [
      ['90g', 'tube', 'CS48', 1500],
      ['120g', 'tube', 'CS48', 2000],
      ['180g', 'tube', 'CS36', 2600],
    ],
    shelf: 1095,
  },
  {
    cat: 'HH-CLEAN',
    brands: ['立白', '白猫', '蓝月亮', '超能'],
    lines: [
      ['洗洁精', 'Dishwashing Liquid'],
      ['消毒液', 'Disinfectant'],
      ['洁厕液', 'Toilet Cleaner'],
      ['地板清洁剂', 'Floor Cleaner', { mult: 1.2 }],
      ['油污净', 'Kitchen Degreaser', { mult: 1.3 }],
      ['玻璃水', 'Glass Cleaner'],
    ],
    variants: [PLAIN, ['柠檬香', 'Lemon'], ['茶籽', 'Tea Seed'], ['除菌', 'Antibacterial']],
    sizes: [
      ['500g', 'bottle', 'CS24', 600],
      ['1.1kg', 'bottle', 'CS12', 950],
      ['1.5kg', 'bottle', 'CS8', 1300],
      ['5kg', 'jug', 'CS4', 3800],
    ],
    shelf: 1095,
  },
  {
    cat: 'HH-CLEAN',
    brands: ['妙洁'],
    lines: [
      ['保鲜膜', 'Cling Film'],
      ['保鲜袋', 'Food Bags'],
      ['垃圾袋', 'Bin Bags', { mult: 0.5 }],
      ['锡纸', 'Foil', { mult: 1.3 }],
    ],
    variants: [PLAIN, ['加厚', 'Heavy Duty'], ['点断式', 'Perforated']],
    sizes: [
      [['30cm×20m', '30cm×20m'], 'roll', 'CS24', 600],
      [['30cm×50m', '30cm×50m'], 'roll', 'CS24', 1100],
      [['45cm×30m', '45cm×30m'], 'roll', 'CS20', 1300],
    ],
    shelf: null,
  },
  {
    cat: 'ALC-BEER',
    brands: ['青岛啤酒', '雪花', '珠江啤酒', '燕京', '哈尔滨'],
    lines: [
      ['经典啤酒', 'Classic Lager'],
      ['纯生啤酒', 'Draft Beer', { mult: 1.2 }],
      ['清爽啤酒', 'Light Lager', { mult: 0.8 }],
      ['小麦白啤', 'Wheat Beer', { mult: 1.5 }],
      ['黑啤', 'Dark Beer', { mult: 1.4 }],
      ['精酿啤酒', 'Craft Beer', { mult: 2 }],
      ['冰啤', 'Ice Beer'],
    ],
    variants: [PLAIN, ['8度', '8°P'], ['10度', '10°P'], ['11度', '11°P'], ['12度', '12°P']],
    sizes: [
      ['500ml', 'can', 'CS12', 420],
      ['330ml', 'can', 'PK6/CS24', 300],
      [['500ml 瓶装', '500ml bottle'], 'bottle', 'CS12', 380],
      ['1L', 'can', 'CS12', 900],
      ['640ml', 'bottle', 'CS12', 500],
    ],
    shelf: 365,
  },
  {
    cat: 'ALC-SPIRIT',
    brands: ['牛栏山', '红星', '江小白', '劲牌'],
    lines: [
      ['二锅头', 'Erguotou'],
      ['陈酿', 'Aged Baijiu', { mult: 1.2 }],
      ['清香型白酒', 'Light-aroma Baijiu', { mult: 1.3 }],
      ['浓香型白酒', 'Strong-aroma Baijiu', { mult: 1.5 }],
      ['高粱酒', 'Sorghum Liquor'],
      ['保健酒', 'Tonic Liquor', { mult: 1.1 }],
    ],
    variants: [['42度', '42% ABV'], ['52度', '52% ABV'], ['56度', '56% ABV'], ['38度', '38% ABV'], ['45度', '45% ABV']],
    sizes: [
      ['100ml', 'bottle', 'CS24', 800],
      ['250ml', 'bottle', 'CS24', 1200],
      ['500ml', 'bottle', 'CS12', 2000],
      ['2L', 'jug', 'CS6', 6000],
    ],
    shelf: null,
  },
  {
    cat: 'ALC-SPIRIT',
    brands: ['RIO'],
    lines: [
      ['微醺鸡尾酒', 'Light Cocktail'],
      ['强爽鸡尾酒', 'Strong Cocktail', { mult: 1.2 }],
      ['清爽鸡尾酒', 'Classic Cocktail'],
    ],
    variants: [['白桃味', 'White Peach'], ['乳酸菌味', 'Lactobacillus'], ['葡萄味', 'Grape'], ['柠檬味', 'Lemon'], ['西柚味', 'Grapefruit'], ['玫瑰荔枝味', 'Rose Lychee']],
    sizes: [
      ['330ml', 'can', 'CS24', 600],
      ['500ml', 'can', 'CS12', 900],
      ['275ml', 'bottle', 'CS24', 700],
    ],
    shelf: 540,
    lot: true,
  },
];

/** Appended to generated names once every brand × line × variant × size has been used. */
export const EDITIONS: readonly Text[] = [
  ['促销装', 'Promo Pack'],
  ['家庭装', 'Family Pack'],
  ['量贩装', 'Value Pack'],
  ['新包装', 'New Look'],
  ['限定版', 'Limited Edition'],
  ['电商专供', 'Online Exclusive'],
  ['餐饮专供', 'Catering Pack'],
  ['礼盒装', 'Gift Box'],
];

// ---------------------------------------------------------------------------------------------
// Customers: one city (广州), its districts, four channels.

export type Channel = 'supermarket' | 'convenience' | 'restaurant' | 'wholesaler';

export interface CustomerDef {
  name: string;
  channel: Channel;
  key: boolean;
  region: string;
}

function c(name: string, channel: Channel, key: boolean, region: string): CustomerDef {
  return { name, channel, key, region };
}

export const CITY = '广州';

export const CUSTOMERS: readonly CustomerDef[] = [
  // 商超 supermarkets: the key accounts are two local chains
  c('佳润生活超市（天河店）', 'supermarket', true, '天河区'),
  c('佳润生活超市（海珠店）', 'supermarket', true, '海珠区'),
  c('佳润生活超市（番禺店）', 'supermarket', true, '番禺区'),
  c('百汇家超市（越秀店）', 'supermarket', true, '越秀区'),
  c('百汇家超市（白云店）', 'supermarket', true, '白云区'),
  c('百汇家超市（黄埔店）', 'supermarket', true, '黄埔区'),
  c('福满门超市（荔湾店）', 'supermarket', false, '荔湾区'),
  c('鸿福生活超市（花都店）', 'supermarket', false, '花都区'),
  c('利民超市（增城店）', 'supermarket', false, '增城区'),
  c('万佳福超市（南沙店）', 'supermarket', false, '南沙区'),
  c('家乐汇超市（从化店）', 'supermarket', false, '从化区'),
  c('惠邻生鲜超市（客村店）', 'supermarket', false, '海珠区'),
  // 便利店 convenience stores
  c('邻里优选便利连锁（总部）', 'convenience', true, '天河区'),
  c('邻里优选便利店（体育西店）', 'convenience', false, '天河区'),
  c('邻里优选便利店（珠江新城店）', 'convenience', false, '天河区'),
  c('邻里优选便利店（江南西店）', 'convenience', false, '海珠区'),
  c('24鲜便利店（北京路店）', 'convenience', false, '越秀区'),
  c('24鲜便利店（东山口店）', 'convenience', false, '越秀区'),
  c('小满便利店（同和店）', 'convenience', false, '白云区'),
  c('小满便利店（京溪店）', 'convenience', false, '白云区'),
  c('家家乐便利店（芳村店）', 'convenience', false, '荔湾区'),
  c('好邻家便利店（市桥店）', 'convenience', false, '番禺区'),
  c('好邻家便利店（大学城店）', 'convenience', false, '番禺区'),
  c('喜多多便利店（科学城店）', 'convenience', false, '黄埔区'),
  // 餐饮 restaurants
  c('蜀香川菜馆（岗顶店）', 'restaurant', false, '天河区'),
  c('兰州牛肉拉面馆（客村店）', 'restaurant', false, '海珠区'),
  c('潮记牛肉火锅（江南西店）', 'restaurant', false, '海珠区'),
  c('港湾茶餐厅（五山店）', 'restaurant', false, '天河区'),
  c('湘味小厨（石牌店）', 'restaurant', false, '天河区'),
  c('东北人家饺子馆（同德围店）', 'restaurant', false, '白云区'),
  c('阿婆牛杂（上下九店）', 'restaurant', false, '荔湾区'),
  c('沙县小吃（棠下店）', 'restaurant', false, '天河区'),
  c('海记大排档（南沙店）', 'restaurant', false, '南沙区'),
  c('陶园酒家（荔湾店）', 'restaurant', true, '荔湾区'),
  // 批发 wholesalers
  c('一德路德昌干货副食批发行', 'wholesaler', true, '越秀区'),
  c('江高永盛食品批发部', 'wholesaler', false, '白云区'),
  c('市桥鸿发副食批发部', 'wholesaler', false, '番禺区'),
  c('新华联兴粮油批发部', 'wholesaler', false, '花都区'),
  c('荔城兴旺食品批发部', 'wholesaler', false, '增城区'),
  c('街口利丰副食批发部', 'wholesaler', false, '从化区'),
];

// ---------------------------------------------------------------------------------------------
// Name pools for contacts (common surnames in Guangdong first).

export const SURNAMES: readonly string[] = [
  '陈', '李', '黄', '张', '梁', '林', '刘', '吴', '何', '郑', '罗', '周', '杨', '谢', '冯',
  '邓', '曾', '许', '钟', '卢', '叶', '苏', '潘', '蔡', '王', '赵', '莫', '余', '朱', '郭',
];

export const GIVEN_NAMES: readonly string[] = [
  '志明', '嘉欣', '俊杰', '晓燕', '国强', '丽华', '建华', '文斌', '家豪', '美玲', '少芬', '伟东',
  '锦荣', '玉梅', '永康', '淑贞', '子健', '慧敏', '海燕', '振宇', '秋萍', '汉华', '伟', '芳',
  '静', '强', '敏', '杰', '婷', '峰', '军', '洁', '颖', '斌', '琳', '浩然', '梓轩', '思敏',
];

export const MOBILE_PREFIXES: readonly string[] = [
  '130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152',
  '153', '155', '156', '157', '158', '159', '177', '180', '182', '183', '185', '186', '187',
  '188', '189', '199',
];
