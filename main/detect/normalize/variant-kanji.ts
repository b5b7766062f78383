// Old and variant forms of kanji that people write their names and addresses with, folded to the
// common form. NFKC leaves these alone (they are separate characters, not compatibility forms), so a
// table it is. Direction: variant → standard. Both the list and the page are folded the same way.
const PAIRS =
  '髙高﨑崎嵜崎碕崎邊辺邉辺齋斎齊斉濱浜濵浜澤沢廣広國国櫻桜德徳眞真嶋島嶌島冨富槇槙藏蔵惠恵實実瀧滝壽寿' +
  '榮栄螢蛍峯峰條条來来學学會会與与萬万彌弥禮礼龜亀瀨瀬淺浅曾曽增増黑黒將将團団傳伝邨村栁柳桒桑舘館圓円' +
  '緖緒靜静聰聡顯顕兒児驛駅縣県區区鐵鉄晉晋敎教步歩寬寛淸清爲為澁渋莊荘壯壮顏顔藪薮鷗鴎卷巻臺台豐豊' +
  '廳庁擧挙應応戶戸渕淵';

export const VARIANT_KANJI: ReadonlyMap<number, number> = (() => {
  const m = new Map<number, number>();
  const cps = Array.from(PAIRS);
  for (let i = 0; i + 1 < cps.length; i += 2) m.set(cps[i].codePointAt(0)!, cps[i + 1].codePointAt(0)!);
  m.set(0x20bb7, 0x5409); // 𠮷 (tsuchi-yoshi) → 吉
  return m;
})();
