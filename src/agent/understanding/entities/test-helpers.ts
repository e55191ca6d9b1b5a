import type { CatalogTerms, Entity, EntityContext, EntityType } from "../types.ts";
import { type Analysis, analyse } from "./analysis.ts";

/** Shared by the entity tests: a fixed "today" (Wednesday 11 March 2026) and a slice of the reference catalog. */

const TODAY = "2026-03-11";

export function ctx(over: Partial<EntityContext> = {}): EntityContext {
  return { language: "en", today: TODAY, ...over };
}

export function run(
  extract: (a: Analysis) => Entity[],
  text: string,
  over: Partial<EntityContext> = {},
): Entity[] {
  return extract(analyse(text, ctx(over)));
}

type ValueOf<T extends EntityType> = Extract<Entity, { type: T }>["value"];

export function valuesOf<T extends EntityType>(entities: Entity[], type: T): Array<ValueOf<T>> {
  const out: Array<ValueOf<T>> = [];
  for (const e of entities) if (e.type === type) out.push(e.value as ValueOf<T>);
  return out;
}

/** Every entity's span is what the text says at that place. */
export function spansHold(text: string, entities: Entity[]): boolean {
  return entities.every(
    (e) => e.start >= 0 && e.end <= text.length && e.start < e.end && text.slice(e.start, e.end) === e.text,
  );
}

export const CATALOG: CatalogTerms = {
  products: [
    {
      id: "1656367028",
      name: "Mechanical Keyboard",
      options: {
        "switch type": ["clicky", "linear", "tactile"],
        backlight: ["RGB", "none", "white"],
        size: ["full size", "80%", "60%"],
      },
    },
    {
      id: "1075968781",
      name: "Electric Kettle",
      options: {
        capacity: ["1L", "1.5L", "2L"],
        material: ["glass", "plastic", "stainless steel"],
        color: ["white", "silver", "black"],
      },
    },
    {
      id: "9832717871",
      name: "Tea Kettle",
      options: {
        material: ["glass", "ceramic", "stainless steel"],
        capacity: ["1 liter", "2 liters"],
        "stovetop compatibility": ["gas", "induction", "electric"],
      },
    },
    {
      id: "9523456873",
      name: "T-Shirt",
      options: {
        color: ["blue", "red", "black", "purple"],
        size: ["S", "M", "L", "XL", "XXL"],
        material: ["cotton", "polyester"],
        style: ["crew neck", "v-neck"],
      },
    },
    {
      id: "4896585277",
      name: "Smart Thermostat",
      options: {
        compatibility: ["Google Assistant", "Amazon Alexa", "Apple HomeKit"],
        color: ["black", "white", "stainless steel"],
      },
    },
    {
      id: "8310926033",
      name: "Water Bottle",
      options: {
        capacity: ["500ml", "750ml", "1000ml"],
        material: ["glass", "plastic", "stainless steel"],
        color: ["blue", "green", "red", "black"],
      },
    },
    {
      id: "6066914160",
      name: "Wristwatch",
      options: {
        "strap material": ["leather", "metal", "silicone"],
        "dial color": ["black", "blue", "white"],
      },
    },
    {
      id: "6945232052",
      name: "Smart Watch",
      options: {
        color: ["black", "silver", "gold"],
        "band material": ["leather", "metal", "silicone"],
        display: ["AMOLED", "LCD"],
      },
    },
    {
      id: "4760268021",
      name: "Laptop",
      options: {
        "screen size": ["13-inch", "15-inch"],
        processor: ["i5", "i7", "i9"],
        ram: ["8GB", "16GB", "32GB"],
        storage: ["256GB SSD", "512GB SSD", "1TB SSD"],
        color: ["black", "silver", "space grey"],
      },
    },
    {
      id: "7233192239",
      name: "Dumbbell Set",
      options: {
        "weight range": ["5-25 lbs", "30-50 lbs"],
        material: ["iron", "rubber"],
        "set type": ["adjustable", "fixed"],
      },
    },
    {
      id: "1808611083",
      name: "Jigsaw Puzzle",
      options: {
        pieces: ["500", "1000", "1500"],
        theme: ["animals", "art"],
        "difficulty level": ["beginner", "expert"],
      },
    },
    {
      id: "3377618313",
      name: "Action Camera",
      options: { resolution: ["4K", "1080p"], waterproof: ["yes", "no"], color: ["black", "silver"] },
    },
    {
      id: "8024098596",
      name: "Tablet",
      options: { "screen size": ["10-inch", "8-inch"], storage: ["64GB", "128GB"], color: ["black", "gold"] },
    },
    {
      id: "6992792935",
      name: "Headphones",
      options: {
        type: ["over-ear", "on-ear", "in-ear"],
        connectivity: ["wired", "wireless"],
        color: ["black", "red", "blue"],
      },
    },
  ],
};
