; Highlights for nianbao in Helix (Helix's capture names; grammar/queries has Neovim's).

(heading) @markup.heading
(heading (ordinal) @punctuation.special)
(cell (ordinal) @punctuation.special)
(number) @constant.numeric.integer
(tab) @punctuation.delimiter
(pipe) @punctuation.delimiter
