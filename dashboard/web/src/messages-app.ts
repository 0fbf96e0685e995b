/**
 * UI strings for the app frame (the menu, the not-found page, first-run guidance) and the text of
 * every API error code. The frame's strings are spread into `VI` / `EN` in messages.ts; English must
 * have the same keys (the type checks it), and every code of server/error-codes.ts must have a text.
 */
import type { ErrorCode } from '../../server/error-codes.ts';

export const VI_APP = {
  menu: 'Menu',
  notFoundTitle: 'Không tìm thấy trang',
  notFoundText: 'Bảng điều khiển không có trang nào ở địa chỉ này:',
  notFoundItemTitle: 'Không tìm thấy mục này',
  notFoundItemText: 'Mục bạn mở không tồn tại hoặc đã bị xóa:',
  backToOverview: 'Về trang Tổng quan',
  noAccountsTitle: 'Chưa có tài khoản nào',
  noAccountsText:
    'Hệ thống vừa được cài đặt. Người vận hành tạo tài khoản quản trị đầu tiên trên máy chủ bằng lệnh sau (mật khẩu ít nhất 10 ký tự), rồi đăng nhập tại đây:',
  firstRunTitle: 'Chưa có tin nhắn nào',
  firstRunText: 'Bảng điều khiển sẽ hiện số liệu ngay khi có tin nhắn đầu tiên. Có hai cách để bắt đầu:',
  firstRunConnect: 'Kết nối một kênh.',
  firstRunConnectText:
    'Đặt thông tin xác thực của Telegram, Facebook hoặc Zalo trong cấu hình máy chủ (tệp .env) rồi khởi động lại; trang Quản trị cho biết kênh nào đã được kết nối.',
  firstRunImport: 'Nhập dữ liệu cũ.',
  firstRunImportText: 'Nạp các tin nhắn đã có (tệp JSONL hoặc CSV) bằng lệnh:',
  firstRunAfter: 'Tin nhắn nhận được hoặc được nhập sẽ hiện ở đây sau vài giây.',
  replyFailures: 'Trả lời không gửi được',
  replyFailuresNone: 'Không có trả lời nào gửi lỗi.',
  replyFailuresHint:
    'Một số lỗi là bình thường: nền tảng không cho trả lời khi đã quá khung thời gian (Facebook: 24 giờ sau tin nhắn cuối của người dân, 7 ngày với trả lời riêng cho bình luận; Zalo: khung tương tác) hoặc khi người dân đã chặn kênh. Các lỗi còn lại cần được kiểm tra.',
  replyCount: 'Số trả lời',
  replyReason: 'Lý do',
  replyExpected: 'Bình thường',
  replyNeedsAttention: 'Cần kiểm tra',
  'reply.outside_window': 'Ngoài khung trả lời',
  'reply.outside_window.hint': 'Nền tảng chỉ cho trả lời trong 24 giờ hoặc 7 ngày; không cần làm gì.',
  'reply.user_unavailable': 'Người dân đã chặn kênh hoặc không còn liên lạc được',
  'reply.user_unavailable.hint': 'Không cần làm gì.',
  'reply.token': 'Mã truy cập bị từ chối',
  'reply.token.hint': 'Kiểm tra mã truy cập của kênh trong cấu hình (Zalo: cặp mã làm mới).',
  'reply.no_address': 'Thiếu địa chỉ người nhận',
  'reply.no_address.hint': 'Sự kiện gốc không có đủ thông tin để trả lời.',
  'reply.platform_down': 'Nền tảng liên tục lỗi',
  'reply.platform_down.hint': 'Nền tảng lỗi hoặc không kết nối được qua mọi lần thử lại.',
  'reply.rejected': 'Nền tảng từ chối yêu cầu',
  'reply.rejected.hint': 'Xem nhật ký của tiến trình trả lời để biết chi tiết.',
  'reply.other': 'Lý do khác',
  'reply.other.hint': 'Xem nhật ký của tiến trình trả lời để biết chi tiết.',
} as const;

export const EN_APP: { [K in keyof typeof VI_APP]: string } = {
  menu: 'Menu',
  notFoundTitle: 'Page not found',
  notFoundText: 'The dashboard has no page at this address:',
  notFoundItemTitle: 'Not found',
  notFoundItemText: 'What you opened does not exist or has been deleted:',
  backToOverview: 'Back to the Overview',
  noAccountsTitle: 'No account yet',
  noAccountsText:
    'This deployment is new. The operator creates the first admin account on the server with this command (password of at least 10 characters), then signs in here:',
  firstRunTitle: 'No messages yet',
  firstRunText: 'The dashboard shows figures as soon as the first message arrives. Two ways to start:',
  firstRunConnect: 'Connect a channel.',
  firstRunConnectText:
    'Set the Telegram, Facebook or Zalo credentials in the server configuration (the .env file) and restart; the Admin page shows which channels are connected.',
  firstRunImport: 'Import history.',
  firstRunImportText: 'Load existing messages (a JSONL or CSV file) with:',
  firstRunAfter: 'Messages received or imported appear here within seconds.',
  replyFailures: 'Replies not delivered',
  replyFailuresNone: 'No reply has failed.',
  replyFailuresHint:
    'Some failures are normal: a platform refuses a reply once its window has passed (Facebook: 24 hours after the citizen’s last message, 7 days for a private reply to a comment; Zalo: its interaction window) or when the citizen has blocked the channel. The others need a look.',
  replyCount: 'Replies',
  replyReason: 'Reason',
  replyExpected: 'Expected',
  replyNeedsAttention: 'Needs a look',
  'reply.outside_window': 'Outside the reply window',
  'reply.outside_window.hint': 'The platform allows replies only within 24 hours or 7 days; nothing to do.',
  'reply.user_unavailable': 'The citizen blocked the channel or cannot be reached',
  'reply.user_unavailable.hint': 'Nothing to do.',
  'reply.token': 'Access token rejected',
  'reply.token.hint': 'Check the channel’s access token in the configuration (Zalo: the refresh pair).',
  'reply.no_address': 'No recipient address',
  'reply.no_address.hint': 'The original event lacks what is needed to reply.',
  'reply.platform_down': 'Platform kept failing',
  'reply.platform_down.hint': 'The platform failed or could not be reached on every retry.',
  'reply.rejected': 'Platform refused the request',
  'reply.rejected.hint': 'See the reply worker’s log for details.',
  'reply.other': 'Other reason',
  'reply.other.hint': 'See the reply worker’s log for details.',
};

/** Codes the client itself produces: no answer at all, an answer that is not ours, anything else. */
type ClientErrorCode = 'network' | 'http' | 'unknown' | 'invalid_field';
type ErrorTexts = Record<ErrorCode | ClientErrorCode, string>;

const ERRORS_VI: ErrorTexts = {
  unauthenticated: 'Phiên đăng nhập đã hết. Vui lòng đăng nhập lại.',
  bad_credentials: 'Sai email hoặc mật khẩu.',
  bad_code: 'Mã không đúng, đã hết hạn hoặc đã được dùng. Hãy kiểm tra giờ trên điện thoại rồi thử lại.',
  already_approved: 'Sự cố này đã được đóng và người dân đã được báo.',
  second_admin_required: 'Cần một quản trị viên khác duyệt thông báo do bạn đề xuất.',
  no_topic: 'Sự cố trên cả kênh không gắn với chủ đề nào nên không thể báo cho người dân.',
  forbidden: 'Vai trò của bạn không được làm việc này.',
  csrf: 'Trang đã mở quá lâu. Hãy tải lại trang rồi thử lại.',
  not_found: 'Không tìm thấy mục này. Có thể nó đã bị xóa hoặc đường dẫn bị sai.',
  invalid_input: 'Có giá trị nhập chưa hợp lệ. Hãy kiểm tra lại.',
  invalid_field: 'Giá trị của “{field}” chưa hợp lệ. Hãy kiểm tra lại.',
  range_reversed: 'Ngày bắt đầu phải trước hoặc bằng ngày kết thúc.',
  range_too_long: 'Khoảng thời gian quá dài. Hãy chọn khoảng ngắn hơn.',
  same_labels: 'Tin nhắn đã có đúng các nhãn này; không có gì để lưu.',
  own_account: 'Bạn không thể khóa hoặc hạ quyền tài khoản của chính mình.',
  account_exists: 'Đã có tài khoản với email này.',
  bad_request: 'Yêu cầu không hợp lệ.',
  too_large: 'Dữ liệu gửi lên quá lớn.',
  rate_limited: 'Quá nhiều yêu cầu. Vui lòng đợi một lúc rồi thử lại.',
  demo_loading: 'Bản demo vẫn đang nạp dữ liệu mẫu. Vui lòng đợi một phút.',
  internal: 'Máy chủ gặp lỗi. Hãy thử lại sau ít phút.',
  network: 'Không kết nối được máy chủ. Hãy kiểm tra mạng rồi thử lại.',
  http: 'Máy chủ trả lời không như mong đợi. Hãy thử lại.',
  unknown: 'Đã có lỗi xảy ra. Hãy thử lại.',
};

const ERRORS_EN: ErrorTexts = {
  unauthenticated: 'Your session has ended. Please sign in again.',
  bad_credentials: 'Wrong email or password.',
  bad_code: 'That code is wrong, expired or already used. Check the time on your phone and try again.',
  already_approved: 'This incident was already closed and its citizens told.',
  second_admin_required: 'Another admin must approve the notices you proposed.',
  no_topic: 'A channel-wide incident has no topic, so citizens cannot be told about it.',
  forbidden: 'Your role does not allow this.',
  csrf: 'This page has been open too long. Reload it and try again.',
  not_found: 'This item was not found. It may have been deleted, or the link is wrong.',
  invalid_input: 'Some input is not valid. Please check it.',
  invalid_field: 'The value of “{field}” is not valid. Please check it.',
  range_reversed: 'The start date must be on or before the end date.',
  range_too_long: 'The period is too long. Choose a shorter one.',
  same_labels: 'The message already has these labels; nothing to save.',
  own_account: 'You cannot disable or demote your own account.',
  account_exists: 'An account with this email already exists.',
  bad_request: 'The request is not valid.',
  too_large: 'What was sent is too large.',
  rate_limited: 'Too many requests. Please wait a moment and try again.',
  demo_loading: 'The demo is still loading its sample. Please wait a minute.',
  internal: 'The server ran into an error. Try again in a few minutes.',
  network: 'The server cannot be reached. Check the connection and try again.',
  http: 'The server answered unexpectedly. Try again.',
  unknown: 'Something went wrong. Try again.',
};

export const ERROR_TEXT: Record<'vi' | 'en', ErrorTexts> = { vi: ERRORS_VI, en: ERRORS_EN };

export function isKnownError(code: string): code is ErrorCode | ClientErrorCode {
  return code in ERRORS_VI;
}
