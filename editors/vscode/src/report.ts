// Where a new report from the template goes.

/** The title the template gives a report after the organisation and the year. */
const TITLE = { hans: "政府信息公开工作年度报告", hant: "政府信息公開工作年度報告" };

/** 「<单位><年度>年政府信息公开工作年度报告.txt」, without characters file names cannot hold. */
export function reportFileName(organisation: string, year: number, script: "hans" | "hant" = "hans"): string {
  const org = organisation.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "").trim();
  return `${org}${year}年${TITLE[script]}.txt`;
}

/** Whether the template should fill this document rather than a new one: an empty report, or
 * an empty plain-text file the clerk just made. */
export function fillsDocument(languageId: string, text: string): boolean {
  return (languageId === "nianbao" || languageId === "plaintext") && text.trim() === "";
}
