/**
 * @file Line-oriented grammar for the text of Chinese government information
 * disclosure annual reports (政府信息公开工作年度报告) and similar documents.
 *
 * It knows lines, ordinals, cells and numbers, nothing of any template:
 * 「一、本年新收政府信息公开申请数量」 is just a numbered line here.
 * Every input parses without an ERROR node, and every byte belongs to a token,
 * so the tree is lossless.
 */

/// <reference types="tree-sitter-cli/dsl" />
// @ts-check

// Characters that separate words but are not line breaks. ASCII space plus the
// Unicode spaces pasted in from Word, WPS and PDF exports.
const SPACE = ' \\u00A0\\u1680\\u2000-\\u200B\\u202F\\u205F\\u3000\\uFEFF';
const DIGIT = '0-9\\uFF10-\\uFF19';
const CN_NUMERAL = '一二三四五六七八九十〇零百';
// Characters that begin or end an ordinal; plain text stops before them so that
// the ordinal token can win at the start of a line.
const ORDINAL_PUNCT = '、.．()（）';
const CIRCLED = '\\u2460-\\u2473';

module.exports = grammar({
  name: 'nianbao',

  // Nothing is skipped: whitespace is part of the tree.
  extras: _ => [],

  conflicts: $ => [
    // A line that starts with a pipe is a pipe row, unless a tab later makes it a table row.
    [$.cell, $.pipe_row],
  ],

  rules: {
    document: $ => seq(
      repeat(seq(optional($._line), $.newline)),
      optional($._line),
    ),

    _line: $ => choice(
      $.heading,
      $.paragraph,
      $.table_row,
      $.pipe_row,
      $.blank_line,
    ),

    // A line holding nothing but spaces.
    blank_line: $ => $._space,

    // A line that starts with an ordinal: 一、 （一） (一) 1. 1、 ① …
    heading: $ => seq(optional($._space), $.ordinal, optional($._rest)),

    paragraph: $ => seq(optional($._space), $._head, optional($._rest)),

    // Cells separated by tabs; a leading or trailing tab leaves an empty field.
    // Any line with a tab is a table row, so that no tab is ever lost in text.
    table_row: $ => seq(
      optional($.cell),
      repeat1(seq($.tab, optional($.cell))),
    ),

    cell: $ => choice(
      seq(optional($._space), choice($.ordinal, $._head, $.pipe), optional($._rest)),
      $._space,
    ),

    // | cell | cell |, as Markdown or web pages give tables (without tabs).
    pipe_row: $ => seq(
      optional($._space),
      $.pipe,
      repeat(seq(optional(alias($._pipe_cell, $.cell)), $.pipe)),
      optional(alias($._pipe_cell, $.cell)),
    ),
    _pipe_cell: $ => repeat1($._inline),

    _head: $ => choice($.number, $._text_head, $._punct),
    _inline: $ => choice($.number, $._text, $._punct, $._space),
    // Outside pipe rows a pipe is plain text.
    _rest: $ => repeat1(choice($._inline, $.pipe)),

    ordinal: _ => token(choice(
      new RegExp(`[${CN_NUMERAL}]+[、.．]`),
      new RegExp(`[（(][${SPACE}]*[${CN_NUMERAL}]+[${SPACE}]*[）)]`),
      new RegExp(`[${DIGIT}]{1,2}[、.．]`),
      new RegExp(`[（(][${SPACE}]*[${DIGIT}]{1,2}[${SPACE}]*[）)]`),
      new RegExp(`[${CIRCLED}]`),
    )),

    // 12, １２, 1,234, 260.2, ２６０．２
    number: _ => token(new RegExp(
      `[${DIGIT}]+(,[${DIGIT}]{3})*([.．][${DIGIT}]+)?`,
    )),

    tab: _ => '\t',
    pipe: _ => choice('|', '｜'),
    newline: _ => choice('\r\n', '\n', '\r'),

    _space: _ => token(new RegExp(`[${SPACE}]+`)),
    _punct: _ => token(new RegExp(`[${ORDINAL_PUNCT}${CIRCLED}]`)),
    // Text at the start of a line or cell stops before ordinal punctuation and spaces, so that
    // an ordinal can win there; further on, text runs up to the next number or separator,
    // which keeps the token count of prose low.
    _text_head: _ => token(new RegExp(
      `[\\x00]|[^\\r\\n\\t|｜${SPACE}${DIGIT}${ORDINAL_PUNCT}${CIRCLED}]+`,
    )),
    _text: _ => token(new RegExp(
      `[\\x00]|[^\\r\\n\\t|｜${DIGIT}]+`,
    )),
  },
});
