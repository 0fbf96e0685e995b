/**
 * Signals in a citizen's words that change how the bot answers, whatever the topic model says:
 * a **scam** (someone impersonating the police or VNeID, asking for an OTP, password or passcode, a link
 * to "upgrade" an account, a fake app) earns a warning; an **urgent case** (money lost, an account taken
 * over, personal data misused) earns the steps to take and is flagged to the team.
 *
 * Matched on the folded text (no diacritics, lower case, teencode expanded), so "bị lừa mất tiền",
 * "bi lua mat tien" and "bj lua mat tjen" read alike. Recall matters more than precision here: a
 * needless warning costs a paragraph, a missing one can cost a citizen their savings.
 */
import { fold } from '../../workers/analysis/normalise.ts';

export const URGENT_KINDS = ['money_lost', 'account_takeover', 'data_misuse'] as const;
export type UrgentKind = (typeof URGENT_KINDS)[number];

export interface Signals {
  scam: boolean;
  urgent: UrgentKind[];
}

const W = '(?:\\s+\\S+){0,6}?\\s+'; // up to six words in between
const AUTHORITY =
  '(?:cong an|canh sat|can bo|bo cong an|cuc canh sat|doi canh sat|vneid|trung tam du lieu|ngan hang|nhan vien|police|officer|bank|government|ministry)';
const SECRET =
  '(?:ma otp|otp|mat khau|mat ma|passcode|pass|ma pin|pin|ma xac thuc|ma xac nhan|password|code|ma so)';
const CONTACT =
  '(?:goi|goi dien|cuoc goi|dien thoai|nhan tin|tin nhan|sms|zalo|messenger|facebook|call|called|calling|phoned|texted|text|message|messaged)';

/** Someone other than the app or the citizen: the caller of a scam. */
const CALLER =
  '(?:ai do|nguoi la|co nguoi|mot nguoi|nguoi tu xung|so la|so dien thoai la|so di dong la|doi tuong|ke gian|ke|ho|ben kia|someone|somebody|a man|a woman|a guy|a caller|stranger|unknown number|they|he|she)';

const SCAM: RegExp[] = [
  new RegExp(`\\b(?:gia danh|mao danh|xung la|tu xung|tu nhan|nhan la|gia lam|gia vo la)${W}?${AUTHORITY}`),
  new RegExp(
    `\\b(?:pretend\\w*|claim\\w*|posing|impersonat\\w*|said (?:he|she|they) (?:was|were))${W}?${AUTHORITY}`,
  ),
  new RegExp(
    `\\b${CALLER}\\b.{0,30}\\b${CONTACT}\\b.{0,80}\\b(?:hoi|xin|doi|bat|yeu cau|bao|doc|cung cap|gui|dua|ask\\w*|want\\w*|request\\w*|give|read|send|share|tell)\\b.{0,40}\\b${SECRET}\\b`,
  ),
  new RegExp(
    `\\b(?:doc|cung cap|gui|dua|give|read out|send|share)\\b.{0,20}\\b${SECRET}\\b.{0,30}\\b(?:cho (?:ho|nguoi|ben|anh ta|chi ta|ong ta|ba ta|ke)|to (?:him|her|them|the caller|a stranger))\\b`,
  ),
  new RegExp(
    `\\b(?:nhan vien|can bo|cong an|canh sat|officer|police|bank staff)\\b.{0,60}\\b(?:hoi|xin|yeu cau|doi|bat|ask\\w*|want\\w*|demand\\w*)\\b.{0,20}\\b${SECRET}\\b`,
  ),
  /\b(?:link|duong dan|url|trang web|website|site)\b.{0,80}\b(?:cap nhat|nang cap|kich hoat|xac thuc|dinh danh|muc 2|update|upgrade|verify|activate|level 2)\b/,
  /\b(?:cap nhat|nang cap|kich hoat|update|upgrade)\b.{0,40}\b(?:muc 2|level 2)\b.{0,60}\b(?:link|url|duong dan|goi|tin nhan|call|message|sms)\b/,
  /\b(?:app|ung dung|phan mem|web|trang|website)\s+(?:gia|gia mao|lua dao|la|fake|clone)\b/,
  /\b(?:fake|phishing|scam|fraud\w*|bogus)\s+(?:app|link|call|sms|text|message|website|site|page|police|officer)\b/,
  /\bapk\b|\b(?:cai|tai)\b.{0,30}\b(?:qua link|tu link|file cai|ngoai (?:cua hang|app store|ch play|google play))\b/,
  /\b(?:lua dao|lua gat|scam\w*|phishing|gia mao|bi lua|chiem doat)\b/,
];

const MONEY = '(?:tien|trieu|tr\\b|nghin|ngan|ty\\b|dong\\b|vnd|k\\b|tiet kiem|money|savings|million|\\$)';
const URGENT: Record<UrgentKind, RegExp[]> = {
  money_lost: [
    new RegExp(
      `\\b(?:bi|da bi|bi ke gian|bi chung|bi ho)\\s+(?:\\S+\\s+){0,2}?(?:lua|rut|tru|lay|cuom|danh cap|chiem doat|mat|chuyen)(?:\\s+(?:mat|het|sach|cua toi|cua minh))?(?:\\s+\\d[\\d.,]*)?\\s*${MONEY}`,
    ),
    /\bmat\s+(?:het\s+|sach\s+|trang\s+)?(?:\d[\d.,]*\s*)?(?:tien|trieu|tr|nghin|ty|dong|vnd|tiet kiem)\b/,
    /\b(?:tai khoan|the|vi)(?: ngan hang| atm| tin dung| dien tu)?\b.{0,30}\b(?:bi (?:tru|rut|tru tien|rut tien|mat tien|tru het|rut het|hack))\b/,
    /\bchuyen (?:tien|khoan)\b.{0,40}\b(?:cho (?:ke gian|bon|nguoi (?:la|gia)|ho|chung)|roi (?:moi )?biet|bi lua)\b/,
    /\b(?:lost|stolen|took|taken|drained|withdrew|withdrawn|scammed out of)\b.{0,40}\b(?:money|dong|vnd|savings|million|\$\d*)/,
    /\b(?:money|savings|balance)\b.{0,40}\b(?:stolen|gone|taken|lost|disappeared|missing|drained)\b/,
  ],
  account_takeover: [
    /\b(?:bi|da bi|nghi bi)\s+(?:hack|hach|chiem|chiem doat|chiem quyen|xam nhap|doi mat khau)\b/,
    /\b(?:tai khoan|tk|acc|nick|vneid)\b.{0,30}\b(?:bi hack|bi chiem|bi xam nhap|bi nguoi (?:khac|la) (?:dang nhap|su dung|dung|doi|vao))\b/,
    /\bnguoi (?:khac|la)\b.{0,20}\b(?:dang nhap|doi mat khau|doi so dien thoai|chiem|vao tai khoan)\b/,
    /\bkhong phai (?:toi|minh|em|chau)\b.{0,20}\b(?:dang nhap|doi|thay doi)\b/,
    /\b(?:account|vneid|profile)\b.{0,30}\b(?:hacked|taken over|hijacked|compromised|stolen|broken into)\b/,
    /\bsomeone (?:else )?(?:has )?(?:logged|signed|got) (?:in|into)\b|\b(?:hacked|took over|taken over|hijacked) (?:my|the) (?:account|vneid)\b/,
  ],
  data_misuse: [
    /\b(?:dung|su dung|lay|mao danh)\b.{0,20}\b(?:thong tin|cccd|can cuoc|cmnd|du lieu|giay to|anh)\b.{0,20}\b(?:cua toi|cua minh|cua em|ca nhan|cua me|cua bo)\b.{0,50}\b(?:vay|mo (?:tai khoan|the)|dang ky|lua|mua|ban|sim|cong ty)\b/,
    /\b(?:mao danh|gia danh|dung ten)\s+(?:toi|minh|em|me toi|bo toi)\b/,
    /\b(?:bi|da bi)\s+(?:lo|ro ri|danh cap|mua ban|ban|lay cap)\s+(?:thong tin|du lieu|cccd|can cuoc)\b/,
    /\b(?:vay|khoan vay|no|sim|tai khoan)\b.{0,40}\b(?:ma toi khong he|toi khong he|khong he (?:vay|dang ky|mo))\b/,
    /\b(?:identity theft|stole my identity|stolen identity|used my (?:id|identity|data|information|details|name|card))\b/,
    /\b(?:loan|account|sim|company)\b.{0,30}\bin my name\b/,
    /\bmy (?:data|information|details|id)\b.{0,10}\b(?:was|were|has been|have been|got)\b.{0,10}\b(?:leaked|sold|stolen|misused|used)\b/,
  ],
};

export function detectSignals(text: string): Signals {
  const f = fold(text);
  return {
    scam: SCAM.some((re) => re.test(f)),
    urgent: URGENT_KINDS.filter((kind) => URGENT[kind].some((re) => re.test(f))),
  };
}
