/** The citizen-side page's strings (urgent cases, attachments, word when fixed), Vietnamese first. */
import { useI18n } from '../i18n.tsx';

const VI = {
  nav: 'Người dân',
  title: 'Phía người dân',
  urgentTitle: 'Trường hợp khẩn cấp chưa xử lý',
  urgentIntro:
    'Tin nhắn báo mất tiền, bị chiếm tài khoản hoặc bị dùng trái phép thông tin. Nhóm chat đã được báo (chỉ số lượng và đường dẫn); người dân đã nhận hướng dẫn các bước cần làm.',
  urgentNone: 'Không có trường hợp khẩn cấp nào đang chờ.',
  received: 'Nhận lúc',
  kinds: 'Loại',
  message: 'Tin nhắn (đã che thông tin cá nhân)',
  handled: 'Đã xử lý',
  money_lost: 'Mất tiền',
  account_takeover: 'Bị chiếm tài khoản',
  data_misuse: 'Dữ liệu bị dùng trái phép',
  attachmentsTitle: 'Tin nhắn kèm tệp (30 ngày)',
  attachmentsIntro:
    'Ảnh, tin nhắn thoại và tệp không bao giờ được tải về; người gửi được đề nghị mô tả vấn đề bằng chữ.',
  attachmentsNone: 'Không có tin nhắn kèm tệp.',
  kind: 'Loại tệp',
  count: 'Số tin',
  noticesTitle: 'Báo cho người dân khi đã khắc phục',
  noticesIntro:
    'Đóng một sự cố kèm ghi chú ngắn (tiếng Việt và tiếng Anh). Một quản trị viên khác duyệt, rồi những người đã đăng ký nhận tin ("báo tôi") được nhắn — chỉ khi nền tảng cho phép.',
  noticesNone: 'Không có sự cố nào đang mở.',
  noteVi: 'Ghi chú (tiếng Việt)',
  noteEn: 'Ghi chú (tiếng Anh)',
  propose: 'Đề xuất đóng và báo tin',
  approve: 'Duyệt và gửi',
  proposedBy: 'Đề xuất bởi {who}',
  approvedBy: 'Đã gửi, duyệt bởi {who}',
  preview:
    'Sẽ gửi: {sent} · ngoài khung trả lời: {outside} · không có địa chỉ riêng: {none} · đã ngừng nhận: {out}',
  told: 'Đã gửi: {sent} · ngoài khung trả lời: {outside} · không có địa chỉ riêng: {none} · đã ngừng nhận: {out}',
  since: 'Từ {when}',
};

const EN: Record<keyof typeof VI, string> = {
  nav: 'Citizens',
  title: "The citizens' side",
  urgentTitle: 'Urgent cases not yet handled',
  urgentIntro:
    'Messages reporting money lost, an account taken over or personal data misused. The team chat was told (counts and a link only); the citizen got the steps to take.',
  urgentNone: 'No urgent case is waiting.',
  received: 'Received',
  kinds: 'Kind',
  message: 'Message (personal details masked)',
  handled: 'Handled',
  money_lost: 'Money lost',
  account_takeover: 'Account taken over',
  data_misuse: 'Data misused',
  attachmentsTitle: 'Messages with attachments (30 days)',
  attachmentsIntro:
    'Photos, voice notes and files are never downloaded; senders are asked to describe the problem in words.',
  attachmentsNone: 'No messages with attachments.',
  kind: 'Attachment',
  count: 'Messages',
  noticesTitle: 'Tell citizens when it is fixed',
  noticesIntro:
    'Close an incident with a short note (Vietnamese and English). Another admin approves; then the citizens who asked ("notify me") are told — only where the platform allows it.',
  noticesNone: 'No incident is open.',
  noteVi: 'Note (Vietnamese)',
  noteEn: 'Note (English)',
  propose: 'Propose closing and telling',
  approve: 'Approve and send',
  proposedBy: 'Proposed by {who}',
  approvedBy: 'Sent, approved by {who}',
  preview:
    'To send: {sent} · outside the reply window: {outside} · no private address: {none} · opted out: {out}',
  told: 'Sent: {sent} · outside the reply window: {outside} · no private address: {none} · opted out: {out}',
  since: 'Since {when}',
};

export type CitizensTextKey = keyof typeof VI;

export function useCitizensText(): (key: CitizensTextKey, vars?: Record<string, string | number>) => string {
  const { lang } = useI18n();
  const dict = lang === 'en' ? EN : VI;
  return (key, vars) => {
    let s = dict[key];
    for (const [k, v] of Object.entries(vars ?? {})) s = s.replaceAll(`{${k}}`, String(v));
    return s;
  };
}
