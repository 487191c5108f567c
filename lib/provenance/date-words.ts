// The words dates are written with: month names (English, Spanish, Russian, French, German,
// Portuguese, Italian), weekday names, labels such as "Published on", and time-zone abbreviations.

/** Month name (lower case, with common abbreviations and Russian genitive forms) → 1..12. */
export const MONTHS: ReadonlyMap<string, number> = buildMonths([
  'january/jan february/feb march/mar april/apr may june/jun july/jul august/aug september/sep/sept october/oct november/nov december/dec',
  'enero/ene febrero/feb marzo/mar abril/abr mayo/may junio/jun julio/jul agosto/ago septiembre/setiembre/sep/set octubre/oct noviembre/nov diciembre/dic',
  'января/январь/янв февраля/февраль/фев марта/март/мар апреля/апрель/апр мая/май июня/июнь/июн июля/июль/июл августа/август/авг сентября/сентябрь/сен/сент октября/октябрь/окт ноября/ноябрь/ноя декабря/декабрь/дек',
  'janvier/janv février/fevrier/févr/fevr mars avril/avr mai juin juillet/juil août/aout septembre octobre novembre décembre/decembre/déc',
  'januar/jän/jan februar märz/maerz april mai juni juli august september oktober/okt november dezember/dez',
  'janeiro fevereiro/fev março/marco abril maio junho julho agosto setembro outubro/out novembro dezembro/dez',
  'gennaio/gen febbraio marzo aprile maggio giugno/giu luglio/lug agosto settembre/set ottobre/ott novembre dicembre',
]);

function buildMonths(languages: string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const names of languages) {
    names.split(' ').forEach((group, i) => {
      for (const n of group.split('/')) if (!out.has(n)) out.set(n, i + 1);
    });
  }
  return out;
}

/** Weekday names and abbreviations, any of the languages above (a weekday is read and ignored). */
export const WEEKDAY =
  '(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun|' +
  'lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|' +
  'понедельник|вторник|среда|четверг|пятница|суббота|воскресенье|пн|вт|ср|чт|пт|сб|вс|' +
  'lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|' +
  'montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|' +
  'segunda-feira|terça-feira|terca-feira|quarta-feira|quinta-feira|sexta-feira)';

/** Labels before a date: "Published on", "Updated:", "Publicado el", "Опубликовано:", "Publié le". */
export const LABEL =
  // Longer labels first: the first alternative that fits wins.
  '(?:(?:first published|last updated|last modified|дата публикации|mis à jour|published|posted|updated|dated|date|' +
  'publicado|actualizado|fecha|опубликовано|обновлено|дата|publié|veröffentlicht|aktualisiert|stand)' +
  '(?:\\s+(?:on|at|el|le|am|em|в))?\\s*:?\\s+)';

/**
 * Time-zone abbreviations with a single meaning in news text, in minutes east of UTC (RFC 822's
 * North American zones among them). Abbreviations with several meanings (IST, CST in China) are
 * left out on purpose (RFC 822's CST too: China's CST is +08:00): a time in an unknown zone keeps its wall-clock time without an offset.
 */
export const ZONES: ReadonlyMap<string, number> = new Map([
  ['z', 0], ['ut', 0], ['utc', 0], ['gmt', 0], ['wet', 0],
  ['est', -300], ['edt', -240], ['cdt', -300], ['mst', -420], ['mdt', -360], ['pst', -480], ['pdt', -420],
  ['akst', -540], ['akdt', -480], ['hst', -600],
  ['bst', 60], ['west', 60], ['cet', 60], ['cest', 120], ['eet', 120], ['eest', 180], ['msk', 180], ['мск', 180],
  ['jst', 540], ['kst', 540], ['hkt', 480], ['sgt', 480], ['aest', 600], ['aedt', 660], ['nzst', 720], ['nzdt', 780],
]);
