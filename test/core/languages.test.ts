/**
 * Documents in other languages than English: a question asked in the documents' language is
 * not refused for the function words the documents happen to lack ("welche", "ich").
 */
import { describe, expect, it } from 'vitest';
import { Engine } from '../../src/core/index.js';
import { corpusLanguages, phrasingWords } from '../../src/core/languages.js';
import { corpusOf } from '../helpers.js';

/** A German community's rules, as such a server writes them. */
const RULES = `# Serverregeln

## Werbung

Werbung für andere Server ist ohne Erlaubnis der Moderatoren verboten. Wer trotzdem wirbt, wird verwarnt.

## Sprache

Bitte schreibt im Hauptkanal auf Deutsch. Für Englisch gibt es einen eigenen Kanal.

## Spam

Das wiederholte Senden derselben Nachricht gilt als Spam und führt zu einem Timeout von einer Stunde.
`;

const NEWS = `Harbour town council news

The council approved a new ferry timetable on Monday after a long debate.

Ferry tickets will cost 2,500 pesos from March, the transport office said.

Fishermen said the northern pier is vital for the winter catch, and that the season would die without it.
`;

describe('the languages of the documents', () => {
  it('are told from each document, by the share of its words that are stop words', () => {
    expect([...corpusLanguages([RULES, NEWS])]).toEqual(['de']);
    expect([...corpusLanguages([NEWS])]).toEqual([]);
    // Too short to tell.
    expect([...corpusLanguages(['Bitte schreibt auf Deutsch.'])]).toEqual([]);
    // A list of names is no Dutch text, though `de`, `van` and `der` are a fifth of its words.
    const names = Array.from({ length: 12 }, (_, i) => `Jan de Vries ${i}, Anna van der Berg ${i}`).join(
      '\n',
    );
    expect([...corpusLanguages([names])]).toEqual([]);
  });

  it("leave a question's function words only when it is asked in that language", () => {
    expect([...phrasingWords(['welche', 'sprache', 'im', 'hauptkanal'], new Set(['de']))]).toEqual([
      'welche',
      'im',
    ]);
    // `die` is German too, but this question is English.
    expect([...phrasingWords(['why', 'does', 'the', 'season', 'die'], new Set(['de']))]).toEqual([]);
    expect([...phrasingWords(['welche', 'sprache'], new Set())]).toEqual([]);
    // One such word is no language: "door code?" is English, though `door` is Dutch.
    expect([...phrasingWords(['door', 'code'], new Set(['nl']))]).toEqual([]);
  });
});

describe('a question in the documents’ language', () => {
  const engine = Engine.create(corpusOf({ 'regeln.md': RULES, 'news.txt': NEWS }));

  it('is answered though the documents never write its function words', () => {
    // Before: "welche" was a word the documents lack, and there was no direct answer.
    const a = engine.answer('Welche Sprache im Hauptkanal?');
    expect(a.notFound).toEqual([]);
    expect(a.answer?.text).toContain('Bitte schreibt im Hauptkanal auf Deutsch.');
  });

  it('still names the words of substance the documents lack', () => {
    const a = engine.answer('Was passiert, wenn ich Spam sende?');
    expect(a.notFound).toEqual(['passiert']);
    expect(a.answer).toBeNull();
    expect(a.results[0]?.section).toContain('Spam');
  });

  it('asks for more than function words', () => {
    // As "How can I do that?" does: before, answered with the spam rule, which says "das".
    const a = engine.answer('Wie kann ich das machen?');
    expect(a.results).toEqual([]);
    expect(a.empty).toBe('no-terms');
  });

  it('leaves English questions as they were, over the same documents', () => {
    // `die` is a German stop word, and an English word the documents hold here.
    const a = engine.answer('Would the season die without the northern pier?');
    expect(a.answer?.text).toContain('Fishermen said the northern pier is vital');
  });
});

describe('French, which joins a verb and its pronoun with a hyphen', () => {
  const engine = Engine.create(
    corpusOf({
      'regles.md':
        "# Règles du serveur\n\n## Publicité\n\nLa publicité pour d'autres serveurs est interdite sans l'accord des modérateurs. Un membre qui en fait reçoit un avertissement.\n\n## Ventes\n\nVous avez le droit de vendre des objets dans le salon des échanges, une annonce par semaine au plus.\n\n## Langue\n\nÉcrivez en français dans le salon principal. Un salon anglais existe pour les autres.\n",
      'news.txt': NEWS,
    }),
  );

  it('reads `ai-je`, `puis-je`, `est-ce` as phrasing, not as words the documents lack', () => {
    // Before: "ai-je" was a word the documents lack, and there was no direct answer.
    for (const q of ['Ai-je le droit de vendre des objets ?', 'Puis-je vendre des objets ?']) {
      const a = engine.answer(q);
      expect(a.notFound).toEqual([]);
      expect(a.answer?.text).toContain('Vous avez le droit de vendre des objets');
    }
    expect(engine.answer('Est-ce que la publicité est interdite ?').notFound).toEqual([]);
  });

  it("finds a word written with an elision (l'installateur) by the word alone, and the other way round", () => {
    const faq = Engine.create(
      corpusOf({
        'faq.md':
          "# Questions\n\n## Installation\n\nLancez l'installateur depuis le menu, puis suivez les étapes d'une page à l'autre.\n\n## Historique\n\nLe projet est né en 1993, et son historique est public.\n",
        'news.txt': NEWS,
        'regles.md': '# Règles\n\nSoyez aimables avec les autres membres du salon.\n',
      }),
    );
    // Before: "installateur" was a word the documents lack (they write "l'installateur").
    const bare = faq.answer('installateur');
    expect(bare.notFound).toEqual([]);
    expect(bare.results[0]?.text).toContain("Lancez l'installateur");
    // And "l'historique" was one: the page writes "son historique".
    const elided = faq.answer("l'historique du projet");
    expect(elided.notFound).toEqual([]);
    expect(elided.results[0]?.text).toContain('son historique est public');
  });

  it('reads a verb with its pronoun after it (est-elle, reçoit-il, peut-on) by the verb', () => {
    // Before: "Not in the documents: reçoit-il", though the page says "Un membre … reçoit un
    // avertissement".
    const a = engine.answer('Pourquoi un membre reçoit-il un avertissement ?');
    expect(a.notFound).toEqual([]);
    expect(a.answer?.text).toContain('avertissement');
    expect(engine.answer('La publicité est-elle interdite ?').notFound).toEqual([]);
    expect(engine.answer('Peut-on vendre des objets ?').notFound).toEqual([]);
  });

  it('leaves hyphenated words of other languages whole, in documents and questions', () => {
    const tech = Engine.create(
      corpusOf({
        'install.md':
          '# Install\n\n## Docker\n\nInstall docker-ce from the official repository, not the snap.\n\n## Snap\n\nThe snap package of docker is older.\n',
        'raid.md': '# Raid\n\nThe rendez-vous for the raid is the north gate at nine.\n',
        'rules.md': '# Rules\n\nBe kind.\n',
      }),
    );
    expect(tech.answer('how do I install docker-ce?').results[0]?.text).toContain('docker-ce');
    expect(tech.answer('where is the rendezvous for the raid?').notFound).toEqual([]);
  });

  it('still names a hyphenated word of substance the documents lack', () => {
    expect(engine.answer('Puis-je vendre des porte-clés ?').notFound).toEqual(['porte-clés']);
    // Words that phrase, joined into a noun: no pronoun ends it.
    expect(engine.answer('Puis-je vendre des objets tout-en-un ?').notFound).toEqual(['tout-en-un']);
  });
});

describe('Russian', () => {
  const engine = Engine.create(
    corpusOf({
      'faq.md':
        '# Частые вопросы\n\n## Пакеты\n\nКаждый пакет можно удалить командой apt remove, а его настройки останутся на диске. Если вы хотите удалить и настройки, то используйте apt purge.\n\n## Обновления\n\nСистема проверяет обновления каждую ночь и устанавливает исправления безопасности. Это можно отключить в настройках, но мы не советуем так делать.\n\n## Помощь\n\nЕсли у вас есть вопрос, который не описан здесь, задайте его в канале помощи. Мы ответим вам, как только сможем.\n',
      'news.txt': NEWS,
    }),
  );

  it('matches the forms of a word, as English does: пакеты is пакет', () => {
    // Before: each form a word of its own, every word a name to be matched exactly (`как`
    // too), and the question refused.
    const a = engine.answer('Как удалить пакеты?');
    expect(a.notFound).toEqual([]);
    expect(a.answer?.text).toContain('Каждый пакет можно удалить командой apt remove');
    expect(engine.answer('обновлений').results[0]?.section).toContain('Обновления');
  });

  it('reads ё as е, corrects no short word into another, and knows its function words on a short page', () => {
    const e = Engine.create(
      corpusOf({
        'rules.md':
          '# Правила\n\n## Чёрный список\n\nУчастники из чёрного списка не могут писать в каналах.\n\n## Роли\n\nРоль выдаётся модераторами.\n',
        'news.txt': NEWS,
      }),
    );
    // Before: "черном" never met "чёрного" (the stemmer took ё for no vowel).
    expect(e.answer('что если я в черном списке').results[0]?.section).toContain('Чёрный список');
    // Before: "соль" (salt) was read as `роль` (role), one letter away.
    const salt = e.answer('Где взять соль?');
    expect(salt.corrections).toEqual([]);
    expect(salt.answer).toBeNull();
    // `как` is no English word: not a word the page lacks, though the page is too short to tell its language.
    expect(e.answer('Как попасть в чёрный список?').notFound).not.toContain('как');
    // Nor is a long word corrected into another: `запретить` (forbid) is not `запустить` (launch).
    const forbid = Engine.create(
      corpusOf({
        'a.md': '# Команды\n\nЧтобы запустить сервер, выполните команду start.\n',
        'news.txt': NEWS,
      }),
    ).answer('Как запретить сервер?');
    expect(forbid.corrections).toEqual([]);
  });

  it('marks and answers by what is asked, not by its function words (что такое)', () => {
    const e = Engine.create(
      corpusOf({
        'faq.md':
          '# Вопросы\n\n## Что такое sid?\n\nSid — это нестабильная ветка, куда попадают новые пакеты. Она никогда не выпускается, так как пакеты сначала идут в testing.\n\n## Обновления\n\nСистема проверяет обновления каждую ночь, если вы не отключили это в настройках.\n',
        'news.txt': NEWS,
      }),
    );
    const a = e.answer('Что такое sid?');
    const marked = (a.results[0]?.marks ?? []).map(([s, e2]) =>
      a.results[0]?.excerpt.slice(s, e2).toLowerCase(),
    );
    // Before: `так` of "так как" was marked, and picked the answer's sentence.
    expect(marked).not.toContain('так');
    expect(marked).not.toContain('что');
    expect(a.need).toEqual(['sid']);
  });
});

describe('scripts with combining marks', () => {
  it('marks a Hindi word whole (its vowel signs are marks, not letters)', () => {
    const e = Engine.create(
      corpusOf({
        'hi.md': '# सहायता\n\n## स्थापना\n\nप्रोग्राम को स्थापित करने के लिए इंस्टॉलर चलाएँ।\n',
        'news.txt': NEWS,
      }),
    );
    const top = e.answer('प्रोग्राम').results[0];
    // Before: the word was read letter by letter between its marks, and nothing was marked.
    expect((top?.marks ?? []).map(([s, e2]) => top?.excerpt.slice(s, e2))).toContain('प्रोग्राम');
  });
});
