/** The one way raw text becomes what models see; training and analysis share it. */
import { foldShadow, shadowOf, toNfc } from './normalise.ts';
import { redactWithShadow } from './redact.ts';
import type { PiiType } from './types.ts';

export interface Prepared {
  nfc: string;
  redacted: string;
  folded: string;
  pii: PiiType[];
}

export function prepare(text: string): Prepared {
  const nfc = toNfc(text);
  const { text: redacted, found, shadow } = redactWithShadow(nfc, shadowOf(nfc));
  return { nfc, redacted, folded: foldShadow(shadow), pii: found };
}
