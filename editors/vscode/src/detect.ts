// Which plain-text files are annual reports. VS Code's `firstLine` rule never claims `.txt`
// files from plaintext, so the extension looks for itself.

/** File names that say 年度报告 or 年报, in either script. */
const NAME = /年度[报報]告|年[报報]/;

/** The title of a report, spaces aside: …政府信息公开工作年度报告, in either script. */
const TITLE = /政府(信息|資訊|资讯)公[开開]工作年度[报報]告/;

/** How many lines of the start of a file to look at. */
export const HEAD_LINES = 12;

/** Whether a file looks like a report, by its name or by the title in its first lines. */
export function looksLikeReport(fileName: string, head: string): boolean {
  const base = fileName.split(/[\\/]/).pop() ?? "";
  if (/\.(txt|md)$/i.test(base) && NAME.test(base)) {
    return true;
  }
  const lines = head.split(/\r\n|\r|\n/).slice(0, HEAD_LINES);
  // A title may be split over lines (「某某县2025年」 / 「政府信息公开工作年度报告」).
  const joined = lines.join("").replace(/[\s\u3000]/g, "");
  return TITLE.test(joined);
}
