// Function words and newsroom formulas that say nothing about what a story is about
// (English, Spanish, Russian, French, German), in normalized form (lower case, no accents).

const LISTS = [
  // English
  `a about above after again against all also although am among an and any are around as at back be became because been before being
  below between both but by can could did do does doing done down during each either else even ever every few for from further had has
  have having he her here hers herself him himself his how however i if in into is it its itself just last least less like made make
  many may me might more most much must my myself neither never new no nor not now of off often on once one only or other others our
  ours ourselves out over own per perhaps put quite rather really same see seen several shall she should since so some still such than
  that the their theirs them themselves then there these they this those though three through thus to too two under until up upon us
  very via was we well were what whatever when where whether which while who whom whose why will with within without would yet you your
  yours yourself yourselves said says say saying told tell according added also including reported reports report year years week weeks
  day days time times january february march april june july august september october november december monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow mr mrs ms dr st it's its dont
  doesnt didnt cant wont isnt wasnt arent werent hasnt havent hadnt im ive youre theyre thats theres whats lets going get got gets way
  first second next another around already although among amongst across along away enough far near nearly almost something anything
  nothing everything someone anyone everyone thing things four five six seven eight nine ten hundred thousand million billion dozen want wants wanted take taken takes took come came comes go goes went use used
  know known think thought people part based since later early latest former news`,
  // Spanish
  `el la los las un una unos unas de del al a ante bajo con contra desde durante en entre hacia hasta mediante para por segun sin sobre
  tras y e o u ni que se su sus lo le les es son fue fueron ser estar esta este esto estos estas ese esa esos esas aquel como mas pero
  muy ya no si tambien porque cuando donde quien quienes cual cuales hay han ha habia sido dijo dice segun año años`,
  // Russian
  `и в во не что он на я с со как а то все она так его но да ты к у же вы за бы по только ее мне было вот от меня еще нет о из ему
  теперь когда даже ну вдруг ли если уже или ни быть был него до вас нибудь опять уж вам ведь там потом себя ничего ей может они тут
  где есть надо ней для мы тебя их чем была сам чтоб без будто чего раз тоже себе под будет ж тогда кто этот того потому этого какой
  совсем ним здесь этом один почти мой тем чтобы нее сейчас были куда зачем всех никогда можно при наконец два об другой хоть после над
  больше тот через эти нас про всего них какая много разве три эту моя впрочем хорошо свою этой перед иногда лучше чуть том нельзя такой
  им более всегда конечно всю между также заявил сообщил сообщает года году это`,
  // French and German (common in corpora of wire copy)
  `le la les un une des du de et en au aux ce cette ces est sont pour par sur dans avec qui que ne pas plus il elle ils elles nous vous
  der die das den dem des ein eine einer eines und oder aber nicht mit von zu im ist sind war auf fur als auch bei nach aus wie`,
];

export const STOPWORDS: ReadonlySet<string> = new Set(LISTS.join(' ').split(/\s+/u).filter(Boolean));
