import { useEffect, useState } from "react";
import { strings } from "./strings.ts";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"] as const;
/** How long a key looks pressed after a press from the keyboard. */
const FLASH_MS = 150;

/**
 * The phone's keypad: buttons for the mouse and for Tab then Enter, and during a call the digits, *
 * and # typed anywhere on the page (it has no text field they could be meant for).
 */
export function Keypad({ enabled, onKey }: { enabled: boolean; onKey: (digit: string) => void }) {
  const [flash, setFlash] = useState<string | null>(null);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || event.repeat) return;
      if (!(KEYS as readonly string[]).includes(event.key)) return;
      event.preventDefault();
      onKey(event.key);
      setFlash(event.key);
    };
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, [enabled, onKey]);

  useEffect(() => {
    if (flash === null) return;
    const timer = setTimeout(() => setFlash(null), FLASH_MS);
    return () => clearTimeout(timer);
  }, [flash]);

  return (
    <fieldset className="keypad" disabled={!enabled}>
      <legend>{strings.keypad}</legend>
      <div className="keys">
        {KEYS.map((key) => (
          <button
            key={key}
            type="button"
            aria-label={strings.key(key)}
            className={flash === key ? "pressed" : undefined}
            onClick={() => onKey(key)}
          >
            {key}
          </button>
        ))}
      </div>
      <p className="help">{strings.keypadHelp}</p>
    </fieldset>
  );
}
