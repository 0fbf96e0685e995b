import { describe, expect, it } from 'vitest';
import { TOPIC_IDS } from '../../workers/analysis/taxonomy.ts';
import {
  composeAcknowledgement,
  isAttachmentOnly,
  isErasureRequest,
  loadConversationTexts,
  parseCommand,
  replyLanguage,
} from './conversation.ts';
import { detectSignals } from './signals.ts';

describe('isErasureRequest', () => {
  it.each([
    'xóa dữ liệu',
    'Xoá dữ liệu của tôi',
    'xoa du lieu',
    'XÓA HẾT DỮ LIỆU',
    '/xoa',
    '/forget',
    '/xoa@vneid_bot',
    'delete my data',
    'Please erase my data',
    'forget me',
    'xóa thông tin của tôi đi',
  ])('recognises %j', (text) => {
    expect(isErasureRequest(text)).toBe(true);
  });

  it.each([
    'làm sao để xóa dữ liệu tích hợp giấy phép lái xe bị sai trên ứng dụng VNeID vậy ad',
    'app không cho đăng nhập',
    'how do I delete the old driving licence data that VNeID shows in my document wallet?',
    'dữ liệu bị xóa mất sau khi cập nhật',
  ])('does not treat %j as an erasure request', (text) => {
    expect(isErasureRequest(text)).toBe(false);
  });
});

describe('composeAcknowledgement', () => {
  const texts = loadConversationTexts();
  it('adds the notice only on first contact, the code always, and a helpful answer for known topics', () => {
    const first = composeAcknowledgement(texts, {
      lang: 'vi',
      refCode: 'GY-0001-AB',
      firstContact: true,
      topic: 'otp',
    });
    expect(first).toContain(texts.notice.vi);
    expect(first).toContain('GY-0001-AB');
    expect(first).toContain(texts.answers['otp']!.vi);
    const later = composeAcknowledgement(texts, {
      lang: 'en',
      refCode: 'GY-0002-CD',
      firstContact: false,
      topic: 'praise',
    });
    expect(later).not.toContain(texts.notice.en);
    expect(later).toBe(texts.ack.en.replace('{ref}', 'GY-0002-CD'));
  });

  it('answers in English only when the citizen wrote English or their app is English', () => {
    expect(replyLanguage('en')).toBe('en');
    expect(replyLanguage('vi', 'en')).toBe('vi');
    expect(replyLanguage('und', 'en-US')).toBe('en');
    expect(replyLanguage('und')).toBe('vi');
    expect(replyLanguage('fr')).toBe('vi');
  });
});

describe('answers for every topic and language', () => {
  const texts = loadConversationTexts();
  const langs = ['vi', 'en'] as const;

  it('marks the texts as a draft until the VNeID team signs a version off', () => {
    expect(['draft', 'approved']).toContain(texts.review.status);
    if (texts.review.status === 'approved') {
      expect(texts.review.approvals.some((a) => a.version === texts.review.version)).toBe(true);
    }
  });

  it.each(TOPIC_IDS.flatMap((topic) => langs.map((lang) => [topic, lang] as const)))(
    '%s in %s: a confident message gets its answer (or, by decision, none)',
    (topic, lang) => {
      const reply = composeAcknowledgement(texts, {
        lang,
        refCode: 'GY-0003-EF',
        firstContact: false,
        topic,
      });
      const answer = texts.answers[topic];
      if (answer) {
        expect(reply).toContain(answer[lang]);
        // Written in the reply's language: the other language's answer is never mixed in.
        expect(reply).not.toContain(answer[lang === 'vi' ? 'en' : 'vi']);
      } else {
        expect(texts.noAnswer).toContain(topic);
        expect(reply).toBe(texts.ack[lang].replace('{ref}', 'GY-0003-EF'));
      }
    },
  );

  it.each(TOPIC_IDS.flatMap((topic) => langs.map((lang) => [topic, lang] as const)))(
    '%s in %s: scam signals add the warning whatever the topic and the confidence',
    (topic, lang) => {
      const signals = detectSignals('Có người gọi xưng là công an, bảo tôi đọc mã OTP');
      for (const lowConfidence of [false, true]) {
        const reply = composeAcknowledgement(texts, {
          lang,
          refCode: 'GY-0004-GH',
          firstContact: false,
          topic,
          lowConfidence,
          signals,
        });
        expect(reply).toContain(texts.scamWarning[lang]);
      }
    },
  );

  it('a low-confidence message gets only the acknowledgement', () => {
    const reply = composeAcknowledgement(texts, {
      lang: 'vi',
      refCode: 'GY-0005-JK',
      firstContact: false,
      topic: 'otp',
      lowConfidence: true,
      signals: detectSignals('ứng dụng hơi khó dùng'),
    });
    expect(reply).toBe(texts.ack.vi.replace('{ref}', 'GY-0005-JK'));
  });

  it('an urgent case gets the steps to take, in place of the topic answer', () => {
    const signals = detectSignals('Tôi bị lừa mất 30 triệu sau khi đọc OTP cho người giả danh công an');
    expect(signals.urgent).toEqual(['money_lost']);
    const reply = composeAcknowledgement(texts, {
      lang: 'vi',
      refCode: 'GY-0006-MN',
      firstContact: false,
      topic: 'privacy',
      signals,
    });
    expect(reply).toContain(texts.urgent.money_lost.vi);
    expect(reply).toContain(texts.scamWarning.vi);
    expect(reply).not.toContain(texts.answers.privacy?.vi ?? '∅');
  });

  it('an attachment-only message is asked to describe the problem in words', () => {
    expect(isAttachmentOnly('image', '[image]')).toBe(true);
    expect(isAttachmentOnly('audio', '[audio]')).toBe(true);
    expect(isAttachmentOnly('image', 'ảnh lỗi khi quét chip')).toBe(false);
    expect(isAttachmentOnly('text', 'hello')).toBe(false);
    for (const lang of langs) {
      const reply = composeAcknowledgement(texts, {
        lang,
        refCode: 'GY-0007-PQ',
        firstContact: false,
        topic: 'other',
        attachmentOnly: true,
      });
      expect(reply).toContain(texts.attachment[lang]);
    }
    expect(texts.attachment.vi).toMatch(/CCCD/);
    expect(texts.attachment.en).toMatch(/ID card/);
  });
});

describe('parseCommand', () => {
  it.each([
    ['xóa dữ liệu', { kind: 'erase' }],
    ['dữ liệu của tôi', { kind: 'my_data' }],
    ['Cho tôi xem dữ liệu của tôi', { kind: 'my_data' }],
    ['/mydata', { kind: 'my_data' }],
    ['my data', { kind: 'my_data' }],
    ['What data do you keep?', { kind: 'my_data' }],
    ['GY-00AB-3K', { kind: 'status', refCode: 'GY-00AB-3K' }],
    ['GY-0000-0A1B-2CD', { kind: 'status', refCode: 'GY-0000-0A1B-2CD' }],
    ['gy 0000 0a1b 2cd', { kind: 'status', refCode: 'GY-0000-0A1B-2CD' }],
    ['báo tôi', { kind: 'notify' }],
    ['Báo cho tôi khi sửa xong nhé', { kind: 'notify' }],
    ['notify me', { kind: 'notify' }],
    ['/notify', { kind: 'notify' }],
    ['dừng', { kind: 'stop' }],
    ['STOP', { kind: 'stop' }],
    ['/stop', { kind: 'stop' }],
    ['mã của tôi là gy 00ab 3k, xử lý chưa?', { kind: 'status', refCode: 'GY-00AB-3K' }],
  ] as const)('%j → %j', (text, command) => {
    expect(parseCommand(text)).toEqual(command);
  });

  it.each([
    'Không nhận được mã OTP',
    'ứng dụng làm mất dữ liệu của tôi sau khi cập nhật lên bản mới nhất, các giấy tờ tích hợp biến mất hết',
    'how do I see my data sharing history in the app?',
    'dừng lại đi, app lỗi quá trời',
    'app cứ bắt dừng giữa chừng khi quét chip',
    'báo tôi lỗi không đăng nhập được hoài vậy',
  ])('%j is feedback, not a command', (text) => {
    expect(parseCommand(text)).toBeUndefined();
  });
});
