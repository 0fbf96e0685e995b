/** Display names for label ids in the current language (topic names come from the server's meta). */
import { useMemo } from 'react';
import { useMeta } from './api/hooks.ts';
import { useI18n } from './i18n.tsx';

const CHANNELS: Record<string, string> = { telegram: 'Telegram', facebook: 'Facebook', zalo: 'Zalo' };
// The bucket of everything outside a chart's top series: not the topic "other" (Khác / Other).
const REST = { vi: 'Còn lại', en: 'All the rest' };

export function useLabels() {
  const { lang, t } = useI18n();
  const meta = useMeta();
  return useMemo(() => {
    const topics = new Map(meta.data?.topics.map((x) => [x.id, lang === 'en' ? x.en : x.vi]) ?? []);
    const langs = meta.data?.langNames ?? {};
    return {
      topic: (id: string) => topics.get(id) ?? (id === 'rest' ? REST[lang] : id),
      channel: (id: string) => CHANNELS[id] ?? (id === 'rest' ? REST[lang] : id),
      sentiment: (id: string) => (id === 'negative' || id === 'neutral' || id === 'positive' ? t(id) : id),
      lang: (id: string) => langs[id]?.[lang] ?? (id === 'rest' ? REST[lang] : id),
      role: (r: string) =>
        r === 'admin' ? t('roleAdmin') : r === 'analyst' ? t('roleAnalyst') : t('roleViewer'),
    };
  }, [meta.data, lang, t]);
}
