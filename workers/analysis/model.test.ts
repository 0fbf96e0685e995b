import { describe, expect, it } from 'vitest';
import { createAnalyzer } from './analyzer.ts';
import { decodeModel, encodeModel, ModelFormatError } from './codec.ts';
import { HELDOUT_PERCENT, parseJsonl, splitCorpus, splitOf } from './corpus.ts';
import { loadCorpus } from './corpus-files.ts';
import { evaluateAnalyzer } from './evaluate.ts';
import { heldExampleIds } from './memory.ts';
import { classificationReport } from './metrics.ts';
import { createDefaultAnalyzer } from './model-file.ts';
import { trainBundle } from './train.ts';
import { createTrainedModel } from './trained-model.ts';

const TINY = [
  { text: 'không nhận được mã otp', topic: 'otp', sentiment: 'negative' },
  { text: 'ma xac thuc sms khong ve', topic: 'otp', sentiment: 'negative' },
  { text: 'quên mật khẩu không đăng nhập được', topic: 'login', sentiment: 'negative' },
  { text: 'cannot log in wrong passcode', topic: 'login', sentiment: 'negative' },
  { text: 'cảm ơn app rất tiện', topic: 'praise', sentiment: 'positive' },
  { text: 'thank you great app', topic: 'praise', sentiment: 'positive' },
] as const;

describe('model file codec', () => {
  const bundle = trainBundle(TINY, { version: 'tiny-1', createdAt: 42, folds: 0, epochs: 5, dimBits: 12 });

  it('round-trips: same header, same predictions within int16 quantisation', () => {
    const decoded = decodeModel(encodeModel({ ...bundle, metrics: { note: 'x' } }));
    expect(decoded).toMatchObject({ version: 'tiny-1', createdAt: 42, dimBits: 12, metrics: { note: 'x' } });
    const a = createTrainedModel(bundle);
    const b = createTrainedModel(decoded);
    for (const t of TINY) {
      const input = { redacted: t.text, folded: t.text, lang: 'vi' };
      const x = a.classify(input);
      const y = b.classify(input);
      expect(y.topics[0]?.id).toBe(x.topics[0]?.id);
      expect(Math.abs((y.topics[0]?.score ?? 0) - (x.topics[0]?.score ?? 0))).toBeLessThan(1e-3);
      expect(y.sentiment).toBe(x.sentiment);
    }
  });

  it('rejects bytes that are not a model, or a truncated one', () => {
    expect(() => decodeModel(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]))).toThrow(ModelFormatError);
    const bytes = encodeModel(bundle);
    expect(() => decodeModel(bytes.subarray(0, bytes.length - 10))).toThrow(/truncated/);
  });
});

describe('memory of labelled examples', () => {
  const remembered = [
    { text: 'sổ sức khỏe điện tử trống trơn không thấy lịch sử khám', topic: 'integration', id: 'm-1' },
    { text: 'ứng dụng bảo tôi đã hủy đăng ký nhưng tôi chưa bao giờ hủy', topic: 'activation', id: 'm-2' },
  ] as const;
  const bundle = trainBundle([...TINY, ...remembered], {
    version: 'mem-1',
    createdAt: 0,
    folds: 0,
    epochs: 5,
    dimBits: 12,
    remember: remembered,
  });

  it('keeps the ids of the examples it holds through the file codec', () => {
    const decoded = decodeModel(encodeModel(bundle));
    expect(decoded.memory?.items.map((i) => i.id)).toEqual(['m-1', 'm-2']);
    expect(heldExampleIds(decoded.memory)).toEqual(['m-1', 'm-2']);
    expect(heldExampleIds(undefined)).toEqual([]);
    expect(decoded.memory?.items[0]?.features).toEqual(bundle.memory?.items[0]?.features);
  });

  it('gives a message very close to a remembered one its label, and leaves unrelated ones alone', () => {
    const withMemory = createAnalyzer({ model: createTrainedModel(bundle), minConfidence: 0 });
    const without = createAnalyzer({
      model: createTrainedModel({ ...bundle, memory: undefined }),
      minConfidence: 0,
    });
    const close = 'so suc khoe dien tu trong tron, khong thay lich su kham';
    expect(withMemory.analyse(close).topic).toBe('integration');
    expect(withMemory.analyse(close).confidence).toBeGreaterThan(without.analyse(close).confidence);
    const far = 'không nhận được mã otp';
    expect(withMemory.analyse(far).topics).toEqual(without.analyse(far).topics);
  });
});

describe('corpus split', () => {
  it('keeps every message of a group on one side', () => {
    const rows = Array.from({ length: 400 }, (_, i) => ({
      text: `mẫu ${i % 40} câu số ${i}`,
      topic: 'other' as const,
      group: `g${i % 40}`,
    }));
    const { train, heldout } = splitCorpus(rows);
    const trainGroups = new Set(train.map((r) => r.group));
    expect(heldout.length).toBeGreaterThan(0);
    expect(heldout.every((r) => !trainGroups.has(r.group))).toBe(true);
    expect(heldout.every((r) => splitOf(r.text, r.group) === 'heldout')).toBe(true);
  });

  it('is a fixed function of the folded text, about HELDOUT_PERCENT held out', () => {
    expect(splitOf('Không nhận được mã OTP')).toBe(splitOf('khong nhan duoc ma otp'));
    const texts = Array.from({ length: 2000 }, (_, i) => `tin nhắn số ${i} về ứng dụng`);
    const share = texts.filter((t) => splitOf(t) === 'heldout').length / texts.length;
    expect(Math.abs(share - HELDOUT_PERCENT / 100)).toBeLessThan(0.03);
  });

  it('drops duplicates after folding so one message never sits on both sides', () => {
    const rows = [
      { text: 'Không nhận được mã OTP', topic: 'otp' as const },
      { text: 'khong nhan duoc ma otp', topic: 'otp' as const },
    ];
    const { train, heldout } = splitCorpus(rows);
    expect(train.length + heldout.length).toBe(1);
  });

  it('parses JSONL, keeping optional labels and reporting bad lines', () => {
    const parsed = parseJsonl(
      '{"text":"a b","topic":"otp","sentiment":"negative","lang":"vi","style":"x"}\n{"text":"c","topic":"nope"}\nxx\n\n{"text":"d","topic":"other"}',
    );
    expect(parsed.examples).toEqual([
      { text: 'a b', topic: 'otp', sentiment: 'negative', lang: 'vi' },
      { text: 'd', topic: 'other' },
    ]);
    expect(parsed.invalidLines).toEqual([2, 3]);
  });
});

describe('classificationReport', () => {
  it('computes per-class precision, recall, F1 and macro-F1 over gold classes', () => {
    const r = classificationReport(['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'c']);
    expect(r.accuracy).toBe(0.5);
    expect(r.per_class['a']).toEqual({ precision: 1, recall: 0.5, f1: 0.6667, support: 2 });
    expect(r.per_class['b']).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5, support: 2 });
    expect(r.per_class['c']).toBeUndefined();
    expect(r.macro_f1).toBe(0.5833);
  });
});

describe('analyzer', () => {
  it('marks a guess below the confidence threshold as other', () => {
    const model = createTrainedModel(
      trainBundle(TINY, { version: 't', createdAt: 0, folds: 0, dimBits: 12 }),
    );
    const sure = createAnalyzer({ model, minConfidence: 0 }).analyse('xin chào');
    const unsure = createAnalyzer({ model, minConfidence: 0.99 }).analyse('xin chào');
    expect(sure.topic).not.toBe('other');
    expect(unsure).toMatchObject({ topic: 'other', lowConfidence: true });
    expect(unsure.confidence).toBe(sure.confidence);
  });

  it('never lets personal data into the folded (stored, searched) form', () => {
    const a = createDefaultAnalyzer().analyse('SĐT 0912 345 678, CCCD 001203004567, mk: Abc@123');
    expect(a.folded).not.toMatch(/\d{3}/);
    expect(a.folded).not.toContain('abc');
    expect([...a.pii].sort()).toEqual(['cccd', 'password', 'phone']);
  });
});

describe('shipped model', () => {
  it('loads once per process', () => {
    expect(createDefaultAnalyzer()).toBe(createDefaultAnalyzer());
  });

  // The floor of the model committed in model/default.vnm on the corpus's held-out split (by group,
  // never trained or tuned on). Retraining must not ship a model below it.
  it('keeps topic macro-F1 ≥ 0.89 with no topic below 0.80, sentiment ≥ 0.85, language ≥ 0.98 on held-out', () => {
    const heldout = splitCorpus(loadCorpus().examples).heldout;
    expect(heldout.length).toBeGreaterThan(2000);
    const r = evaluateAnalyzer(createDefaultAnalyzer(), heldout);
    expect(r.topic.macro_f1).toBeGreaterThanOrEqual(0.89);
    for (const [topic, m] of Object.entries(r.topic.per_class))
      expect([topic, m.f1 >= 0.8]).toEqual([topic, true]);
    expect(r.sentiment?.macro_f1).toBeGreaterThanOrEqual(0.85);
    expect(r.lang?.accuracy).toBeGreaterThanOrEqual(0.98);
  });

  // Messages written for this test, not taken from the corpus: every spelling people use.
  it.each([
    ['Không nhận được mã OTP dù đã chờ 10 phút', 'otp', 'vi'],
    ['ko nhan dc ma otp', 'otp', 'vi'],
    ['OTP never arrives on my phone', 'otp', 'en'],
    ['quên passcode, tài khoản bị khoá', 'login', 'vi'],
    ['k dang nhap dc vneid, bao sai mat khau', 'login', 'vi'],
    ['quét chip CCCD bằng NFC không được', 'face_nfc', 'vi'],
    ['xac thuc khuon mat that bai hoai', 'face_nfc', 'vi'],
    ['app bị văng ra khi mở, đã cập nhật rồi vẫn lỗi', 'app_bug', 'vi'],
    ['how can a foreigner register for VNeID with a passport?', 'foreigner', 'en'],
    ['tích hợp bằng lái xe vào VNeID không hiện', 'integration', 'vi'],
    ['có người gọi điện tự xưng công an bắt cài VNeID giả, lừa đảo', 'privacy', 'vi'],
    ['ngân hàng yêu cầu đồng ý chia sẻ dữ liệu, làm sao để thu hồi', 'consent', 'vi'],
    ['hồ sơ định danh mức 2 chờ duyệt 1 tháng chưa xong', 'activation', 'vi'],
    ['nộp hồ sơ đăng ký tạm trú trên dịch vụ công bị lỗi thanh toán', 'public_service', 'vi'],
    ['cảm ơn đội ngũ phát triển, app rất tiện lợi 👍', 'praise', 'vi'],
  ])('%s → %s (%s)', (text, topic, lang) => {
    const a = createDefaultAnalyzer().analyse(text);
    expect(a.topic).toBe(topic);
    expect(a.lang).toBe(lang);
  });
});
