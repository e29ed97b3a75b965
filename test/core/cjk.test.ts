/**
 * Chinese and Japanese documents: text written without spaces between words is matched by its
 * pairs of characters. Before, a whole clause was one word, and no question in those languages
 * found anything.
 */
import { describe, expect, it } from 'vitest';
import { parseFile, prepareReaders } from '../../src/core/corpus.js';
import { Engine } from '../../src/core/index.js';
import { splitSentences } from '../../src/core/sentences.js';
import { cjkPieces, terms } from '../../src/core/tokenizer.js';
import { corpusOf } from '../helpers.js';

/** A Chinese library's read-me, as such read-mes are written (headings, code, prose). */
const CHINESE = `# 拼音转换库

一个专业的汉字拼音转换库，功能丰富、准确率高。

## 安装

使用 npm 安装：

\`\`\`
npm install pinyin-lib
\`\`\`

## 获取拼音

获取不带音调格式拼音，请设置 toneType 为 none。

音调以数字形式显示时，请设置 toneType 为 num。

## 文本匹配

支持首字母匹配和全拼匹配，也支持混合匹配。
`;

/** A Japanese guide to a server's rules. */
const JAPANESE = `# サーバーのルール

## 宣伝について

他のサーバーの宣伝はモデレーターの許可なしに禁止されています。

## 言語

メインチャンネルでは日本語で書いてください。英語の質問は専用のチャンネルへどうぞ。

## 荒らしへの対応

荒らし行為を見つけたら、モデレーターに報告してください。スクリーンショットがあると助かります。
`;

const ENGLISH = '# Notes\n\nThe bot reads Markdown and plain text.\n';

const engine = Engine.create(corpusOf({ 'pinyin.md': CHINESE, 'rules.md': JAPANESE, 'notes.md': ENGLISH }));

describe('the words of Chinese and Japanese text', () => {
  it('are its characters and their overlapping pairs', () => {
    expect(terms('安装方法')).toEqual(['安', '安装', '装', '装方', '方', '方法', '法']);
    expect(terms('猫')).toEqual(['猫']);
    // Before: one term for the whole clause.
    expect(terms('使用 npm 安装')).toEqual(['使', '使用', '用', 'npm', '安', '安装', '装']);
  });

  it('keep a word in another script as a word of its own, and place every piece in the text', () => {
    expect(terms('kuroshiroで変換').filter((t) => t.length > 1)).toEqual(['kuroshiro', 'で変', '変換']);
    const text = 'İzmir支店';
    // Each piece in its place (`İ` grows in lower case: before, every mark fell one character late).
    expect(cjkPieces(text).map((p) => text.slice(p.start, p.end))).toEqual(['İzmir', '支', '支店', '店']);
    // A Han character outside the basic plane (two code units) stays whole in its pairs.
    const rare = '\u{2000B}字';
    expect(cjkPieces(rare).map((p) => p.text)).toEqual(['\u{2000B}', rare, '字']);
  });

  it('are read whole however long a run without spaces (before: cut after 64 characters)', () => {
    const long = `${'本项目是一个用于处理文本的小工具，它可以帮助开发者快速地完成各种常见的文本处理任务，'.repeat(4)}如果你需要把结果导出为表格文件，可以使用导出功能。`;
    expect(terms(long)).toContain('导出');
    expect(terms(long)).toContain('表格');
    const e = Engine.create(
      corpusOf({ 'long.md': `# 工具\n\n${long}`, 'notes.md': ENGLISH, 'rules.md': JAPANESE }),
    );
    expect(e.answer('怎么导出为表格文件？').answer?.text).toContain('导出功能');
  });

  it('end their sentences at 。！？ with no space after them', () => {
    expect(splitSentences('変換できます。フリガナも使えます！本当？ Yes.').map((s) => s.text)).toEqual([
      '変換できます。',
      'フリガナも使えます！',
      '本当？',
      'Yes.',
    ]);
  });
});

describe('hard-wrapped Chinese and Japanese', () => {
  const texts = (source: string, content: string) => {
    const parsed = parseFile(source, new TextEncoder().encode(content));
    return parsed.kind === 'document' ? parsed.file.paragraphs.map((p) => p.text) : [];
  };

  it('joins its lines without a space, in plain text, Markdown and HTML (Korean keeps its space)', async () => {
    await prepareReaders(['faq.html']);
    // Before: "完美的答 案", a word split by the space where the line was wrapped.
    const wrapped = '这份文档回答了关于软件包管理的常见问题，以及完美的答\n案和示例。';
    const joined = '这份文档回答了关于软件包管理的常见问题，以及完美的答案和示例。';
    expect(texts('faq.txt', `常见问题\n\n${wrapped}\n\nEnglish text goes\non here.\n`)).toEqual([
      '常见问题',
      joined,
      'English text goes on here.',
    ]);
    expect(texts('faq.md', `# 常见问题\n\n${wrapped}\n`)).toContain(joined);
    expect(texts('faq.html', `<h1>常见问题</h1><p>${wrapped}</p>`)).toContain(joined);
    expect(texts('faq.txt', '질문\n\n설치 파일을 내려받은 뒤\n두 번 클릭하세요.\n')).toContain(
      '설치 파일을 내려받은 뒤 두 번 클릭하세요.',
    );
  });

  it('keeps the items of a list one per line apart (they are no wrapped line)', () => {
    const rules = '禁止在频道中刷屏\n禁止发布广告链接\n禁止使用他人账号';
    for (const [source, content] of [
      ['rules.txt', `规则\n\n${rules}\n`],
      ['rules.md', `# 规则\n\n${rules}\n`],
    ] as const)
      expect(texts(source, content).join(' ')).toContain(
        '禁止在频道中刷屏 禁止发布广告链接 禁止使用他人账号',
      );
  });
});

describe('questions in Chinese and Japanese', () => {
  it('find the passage that answers them, with a direct answer', () => {
    // Before: nothing found for any of them.
    const install = engine.answer('怎么安装？', { limit: 3 });
    expect(install.results[0]?.section).toContain('安装');
    const tone = engine.answer('怎么让音调显示成数字', { limit: 3 });
    expect(tone.answer?.text).toContain('音调以数字形式显示时，请设置 toneType 为 num。');
    const ads = engine.answer('他のサーバーの宣伝はしてもいいですか？', { limit: 3 });
    expect(ads.answer?.text).toContain('宣伝はモデレーターの許可なしに禁止されています');
  });

  it('mark the pairs of the excerpt the question matched, not the whole clause', () => {
    const a = engine.answer('荒らしを見つけたらどうすればいい？', { limit: 3 });
    const top = a.results[0];
    expect(top?.section).toContain('荒らしへの対応');
    const marked = (top?.marks ?? []).map(([s, e]) => top?.excerpt.slice(s, e));
    // Before: the whole clause, "荒らし行為を見つけたら".
    expect(marked[0]).toBe('荒ら');
    expect(marked.every((m) => (m?.length ?? 0) <= 4)).toBe(true);
  });

  it('do not count the pairs that only phrase the question as words the documents lack', () => {
    // 怎么, 让 and 成 phrase it; 调显 and 示成 run between 音调, 显示 and 数字, which the documents hold.
    expect(engine.answer('怎么让音调显示成数字').notFound).toEqual([]);
    // Japanese particles and endings (には, ます, すか) are the question's grammar.
    expect(engine.answer('メインチャンネルでは何語で書きますか？').notFound).toEqual([]);
  });

  it('say what the documents lack, and give no direct answer then', () => {
    // 粤 (Cantonese) is in no word of the documents, nor 语 here: said as the question writes it.
    const cantonese = engine.answer('支持粤语拼音吗？', { limit: 3 });
    expect(cantonese.notFound).toEqual(['粤语']);
    expect(cantonese.answer).toBeNull();
    // 退款 (a refund): each character appears nowhere near a word the documents hold.
    const refund = engine.answer('怎么申请退款？', { limit: 3 });
    expect(refund.notFound.join(' ')).toMatch(/退|款/);
    expect(refund.answer).toBeNull();
  });

  it('do not answer on their phrasing alone, and read a word of one character by itself', () => {
    // Before: "笔是什么" (what is a brush stroke?) was answered by a passage holding 什么.
    const what = engine.answer('设置是什么', { limit: 3 });
    expect(what.answer?.text ?? '').not.toMatch(/什么/);
    const one = engine.answer('音', { limit: 3 });
    expect(one.results[0]?.section).toContain('获取拼音');
  });

  it('take traditional characters and 里 as phrasing too', () => {
    expect(engine.answer('拼音在哪裡設置').notFound).not.toContain('裡');
    expect(engine.answer('怎麼安裝').notFound).not.toContain('麼');
  });

  it('read Korean by its words: a word the documents lack is said, particles and the predicate are not', () => {
    const korean = Engine.create(
      corpusOf({
        'faq.md':
          '# 자주 묻는 질문\n\n## 비밀번호 재설정\n\n로그인 페이지에서 비밀번호 찾기를 누른 다음 안내에 따라 비밀번호를 재설정하세요.\n\n## 설치\n\n설치 파일을 내려받은 뒤 두 번 클릭하여 실행하고 안내에 따라 설치를 완료하세요.\n\n## 언어 설정\n\n설정 페이지의 언어 메뉴에서 화면 언어를 바꿀 수 있습니다.\n',
        'notes.md': ENGLISH,
        'rules.md': JAPANESE,
      }),
    );
    // A refund: before, answered with the installation passage, its particles marked (은, 하, 요).
    const refund = korean.answer('환불은 어떻게 하나요?', { limit: 3 });
    expect(refund.answer).toBeNull();
    const install = korean.answer('설치 방법은 어떻게 되나요?', { limit: 3 });
    expect(install.answer?.text).toContain('설치 파일을 내려받은 뒤');
    // Question words and their endings alone ask nothing; a word of one question alone is no
    // predicate (속도, speed: before, "only common words"); a noun at the end is no predicate.
    expect(korean.answer('어떻게 하나요?').empty).toBe('no-terms');
    expect(korean.answer('속도').notFound).toEqual(['속도']);
    expect(korean.answer('계정 삭제').answer).toBeNull();
    // A particle of two syllables written onto a word in other letters (`Markdown이랑`: and Markdown)
    // is the question's grammar, as one of a syllable is (`sid가`).
    expect(korean.answer('Markdown이랑 설치 방법은 어떻게 되나요?').notFound).toEqual([]);
    expect(korean.answer('Markdown이랑 환불 방법은 어떻게 되나요?').notFound).toEqual(['환불']);
    expect(korean.answer('Markdown이라는 설치 방법은 어떻게 되나요?').notFound).toEqual([]);
  });

  it('are answered from the middle of a long paragraph, around what matched', () => {
    // One sentence of 500 characters: cut to 360 around its match.
    const filler = '本工具可以处理各种常见的文本任务，例如分词、统计、格式转换以及编码检测等等，'.repeat(6);
    const e = Engine.create(
      corpusOf({
        'long.md': `# 工具\n\n${filler}如需把数据库迁移到新版本，请先阅读 API 文档并备份，${filler}完。`,
        'notes.md': ENGLISH,
        'rules.md': JAPANESE,
      }),
    );
    const a = e.answer('数据库迁移', { limit: 1 });
    // Before: the cut jumped to the paragraph's first space after its start, past the match
    // ("…API 文档并备份。…").
    expect(a.answer?.text).toContain('数据库迁移');
    expect(a.results[0]?.excerpt).toContain('数据库迁移');
    // A character alone is not marked inside other words.
    const marked = (a.results[0]?.marks ?? []).map(([s, e2]) => a.results[0]?.excerpt.slice(s, e2));
    expect(marked.every((m) => (m ?? '').length >= 2)).toBe(true);
  });

  it('leave English questions as they were', () => {
    expect(engine.answer('Which formats does the bot read?').answer?.text).toBe(
      'The bot reads Markdown and plain text.',
    );
  });
});
