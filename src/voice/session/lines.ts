/**
 * What the voice layer says on its own, in the agent's six languages: a holding line while the agent
 * works on something slow, and a request to repeat when nothing could be recognised.
 */
export const FILLERS: Record<string, string> = {
  en: "One moment, let me check that.",
  de: "Einen Moment, ich sehe nach.",
  fr: "Un instant, je vérifie.",
  es: "Un momento, lo compruebo.",
  it: "Un momento, controllo subito.",
  nl: "Een ogenblik, ik kijk het na.",
};

export const NOT_HEARD: Record<string, string> = {
  en: "Sorry, I didn't catch that. Could you say it again? You can also type numbers on your keypad.",
  de: "Entschuldigung, das habe ich nicht verstanden. Können Sie es wiederholen? Zahlen können Sie auch über die Tastatur eingeben.",
  fr: "Pardon, je n'ai pas compris. Pouvez-vous répéter ? Vous pouvez aussi taper les chiffres sur le clavier.",
  es: "Perdón, no le he entendido. ¿Puede repetirlo? También puede marcar los números en el teclado.",
  it: "Mi scusi, non ho capito. Può ripetere? Può anche digitare i numeri sulla tastiera.",
  nl: "Sorry, dat verstond ik niet. Kunt u het herhalen? U kunt cijfers ook via het toetsenbord invoeren.",
};
