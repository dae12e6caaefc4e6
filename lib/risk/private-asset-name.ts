/**
 * A private asset is named freely ("Acme Private Credit Fund II, L.P.") and stored under an identifier derived from
 * that name. The identifier always holds an underscore, so the one symbol classification (symbols.ts) calls it
 * private and no market-data provider is ever asked about it.
 */
import { isPrivateSymbol, normalizeSymbol } from "../base/symbols";

export const PRIVATE_NAME_MAX_CHARS = 100;
const PRIVATE_PREFIX = "PRIV_";
const SLUG_MAX_CHARS = 18;
/** Control characters (C0, DEL, C1) are the only ones a name may not hold. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
/** A symbol typed for a private asset that is already an identifier (HOME_EQUITY, FO_PRIVATE_CREDIT, EQ5D6A2D8F). */
const STORED_PRIVATE_SYMBOL = /^[A-Z0-9._\-^=/]{1,32}$/;

/** One sentence saying what is wrong with a private asset's name, or null when it is fine. */
export function describePrivateNameProblem(raw: string): string | null {
  const name = raw.trim();
  if (name === "") return "name is required for a private asset";
  if ([...name].length > PRIVATE_NAME_MAX_CHARS) return `name must be at most ${PRIVATE_NAME_MAX_CHARS} characters`;
  if (CONTROL.test(name)) return "name may only hold printable characters (letters, digits, spaces and punctuation)";
  return null;
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits. */
function fnv1aHex(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).toUpperCase().padStart(8, "0");
}

/** The name as compared: trimmed, inner whitespace collapsed, upper case ("acme  fund" and "ACME FUND" are one asset). */
function canonicalName(name: string): string {
  return name.trim().replace(/\s+/g, " ").toUpperCase();
}

/**
 * The stable identifier of a private asset's name: an identifier typed as such is kept (HOME_EQUITY); any other name
 * becomes PRIV_<up to 18 letters and digits of it>_<8-hex hash of the whole name>, at most 32 characters.
 */
export function derivePrivateSymbol(name: string): string {
  const canonical = canonicalName(name);
  const typed = normalizeSymbol(name);
  if (STORED_PRIVATE_SYMBOL.test(typed) && isPrivateSymbol(typed)) return typed;
  const slug = canonical.replace(/[^A-Z0-9]+/g, "_").replace(/^_+|_+$/g, "").slice(0, SLUG_MAX_CHARS).replace(/_+$/, "");
  return `${PRIVATE_PREFIX}${slug}${slug ? "_" : ""}${fnv1aHex(canonical)}`;
}

/** The name worth showing beside the identifier: null when the identifier is what was typed. */
export function privateDisplayName(name: string): string | null {
  const symbol = derivePrivateSymbol(name);
  return symbol === normalizeSymbol(name) ? null : name.trim().replace(/\s+/g, " ");
}
