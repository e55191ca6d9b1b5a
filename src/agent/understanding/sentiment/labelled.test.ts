import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { Language, Sentiment } from "../types.ts";
import { scoreSentiment } from "./index.ts";

type Label = Sentiment["label"];

/**
 * Customer messages as shoppers write them, per language: clearly negative, mildly negative, neutral
 * task messages and positive ones. Each is asserted on its own, and together they measure accuracy.
 */
const LABELLED: Record<Language, Array<[string, Label]>> = {
  en: [
    ["This is absolutely ridiculous, I want my money back NOW!!!", "negative"],
    ["Third time I'm contacting you and still nothing. Unacceptable.", "negative"],
    ["You lied to me, this shop is a scam. Never again.", "negative"],
    ["I'm fed up with your useless customer service", "negative"],
    ["I'm a bit disappointed, the box was damaged", "negative"],
    ["The parcel arrived late and one item is broken", "negative"],
    ["You sent me the wrong item", "negative"],
    ["I'm not happy with the quality of this jacket", "negative"],
    ["Where is my order #W2378156?", "neutral"],
    ["I want to return the shoes", "neutral"],
    ["Can I change the delivery address to 12 Baker Street?", "neutral"],
    ["How long does a refund take to reach my card?", "neutral"],
    ["Thanks, that was really helpful!", "positive"],
    ["Perfect, thank you so much", "positive"],
    ["Great service, I love it", "positive"],
    ["The replacement arrived today and works perfectly", "positive"],
  ],
  de: [
    ["Das ist eine Frechheit, ich warte schon wieder seit zwei Wochen!", "negative"],
    ["Unverschämt! Das ist reine Abzocke.", "negative"],
    ["Katastrophaler Service, mir reicht's jetzt endgültig", "negative"],
    ["Ich bin total sauer, niemand antwortet mir", "negative"],
    ["Ich bin etwas enttäuscht von der Qualität", "negative"],
    ["Das Paket kam beschädigt an", "negative"],
    ["Ich bin mit der Lieferung nicht zufrieden", "negative"],
    ["Leider ist der Artikel kaputt", "negative"],
    ["Wo ist meine Bestellung W2378156?", "neutral"],
    ["Ich möchte die Schuhe zurückschicken", "neutral"],
    ["Guten Tag, können Sie meine Lieferadresse ändern?", "neutral"],
    ["Wann bekomme ich meine Rückerstattung?", "neutral"],
    ["Vielen Dank, das war sehr hilfreich!", "positive"],
    ["Super, hat alles geklappt", "positive"],
    ["Perfekt, danke schön", "positive"],
    ["Ich bin sehr zufrieden mit dem Service", "positive"],
  ],
  fr: [
    ["C'est inadmissible, ça fait trois semaines que j'attends !", "negative"],
    ["Votre site est une arnaque, c'est honteux", "negative"],
    ["Ras-le-bol de ce service client, c'est n'importe quoi", "negative"],
    ["Je suis vraiment furieux, personne ne me répond", "negative"],
    ["Je suis un peu déçue de la qualité", "negative"],
    ["Le colis est arrivé abîmé", "negative"],
    ["Je ne suis pas content du produit", "negative"],
    ["La commande est en retard", "negative"],
    ["Où est ma commande W2378156 ?", "neutral"],
    ["Je voudrais retourner les chaussures", "neutral"],
    ["Bonjour, pouvez-vous changer mon adresse de livraison ?", "neutral"],
    ["Quand vais-je recevoir mon remboursement ?", "neutral"],
    ["Parfait, merci beaucoup !", "positive"],
    ["Super, le service est génial", "positive"],
    ["Très content de mon achat, merci", "positive"],
    ["Livraison rapide et produit impeccable", "positive"],
  ],
  es: [
    ["Es una vergüenza, llevo un mes esperando", "negative"],
    ["Esto es una estafa, quiero mi dinero ya", "negative"],
    ["Estoy harto de vuestro servicio, es inaceptable", "negative"],
    ["Servicio fatal, nunca más compro aquí", "negative"],
    ["Estoy un poco decepcionado con el pedido", "negative"],
    ["El paquete llegó roto", "negative"],
    ["No estoy contento con la calidad", "negative"],
    ["Me habéis enviado el producto equivocado", "negative"],
    ["¿Dónde está mi pedido W2378156?", "neutral"],
    ["Quiero devolver los zapatos", "neutral"],
    ["Buenas tardes, ¿puedo cambiar la dirección de entrega?", "neutral"],
    ["¿Cuándo recibiré el reembolso?", "neutral"],
    ["Perfecto, muchas gracias", "positive"],
    ["Genial, el servicio es excelente", "positive"],
    ["Estoy muy contenta con la compra", "positive"],
    ["Gracias, me habéis ayudado mucho, sois muy amables", "positive"],
  ],
  it: [
    ["Che vergogna, è la terza volta che scrivo", "negative"],
    ["Questo negozio è una truffa", "negative"],
    ["Sono stufo, servizio pessimo e inaccettabile", "negative"],
    ["Sono davvero arrabbiata, nessuno mi risponde", "negative"],
    ["Sono un po' deluso dal prodotto", "negative"],
    ["Il pacco è arrivato danneggiato", "negative"],
    ["Non sono soddisfatto dell'acquisto", "negative"],
    ["L'ordine è in ritardo", "negative"],
    ["Dov'è il mio ordine W2378156?", "neutral"],
    ["Vorrei restituire le scarpe", "neutral"],
    ["Buongiorno, posso cambiare l'indirizzo di consegna?", "neutral"],
    ["Quando riceverò il rimborso?", "neutral"],
    ["Perfetto, grazie mille!", "positive"],
    ["Ottimo servizio, molto gentili", "positive"],
    ["Sono molto contenta, tutto perfetto", "positive"],
    ["Spedizione veloce, super!", "positive"],
  ],
  nl: [
    ["Dit is schandalig, ik wacht al drie weken!", "negative"],
    ["Wat een oplichting, belachelijk gewoon", "negative"],
    ["Ik ben het zat, jullie service is waardeloos", "negative"],
    ["Ik ben woedend, niemand reageert op mijn mails", "negative"],
    ["Ik ben een beetje teleurgesteld over de kwaliteit", "negative"],
    ["Het pakket kwam beschadigd aan", "negative"],
    ["Ik ben niet tevreden met de jas", "negative"],
    ["Jullie hebben het verkeerde artikel gestuurd", "negative"],
    ["Waar is mijn bestelling W2378156?", "neutral"],
    ["Ik wil de schoenen retourneren", "neutral"],
    ["Goedemorgen, kan ik mijn bezorgadres wijzigen?", "neutral"],
    ["Wanneer krijg ik mijn geld terug?", "neutral"],
    ["Top, heel erg bedankt!", "positive"],
    ["Perfect, dank je wel", "positive"],
    ["Ik ben heel blij met de snelle levering", "positive"],
    ["Super service, echt een aanrader", "positive"],
  ],
};

describe("labelled customer messages", () => {
  for (const [language, cases] of Object.entries(LABELLED) as Array<[Language, Array<[string, Label]>]>) {
    test(`${language}: every sentence gets its label`, () => {
      for (const [text, label] of cases) {
        const got = scoreSentiment(text, language);
        assert.equal(got.label, label, `${language} "${text}" scored ${got.score}`);
      }
    });
  }

  test("at least 90% are labelled correctly across all languages", () => {
    const all = Object.entries(LABELLED).flatMap(([language, cases]) =>
      cases.map(([text, label]) => scoreSentiment(text, language as Language).label === label),
    );
    const accuracy = all.filter(Boolean).length / all.length;
    assert.ok(all.length >= 72, `only ${all.length} labelled sentences`);
    assert.ok(accuracy >= 0.9, `accuracy ${(accuracy * 100).toFixed(1)}%`);
  });
});
