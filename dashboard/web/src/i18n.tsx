/** Vietnamese by default, English on request; numbers and dates formatted for the chosen locale. */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { type Dict, EN, VI } from './messages.ts';

export type Lang = 'vi' | 'en';
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

export interface I18n {
  lang: Lang;
  setLang: (lang: Lang) => void;
  t: (key: keyof Dict, vars?: Record<string, string | number>) => string;
  num: (n: number) => string;
  pct: (share: number) => string;
  date: (ms: number) => string;
  dateTime: (ms: number) => string;
  /** Short bucket label for charts. */
  bucket: (ms: number, bucket: 'hour' | 'day' | 'week') => string;
}

const STORAGE_KEY = 'vneid.lang';

function initialLang(): Lang {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi'; // storage blocked (privacy mode): Vietnamese, the default
  }
}

export function makeI18n(lang: Lang, setLang: (l: Lang) => void): I18n {
  const dict = lang === 'en' ? EN : VI;
  const locale = lang === 'en' ? 'en-GB' : 'vi-VN';
  const numberFmt = new Intl.NumberFormat(locale);
  const pctFmt = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 });
  const dateFmt = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
  });
  const dtFmt = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
  const dayFmt = new Intl.DateTimeFormat(locale, { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit' });
  const hourFmt = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
    hour: '2-digit',
  });
  return {
    lang,
    setLang,
    t: (key, vars) => {
      let s = dict[key];
      for (const [k, v] of Object.entries(vars ?? {}))
        s = s.replaceAll(`{${k}}`, typeof v === 'number' ? numberFmt.format(v) : v);
      return s;
    },
    num: (n) => numberFmt.format(n),
    pct: (share) => pctFmt.format(share),
    date: (ms) => dateFmt.format(ms),
    dateTime: (ms) => dtFmt.format(ms),
    bucket: (ms, bucket) => (bucket === 'hour' ? hourFmt.format(ms) : dayFmt.format(ms)),
  };
}

const Ctx = createContext<I18n>(makeI18n('vi', () => {}));

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((l: Lang) => {
    setLangState(l);
    try {
      localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // not persisted; the switch still works for this tab
    }
  }, []);
  // The page's language follows the UI's (screen readers, hyphenation), from the first render on.
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const value = useMemo(() => makeI18n(lang, setLang), [lang, setLang]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useI18n(): I18n {
  return useContext(Ctx);
}
