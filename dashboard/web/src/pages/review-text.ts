/** The review queue's and the team-label measures' strings, Vietnamese first; same keys in English. */
import { useI18n } from '../i18n.tsx';

const VI = {
  navReview: 'Duyệt nhãn',
  title: 'Duyệt nhãn',
  intro:
    'Những tin nhắn mô hình kém chắc chắn nhất, tin đại diện cho nhiều tin gần giống được xếp trước. Mỗi nhãn bạn chấp nhận hoặc sửa trở thành nhãn của nhóm: mô hình học từ đó và được đo bằng đó.',
  labelledToday: 'Bạn gắn nhãn hôm nay',
  inQueue: 'Còn trong hàng đợi',
  totalLabels: 'Tổng nhãn của nhóm',
  modelSays: 'Mô hình đoán',
  confidence: 'Độ tin cậy',
  margin: 'Chênh lệch với chủ đề thứ hai',
  duplicates: 'Đại diện cho',
  duplicatesValue: '{n} tin gần giống',
  received: 'Nhận lúc',
  channel: 'Kênh',
  lang: 'Ngôn ngữ',
  topicKeys: 'Chủ đề (phím)',
  sentimentKeys: 'Cảm xúc (phím)',
  accept: 'Lưu nhãn (Enter)',
  skip: 'Bỏ qua (J hoặc Space)',
  keysHint:
    'Chọn chủ đề bằng phím 1–9, 0, Q, W; cảm xúc bằng A, S, D. Enter lưu (giữ nguyên là xác nhận nhãn của mô hình), J hoặc Space bỏ qua.',
  confirmed: 'Đã xác nhận nhãn của mô hình.',
  corrected: 'Đã sửa nhãn.',
  skipped: 'Đã bỏ qua.',
  emptyTitle: 'Không còn tin nào cần duyệt',
  emptyText: 'Mọi tin nhắn gần đây đã có nhãn của nhóm hoặc đã được bạn bỏ qua.',
  teamLabelsTitle: 'Độ đúng trên nhãn của nhóm',
  teamLabelsHint:
    'Mô hình đang dùng, chấm trên các nhãn nhóm gắn sau mốc huấn luyện của nó (nó chưa từng học những nhãn này).',
  noTeamLabels: 'Chưa có nhãn nào sau mốc huấn luyện của mô hình đang dùng.',
  noTeamLabelsHint: 'Hãy gắn nhãn trong trang Duyệt nhãn; độ đúng hiện ở đây.',
  cutoff: 'Mốc huấn luyện',
  noCutoff: 'không có (mô hình đi kèm)',
  accuracy: 'Độ đúng chủ đề',
  sentimentAccuracy: 'Độ đúng cảm xúc',
  labels: 'Số nhãn',
  perTopic: 'Theo chủ đề',
  perWeek: 'Theo tuần',
  week: 'Tuần bắt đầu',
  current: 'Mô hình đang dùng',
  candidate: 'Mô hình mới nhất (ứng viên)',
  candidateNone: 'Chưa có mô hình huấn luyện lại nào được chấm trên nhãn của nhóm.',
  candidateJudged: 'Chấm trên {n} nhãn gắn sau mốc của ứng viên',
  promoted: 'đã được dùng',
  kept: 'không được dùng',
  rebuilt: 'dựng lại sau khi xóa dữ liệu công dân',
  topic: 'Chủ đề',
};

const EN: Record<keyof typeof VI, string> = {
  navReview: 'Review',
  title: 'Review queue',
  intro:
    'The messages the model is least sure of, those standing for many near-duplicates first. Every label you accept or change becomes the team’s label: the model learns from it and is measured by it.',
  labelledToday: 'You labelled today',
  inQueue: 'In the queue',
  totalLabels: 'Team labels in total',
  modelSays: 'Model’s guess',
  confidence: 'Confidence',
  margin: 'Margin over the second topic',
  duplicates: 'Stands for',
  duplicatesValue: '{n} near-duplicate messages',
  received: 'Received',
  channel: 'Channel',
  lang: 'Language',
  topicKeys: 'Topic (keys)',
  sentimentKeys: 'Sentiment (keys)',
  accept: 'Save label (Enter)',
  skip: 'Skip (J or Space)',
  keysHint:
    'Pick a topic with 1–9, 0, Q, W and a sentiment with A, S, D. Enter saves (unchanged confirms the model’s label), J or Space skips.',
  confirmed: 'Model’s label confirmed.',
  corrected: 'Label corrected.',
  skipped: 'Skipped.',
  emptyTitle: 'Nothing left to review',
  emptyText: 'Every recent message has a team label or was skipped by you.',
  teamLabelsTitle: 'How right the model is on the team’s labels',
  teamLabelsHint:
    'The model in use, scored on the labels the team gave after its training cut-off (labels it never learned from).',
  noTeamLabels: 'No team labels after the model in use’s training cut-off yet.',
  noTeamLabelsHint: 'Label messages on the Review page; the scores appear here.',
  cutoff: 'Training cut-off',
  noCutoff: 'none (shipped model)',
  accuracy: 'Topic accuracy',
  sentimentAccuracy: 'Sentiment accuracy',
  labels: 'Labels',
  perTopic: 'Per topic',
  perWeek: 'Per week',
  week: 'Week starting',
  current: 'Model in use',
  candidate: 'Newest model (candidate)',
  candidateNone: 'No retrained model has been scored on the team’s labels yet.',
  candidateJudged: 'Scored on {n} labels given after the candidate’s cut-off',
  promoted: 'promoted',
  kept: 'not promoted',
  rebuilt: 'rebuilt after a citizen’s data was erased',
  topic: 'Topic',
};

export type ReviewTextKey = keyof typeof VI;

/** `rt('key', { n: 3 })` in the current UI language. */
export function useReviewText(): (key: ReviewTextKey, vars?: Record<string, string | number>) => string {
  const { lang, num } = useI18n();
  const dict = lang === 'en' ? EN : VI;
  return (key, vars) => {
    let s = dict[key];
    for (const [k, v] of Object.entries(vars ?? {}))
      s = s.replaceAll(`{${k}}`, typeof v === 'number' ? num(v) : v);
    return s;
  };
}
