; Highlights for nianbao, the line grammar of annual reports.

(heading (ordinal) @punctuation.special)
(heading) @markup.heading
(cell (ordinal) @punctuation.special)
(number) @number
(tab) @punctuation.delimiter
(pipe) @punctuation.delimiter
