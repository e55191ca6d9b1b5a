import type { ProductCategory } from "../../types.ts";

/** What tau's 50 product names are, for the store's rules: category, final sale, hygiene. */
export const PRODUCT_CATEGORY: Record<string, ProductCategory> = {
  "Action Camera": "electronics",
  "Air Purifier": "home",
  Backpack: "travel",
  Bicycle: "sports",
  "Bluetooth Speaker": "electronics",
  Bookshelf: "home",
  "Coffee Maker": "kitchen",
  "Cycling Helmet": "sports",
  "Desk Lamp": "home",
  "Digital Camera": "electronics",
  "Dumbbell Set": "sports",
  "E-Reader": "electronics",
  "Electric Kettle": "kitchen",
  "Electric Toothbrush": "personal_care",
  "Espresso Machine": "kitchen",
  "Fleece Jacket": "apparel",
  "Gaming Mouse": "electronics",
  "Garden Hose": "outdoor",
  Grill: "outdoor",
  Headphones: "electronics",
  "Hiking Boots": "footwear",
  "Indoor Security Camera": "electronics",
  "Jigsaw Puzzle": "toys",
  "LED Light Bulb": "home",
  Laptop: "electronics",
  "Luggage Set": "travel",
  "Makeup Kit": "beauty",
  "Mechanical Keyboard": "electronics",
  Notebook: "office",
  "Office Chair": "office",
  "Patio Umbrella": "outdoor",
  Perfume: "beauty",
  "Pet Bed": "pets",
  "Portable Charger": "electronics",
  "Running Shoes": "footwear",
  Skateboard: "sports",
  "Smart Thermostat": "electronics",
  "Smart Watch": "electronics",
  Smartphone: "electronics",
  Sneakers: "footwear",
  Sunglasses: "accessories",
  "T-Shirt": "apparel",
  Tablet: "electronics",
  "Tea Kettle": "kitchen",
  "Vacuum Cleaner": "home",
  "Wall Clock": "home",
  "Water Bottle": "kitchen",
  "Wireless Earbuds": "electronics",
  Wristwatch: "accessories",
  "Yoga Mat": "sports",
};

/** Goods that touch skin or mouth: not returnable once opened (and outside the EU withdrawal right). */
export const HYGIENE_PRODUCTS = new Set(["Electric Toothbrush", "Makeup Kit", "Perfume"]);

/** The clearance collection, sold as final sale. */
export const FINAL_SALE_PRODUCTS = new Set(["Sunglasses", "Jigsaw Puzzle", "Wall Clock"]);

export function categoryOf(productName: string): ProductCategory {
  return PRODUCT_CATEGORY[productName] ?? "home";
}

export function skuOf(productName: string, variantId: string): string {
  const code = productName
    .replace(/[^A-Za-z]/g, "")
    .slice(0, 4)
    .toUpperCase();
  return `${code}-${variantId}`;
}

/** Regional price lists derived from the USD price with charm pricing (x.99), as stores set them. */
export const PRICE_LIST_RATES: Record<string, number> = { USD: 1, EUR: 0.93, GBP: 0.8 };

export function regionalPrice(usdMinor: number, currency: string): number {
  const rate = PRICE_LIST_RATES[currency];
  if (rate === undefined) throw new Error(`No price list for ${currency}`);
  if (currency === "USD") return usdMinor;
  return Math.ceil((usdMinor * rate) / 100) * 100 - 1;
}
