/** Display names for label ids in the current language (topic names come from the server's meta). */
import { useMemo } from 'react';
import { useMeta } from './api/hooks.ts';
import { useI18n } from './i18n.tsx';

const CHANNELS: Record<string, string> = { telegram: 'Telegram', facebook: 'Facebook', zalo: 'Zalo' };
const LANGS: Record<string, { vi: string; en: string }> = {
  vi: { vi: 'Tiếng Việt', en: 'Vietnamese' },
  en: { vi: 'Tiếng Anh', en: 'English' },
  und: { vi: 'Không xác định', en: 'Unknown' },
  rest: { vi: 'Khác', en: 'Other' },
};

export function useLabels() {
  const { lang, t } = useI18n();
  const meta = useMeta();
  return useMemo(() => {
    const topics = new Map(meta.data?.topics.map((x) => [x.id, lang === 'en' ? x.en : x.vi]) ?? []);
    return {
      topic: (id: string) => topics.get(id) ?? (id === 'rest' ? (LANGS['rest']?.[lang] ?? id) : id),
      channel: (id: string) => CHANNELS[id] ?? (id === 'rest' ? (LANGS['rest']?.[lang] ?? id) : id),
      sentiment: (id: string) => (id === 'negative' || id === 'neutral' || id === 'positive' ? t(id) : id),
      lang: (id: string) => LANGS[id]?.[lang] ?? id,
      role: (r: string) =>
        r === 'admin' ? t('roleAdmin') : r === 'analyst' ? t('roleAnalyst') : t('roleViewer'),
    };
  }, [meta.data, lang, t]);
}
