import type { Region } from "../../types.ts";
import type { Rng } from "./rng.ts";

/** Seed material per market: how people there are named, addressed, phoned and shipped to. */
export interface Market {
  region: Region;
  currency: string;
  language: string;
  country: string;
  emailDomains: string[];
  firstNames: string[];
  lastNames: string[];
  streets: string[];
  cities: Array<{ city: string; state: string; postal: (rng: Rng) => string }>;
  street: (rng: Rng, name: string) => string;
  line2: (rng: Rng) => string;
  phone: (rng: Rng) => string;
  carriers: string[];
  warehouse: string;
}

const range = (lo: number, hi: number, width: number) => (rng: Rng) =>
  String(rng.int(lo, hi)).padStart(width, "0");
const letters = (rng: Rng, n: number) =>
  Array.from({ length: n }, () => rng.pick([..."ABDEFGHJLNPQRSTUWXYZ"])).join("");

export const MARKETS: Record<Region, Market> = {
  US: {
    region: "US",
    currency: "USD",
    language: "en-US",
    country: "USA",
    emailDomains: ["example.com"],
    firstNames: ["Avery", "Jordan", "Maya", "Elijah", "Harper", "Mateo", "Chloe", "Isaiah", "Nora", "Caleb"],
    lastNames: [
      "Bennett",
      "Foster",
      "Ramirez",
      "Coleman",
      "Hughes",
      "Patel",
      "Nguyen",
      "Brooks",
      "Sanders",
      "Kim",
    ],
    streets: [
      "Maple Avenue",
      "Oak Street",
      "Lakeview Drive",
      "Cedar Lane",
      "Washington Street",
      "Park Avenue",
    ],
    cities: [
      { city: "New York", state: "NY", postal: range(10001, 10282, 5) },
      { city: "Chicago", state: "IL", postal: range(60601, 60661, 5) },
      { city: "Austin", state: "TX", postal: range(78701, 78759, 5) },
      { city: "Seattle", state: "WA", postal: range(98101, 98199, 5) },
      { city: "Denver", state: "CO", postal: range(80201, 80239, 5) },
    ],
    street: (rng, name) => `${rng.int(10, 9899)} ${name}`,
    line2: (rng) => (rng.chance(0.4) ? `Apt ${rng.int(1, 40)}${rng.pick(["A", "B", "C", ""])}` : ""),
    phone: (rng) => `+1${rng.pick(US_AREA_CODES)}55501${rng.digits(2)}`,
    carriers: ["FedEx", "UPS", "USPS"],
    warehouse: "Columbus, OH",
  },
  GB: {
    region: "GB",
    currency: "GBP",
    language: "en-GB",
    country: "United Kingdom",
    emailDomains: ["example.co.uk", "example.com"],
    firstNames: [
      "Oliver",
      "Amelia",
      "Harry",
      "Isla",
      "George",
      "Ava",
      "Jack",
      "Poppy",
      "Charlie",
      "Freya",
      "Alfie",
      "Imogen",
    ],
    lastNames: [
      "Smith",
      "Taylor",
      "Davies",
      "Evans",
      "Wilson",
      "Thomas",
      "Roberts",
      "Walker",
      "Wright",
      "Thompson",
      "Hughes",
      "Clarke",
    ],
    streets: [
      "High Street",
      "Station Road",
      "Church Lane",
      "Victoria Road",
      "Green Lane",
      "Manor Road",
      "Park Road",
    ],
    cities: [
      {
        city: "London",
        state: "",
        postal: (rng) =>
          `${rng.pick(["SW1A", "EC1A", "N1", "SE1", "W1D", "E2"])} ${rng.int(1, 9)}${letters(rng, 2)}`,
      },
      {
        city: "Manchester",
        state: "",
        postal: (rng) => `M${rng.int(1, 20)} ${rng.int(1, 9)}${letters(rng, 2)}`,
      },
      {
        city: "Birmingham",
        state: "",
        postal: (rng) => `B${rng.int(1, 40)} ${rng.int(1, 9)}${letters(rng, 2)}`,
      },
      { city: "Leeds", state: "", postal: (rng) => `LS${rng.int(1, 28)} ${rng.int(1, 9)}${letters(rng, 2)}` },
      {
        city: "Glasgow",
        state: "",
        postal: (rng) => `G${rng.int(1, 80)} ${rng.int(1, 9)}${letters(rng, 2)}`,
      },
      {
        city: "Bristol",
        state: "",
        postal: (rng) => `BS${rng.int(1, 16)} ${rng.int(1, 9)}${letters(rng, 2)}`,
      },
    ],
    street: (rng, name) => `${rng.int(1, 220)} ${name}`,
    line2: (rng) => (rng.chance(0.3) ? `Flat ${rng.int(1, 30)}` : ""),
    // Ofcom's range reserved for fiction: 07700 900000-900999.
    phone: (rng) => `+447700900${rng.digits(3)}`,
    carriers: ["Royal Mail", "DPD", "Evri"],
    warehouse: "Milton Keynes",
  },
  DE: {
    region: "DE",
    currency: "EUR",
    language: "de-DE",
    country: "Germany",
    emailDomains: ["example.de", "example.com"],
    firstNames: [
      "Lukas",
      "Anna",
      "Jonas",
      "Lea",
      "Felix",
      "Marie",
      "Paul",
      "Sophie",
      "Leon",
      "Emma",
      "Jürgen",
      "Jana",
    ],
    lastNames: [
      "Müller",
      "Schmidt",
      "Schneider",
      "Fischer",
      "Weber",
      "Meyer",
      "Wagner",
      "Becker",
      "Schulz",
      "Hoffmann",
      "Köhler",
      "Schäfer",
    ],
    streets: [
      "Hauptstraße",
      "Schulstraße",
      "Gartenstraße",
      "Bahnhofstraße",
      "Lindenweg",
      "Bergstraße",
      "Goethestraße",
    ],
    cities: [
      { city: "Berlin", state: "", postal: range(10115, 14199, 5) },
      { city: "München", state: "", postal: range(80331, 81929, 5) },
      { city: "Hamburg", state: "", postal: range(20095, 22769, 5) },
      { city: "Köln", state: "", postal: range(50667, 51149, 5) },
      { city: "Frankfurt am Main", state: "", postal: range(60306, 60599, 5) },
      { city: "Leipzig", state: "", postal: range(4103, 4357, 5) },
    ],
    street: (rng, name) => `${name} ${rng.int(1, 140)}`,
    line2: (rng) => (rng.chance(0.2) ? `${rng.int(1, 5)}. OG` : ""),
    phone: (rng) => `+49${rng.pick(["151", "152", "157", "160", "170", "176"])}${rng.digits(8)}`,
    carriers: ["DHL", "Hermes", "DPD"],
    warehouse: "Venlo",
  },
  FR: {
    region: "FR",
    currency: "EUR",
    language: "fr-FR",
    country: "France",
    emailDomains: ["example.fr", "example.com"],
    firstNames: [
      "Gabriel",
      "Louise",
      "Raphaël",
      "Jade",
      "Léo",
      "Chloé",
      "Hugo",
      "Manon",
      "Arthur",
      "Camille",
      "Zoé",
      "Théo",
    ],
    lastNames: [
      "Martin",
      "Bernard",
      "Dubois",
      "Thomas",
      "Robert",
      "Richard",
      "Petit",
      "Durand",
      "Leroy",
      "Moreau",
      "Lefèvre",
      "Girard",
    ],
    streets: [
      "rue de la République",
      "avenue Jean Jaurès",
      "rue Victor Hugo",
      "boulevard Voltaire",
      "rue des Lilas",
      "rue Pasteur",
    ],
    cities: [
      { city: "Paris", state: "", postal: range(75001, 75020, 5) },
      { city: "Lyon", state: "", postal: range(69001, 69009, 5) },
      { city: "Marseille", state: "", postal: range(13001, 13016, 5) },
      {
        city: "Toulouse",
        state: "",
        postal: (rng) => rng.pick(["31000", "31100", "31200", "31300", "31400", "31500"]),
      },
      { city: "Nantes", state: "", postal: (rng) => rng.pick(["44000", "44100", "44200", "44300"]) },
      {
        city: "Bordeaux",
        state: "",
        postal: (rng) => rng.pick(["33000", "33100", "33200", "33300", "33800"]),
      },
    ],
    street: (rng, name) => `${rng.int(1, 180)} ${name}`,
    line2: (rng) => (rng.chance(0.3) ? `Bâtiment ${rng.pick(["A", "B", "C"])}, ${rng.int(1, 6)}e étage` : ""),
    // ARCEP keeps 06 39 98 xx xx for fiction.
    phone: (rng) => `+3363998${rng.digits(4)}`,
    carriers: ["Colissimo", "Chronopost", "DPD"],
    warehouse: "Venlo",
  },
  ES: {
    region: "ES",
    currency: "EUR",
    language: "es-ES",
    country: "Spain",
    emailDomains: ["example.es", "example.com"],
    firstNames: [
      "Hugo",
      "Lucía",
      "Martín",
      "Sofía",
      "Pablo",
      "Martina",
      "Alejandro",
      "María",
      "Álvaro",
      "Paula",
      "Daniel",
      "Carmen",
    ],
    lastNames: [
      "García",
      "Rodríguez",
      "González",
      "Fernández",
      "López",
      "Martínez",
      "Sánchez",
      "Pérez",
      "Gómez",
      "Vázquez",
      "Jiménez",
      "Ruiz",
    ],
    streets: [
      "Calle Mayor",
      "Calle de Alcalá",
      "Avenida de la Constitución",
      "Calle Real",
      "Paseo de Gracia",
      "Calle del Sol",
    ],
    cities: [
      { city: "Madrid", state: "Madrid", postal: range(28001, 28055, 5) },
      { city: "Barcelona", state: "Barcelona", postal: range(8001, 8042, 5) },
      { city: "Valencia", state: "Valencia", postal: range(46001, 46026, 5) },
      { city: "Sevilla", state: "Sevilla", postal: range(41001, 41020, 5) },
      { city: "Zaragoza", state: "Zaragoza", postal: range(50001, 50021, 5) },
      { city: "Bilbao", state: "Bizkaia", postal: range(48001, 48015, 5) },
    ],
    street: (rng, name) => `${name}, ${rng.int(1, 150)}`,
    line2: (rng) =>
      rng.chance(0.6) ? `${rng.int(1, 8)}º ${rng.pick(["A", "B", "C", "D", "izquierda", "derecha"])}` : "",
    phone: (rng) => `+34${rng.pick(["6", "7"])}${rng.digits(8)}`,
    carriers: ["Correos", "SEUR", "MRW"],
    warehouse: "Venlo",
  },
  IT: {
    region: "IT",
    currency: "EUR",
    language: "it-IT",
    country: "Italy",
    emailDomains: ["example.it", "example.com"],
    firstNames: [
      "Leonardo",
      "Sofia",
      "Francesco",
      "Giulia",
      "Alessandro",
      "Aurora",
      "Lorenzo",
      "Alice",
      "Mattia",
      "Ginevra",
      "Niccolò",
      "Chiara",
    ],
    lastNames: [
      "Rossi",
      "Russo",
      "Ferrari",
      "Esposito",
      "Bianchi",
      "Romano",
      "Colombo",
      "Ricci",
      "Marino",
      "Greco",
      "Bruno",
      "De Luca",
    ],
    streets: [
      "Via Roma",
      "Via Garibaldi",
      "Corso Vittorio Emanuele",
      "Via Mazzini",
      "Via Dante",
      "Piazza della Libertà",
    ],
    cities: [
      { city: "Roma", state: "RM", postal: range(118, 199, 5) },
      { city: "Milano", state: "MI", postal: range(20121, 20162, 5) },
      { city: "Napoli", state: "NA", postal: range(80121, 80147, 5) },
      { city: "Torino", state: "TO", postal: range(10121, 10156, 5) },
      { city: "Bologna", state: "BO", postal: range(40121, 40141, 5) },
      { city: "Firenze", state: "FI", postal: range(50121, 50145, 5) },
    ],
    street: (rng, name) => `${name} ${rng.int(1, 200)}`,
    line2: (rng) => (rng.chance(0.3) ? `Scala ${rng.pick(["A", "B"])}, interno ${rng.int(1, 24)}` : ""),
    phone: (rng) => `+393${rng.pick(["20", "28", "33", "35", "40", "47"])}${rng.digits(7)}`,
    carriers: ["Poste Italiane", "BRT", "GLS"],
    warehouse: "Venlo",
  },
  NL: {
    region: "NL",
    currency: "EUR",
    language: "nl-NL",
    country: "Netherlands",
    emailDomains: ["example.nl", "example.com"],
    firstNames: [
      "Daan",
      "Emma",
      "Sem",
      "Julia",
      "Lucas",
      "Mila",
      "Finn",
      "Tess",
      "Levi",
      "Sophie",
      "Bram",
      "Fenna",
    ],
    lastNames: [
      "de Jong",
      "Jansen",
      "de Vries",
      "van den Berg",
      "van Dijk",
      "Bakker",
      "Janssen",
      "Visser",
      "Smit",
      "Meijer",
      "de Boer",
      "Mulder",
    ],
    streets: [
      "Kerkstraat",
      "Schoolstraat",
      "Dorpsstraat",
      "Molenweg",
      "Stationsweg",
      "Julianastraat",
      "Prinsengracht",
    ],
    cities: [
      { city: "Amsterdam", state: "", postal: (rng) => `${rng.int(1011, 1109)} ${letters(rng, 2)}` },
      { city: "Rotterdam", state: "", postal: (rng) => `${rng.int(3011, 3089)} ${letters(rng, 2)}` },
      { city: "Den Haag", state: "", postal: (rng) => `${rng.int(2491, 2599)} ${letters(rng, 2)}` },
      { city: "Utrecht", state: "", postal: (rng) => `${rng.int(3511, 3585)} ${letters(rng, 2)}` },
      { city: "Eindhoven", state: "", postal: (rng) => `${rng.int(5611, 5658)} ${letters(rng, 2)}` },
      { city: "Groningen", state: "", postal: (rng) => `${rng.int(9711, 9747)} ${letters(rng, 2)}` },
    ],
    street: (rng, name) =>
      `${name} ${rng.int(1, 250)}${rng.chance(0.2) ? rng.pick(["A", "B", "-1", "-2"]) : ""}`,
    line2: () => "",
    phone: (rng) => `+316${rng.digits(8)}`,
    carriers: ["PostNL", "DHL", "DPD"],
    warehouse: "Venlo",
  },
};

const US_AREA_CODES = [
  "212",
  "312",
  "512",
  "206",
  "303",
  "415",
  "617",
  "404",
  "305",
  "713",
  "602",
  "503",
  "612",
  "215",
  "214",
  "702",
  "919",
  "801",
  "414",
  "615",
];

/** A tracking number in the carrier's own format. */
export function trackingNumber(rng: Rng, carrier: string): string {
  switch (carrier) {
    case "UPS":
      return `1Z${letters(rng, 3)}${rng.digits(13)}`;
    case "USPS":
      return `9400${rng.digits(18)}`;
    case "Royal Mail":
      return `${letters(rng, 2)}${rng.digits(9)}GB`;
    case "Evri":
      return `H${rng.digits(15)}`;
    case "Colissimo":
      return `6A${rng.digits(11)}`;
    case "Chronopost":
      return `XY${rng.digits(9)}FR`;
    case "Correos":
      return `PQ${rng.digits(20)}`;
    case "PostNL":
      return `3S${letters(rng, 4)}${rng.digits(9)}`;
    default:
      return rng.digits(14);
  }
}

/** Where each carrier sorts parcels between warehouse and door. */
export const CARRIER_HUB: Record<string, string> = {
  FedEx: "Memphis, TN",
  UPS: "Louisville, KY",
  USPS: "Chicago, IL",
  "Royal Mail": "Warrington",
  DPD: "Hinckley",
  Evri: "Rugby",
  DHL: "Leipzig",
  Hermes: "Ketzin",
  Colissimo: "Roissy-en-France",
  Chronopost: "Chilly-Mazarin",
  Correos: "Madrid",
  SEUR: "Coslada",
  MRW: "Barcelona",
  "Poste Italiane": "Bologna",
  BRT: "Milano",
  GLS: "Piacenza",
  PostNL: "Nieuwegein",
};

/** The carrier that collects returns in each market. */
export const RETURN_CARRIER: Record<Region, string> = {
  US: "UPS",
  GB: "Royal Mail",
  DE: "DHL",
  FR: "Colissimo",
  ES: "Correos",
  IT: "Poste Italiane",
  NL: "PostNL",
};
