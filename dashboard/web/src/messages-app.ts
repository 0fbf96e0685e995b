/**
 * UI strings for the app frame: the menu, the not-found page, first-run guidance and the API's error
 * codes. Spread into `VI` / `EN` in messages.ts; English must have the same keys (the type checks it).
 */
export const VI_APP = {
  menu: 'Menu',
} as const;

export const EN_APP: { [K in keyof typeof VI_APP]: string } = {
  menu: 'Menu',
};
