/** Word lists behind lang.ts, folded (lower case, no diacritics). Frequent words only. */
import type { Lang } from './taxonomy.ts';

const set = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

export const VI_WORDS = set(`
khong duoc toi minh em anh chi ban la va cua cho voi thi ma nay do roi nhe nha nhi oi vay sao gi
nao dau ai bao gio luc sau truoc ra vao len xuong di ve tai cac nhung mot co bi da dang se rat qua
lam cung van con nua de den tu trong ngoai tren duoi khi neu nhu the hay giup xin hoi muon can phai
biet ung dung dang nhap ky nhan tin ma so dien thoai tai khoan mat khau xac thuc kich hoat muc loi
hong treo cham cap nhat giay to tich hop bang lai xe bao hiem thue cong an phuong xa ho so lua dao
bao mat du lieu chia se dong y ngan hang khuon mat quet can cuoc chip the nguoi nuoc ngoai chieu
dich vu thu tuc cu tru thanh toan phi cam on tot tuyet voi hai long nhanh tien loi qua roi mai
hom nay hoai lau gio phut ngay thang nam moi lan luon dung sai quen lai thu nhieu it het duoc
chua xong vui long kiem tra ho tro gui tra loi ca nhan thong tin cap mang song doi chuyen lien
tuc bay nua ca viec khac biet tai sao nhu vay nhung ma neu khi nao khong the phan mem dien
nhan vien canh sat tru so benh vien giai quyet yeu cau tien minh oi anh em moi nguoi
alo hihi haha ngon gia mao that qua tro gium giup voi nhanh len
`);

export const EN_WORDS = set(`
the a an and or but is are was were be been am i my me you your we our they it its this that
these those to of in on at for with from by not no cannot can't cant could would should will
can do does did have has had get got please help how what why when where which who app account
login log sign password code receive received message phone number error work working works
problem issue again still since yesterday today thanks thank great good bad slow crash crashes
foreigner foreign passport residence card visa register registration verify verification
identity face camera scan update install open opens data privacy share shared consent bank
document documents licence license insurance tax service services online pay payment fee
wrong expired never keeps keep trying tried try just very really so much too also there here
hello hi dear sir madam team support english language need want know able unable stuck
fails failed failing screen page button level activate activated activation apply applied
pending rejected police office days weeks hours minutes nothing anything something anyone
hey thank thanks guys anybody
`);

/** Exclusive words of other Latin-script languages foreign residents sometimes write in. */
const OTHER: Array<[Lang, string]> = [
  [
    'fr',
    'je ne pas les des est pour mon une avec bonjour merci compte mais tres aussi peux suis jamais recois recu lien arnaque par mettre jour demandant connecter',
  ],
  ['es', 'puedo cuenta gracias hola por para que mi el los las una como pero esta'],
  ['de', 'ich nicht kann mein und der die das danke konto bitte ist mit auf'],
  ['id', 'saya tidak bisa akun dan yang tolong terima kasih tapi sudah belum'],
];
export const LANG_WORDS: ReadonlyMap<string, Lang> = new Map(
  OTHER.flatMap(([lang, words]) => words.split(' ').map((w): [string, Lang] => [w, lang])),
);

/** Tokens that say nothing about the language (product names, acronyms, markers). */
export const NEUTRAL_WORDS = set(`
vneid otp cccd cmnd nfc app sms ok id qr chip url emopos emoneg wifi iphone android ios samsung
oppo xiaomi vietnam vn eid level pin gps bhyt bhxh admin inbox link
`);
